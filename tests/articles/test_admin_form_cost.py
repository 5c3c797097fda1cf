"""The role's change form stays cheap to render, and the cheaper render shows editors what
Django's own templates show them (docs/editing.md has the figures)."""

import re
from pathlib import Path

import django.contrib.admin
import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.forms.renderers import DjangoTemplates
from django.template import engines
from django.test import Client
from django.test.utils import CaptureQueriesContext

from content import languages
from content.admin import BaseContentForm
from content.templatetags import admin_fieldset
from metrics.models import Metric
from roles.models import Role, RoleFamily
from salaries.models import Location
from tests import factories
from tests.articles.test_admin import CSM, change_url, editor  # noqa: F401 (a fixture)
from tests.html import FormReader

DJANGO_FIELDSET = (
    Path(django.contrib.admin.__file__).parent / "templates/admin/includes/fieldset.html"
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"')


def _queries_of_the_form(client, role):
    client.get(change_url(role))  # per-process caches (content types) warm first
    with CaptureQueriesContext(connection) as queries:
        response = client.get(change_url(role))
    assert response.status_code == 200
    return response.text, len(queries)


def _add_items(role, n):
    group = factories.make_responsibility_group(role, title_en=f"Group {n}")
    factories.make_responsibility(role, group=group, title_en=f"Duty {n}")
    factories.make_role_metric(role)
    factories.make_salary_band(role)
    factories.make_skill(role, name_en=f"Skill {n}")
    factories.make_tool(role, name_en=f"Tool {n}")
    factories.make_takeaway(role, question_en=f"Question {n}?")
    factories.make_career_step(role, title_en=f"Step {n}")
    factories.make_alias(role, name_en=f"Alias {n}")


@pytest.mark.django_db
def test_the_role_forms_queries_do_not_grow_with_its_items(editor):  # noqa: F811
    """Each metric and salary band ran a query for its select's choices and one for its
    heading: a role with more items took more queries to open."""
    role = factories.make_role()
    _add_items(role, 1)
    small_page, small = _queries_of_the_form(editor, role)
    for n in range(2, 6):
        _add_items(role, n)
    large_page, large = _queries_of_the_form(editor, role)
    assert "Skill 5" in large_page and 'id="role_metrics-4"' in large_page
    assert len(large_page) > 2 * len(small_page)
    assert large == small


def _page(client, role, data=None, query=""):
    if data is None:
        response = client.get(change_url(role) + query)
    else:
        response = client.post(change_url(role), {**data, "_save": "Save"})
    assert response.status_code == 200
    return CSRF.sub("", response.text)


def _as_django_renders_it(monkeypatch):
    """Django's own templates for the fieldsets, widgets, labels and error lists."""
    original = engines["django"].from_string(DJANGO_FIELDSET.read_text())
    monkeypatch.setattr(admin_fieldset, "render_fieldset", original.render)
    monkeypatch.setattr(BaseContentForm, "default_renderer", DjangoTemplates())


@pytest.mark.django_db
def test_the_role_form_shows_what_djangos_own_templates_show(
    editor,  # noqa: F811
    reference_content,
    monkeypatch,
):
    """The form, a refused save of it (errors beside fields, a select, dates, boxes, five
    languages of every item) and a translator's form (every other language disabled),
    byte for byte as Django's templates render them."""
    role = Role.objects.get(slug=CSM)
    translator = Client()
    translator.force_login(factories.make_staff("korean", languages.get("ko").translator_group))
    translated = _page(translator, role, query="?form")
    assert "disabled" in translated
    opened = _page(editor, role)
    data = FormReader(opened, "role_form").data
    data["title_en"] = ""  # a required field left empty
    data["responsibilities-0-description_uk"] = "Відповідає за support."  # another script
    refused = _page(editor, role, data)
    assert "errorlist" in refused and "has letters of another script" in refused

    _as_django_renders_it(monkeypatch)
    assert _page(editor, role) == opened
    assert _page(editor, role, data) == refused
    assert _page(translator, role, query="?form") == translated


OTHER_FORMS = [
    "/admin/metrics/metric/{metric}/change/",
    "/admin/metrics/metric/add/",
    "/admin/salaries/location/{location}/change/",
    "/admin/roles/rolefamily/{family}/change/",
    "/admin/workspace/glossaryterm/add/",
    "/admin/linking/embedorigin/add/",
    "/admin/auth/user/{user}/change/",
    "/admin/auth/group/add/",
    "/admin/roles/role/add/",
]


@pytest.mark.django_db
@pytest.mark.parametrize("address", OTHER_FORMS)
def test_every_admin_form_shows_what_djangos_own_templates_show(
    reference_content, monkeypatch, address
):
    """The fieldset's Jinja2 port serves every admin form, not only the role's: the forms
    of the other kinds, of accounts and of new objects come out as Django renders them."""
    admin = User.objects.create_superuser("admin", "admin@example.com", "a-long-passphrase")
    client = Client()
    client.force_login(admin)
    url = address.format(
        metric=Metric.objects.first().pk,
        location=Location.objects.first().pk,
        family=RoleFamily.objects.first().pk,
        user=admin.pk,
    )
    response = client.get(url)
    assert response.status_code == 200 and "<fieldset" in response.text
    ours = CSRF.sub("", response.text)

    _as_django_renders_it(monkeypatch)
    assert CSRF.sub("", client.get(url).text) == ours
