from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.urls import reverse

from content.addresses import site_host, site_scheme
from content.published import every, instance, last_published, listing, shown, sort
from metrics.models import Metric
from roles.models import Role, RoleFamily


class LocalizedSitemap(Sitemap):
    """Every page in every language, each entry listing its alternates and x-default, at
    the configured site address (not the one a request names). A page of a sitemap lists
    at most `limit` addresses (a role in five languages is five): far under the 50,000 a
    sitemap may hold, and small enough that publishing one role renders one page of it again
    in a moment; the index lists every page."""

    i18n = True
    alternates = True
    x_default = True
    limit = 500

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_host()

    @property
    def paginator(self):
        # Django's lists every item in every language before taking a page of them: 50,000
        # rows read for one page of a sitemap of 10,000 roles.
        return Paginator(InEveryLanguage(self.items(), self._languages()), self.limit)


class InEveryLanguage:
    """Each of `items` in each of `languages`, (item, language) as a sitemap lists them,
    that a paginator counts and slices without reading more items than its page shows (a
    queryset of them is counted and sliced by the database)."""

    def __init__(self, items, languages):
        self.items, self.languages = items, languages

    def count(self):
        items = self.items.count() if isinstance(self.items, QuerySet) else len(self.items)
        return items * len(self.languages)

    def __getitem__(self, window):
        each = len(self.languages)
        first, last = window.start // each, -(-window.stop // each)
        pairs = [(item, code) for item in self.items[first:last] for code in self.languages]
        return pairs[window.start - first * each : window.stop - first * each]


class PageSitemap(LocalizedSitemap):
    def items(self):
        return [
            "roles:index",
            "roles:role-list",
            "metrics:metric-list",
            "salaries:salary-list",
            "linking:linking-guide",
        ]

    def location(self, item):
        return reverse(item)


class FamilySitemap(LocalizedSitemap):
    def items(self):
        return sort(map(instance, every(RoleFamily)))

    def location(self, family):
        return reverse("roles:family-detail", kwargs={"slug": family.slug})


class RoleSitemap(LocalizedSitemap):
    def items(self):
        return listing(Role)

    def location(self, published):
        return reverse("articles:role-detail", kwargs={"slug": published.key})

    def lastmod(self, published):
        return shown(published).published_at

    def get_latest_lastmod(self):
        return last_published(Role)


class MetricSitemap(LocalizedSitemap):
    def items(self):
        return listing(Metric)

    def location(self, published):
        return reverse("metrics:metric-detail", kwargs={"code": published.key})

    def lastmod(self, published):
        return shown(published).published_at

    def get_latest_lastmod(self):
        return last_published(Metric)


SITEMAPS = {
    "pages": PageSitemap,
    "families": FamilySitemap,
    "roles": RoleSitemap,
    "metrics": MetricSitemap,
}
