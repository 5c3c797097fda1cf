"""Reading pages the way a reader's browser would, for assertions."""

from html.parser import HTMLParser
from xml.etree import ElementTree


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


class FormReader(HTMLParser):
    """The fields a browser would submit from one form: disabled fields are not submitted."""

    def __init__(self, html, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id = form_id
        self.inside = False
        self.data = {}
        self.disabled = set()
        self.choices = {}
        self._textarea = None
        self._select = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or ("name" not in attrs and tag != "option"):
            return
        if "disabled" in attrs and tag in {"input", "textarea", "select"}:
            self.disabled.add(attrs["name"])
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attrs:
                    self.data[attrs["name"]] = attrs.get("value", "on")
            elif kind not in {"submit", "button", "file"}:
                self.data[attrs["name"]] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            self.data[self._textarea] = ""
        elif tag == "select":
            self._select = attrs["name"]
            self.data.setdefault(self._select, "")
        elif tag == "option" and self._select:
            self.choices.setdefault(self._select, []).append(attrs.get("value", ""))
            if "selected" in attrs:
                self.data[self._select] = attrs.get("value", "")

    def options(self, name):
        """The values a select offers."""
        return self.choices.get(name, [])

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select":
            self._select = None

    def handle_data(self, data):
        if self._textarea:
            # A browser drops the one newline that follows <textarea>.
            text = self.data[self._textarea] + data
            self.data[self._textarea] = text[1:] if text.startswith("\n") else text


SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def sitemap_entries(client):
    """Every <url> of every sitemap the index at /sitemap.xml lists, as a search engine
    reads them: the index first, then each sitemap it names."""
    index = ElementTree.fromstring(client.get("/sitemap.xml").content)
    entries = []
    for location in index.iter(f"{SITEMAP}loc"):
        response = client.get(location.text.replace("http://testserver", ""))
        assert response.status_code == 200, location.text
        entries += ElementTree.fromstring(response.content).findall(f"{SITEMAP}url")
    return entries


def sitemap_locations(client):
    return {entry.find(f"{SITEMAP}loc").text for entry in sitemap_entries(client)}
