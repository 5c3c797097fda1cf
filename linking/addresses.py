"""The linking app's pages that every site has, and the cards of a role and a metric, per
language (publishing/addresses.py and linking/sitemaps.py read them)."""

from content.site_url import in_language

PAGES = ["linking:linking-guide"]


def role_addresses(code, key):
    return [in_language(code, "linking:role-card", slug=key)]


def metric_addresses(code, key):
    return [in_language(code, "linking:metric-card", code=key)]
