"""Read API, v1: search."""

from ninja import Router

from content.api import Error, in_language
from search.query import page_number
from search.schemas import SearchOut
from search.views import cached_search

router = Router(tags=["search"])


@router.get(
    "/search",
    response={200: SearchOut, 400: Error},
    summary="Search",
    description=(
        "Roles, sections of their articles, metrics and locations matching `q`, in the "
        "language asked for first, ten a page. A query with nothing to search for answers "
        "with a status and a message, not an error."
    ),
)
@in_language
def search(request, language, q: str = "", page: int = 1):
    return cached_search(q, language, page_number(page))
