from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import index as sitemap_index
from django.http import HttpResponsePermanentRedirect, HttpResponseRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import Resolver404, include, path, re_path, resolve
from django.utils.cache import patch_cache_control
from django.utils.encoding import escape_uri_path
from django.views.decorators.http import require_safe
from ninja import NinjaAPI, Swagger
from ninja.errors import ValidationError

from articles.api import router as articles_api
from content.api import invalid_request
from content.languages import CODES
from content.site_url import absolute
from linking.cards import preview_script
from linking.oembed import oembed
from linking.sitemaps import SITEMAPS
from linking.views import robots_txt, sitemap_section
from metrics.api import router as metrics_api
from publishing.downloads import FILES as DOWNLOADS
from roles.api import router as roles_api
from salaries.api import router as salaries_api
from search.api import router as search_api


class ReferenceAPI(NinjaAPI):
    def get_openapi_schema(self, **kwargs):
        """The schema, with what the server in front answers before the site sees a request:
        gunicorn refuses a request line (method, address and query) over 4,094 bytes."""
        schema = super().get_openapi_schema(**kwargs)
        for operations in schema["paths"].values():
            for operation in operations.values():
                operation["responses"].setdefault(
                    414,
                    {"description": "The request line is longer than the server accepts."},
                )
        return schema


api = ReferenceAPI(
    title="Role reference API",
    version="1",
    description="Read-only: roles, metrics and salary bands in en, hi, uk, ko and nb, and search.",
    urls_namespace="api",
    # Interactive documentation from the same schema, at /api/v1/docs. Swagger UI comes from
    # django-ninja's own static files ("ninja" in INSTALLED_APPS), not a CDN, and its
    # settings are a JSON data block read by a static script: it runs under the site's CSP.
    docs=Swagger(settings={"validatorUrl": None, "tryItOutEnabled": True}),
    docs_url="/docs",
)
api.add_exception_handler(ValidationError, invalid_request)
api.add_router("", roles_api)
api.add_router("", articles_api)
api.add_router("", metrics_api)
api.add_router("", salaries_api)
api.add_router("", search_api)


@require_safe
def favicon(request):
    """Browsers and crawlers ask for /favicon.ico whatever the page links; the icon is a
    static file (hashed in production), so the answer says where it is, for a day."""
    response = HttpResponseRedirect(static("favicon.ico"))
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response


@require_safe
def api_root(request):
    """What is at /api/v1/: where the schema and its documentation are, and the lists."""
    response = JsonResponse(
        {
            "schema": absolute("/api/v1/openapi.json"),
            "docs": absolute("/api/v1/docs"),
            "roles": absolute("/api/v1/roles/"),
            "metrics": absolute("/api/v1/metrics/"),
            "salaries": absolute("/api/v1/salaries/"),
            "search": absolute("/api/v1/search"),
            # The whole reference per language, as files (publishing/downloads.py).
            "downloads": {
                code: {name: absolute(f"/{code}/downloads/{name}") for name in DOWNLOADS}
                for code in CODES
            },
            "feeds": {code: absolute(f"/{code}/feed/") for code in CODES},
        }
    )
    patch_cache_control(response, public=True, max_age=300)
    return response


def api_not_found(request):
    """A 404 in JSON; but an address that differs from an endpoint's only by a trailing
    slash (/api/v1/roles, /api/v1/roles/<slug>/) redirects permanently to that endpoint."""

    def toggled(path):
        return path[:-1] if path.endswith("/") else f"{path}/"

    try:
        match = resolve(toggled(request.path_info))
    except Resolver404:
        match = None
    if match is not None and match.namespace == "api":
        # As Django's own slash redirect builds it (get_full_path), the slash toggled.
        location = toggled(escape_uri_path(request.path))
        query = request.META.get("QUERY_STRING", "")
        return HttpResponsePermanentRedirect(f"{location}?{query}" if query else location)
    return JsonResponse({"error": "There is nothing at this API address."}, status=404)


urlpatterns = [
    # With the apps' own admin pages (config/admin.py).
    path("admin/", admin.site.urls),
    path("api/v1/", api_root, name="api-root"),
    path("api/v1/", api.urls),
    re_path(r"^api/", api_not_found),
    path("oembed", oembed, name="oembed"),
    # An index of sitemaps, each under the 50,000 addresses a sitemap may list.
    path(
        "sitemap.xml",
        sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "sitemap-section"},
        name="sitemap",
    ),
    path(
        "sitemap-<section>.xml",
        sitemap_section,
        {"sitemaps": SITEMAPS},
        name="sitemap-section",
    ),
    path("robots.txt", robots_txt, name="robots-txt"),
    path("favicon.ico", favicon, name="favicon"),
    # The link-preview script knowledge bases include: an address that never changes.
    path("link-preview.js", preview_script, name="link-preview"),
]

urlpatterns += i18n_patterns(
    path("", include("roles.urls")),
    path("", include("articles.urls")),
    path("", include("metrics.urls")),
    path("", include("salaries.urls")),
    path("", include("linking.urls")),
    path("", include("search.urls")),
    path("", include("publishing.reader_urls")),
)

# A database that cannot be reached answers 503 with a page that says so (content/unavailable.py).
handler500 = "content.unavailable.server_error"
