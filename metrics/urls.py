from django.urls import path

from metrics import views

app_name = "metrics"

urlpatterns = [
    path("metrics/", views.metric_list, name="metric-list"),
    path("metrics/<slug:code>/", views.metric_detail, name="metric-detail"),
    path("metrics/<slug:code>/<page:page>/", views.metric_detail, name="metric-detail"),
    path("embed/metrics/<slug:code>/", views.metric_embed, name="metric-embed"),
]
