"""The addresses readers reach, per language: what publishing renders and stores.

Pages that list content (the index, the metrics and salaries pages, the API's lists, the
sitemap) are the site's; a role or metric has pages of its own. Which stored pages a
publication changes is known from what each page read when it was rendered
(StoredPageRead); these lists say what exists to be rendered at all.
"""

from django.db.models import Count
from django.urls import reverse
from django.utils import translation

from content.languages import CODES
from content.models import Published, PublishedLink, PublishedTitle
from content.paging import Pages
from content.published import counts_of_each, label
from linking.sitemaps import SITEMAPS
from metrics.models import Metric
from metrics.published import METRIC_PAGE
from publishing.downloads import download_paths
from publishing.models import Publication
from publishing.versions import version_addresses
from roles.api import API_PAGE
from roles.models import Role, RoleFamily
from roles.published import FAMILIES_ON_INDEX, FAMILY_PAGE, LETTER_PAGE
from salaries.models import Location
from salaries.published import SALARIES_PAGE, WITHOUT_FIGURES

SITE_PAGES = [
    "roles:index",
    "roles:role-list",
    "metrics:metric-list",
    "salaries:salary-list",
    "linking:linking-guide",
    "published:feed",
]
SITE_API = ["api:role_list", "api:metric_list", "api:salary_list"]


def _in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _api(language, name, **kwargs):
    return f"{reverse(name, kwargs=kwargs)}?lang={language}"


def _pages(count, size):
    """The page numbers of a list of `count` things, `size` to a page (page 1 even when
    empty), for the API's lists, numbered by a query parameter."""
    return range(1, Pages(1, count, size, "").count + 1)


def list_addresses(languages=CODES):
    """Every page of the site's paginated lists: the index's pages after its first, the A
    to Z's letters, the families, the salaries, the API's lists."""
    roles = Published.objects.filter(kind=label(Role))
    role_count = roles.count()
    with_figures = roles.filter(links__kind=label(Location)).distinct().count()
    in_family = counts_of_each(Role, RoleFamily)
    families = Published.objects.filter(kind=label(RoleFamily)).values_list("object_id", "key")
    letters = (
        PublishedTitle.objects.filter(kind=label(Role), language__in=languages)
        .values_list("language", "initial")
        .annotate(n=Count("id"))
    )
    addresses = []
    for code, letter, count in letters:
        address = _in(code, "roles:role-letter", letter=letter)
        addresses += Pages(1, count, LETTER_PAGE, address).addresses()
    listed = sum(1 for family_id, _key in families if family_id in in_family)
    for code in languages:
        index = _in(code, "roles:index")
        addresses += Pages(1, listed, FAMILIES_ON_INDEX, index).addresses()[1:]
        for family_id, key in families:
            address = _in(code, "roles:family-detail", slug=key)
            addresses += Pages(1, in_family.get(family_id, 0), FAMILY_PAGE, address).addresses()
        for name, count, size in [
            ("salaries:salary-list", with_figures, SALARIES_PAGE),
            ("salaries:without-figures", role_count - with_figures, WITHOUT_FIGURES),
        ]:
            address = _in(code, name)
            addresses += Pages(1, count, size, address).addresses()
        for name, count, size in [
            ("api:role_list", role_count, API_PAGE),
            ("api:salary_list", with_figures, SALARIES_PAGE),
        ]:
            address = _api(code, name)
            addresses += [
                address if page == 1 else f"{address}&page={page}" for page in _pages(count, size)
            ][1:]
    return addresses


def sitemap_addresses():
    """The sitemap index and every page of each of its sitemaps."""
    addresses = [sitemap_address()]
    for section, sitemap in SITEMAPS.items():
        address = reverse("sitemap-section", kwargs={"section": section})
        count = sitemap().paginator.num_pages
        addresses += [
            address if page == 1 else f"{address}?p={page}" for page in range(1, count + 1)
        ]
    return addresses


def site_addresses(languages=CODES):
    """The site's own pages: page 1 of each list, in `languages`, and the sitemap. Other
    pages of lists are in list_addresses: they come and go as the lists grow and shrink."""
    addresses = [_in(code, name) for code in languages for name in SITE_PAGES]
    addresses += [_api(code, name) for code in languages for name in SITE_API]
    # The downloads: rendered here when there are none yet; they note no reads, and are
    # remade after each publication has committed (publishing/downloads.py).
    addresses += download_paths(languages)
    return [*addresses, sitemap_address()]


def sitemap_address():
    return reverse("sitemap")


def own_addresses(published, languages=CODES):
    """The pages of one published role or metric (none for families and locations)."""
    key = published.key
    if published.kind == label(Role):
        with_figures = published.links.filter(kind=label(Location)).exists()
        return role_addresses(key, with_figures, languages)
    if published.kind == label(Metric):
        judged = PublishedLink.objects.filter(
            kind=label(Metric), target_id=published.object_id, source_kind=label(Role)
        ).count()
        return metric_addresses(key, judged, languages)
    return []


def role_addresses(key, with_figures, languages=CODES):
    """The pages of the role at `key` (its salary figures' too, if it has any)."""
    addresses = []
    for code in languages:
        addresses += [
            _in(code, "articles:role-detail", slug=key),
            _in(code, "articles:role-embed", slug=key),
            _in(code, "linking:role-card", slug=key),
            _api(code, "api:role_detail", slug=key),
        ]
        if with_figures:
            addresses.append(_api(code, "api:role_salary", slug=key))
    return addresses


def metric_addresses(key, judged, languages=CODES):
    """The pages of the metric at `key`, judging `judged` published roles."""
    addresses = []
    for code in languages:
        detail = _in(code, "metrics:metric-detail", code=key)
        api = _api(code, "api:metric_detail", code=key)
        addresses += [_in(code, "metrics:metric-embed", code=key), api]
        addresses.append(_in(code, "linking:metric-card", code=key))
        addresses += Pages(1, judged, METRIC_PAGE, detail).addresses()
        addresses += [f"{api}&page={page}" for page in _pages(judged, METRIC_PAGE)][1:]
    return addresses


def every_address():
    """Everything readers can reach, for rendering the whole site again."""
    addresses = [*site_addresses(), *list_addresses(), *sitemap_addresses()[1:]]
    judged = counts_of_each(Role, Metric)
    for key, object_id in Published.objects.filter(kind=label(Metric)).values_list(
        "key", "object_id"
    ):
        addresses += metric_addresses(key, judged.get(object_id, 0))
    with_figures = set(
        PublishedLink.objects.filter(kind=label(Location)).values_list("source_id", flat=True)
    )
    for pk, key in Published.objects.filter(kind=label(Role)).values_list("id", "key"):
        addresses += role_addresses(key, pk in with_figures)
    # Every version of every role: they never change, but a new release renders them anew.
    for publication in Publication.objects.filter(kind=label(Role)).exclude(head=None):
        addresses += version_addresses(publication)
    return list(dict.fromkeys(addresses))
