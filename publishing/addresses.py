"""The addresses readers reach, per language: what publishing renders and stores.

Pages that list content (the index, the metrics and salaries pages, the API's lists, the
sitemap) are the site's; a role or metric has pages of its own. Which stored pages a
publication changes is known from what each page read when it was rendered
(StoredPageRead); these lists say what exists to be rendered at all.
"""

from django.urls import reverse
from django.utils import translation

from content.languages import CODES
from content.models import Published
from content.published import label
from metrics.models import Metric
from roles.models import Role
from salaries.models import Location

SITE_PAGES = [
    "roles:index",
    "roles:role-list",
    "metrics:metric-list",
    "salaries:salary-list",
    "linking:linking-guide",
]
SITE_API = ["api:role_list", "api:metric_list", "api:salary_list"]


def _in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, kwargs=kwargs)


def _api(language, name, **kwargs):
    return f"{reverse(name, kwargs=kwargs)}?lang={language}"


def site_addresses(languages=CODES):
    addresses = [_in(code, name) for code in languages for name in SITE_PAGES]
    addresses += [_api(code, name) for code in languages for name in SITE_API]
    return [*addresses, sitemap_address()]


def sitemap_address():
    return reverse("sitemap")


def own_addresses(published, languages=CODES):
    """The pages of one published role or metric (none for families and locations)."""
    key = published.key
    if published.kind == label(Role):
        addresses = []
        for code in languages:
            addresses += [
                _in(code, "articles:role-detail", slug=key),
                _in(code, "articles:role-embed", slug=key),
                _api(code, "api:role_detail", slug=key),
            ]
            if published.links.filter(kind=label(Location)).exists():
                addresses.append(_api(code, "api:role_salary", slug=key))
        return addresses
    if published.kind == label(Metric):
        return [
            address
            for code in languages
            for address in (
                _in(code, "metrics:metric-detail", code=key),
                _in(code, "metrics:metric-embed", code=key),
                _api(code, "api:metric_detail", code=key),
            )
        ]
    return []


def every_address():
    """Everything readers can reach, for rendering the whole site again."""
    addresses = site_addresses()
    kinds = [label(Role), label(Metric)]
    for published in Published.objects.filter(kind__in=kinds).defer("head", "parts"):
        addresses += own_addresses(published)
    return addresses
