"""A role's codes in public classifications of occupations (ISCO-08, ESCO, O*NET-SOC): set
by editors, checked, and shown on the page, in the API and in the structured data."""

import extruct
import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from publishing.services import content_publish
from tests import factories

ESCO = "http://data.europa.eu/esco/occupation/00000000-1111-2222-3333-444444444444"


@pytest.fixture
def coded_role(db):
    role = factories.make_role(
        slug="coded-role", title_en="Coded role", isco_08="1221", esco_uri=ESCO,
        onet_soc="11-2022.00",
    )  # fmt: skip
    content_publish(obj=role.family, languages=["en"])
    content_publish(obj=role, languages=["en"])
    return role


def test_a_roles_codes_show_on_its_page_in_the_api_and_its_structured_data(client, coded_role):
    page = client.get("/en/roles/coded-role/").text
    assert "ISCO-08 1221" in page
    assert f'<a href="{ESCO}" rel="external">ESCO</a>' in page
    assert 'href="https://www.onetonline.org/link/summary/11-2022.00"' in page

    api = client.get("/api/v1/roles/coded-role", {"lang": "en"}).json()
    assert api["classification"] == {"isco_08": "1221", "esco": ESCO, "onet_soc": "11-2022.00"}

    data = extruct.extract(page, syntaxes=["json-ld"])["json-ld"][0]["@graph"]
    (occupation,) = [node for node in data if node["@type"] == "Occupation"]
    codes = {c["inCodeSet"]["name"]: c for c in occupation["occupationalCategory"]}
    assert codes["ISCO-08"]["codeValue"] == "1221"
    assert codes["O*NET-SOC"]["codeValue"] == "11-2022.00"
    assert codes["ESCO"]["@id"] == ESCO


def test_a_role_without_codes_says_nothing_of_them(client, coded_role):
    coded_role.isco_08 = coded_role.esco_uri = coded_role.onet_soc = ""
    coded_role.save()
    content_publish(obj=coded_role, languages=["en"])
    page = client.get("/en/roles/coded-role/").text
    assert 'class="classification"' not in page
    assert '"occupationalCategory"' not in page
    api = client.get("/api/v1/roles/coded-role", {"lang": "en"}).json()
    assert api["classification"] == {"isco_08": "", "esco": "", "onet_soc": ""}


@pytest.mark.parametrize(
    "field, value",
    [("isco_08", "12A1"), ("esco_uri", "https://example.com/occupation/1"),
     ("onet_soc", "11-2022")],
)  # fmt: skip
def test_a_malformed_code_is_refused_by_the_form_and_the_database(db, field, value):
    role = factories.make_role()
    setattr(role, field, value)
    with pytest.raises(ValidationError) as refused:
        role.full_clean()
    assert field in refused.value.message_dict
    with pytest.raises(IntegrityError), transaction.atomic():
        role.save()
