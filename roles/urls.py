from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("", views.index, name="index"),
    path("roles/", views.role_list, name="role-list"),
]
