from django.contrib.sitemaps import Sitemap
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language

from content.languages import LANGUAGES
from content.published import (
    every,
    instance,
    last_published,
    letters_of,
    listing,
    shown,
    sort,
)
from content.site_url import site_host, site_scheme
from linking import addresses as linking
from metrics import addresses as metrics
from metrics.models import Metric
from roles import addresses as roles
from roles.models import Role, RoleFamily
from salaries import addresses as salaries
from salaries.models import Location


class LocalizedSitemap(Sitemap):
    """Every page in every language, each entry listing its alternates and x-default, at
    the configured site address (not the one a request names). A page of a sitemap lists
    at most `limit` addresses (a role in five languages is five): far under the 50,000 a
    sitemap may hold, and small enough that publishing one role renders one page of it again
    in a moment (each entry lists its six alternates: a page of 500 took 75 ms, a
    seventh of a publication at 1,000 roles); the index lists every page."""

    i18n = True
    alternates = True
    x_default = True
    limit = 100

    def __init__(self):
        self._addresses = {}

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_host()

    def address(self, name, **kwargs):
        """reverse(name, kwargs) in the active language, once per sitemap page: Django asks
        for each entry's address again for each of its alternates and its x-default, seven
        times an entry and language (3,500 reverse() calls, 60% of a page of roles)."""
        key = (name, get_language(), *kwargs.items())
        if key not in self._addresses:
            self._addresses[key] = reverse(name, kwargs=kwargs)
        return self._addresses[key]

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
        # The pages every site has, as each app declares them (its addresses.py).
        return [*roles.PAGES, *metrics.PAGES, *salaries.PAGES, *linking.PAGES]

    def location(self, item):
        return self.address(item)

    def lastmod(self, item):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        # The lists show every kind of content: the last publication of any of them.
        return _latest(RoleFamily, Role, Metric, Location)


class FamilySitemap(LocalizedSitemap):
    def items(self):
        families = []
        for published in every(RoleFamily):
            family = instance(published)
            family.published_at = published.published_at
            families.append(family)
        return sort(families)

    def location(self, family):
        return self.address("roles:family-detail", slug=family.slug)

    def lastmod(self, family):
        # A family's page lists its roles: its own publication or the last of any role
        # (which may have joined or left it), whichever is later.
        return _latest(Role, at_least=family.published_at)

    def get_latest_lastmod(self):
        return _latest(RoleFamily, Role)


class RoleSitemap(LocalizedSitemap):
    def items(self):
        return listing(Role)

    def location(self, published):
        return self.address("articles:role-detail", slug=published.key)

    def lastmod(self, published):
        return shown(published).published_at

    def get_latest_lastmod(self):
        return last_published(Role)


class MetricSitemap(LocalizedSitemap):
    def items(self):
        return listing(Metric)

    def location(self, published):
        return self.address("metrics:metric-detail", code=published.key)

    def lastmod(self, published):
        return shown(published).published_at

    def get_latest_lastmod(self):
        return last_published(Metric)


class LetterSitemap(Sitemap):
    """The A to Z's letter pages. A letter belongs to one language's alphabet (Korean's ㄱ,
    Bokmål's å): each page is listed in its own language, with no alternates."""

    limit = LocalizedSitemap.limit

    def get_protocol(self, protocol=None):
        return site_scheme()

    def get_domain(self, site=None):
        return site_host()

    def items(self):
        return letters_of(Role, [language.code for language in LANGUAGES])

    def location(self, item):
        language, letter = item
        with translation.override(language):
            return reverse("roles:role-letter", kwargs={"letter": letter})

    def lastmod(self, item):
        return self.get_latest_lastmod()

    def get_latest_lastmod(self):
        return last_published(Role)


def _latest(*models, at_least=None):
    dates = [last_published(model) for model in models] + [at_least]
    return max((date for date in dates if date), default=None)


SITEMAPS = {
    "pages": PageSitemap,
    "families": FamilySitemap,
    "roles": RoleSitemap,
    "metrics": MetricSitemap,
    "letters": LetterSitemap,
}
