from django.urls import path

from linking import cards, views

app_name = "linking"

urlpatterns = [
    path("linking/", views.linking_guide, name="linking-guide"),
    path("roles/<slug:slug>/card.json", cards.role_card, name="role-card"),
    path("metrics/<slug:code>/card.json", cards.metric_card, name="metric-card"),
]
