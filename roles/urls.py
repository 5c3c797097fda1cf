from django.urls import path

from roles import views

app_name = "roles"

urlpatterns = [
    path("", views.index, name="index"),
    path("<page:page>/", views.index, name="index"),
    path("roles/", views.role_list, name="role-list"),
    path("roles/a-z/<letter:letter>/", views.role_letter, name="role-letter"),
    path("roles/a-z/<letter:letter>/<page:page>/", views.role_letter, name="role-letter"),
    path("families/<slug:slug>/", views.family_detail, name="family-detail"),
    path("families/<slug:slug>/<page:page>/", views.family_detail, name="family-detail"),
]
