from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.addresses import site_host, site_scheme
from content.published import every, instance, listing, shown, sort
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


class MetricSitemap(LocalizedSitemap):
    def items(self):
        return listing(Metric)

    def location(self, published):
        return reverse("metrics:metric-detail", kwargs={"code": published.key})

    def lastmod(self, published):
        return shown(published).published_at


SITEMAPS = {
    "pages": PageSitemap,
    "families": FamilySitemap,
    "roles": RoleSitemap,
    "metrics": MetricSitemap,
}
