"""The salaries app's pages that every site has, the pages of its lists, and a role's own
page of figures, per language (publishing/addresses.py and linking/sitemaps.py read them).
A new list page of this app is declared here."""

from content.paging import Pages
from content.site_url import in_api, in_language
from salaries.published import SALARIES_PAGE, WITHOUT_FIGURES

# Page 1 of each list, in every language; and the API's.
PAGES = ["salaries:salary-list", "salaries:without-figures"]
API_PAGES = ["api:salary_list"]


def list_addresses(languages, role_count, with_figures):
    """Every page of the salaries lists in `languages`, `with_figures` of `role_count`
    published roles having figures: the comparison, the roles without figures, the API's."""
    addresses = []
    for code in languages:
        for name, count, size in [
            ("salaries:salary-list", with_figures, SALARIES_PAGE),
            ("salaries:without-figures", role_count - with_figures, WITHOUT_FIGURES),
        ]:
            addresses += Pages(1, count, size, in_language(code, name)).addresses()
        api = in_api(code, "api:salary_list")
        addresses += Pages(1, with_figures, SALARIES_PAGE, api, query="page").addresses()[1:]
    return addresses


def role_addresses(code, key):
    """A role's figures in the API, in `code` (when it has any)."""
    return [in_api(code, "api:role_salary", slug=key)]
