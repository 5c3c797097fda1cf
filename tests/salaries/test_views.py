import pytest

from tests.html import Page

LANGUAGES = ["en", "hi", "uk", "ko", "nb"]
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
    assert '<svg viewBox="0 0' in salary and 'role="img"' in salary
    assert "<title id=" in salary and "<desc id=" in salary
    page = Page(salary)
    assert len(page.find_all("rect")) == 6
    assert len(page.find_all("tr")) == 7
    assert LARGEST[language] in page.find("ul", **{"class": "salary-figures"})["text"]
