"""Reading a results page as a reader would: each result's text and links."""

from html.parser import HTMLParser


class Results(HTMLParser):
    """The results (li.search-result) and suggestions of a results page, in order: for each,
    its text and its links' attributes."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.results, self.suggestions = [], []
        self._item, self._list, self._depth = None, None, 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = attrs.get("class", "").split()
        if tag == "ul" and "search-suggestions" in classes:
            self._list = self.suggestions
        if tag == "li" and ("search-result" in classes or self._list is not None):
            self._item = {"text": "", "links": []}
            (self.results if "search-result" in classes else self._list).append(self._item)
        elif self._item is not None and tag == "a":
            self._item["links"].append(attrs)

    def handle_endtag(self, tag):
        if tag == "li":
            self._item = None
        if tag == "ul":
            self._list = None

    def handle_data(self, data):
        if self._item is not None:
            self._item["text"] += data
