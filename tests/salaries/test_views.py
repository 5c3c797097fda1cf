import pytest

from content.languages import CODES as LANGUAGES
from tests import factories
from tests.html import Page

CSM = "customer-support-manager"

# How each language writes the largest figure of the source, $160,000.
LARGEST = {
    "en": "$160,000",
    "hi": "$1,60,000",
    "uk": "160\xa0000\xa0USD",
    "ko": "US$160,000",
    "nb": "160\xa0000\xa0USD",
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_salary_page_sets_bands_side_by_side_by_location_and_track(
    client, reference_content, language
):
    from salaries.models import Location

    response = client.get(f"/{language}/salaries/")
    assert response.status_code == 200
    page = Page(response.text)
    headers = [th["text"] for th in page.find_all("th", scope="col")]
    for location in Location.objects.all():
        assert getattr(location, f"name_{language}") in headers
    assert len([th for th in page.find_all("th", scope="row") if th["text"]]) >= 2
    assert LARGEST[language] in response.text


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_role_salary_section_has_a_described_chart_a_table_and_the_figures(
    client, reference_content, language
):
    response = client.get(f"/{language}/roles/{CSM}/")
    html = response.text
    salary = html[html.index('<section id="salary">') :]
    salary = salary[: salary.index("</section>")]
    assert "<svg " in salary and 'role="img"' in salary
    assert "<title id=" in salary and "<desc id=" in salary
    page = Page(salary)
    assert len(page.find_all("rect")) == 6
    assert len(page.find_all("tr")) == 7
    # The top of a range: Korean gives the currency (US$) once, before the range.
    top = LARGEST[language].removeprefix("US$") if language == "ko" else LARGEST[language]
    assert top in page.find("ul", **{"class": "salary-figures"})["text"]


@pytest.mark.django_db
def test_every_chart_on_the_salaries_page_is_labelled_by_its_own_title(client):
    place = factories.make_location()
    roles = [factories.make_role() for _ in range(2)]
    for role in roles:
        factories.make_salary_band(role, place)
    factories.publish(*roles)
    page = Page(client.get("/en/salaries/").text)
    ids = [e["attrs"]["id"] for e in page.elements if "id" in e["attrs"]]
    assert len(ids) == len(set(ids))
    charts = page.find_all("svg")
    assert len(charts) >= 2
    for chart in charts:
        for label in chart["attrs"]["aria-labelledby"].split():
            assert label in ids


@pytest.mark.django_db
@pytest.mark.parametrize("maximum", [0, 1, 2])
def test_a_tiny_salary_range_still_draws_its_chart(client, maximum):
    role = factories.make_role()
    factories.make_salary_band(role, minimum=0, maximum=maximum)
    factories.publish(role)
    for address in ("/en/salaries/", f"/en/roles/{role.slug}/", f"/api/v1/roles/{role.slug}"):
        assert client.get(address).status_code == 200, address
