from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("roles.urls")),
    path("metrics/", include("metrics.urls")),
    path("salaries/", include("salaries.urls")),
)
