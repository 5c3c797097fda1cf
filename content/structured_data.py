"""Structured data (schema.org as JSON-LD) that every public page carries, in its language.

A page's view gives the nodes that describe what it shows (`structured_data` in its
context); the base template adds the site and its search, and writes the graph as a data
block (a script element that is never run, so the site's CSP needs no exception for it).
Every node is built from the same published objects as the page.
"""

import json

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from content.site_url import absolute, path

CONTEXT = "https://schema.org"
# JSON inside a script element: the characters that could end it or open markup are
# written as escapes, as Django's json_script does.
_SCRIPT_ESCAPES = [("&", "\\u0026"), ("<", "\\u003C"), (">", "\\u003E")]


def site_id():
    return absolute("/#website")


def publisher_id():
    return absolute("/#publisher")


def publisher():
    """Who publishes the reference: the site itself, named as its pages name it."""
    return {"@type": "Organization", "@id": publisher_id(), "name": _("Role reference"),
            "url": absolute("/")}  # fmt: skip


def website(language):
    """The site, with the search page as its SearchAction."""
    search = absolute(path("search:results"))
    return {
        "@type": "WebSite",
        "@id": site_id(),
        "name": _("Role reference"),
        "url": absolute(f"/{language}/"),
        "inLanguage": language,
        "publisher": {"@id": publisher_id()},
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


def breadcrumbs(page_url, crumbs):
    """A BreadcrumbList of (name, absolute address) pairs, the page itself last."""
    return {
        "@type": "BreadcrumbList",
        "@id": f"{page_url}#breadcrumb",
        "itemListElement": [
            {"@type": "ListItem", "position": n, "name": name, "item": url}
            for n, (name, url) in enumerate(crumbs, start=1)
        ],
    }


def web_page(page_url, name, *, description="", kind="WebPage", **properties):
    """The page itself, part of the site."""
    node = {
        "@type": kind,
        "@id": page_url,
        "url": page_url,
        "name": name,
        "inLanguage": get_language(),
        "isPartOf": {"@id": site_id()},
    }
    if description:
        node["description"] = description
    node.update(properties)
    return node


def page_graph(nodes, *, page_url, title="", description=""):
    """The page's graph: the site, and the view's `nodes`, or a WebPage of the page's
    title and description when the view gave none."""
    language = get_language()
    if nodes is None:
        nodes = [web_page(page_url, title or _("Role reference"), description=description)]
    return {"@context": CONTEXT, "@graph": [website(language), publisher(), *nodes]}


def as_script(data):
    """`data` as the text of an application/ld+json script element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    # str.replace, not str.translate: translate looks up every character of a role page's
    # 6 KB graph in the table (0.3 ms, 4% of the page), replace scans for each in C.
    for character, escape in _SCRIPT_ESCAPES:
        text = text.replace(character, escape)
    return text
