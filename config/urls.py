from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from roles.admin_views import translation_overview

urlpatterns = [
    path(
        "admin/translations/",
        admin.site.admin_view(translation_overview),
        name="translation-overview",
    ),
    path("admin/", admin.site.urls),
]

urlpatterns += i18n_patterns(
    path("", include("roles.urls")),
    path("metrics/", include("metrics.urls")),
    path("salaries/", include("salaries.urls")),
)
