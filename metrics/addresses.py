"""The metrics app's pages that every site has and a metric's own pages, per language
(publishing/addresses.py and linking/sitemaps.py read them)."""

from content.paging import Pages
from content.site_url import in_api, in_language
from metrics.published import METRIC_PAGE

# Page 1 of each list, in every language; and the API's.
PAGES = ["metrics:metric-list"]
API_PAGES = ["api:metric_list"]


def metric_addresses(code, key, judged):
    """The pages of the metric at `key` in `code`, judging `judged` published roles (the
    embed and the API first, then every page of the roles it lists)."""
    detail = in_language(code, "metrics:metric-detail", code=key)
    api = in_api(code, "api:metric_detail", code=key)
    return [
        in_language(code, "metrics:metric-embed", code=key),
        api,
        *Pages(1, judged, METRIC_PAGE, detail).addresses(),
        *Pages(1, judged, METRIC_PAGE, api, query="page").addresses()[1:],
    ]
