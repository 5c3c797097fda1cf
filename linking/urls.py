from django.urls import path

from linking import views

app_name = "linking"

urlpatterns = [
    path("linking/", views.linking_guide, name="linking-guide"),
]
