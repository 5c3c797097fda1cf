from django.urls import path

from salaries import views

app_name = "salaries"

urlpatterns = [
    path("salaries/", views.salary_list, name="salary-list"),
    path("salaries/<page:page>/", views.salary_list, name="salary-list"),
    path("salaries/without-figures/", views.without_figures, name="without-figures"),
    path("salaries/without-figures/<page:page>/", views.without_figures, name="without-figures"),
]
