"""The addresses readers reach, per language: what publishing renders and stores.

Each app declares its own pages in its addresses.py (the pages every site has, the pages of
its lists, an object's own pages); this module puts them together with publishing's own
(the feed, the downloads, the old versions) and the sitemap's. Which stored pages a
publication changes is known from what each page read when it was rendered
(StoredPageRead); these lists say what exists to be rendered at all.
"""

from django.urls import reverse

from articles import addresses as articles
from content.languages import CODES
from content.models import Published, PublishedLink
from content.paging import Pages
from content.published import counts_of_each, label
from content.site_url import in_api, in_language
from linking import addresses as linking
from linking.sitemaps import SITEMAPS
from metrics import addresses as metrics
from metrics.models import Metric
from publishing.downloads import download_paths
from publishing.models import Publication
from publishing.versions import version_addresses
from roles import addresses as roles
from roles.models import Role
from salaries import addresses as salaries
from salaries.models import Location

# Page 1 of each list every site has, in every language: the apps' and publishing's feed.
SITE_PAGES = [*roles.PAGES, *metrics.PAGES, *salaries.PAGES, *linking.PAGES, "published:feed"]
SITE_API = [*roles.API_PAGES, *metrics.API_PAGES, *salaries.API_PAGES]


def list_addresses(languages=CODES):
    """Every page of the site's paginated lists: the A to Z's letters, the index's pages
    after its first, the families, the salaries, the API's lists."""
    published_roles = Published.objects.filter(kind=label(Role))
    role_count = published_roles.count()
    with_figures = published_roles.filter(links__kind=label(Location)).distinct().count()
    return [
        *roles.letter_addresses(languages),
        *roles.list_addresses(languages, role_count),
        *salaries.list_addresses(languages, role_count, with_figures),
    ]


def sitemap_addresses():
    """The sitemap index and every page of each of its sitemaps."""
    addresses = [sitemap_address()]
    for section, sitemap in SITEMAPS.items():
        address = reverse("sitemap-section", kwargs={"section": section})
        count = sitemap().paginator.num_pages
        addresses += Pages(1, count, 1, address, query="p").addresses()
    return addresses


def site_addresses(languages=CODES):
    """The site's own pages: page 1 of each list, in `languages`, and the sitemap. Other
    pages of lists are in list_addresses: they come and go as the lists grow and shrink."""
    addresses = [in_language(code, name) for code in languages for name in SITE_PAGES]
    addresses += [in_api(code, name) for code in languages for name in SITE_API]
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
        addresses += [*articles.role_addresses(code, key), *linking.role_addresses(code, key)]
        if with_figures:
            addresses += salaries.role_addresses(code, key)
    return addresses


def metric_addresses(key, judged, languages=CODES):
    """The pages of the metric at `key`, judging `judged` published roles."""
    addresses = []
    for code in languages:
        addresses += [
            *metrics.metric_addresses(code, key, judged),
            *linking.metric_addresses(code, key),
        ]
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
    # Only what their addresses need, a few at a time: the lists each publication keeps
    # are most of the database (read whole, about 2 GB in render_pages at 10,000 roles,
    # and in each server process that /readyz asked while a release was rendering).
    kept = (
        Publication.objects.filter(kind=label(Role))
        .exclude(head=None)
        .only("kind", "key", "number", "action", "head")
    )
    for publication in kept.iterator(chunk_size=1000):
        addresses += version_addresses(publication)
    return list(dict.fromkeys(addresses))
