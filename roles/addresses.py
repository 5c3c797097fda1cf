"""The roles app's pages that every site has, and the pages of its lists, per language:
what publishing renders and stores, and what the sitemap lists (publishing/addresses.py and
linking/sitemaps.py read them). A new list page of this app is declared here."""

from django.db.models import Count

from content.models import Published, PublishedTitle
from content.paging import Pages
from content.published import counts_of_each, label
from content.site_url import in_api, in_language
from roles.api import API_PAGE
from roles.models import Role, RoleFamily
from roles.published import FAMILIES_ON_INDEX, FAMILY_PAGE, LETTER_PAGE

# Page 1 of each list, in every language; and the API's.
PAGES = ["roles:index", "roles:role-list"]
API_PAGES = ["api:role_list"]


def letter_addresses(languages):
    """Every page of every A to Z letter that has roles, in `languages`."""
    letters = (
        PublishedTitle.objects.filter(kind=label(Role), language__in=languages)
        .values_list("language", "initial")
        .annotate(n=Count("id"))
    )
    addresses = []
    for code, letter, count in letters:
        address = in_language(code, "roles:role-letter", letter=letter)
        addresses += Pages(1, count, LETTER_PAGE, address).addresses()
    return addresses


def list_addresses(languages, role_count):
    """The pages of the lists after the first that PAGES names, in `languages`: the
    index's, each family's, the API's list of roles (`role_count` published roles)."""
    in_family = counts_of_each(Role, RoleFamily)
    families = Published.objects.filter(kind=label(RoleFamily)).values_list("object_id", "key")
    listed = sum(1 for family_id, _key in families if family_id in in_family)
    addresses = []
    for code in languages:
        index = in_language(code, "roles:index")
        addresses += Pages(1, listed, FAMILIES_ON_INDEX, index).addresses()[1:]
        for family_id, key in families:
            address = in_language(code, "roles:family-detail", slug=key)
            addresses += Pages(1, in_family.get(family_id, 0), FAMILY_PAGE, address).addresses()
        api = in_api(code, "api:role_list")
        addresses += Pages(1, role_count, API_PAGE, api, query="page").addresses()[1:]
    return addresses
