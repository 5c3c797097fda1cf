"""Metrics as structured data: each a DefinedTerm of the reference's DefinedTermSet (the
metrics page), in the page's language."""

from django.utils.translation import gettext as _

from content.site_url import absolute, path
from content.structured_data import breadcrumbs, web_page


def term_set_id():
    return absolute(path("metrics:metric-list")) + "#metrics"


def term_set(terms=()):
    node = {
        "@type": "DefinedTermSet",
        "@id": term_set_id(),
        "name": _("Metrics"),
        "url": absolute(path("metrics:metric-list")),
    }
    if terms:
        node["hasDefinedTerm"] = list(terms)
    return node


def defined_term(metric, *, described=True):
    """The metric as a DefinedTerm; without its definition when not `described` (a role's
    article names the metrics it mentions, their pages define them)."""
    url = absolute(metric.get_absolute_url())
    term = {
        "@type": "DefinedTerm",
        "@id": f"{url}#term",
        "name": metric.name,
        "termCode": metric.code,
    }
    if described:
        term["description"] = metric.definition
    term["url"] = url
    term["inDefinedTermSet"] = {"@id": term_set_id()}
    return term


def metric_graph(metric):
    url = absolute(metric.get_absolute_url())
    page = web_page(
        url,
        metric.name,
        description=metric.definition,
        kind="ItemPage",
        mainEntity={"@id": f"{url}#term"},
        breadcrumb={"@id": f"{url}#breadcrumb"},
    )
    crumbs = [(_("Metrics"), absolute(path("metrics:metric-list"))), (metric.name, url)]
    return [page, defined_term(metric), term_set(), breadcrumbs(url, crumbs)]


def metric_list_graph(metrics, title, description):
    url = absolute(path("metrics:metric-list"))
    page = web_page(
        url,
        title,
        description=description,
        kind="CollectionPage",
        mainEntity={"@id": term_set_id()},
    )
    return [page, term_set(defined_term(metric) for metric in metrics)]
