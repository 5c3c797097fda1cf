"""Reading pages the way a reader's browser would, for assertions."""

from xml.etree import ElementTree

import lxml.html


class Page:
    """Elements with their attributes and text, from a page's HTML, as lxml's HTML parser
    (libxml2's, which recovers from errors as browsers do) reads them."""

    def __init__(self, html):
        root = lxml.html.document_fromstring(html)
        self.elements = [
            {"tag": e.tag, "attrs": dict(e.attrib), "text": e.text_content()}
            for e in root.iter()
            if isinstance(e.tag, str)
        ]

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


class FormReader:
    """The fields a browser would submit from one form, read from lxml's tree: disabled
    fields are not submitted; a text field without a value submits ""; a textarea loses
    the newline that follows its tag; a select submits its selected option, else its first.
    (lxml's own form_values leaves out fields without a value and keeps that newline.)"""

    def __init__(self, html, form_id):
        form = lxml.html.document_fromstring(html).get_element_by_id(form_id)
        fields = [f for f in form.inputs if f.name]
        self.disabled = {f.name for f in fields if "disabled" in f.attrib}
        self.choices = {
            f.name: [o.get("value", o.text or "") for o in f.iter("option")]
            for f in fields
            if f.tag == "select"
        }
        self.data = {}
        for field in fields:
            if field.name in self.disabled:
                continue
            if field.tag == "textarea":
                text = field.text_content()
                self.data[field.name] = text[1:] if text.startswith("\n") else text
            elif field.tag == "select":
                chosen = field.xpath(".//option[@selected]") or field.xpath(".//option")[:1]
                self.data[field.name] = (
                    chosen[0].get("value", chosen[0].text or "") if chosen else ""
                )
            elif field.get("type", "text") in {"checkbox", "radio"}:
                if "checked" in field.attrib:
                    self.data[field.name] = field.get("value", "on")
            elif field.get("type", "text") not in {"submit", "button", "file", "image", "reset"}:
                self.data[field.name] = field.get("value", "")

    def options(self, name):
        """The values a select offers."""
        return self.choices.get(name, [])


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
