"""Structured data as a crawler reads it: extruct extracts the JSON-LD of every public page
type in every language, and each type and property is checked against the schema.org
vocabulary (tests/linking/schemaorg/, release 30.0) and against what Google documents as
required or recommended for the types it reads."""

import gzip
import json
from pathlib import Path

import extruct
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from content.languages import CODES
from content.models import PublishedTitle
from content.structured_data import as_script

VOCABULARY = Path(__file__).parent / "schemaorg" / "schemaorg-current-https-30.0.jsonld.gz"
CSM = "customer-support-manager"
PAGES = [
    "/{lang}/",
    "/{lang}/roles/",
    "/{lang}/families/customer-support-and-success/",
    f"/{{lang}}/roles/{CSM}/",
    f"/{{lang}}/roles/{CSM}/versions/1/",
    "/{lang}/metrics/",
    "/{lang}/metrics/nps/",
    "/{lang}/salaries/",
    "/{lang}/salaries/without-figures/",
    "/{lang}/search/?q=support",
    "/{lang}/linking/",
]


class Vocabulary:
    """The classes and properties of a schema.org release, with each class's ancestors and
    each property's domain."""

    def __init__(self, path):
        with gzip.open(path) as vocabulary:
            nodes = json.load(vocabulary)["@graph"]

        def ids(value):
            values = value if isinstance(value, list) else [value] if value else []
            return {v["@id"].removeprefix("schema:") for v in values}

        self.classes, self.domains, parents = set(), {}, {}
        for node in nodes:
            name = node["@id"].removeprefix("schema:")
            types = ids([{"@id": t} for t in node["@type"]] if isinstance(node["@type"], list)
                        else [{"@id": node["@type"]}])  # fmt: skip
            if "rdfs:Class" in types or "schema:DataType" in types:
                self.classes.add(name)
                parents[name] = ids(node.get("rdfs:subClassOf"))
            if "rdf:Property" in types:
                self.domains[name] = ids(node.get("schema:domainIncludes"))
        self.ancestors = {}
        for name in self.classes:
            seen, todo = set(), [name]
            while todo:
                current = todo.pop()
                if current not in seen:
                    seen.add(current)
                    todo += parents.get(current, ())
            self.ancestors[name] = seen

    def problems(self, node, where="", types_above=()):
        """What in `node` (and the nodes in it) the vocabulary does not define."""
        found = []
        if isinstance(node, list):
            for item in node:
                found += self.problems(item, where, types_above)
            return found
        if not isinstance(node, dict):
            return found
        types = node.get("@type", [])
        types = types if isinstance(types, list) else [types]
        for name in types:
            if name not in self.classes:
                found.append(f"{where}: no type {name}")
        lineage = set().union(*(self.ancestors.get(t, {t}) for t in types)) if types else None
        for key, value in node.items():
            if key.startswith("@"):
                found += self.problems(value, f"{where}/{key}")
                continue
            # schema.org's Actions annotate a property as <property>-input.
            name = key.removesuffix("-input").removesuffix("-output")
            if name not in self.domains:
                found.append(f"{where}: no property {key}")
            elif lineage is not None and not (self.domains[name] & lineage):
                found.append(f"{where}: {key} is not a property of {'/'.join(types)}")
            found += self.problems(value, f"{where}/{key}")
        return found


@pytest.fixture(scope="module")
def vocabulary():
    return Vocabulary(VOCABULARY)


@pytest.fixture(scope="module")
def extracted(reference_content, django_db_blocker):
    """Every page type in every language: {(path, language): the page's JSON-LD graph}."""
    client, pages = Client(), {}
    with django_db_blocker.unblock():
        for language in CODES:
            # And a letter of its A to Z.
            letter = PublishedTitle.objects.filter(language=language).values_list(
                "initial", flat=True
            )[0]
            with translation.override(language):
                by_letter = reverse("roles:role-letter", kwargs={"letter": letter})
            for pattern in [*PAGES, by_letter]:
                path = pattern.format(lang=language)
                response = client.get(path)
                assert response.status_code == 200, path
                data = extruct.extract(
                    response.content, base_url=f"http://testserver{path}", syntaxes=["json-ld"]
                )["json-ld"]
                pages[(path, language)] = data
    return pages


def nodes_of(data, kind):
    graph = [node for block in data for node in block.get("@graph", [block])]
    return [n for n in graph if kind in (n["@type"] if isinstance(n["@type"], list)
                                         else [n["@type"]])]  # fmt: skip


def test_every_page_in_every_language_carries_valid_schema_org(extracted, vocabulary):
    assert len(extracted) == (len(PAGES) + 1) * len(CODES)
    problems = []
    for (path, language), data in extracted.items():
        assert len(data) == 1, f"{path}: one JSON-LD block, not {len(data)}"
        assert data[0]["@context"] == "https://schema.org"
        problems += vocabulary.problems(data[0], path)
        (site,) = nodes_of(data, "WebSite")
        assert site["inLanguage"] == language
        action = site["potentialAction"]
        assert action["@type"] == "SearchAction"
        assert action["target"]["urlTemplate"].endswith(
            f"/{language}/search/?q={{search_term_string}}"
        )
        assert action["query-input"] == "required name=search_term_string"
        # The page node names the page in its own language.
        pages = [n for n in data[0]["@graph"] if str(n.get("@id", "")).startswith("http://testserver/")
                 and "inLanguage" in n and n["@type"] != "WebSite"]  # fmt: skip
        assert pages and all(n["inLanguage"] == language for n in pages), path
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", CODES)
def test_a_role_page_describes_its_occupation_as_google_reads_it(extracted, language):
    data = extracted[(f"/{language}/roles/{CSM}/", language)]
    (occupation,) = nodes_of(data, "Occupation")
    # Google's required properties for an estimated salary.
    assert occupation["name"] and occupation["estimatedSalary"] and occupation["occupationLocation"]
    # And the recommended ones the article has.
    for name in ("description", "responsibilities", "experienceRequirements",
                 "mainEntityOfPage"):  # fmt: skip
        assert occupation[name], name
    assert len(occupation["estimatedSalary"]) == 6  # three cities, two tracks
    for band in occupation["estimatedSalary"]:
        assert "MonetaryAmountDistribution" in band["@type"]
        assert band["currency"] == "USD" and band["duration"] == "P1Y" and band["name"]
        assert 0 <= band["minValue"] <= band["maxValue"]
    assert {place["name"] for place in occupation["occupationLocation"]} == {
        p["name"] for p in occupation["occupationLocation"]
    } and len(occupation["occupationLocation"]) == 3
    (article,) = nodes_of(data, "Article")
    for name in ("headline", "datePublished", "dateModified", "author", "publisher", "image",
                 "isBasedOn", "citation"):  # fmt: skip
        assert article[name], name
    assert article["inLanguage"] == language
    assert article["about"]["@id"] == occupation["@id"]
    (crumbs,) = nodes_of(data, "BreadcrumbList")
    items = crumbs["itemListElement"]
    assert [item["position"] for item in items] == [1, 2, 3]
    assert items[-1]["item"] == f"http://testserver/{language}/roles/{CSM}/"
    assert all(item["name"] for item in items)


def test_a_role_names_its_metrics_as_the_terms_their_pages_define(extracted):
    role = extracted[(f"/uk/roles/{CSM}/", "uk")]
    metric = extracted[("/uk/metrics/nps/", "uk")]
    (article,) = nodes_of(role, "Article")
    (term,) = nodes_of(metric, "DefinedTerm")
    assert term["@id"] in {mentioned["@id"] for mentioned in article["mentions"]}
    assert term["termCode"] == "nps" and term["name"] and term["description"]
    (term_set,) = nodes_of(metric, "DefinedTermSet")
    assert term["inDefinedTermSet"]["@id"] == term_set["@id"]
    listed = extracted[("/uk/metrics/", "uk")]
    (full_set,) = nodes_of(listed, "DefinedTermSet")
    assert term["@id"] in {t["@id"] for t in full_set["hasDefinedTerm"]}


def test_a_roles_structured_data_reads_in_the_pages_language(extracted):
    english = nodes_of(extracted[(f"/en/roles/{CSM}/", "en")], "Occupation")[0]
    korean = nodes_of(extracted[(f"/ko/roles/{CSM}/", "ko")], "Occupation")[0]
    assert english["name"] == "Customer Support Manager"
    assert korean["name"] == "고객 지원 관리자"
    assert korean["description"] != english["description"]


def test_json_ld_text_cannot_end_its_script_element_or_open_markup():
    data = {"name": "Support & success </script><script>alert(1)</script>", "n": "<!--"}
    text = as_script(data)
    assert not {"<", ">", "&"} & set(text)
    assert "\\u003C/script\\u003E" in text and "\\u0026" in text
    assert json.loads(text) == data
