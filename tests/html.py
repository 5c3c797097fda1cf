"""Reading pages the way a reader's browser would, for assertions."""

from html.parser import HTMLParser


class Page(HTMLParser):
    """Elements with their attributes and text, from a page's HTML."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.elements = []
        self._open = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        element = {"tag": tag, "attrs": dict(attrs), "text": ""}
        self.elements.append(element)
        if tag not in {"meta", "link", "br", "img", "input", "line", "rect"}:
            self._open.append(element)

    def handle_endtag(self, tag):
        while self._open:
            element = self._open.pop()
            if element["tag"] == tag:
                break

    def handle_data(self, data):
        for element in self._open:
            element["text"] += data

    def find_all(self, tag, **attrs):
        return [
            e
            for e in self.elements
            if e["tag"] == tag and all(e["attrs"].get(k) == v for k, v in attrs.items())
        ]

    def find(self, tag, **attrs):
        found = self.find_all(tag, **attrs)
        return found[0] if found else None

    def ids(self, tag):
        return [e["attrs"]["id"] for e in self.find_all(tag) if "id" in e["attrs"]]
