"""Pages of a list: which page this is, and the addresses of the others.

Page 1 of a list is its own address; page n is that address followed by n/ (path-based, so
that every page is a page of its own for publishing to store), or, where the address numbers
its pages by a query parameter (the API's ?page=, a sitemap's ?p=), with that parameter.
"""

import math
import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.http import Http404


@dataclass
class Pages:
    number: int
    total: int
    size: int
    address: str
    # The query parameter that numbers the pages, where the address does not.
    query: str | None = None

    @property
    def count(self):
        return max(1, math.ceil(self.total / self.size))

    def url(self, number):
        if number == 1:
            return self.address
        if self.query:
            joined = "&" if "?" in self.address else "?"
            return f"{self.address}{joined}{self.query}={number}"
        return f"{self.address}{number}/"

    @property
    def links(self):
        """The first and last pages and those near this one (None stands for a gap): the
        links stay few however long the list grows. Django's elided page range decides
        which; a gap never hides a single page."""
        numbers = Paginator(range(self.count), 1).get_elided_page_range(
            self.number, on_each_side=3, on_ends=1
        )
        return [
            (None, None, False) if n == Paginator.ELLIPSIS else (n, self.url(n), n == self.number)
            for n in numbers
        ]

    @property
    def previous(self):
        return self.url(self.number - 1) if self.number > 1 else None

    @property
    def next(self):
        return self.url(self.number + 1) if self.number < self.count else None

    @property
    def several(self):
        return self.count > 1

    def addresses(self):
        return [self.url(n) for n in range(1, self.count + 1)]


# A page number as addresses write it: ASCII digits (str.isdecimal() takes an Arabic-Indic
# one for 1), no leading zero (one page, one address), at most nine digits.
PAGE_NUMBER = "[1-9][0-9]{0,8}"


def page_number(text):
    """The page `text` names (a query parameter: ?p=, ?page=), or None when it is not a page
    number as this site writes them."""
    return int(text) if re.fullmatch(PAGE_NUMBER, text, flags=re.ASCII) else None


class PageNumberConverter:
    """<page:page> in an address: 1 and up, written as readers see it (no 0, no leading zeros),
    and at most nine digits, so that no page's offset outgrows the databases' 64-bit integers
    (they refused /salaries/9223372036854775808/ with a server error; 0 reached Django's
    slicing, which refuses a negative offset)."""

    regex = PAGE_NUMBER

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


class LetterConverter:
    """<letter:letter> in an A to Z's address: the one character a title is listed under
    (content.formatting.initial), never a control character: PostgreSQL refuses text with
    NUL bytes, and /roles/a-z/%00/ answered 500 there."""

    regex = "[^/\\x00-\\x1f\\x7f]"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


def checked(number, total, size):
    """A page number readers may ask for: page 1 of an empty list, else an existing page."""
    if number < 1 or (number > 1 and (number - 1) * size >= total):
        raise Http404
    return number
