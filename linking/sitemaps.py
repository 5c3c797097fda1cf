from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from content.addresses import site_host, site_scheme
from content.published import every, instance, sort
from metrics.models import Metric
from roles.models import Role


class LocalizedSitemap(Sitemap):
    """Every page in every language, each entry listing its alternates and x-default, at
    the configured site address (not the one a request names)."""

    i18n = True
    alternates = True
    x_default = True

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


class RoleSitemap(LocalizedSitemap):
    def items(self):
        return sort(map(instance, every(Role)))

    def lastmod(self, role):
        return role.updated_on


class MetricSitemap(LocalizedSitemap):
    def items(self):
        return sort(map(instance, every(Metric)))


SITEMAPS = {"pages": PageSitemap, "roles": RoleSitemap, "metrics": MetricSitemap}
