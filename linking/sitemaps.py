from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from metrics.models import Metric
from roles.models import Role


class LocalizedSitemap(Sitemap):
    """Every page in every language, each entry listing its alternates and x-default."""

    i18n = True
    alternates = True
    x_default = True


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
        return Role.objects.order_by("order", "pk")

    def lastmod(self, role):
        return role.updated_on


class MetricSitemap(LocalizedSitemap):
    def items(self):
        return Metric.objects.order_by("order", "pk")


SITEMAPS = {"pages": PageSitemap, "roles": RoleSitemap, "metrics": MetricSitemap}
