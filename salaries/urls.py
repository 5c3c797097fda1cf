from django.urls import path

from salaries import views

app_name = "salaries"

urlpatterns = [
    path("salaries/", views.salary_list, name="salary-list"),
]
