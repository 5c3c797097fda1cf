"""Read API, v1: search."""

from ninja import Router

from content.api import Error, in_language
from search import query
from search.schemas import SearchOut

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
    # Kept, whole, by search.middleware (with ?lang=), the one place answers are kept.
    return query.search(q, language, query.page_number(page))
