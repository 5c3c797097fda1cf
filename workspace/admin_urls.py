from django.urls import path

from workspace import admin_views as views
from workspace import review_views

app_name = "workspace"

urlpatterns = [
    path("", views.home, name="home"),
    path("glossary.tbx", views.glossary, name="glossary"),
    path("notifications/", review_views.notifications, name="notifications"),
    path("<str:language>/", views.queue, name="queue"),
    path("<str:language>/memory.tmx", views.memory, name="memory"),
    path("<str:language>/export/", views.export, name="export"),
    path("<str:language>/import/", views.import_file, name="import"),
    path("<str:language>/conflicts/<int:pk>/", views.resolve, name="resolve"),
    path("<str:language>/<str:kind>/<int:pk>/", views.editor, name="editor"),
    path("<str:language>/<str:kind>/<int:pk>/submit/", views.submit, name="submit"),
    path("<str:language>/<str:kind>/<int:pk>/review/", review_views.review, name="review"),
]
