"""The read API's shape of search results."""

from typing import Literal

from ninja import Field, Schema

from content.schemas import absolute

KINDS = Literal["role", "section", "metric", "location"]
STATUSES = Literal["results", "partial", "empty", "too_short", "too_long", "garbage", "no_results"]


class SearchResultOut(Schema):
    kind: KINDS
    title: str
    # The language the result was found in; other_language when it is not the one asked for.
    language: str
    other_language: bool
    url: str
    # A section's anchor on its role's page.
    anchor: str | None
    # The role a section belongs to.
    context: str | None
    snippet: str = Field(
        description="HTML: the text around the matched words, escaped, with each matched "
        "word in <mark>."
    )
    also: str | None = Field(
        description="HTML, when the words were found there: the abbreviation and other "
        "titles, escaped, with each matched word in <mark>."
    )

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.path)

    @staticmethod
    def resolve_anchor(obj):
        return obj.anchor or None

    @staticmethod
    def resolve_context(obj):
        return obj.context or None

    @staticmethod
    def resolve_snippet(obj):
        return str(obj.snippet_html)

    @staticmethod
    def resolve_also(obj):
        return str(obj.also_html) or None


class SuggestionOut(Schema):
    kind: KINDS
    title: str
    language: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.path)


class SearchOut(Schema):
    query: str
    language: str
    status: STATUSES = Field(
        description="results; partial (nothing has every word: these have most); empty, "
        "too_short, too_long or garbage (nothing to search for: see message); no_results "
        "(see suggestions)."
    )
    message: str
    total: int
    page: int
    pages: int
    results: list[SearchResultOut]
    suggestions: list[SuggestionOut]
