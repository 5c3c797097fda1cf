from django.urls import path

from articles import views

app_name = "articles"

urlpatterns = [
    path("roles/<slug:slug>/", views.role_detail, name="role-detail"),
    path("embed/roles/<slug:slug>/", views.role_embed, name="role-embed"),
]
