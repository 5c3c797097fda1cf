"""The results page, answered on request (it depends on the query: never a stored page), and
the OpenSearch description that lets a browser search the site from its address bar."""

from functools import lru_cache
from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from content.languages import CODES
from content.negotiation import language_links
from content.site_url import absolute
from search.query import MAX_LENGTH, PER_PAGE, page_number, search

# Browsers and proxies may keep a results page this long.
MAX_AGE = 60


@lru_cache(maxsize=1)
def _search_paths():
    paths = {"/api/v1/search"}
    for code in CODES:
        with translation.override(code):
            paths.add(reverse("search:results"))
    return frozenset(paths)


def never_stored(path):
    """Search answers depend on their query: they are never served from the stored pages
    (which ignore query strings)."""
    return path in _search_paths()


def _with_query(path, **params):
    params = {name: value for name, value in params.items() if value not in ("", None, 1)}
    return f"{path}?{urlencode(params)}" if params else path


def _language_links(request, query):
    """The switcher's links keep the query: the same search in another language."""
    links = language_links(request)["language_links"]
    for link in links["alternates"]:
        link["path"] = _with_query(link["path"], q=query)
        link["url"] = _with_query(link["url"], q=query)
    return links


@require_safe
def results(request):
    query = request.GET.get("q", "")
    page = page_number(request.GET.get("page"))
    # Built afresh here; the answers given lately are kept whole by search.middleware.
    outcome = search(query, get_language(), page)
    here = request.path_info
    context = {
        "outcome": outcome,
        "search_query": outcome.query[: MAX_LENGTH * 2],
        "title": _("Search: %(query)s") % {"query": outcome.query}
        if outcome.has_results or outcome.suggestions
        else _("Search"),
        "description": _("Search roles, sections, metrics and places"),
        "noindex": True,
        "language_links": _language_links(request, outcome.query),
        "first_number": (outcome.page - 1) * PER_PAGE + 1,
        "previous_page": _with_query(here, q=outcome.query, page=outcome.page - 1)
        if outcome.page > 1
        else None,
        "next_page": _with_query(here, q=outcome.query, page=outcome.page + 1)
        if outcome.page < outcome.pages
        else None,
    }
    response = render(request, "search/results.html", context)
    # Results pages are for readers, not for search engines' indexes.
    response["X-Robots-Tag"] = "noindex"
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def short_name():
    """The site's name for a browser's list of search engines: at most 16 characters, as
    the OpenSearch specification asks, and never cut mid-word («Довідник професі»)."""
    name = pgettext("OpenSearch ShortName, at most 16 characters", "Role reference")
    if len(name) <= 16:
        return name
    return " ".join(name[:17].split()[:-1]) or name[:16]


@require_safe
def opensearch(request):
    """An OpenSearch description: a browser adds the site as a search engine from it."""
    language = get_language()
    results_url = absolute(reverse("search:results"))
    context = {
        "language": language,
        "results_url": results_url,
        "api_url": absolute("/api/v1/search") + "?q={searchTerms}&lang=" + language,
        "self_url": absolute(request.path_info),
        "short_name": short_name(),
        "description": _("Search roles, sections, metrics and places"),
    }
    response = render(
        request,
        "search/opensearch.xml",
        context,
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )
    patch_cache_control(response, public=True, max_age=24 * 60 * 60)
    return response
