"""A role's own pages, per language: its article, its embed and its API answer
(publishing/addresses.py reads them)."""

from content.site_url import in_api, in_language


def role_addresses(code, key):
    return [
        in_language(code, "articles:role-detail", slug=key),
        in_language(code, "articles:role-embed", slug=key),
        in_api(code, "api:role_detail", slug=key),
    ]
