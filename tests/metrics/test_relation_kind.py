"""What a role does with a metric, as its source says, shown so on both pages and in the API:
the customer support manager is judged by its metrics; the senior customer success manager
analyses and reports on CSAT, NPS and churn rate, and is not said to be judged by them."""

import re
from html import escape

import pytest
from django.utils import translation

from content import languages

LANGUAGES = languages.CODES
CSM = "customer-support-manager"
SENIOR = "senior-customer-success-manager"


def _label(language, text):
    with translation.override(language):
        return escape(translation.gettext(text))


def _after(html, tag, label):
    """The HTML of the element after the <tag> whose text is `label` (a dt's dd)."""
    pattern = rf"<{tag}[^>]*>{re.escape(label)}</{tag}>\s*(<(\w+)[^>]*>.*?</\2>)"
    found = re.search(pattern, html, re.S)
    assert found, f"no <{tag}>{label}</{tag}>"
    return found.group(1)


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_metric_page_lists_roles_under_what_they_do_with_it(client, reference_content, language):
    html = client.get(f"/{language}/metrics/csat/").text
    judged = _after(html, "dt", _label(language, "Roles judged by it"))
    reporting = _after(html, "dt", _label(language, "Roles that report on it"))
    assert f'href="/{language}/roles/{CSM}/"' in judged
    assert f'href="/{language}/roles/{SENIOR}/"' not in judged
    assert f'href="/{language}/roles/{SENIOR}/"' in reporting
    assert f'href="/{language}/roles/{CSM}/"' not in reporting


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_role_page_shows_whether_the_role_is_judged_by_its_metrics(
    client, reference_content, language
):
    judged_by, reports_on = _label(language, "Judged by"), _label(language, "Reports on")
    senior = client.get(f"/{language}/roles/{SENIOR}/").text
    section = re.search(r'<section id="metrics">.*?</section>', senior, re.S).group(0)
    listed = _after(section, "h3", reports_on)
    for code in ("csat", "nps", "churn-rate"):
        assert f'href="/{language}/metrics/{code}/"' in listed
    assert f">{judged_by}<" not in section

    csm = client.get(f"/{language}/roles/{CSM}/").text
    section = re.search(r'<section id="metrics">.*?</section>', csm, re.S).group(0)
    assert f'href="/{language}/metrics/handle-time/"' in _after(section, "h3", judged_by)
    assert f">{reports_on}<" not in section


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_role_card_names_the_kind(client, reference_content, language):
    card = client.get(f"/{language}/embed/roles/{SENIOR}/").text
    assert f"<h2>{_label(language, 'Reports on')}</h2>" in card
    assert f"<h2>{_label(language, 'Judged by')}</h2>" not in card


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_api_gives_the_kind_on_both_sides(client, reference_content, language):
    metric = client.get(f"/api/v1/metrics/csat?lang={language}").json()
    kinds = {role["slug"]: (role["kind"], role["kind_label"]) for role in metric["roles"]}
    assert kinds[CSM] == ("judged-by", _label(language, "judged by"))
    assert kinds[SENIOR] == ("reports-on", _label(language, "reports on"))
    role = client.get(f"/api/v1/roles/{SENIOR}?lang={language}").json()
    assert {m["kind"] for m in role["metrics"]} == {"reports-on"}
