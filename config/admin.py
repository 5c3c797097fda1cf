"""The admin site: Django's, with the pages the apps add to it and a front page that is a
translator's queue.

One convention for custom admin pages: an app's views are in its admin_views.py and its
addresses in its admin_urls.py, mounted here under /admin/ (names "admin:<app>:<page>");
ModelAdmins stay in each app's admin.py.
"""

from django.contrib import admin
from django.urls import include, path

from articles.admin_views import translation_overview
from workspace.admin_views import translators_front_page


class SiteAdmin(admin.AdminSite):
    def get_urls(self):
        return [
            path(
                "translations/",
                self.admin_view(translation_overview),
                name="translation-overview",
            ),
            path("publishing/", include("publishing.admin_urls")),
            path("workspace/", include("workspace.admin_urls")),
            *super().get_urls(),
        ]

    def index(self, request, extra_context=None):
        return translators_front_page(request) or super().index(request, extra_context)
