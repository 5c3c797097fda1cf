from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("", views.index, name="index"),
    path("roles/<slug:slug>/", views.role_detail, name="role-detail"),
    path("embed/roles/<slug:slug>/", views.role_embed, name="role-embed"),
    path("linking/", views.linking_guide, name="linking-guide"),
]
