from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.http import JsonResponse
from django.urls import include, path, re_path
from ninja import NinjaAPI
from ninja.errors import ValidationError

from articles.admin_views import translation_overview
from articles.api import router as articles_api
from content.api import invalid_request
from linking.oembed import oembed
from linking.sitemaps import SITEMAPS
from linking.views import robots_txt
from metrics.api import router as metrics_api
from roles.api import router as roles_api
from salaries.api import router as salaries_api
from search.api import router as search_api

api = NinjaAPI(
    title="Role reference API",
    version="1",
    description="Read-only: roles, metrics and salary bands in en, hi, uk, ko and nb, and search.",
    urls_namespace="api",
    docs_url=None,  # the schema is the documentation; a docs page would load a CDN script
)
api.add_exception_handler(ValidationError, invalid_request)
api.add_router("", roles_api)
api.add_router("", articles_api)
api.add_router("", metrics_api)
api.add_router("", salaries_api)
api.add_router("", search_api)


def api_not_found(request):
    return JsonResponse({"error": "There is nothing at this API address."}, status=404)


urlpatterns = [
    path(
        "admin/translations/",
        admin.site.admin_view(translation_overview),
        name="translation-overview",
    ),
    path("admin/publishing/", include("publishing.urls")),
    path("admin/", admin.site.urls),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),
    path("oembed", oembed, name="oembed"),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", robots_txt, name="robots-txt"),
]

urlpatterns += i18n_patterns(
    path("", include("roles.urls")),
    path("", include("articles.urls")),
    path("", include("metrics.urls")),
    path("", include("salaries.urls")),
    path("", include("linking.urls")),
    path("", include("search.urls")),
)
