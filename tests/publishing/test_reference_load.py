"""The reference import: checked before it writes, all or nothing, idempotent, and careful
with content edited in the admin."""

import shutil
from io import StringIO

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from metrics.models import Metric
from roles.models import Responsibility, Role
from salaries.models import SalaryBand

CSM = "roles/customer-support-manager"


def dump_content():
    out = StringIO()
    call_command("dumpdata", "roles", "metrics", "salaries", stdout=out)
    return out.getvalue()


def load(path, *args):
    out = StringIO()
    call_command("load_reference", "--path", str(path), *args, stdout=out)
    return out.getvalue()


def edit_yaml(path, change):
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def reference(tmp_path):
    """A private copy of the reference files that a test may break."""
    return shutil.copytree(settings.BASE_DIR / "reference", tmp_path / "reference")


@pytest.mark.django_db
def test_loading_twice_changes_nothing_the_second_time(reference):
    load(reference)
    before = dump_content()
    output = load(reference)
    assert "0 created, 0 updated" in output
    assert dump_content() == before


@pytest.mark.django_db
def test_if_empty_leaves_a_database_with_roles_alone(reference):
    load(reference)
    Role.objects.filter(slug="customer-support-manager").update(title_en="Changed")
    assert "nothing loaded" in load(reference, "--if-empty")
    assert Role.objects.get(slug="customer-support-manager").title_en == "Changed"


@pytest.mark.django_db
@pytest.mark.parametrize("already_loaded", [False, True], ids=["empty", "loaded"])
def test_a_broken_file_loads_nothing_and_names_file_item_and_cause(reference, already_loaded):
    if already_loaded:
        load(reference)
    before = dump_content()
    # A good change in one file, and a missing translation in another: neither may land.
    edit_yaml(reference / "metrics/en.yaml", lambda d: d["metrics"]["nps"].update(name="NPS!"))
    edit_yaml(
        reference / CSM / "uk.yaml",
        lambda d: d["responsibilities"]["customer-care"].pop("description"),
    )
    with pytest.raises(CommandError) as error:
        load(reference)
    assert (
        "reference/roles/customer-support-manager/uk.yaml: "
        "responsibilities.customer-care.description: missing"
    ) in str(error.value)
    assert dump_content() == before


@pytest.mark.django_db
def test_a_file_that_is_not_yaml_is_named_with_the_line_and_column_at_fault(reference):
    path = reference / CSM / "ko.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "broken: [a, b\n", encoding="utf-8")
    with pytest.raises(CommandError) as error:
        load(reference)
    message = str(error.value)
    assert "reference/roles/customer-support-manager/ko.yaml: (file): not valid YAML" in message
    # PyYAML's own words, which quote the line and point at the column (libyaml, which
    # reads the files that parse, says less).
    assert "expected ',' or ']', but got '<stream end>'" in message
    assert "broken: [a, b" in message and "^" in message
    assert not Role.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["salary"]["bands"][0].update(minimum=80000),
            "facts.yaml: salary.bands[0]: The minimum must not be above the maximum.",
        ),
        (
            lambda d: d["salary"]["bands"][1].update(minimum=-5),
            "facts.yaml: salary.bands[1]: Salary figures cannot be negative.",
        ),
        (
            lambda d: d["metrics"].append({"metric": "no-such-metric"}),
            "facts.yaml: metrics: no metric 'no-such-metric'",
        ),
        (
            lambda d: d["sections"].append("gossip"),
            "facts.yaml: sections[6].key: Value 'gossip' is not a valid choice.",
        ),
        (
            lambda d: d["responsibilities"].append({"key": "brand-new"}),
            "en.yaml: responsibilities.brand-new.title: missing",
        ),
    ],
    ids=["min-above-max", "negative", "unknown-metric", "unknown-section", "untranslated-item"],
)
def test_invalid_facts_are_refused_with_the_item_named(reference, change, message):
    edit_yaml(reference / CSM / "facts.yaml", change)
    with pytest.raises(CommandError, match="nothing was loaded") as error:
        load(reference)
    assert message in str(error.value)
    assert not Role.objects.exists()


@pytest.mark.django_db
def test_a_fact_is_checked_by_its_model_field_so_an_esco_address_loads(reference):
    # ESCO's occupation addresses are http:// by definition; the files once demanded https.
    esco = "http://data.europa.eu/esco/occupation/0b2e5b8c-4c8a-4c5b-9f55-2a6e6fd5d0a1"
    edit_yaml(reference / CSM / "facts.yaml", lambda d: d.update(esco_uri=esco))
    load(reference)
    assert Role.objects.get(slug="customer-support-manager").esco_uri == esco


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("https://example.org/occupation/1", "An ESCO occupation's address."),
        (12, "not text"),
    ],
    ids=["not-esco", "a-number"],
)
def test_a_fact_the_model_would_refuse_is_refused_by_its_own_words(reference, value, message):
    edit_yaml(reference / CSM / "facts.yaml", lambda d: d.update(esco_uri=value))
    with pytest.raises(CommandError, match="nothing was loaded") as error:
        load(reference)
    assert f"facts.yaml: esco_uri: {message}" in str(error.value)
    assert not Role.objects.exists()


@pytest.mark.django_db
def test_a_quoted_number_is_not_read_as_a_figure(reference):
    edit_yaml(
        reference / CSM / "facts.yaml", lambda d: d["salary"]["bands"][0].update(minimum="30000")
    )
    with pytest.raises(CommandError) as error:
        load(reference)
    assert "facts.yaml: salary.bands[0].minimum: not a whole number: '30000'" in str(error.value)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dirty", "cause"),
    [
        ("Клієнтська\u200b підтримка", "U+200B"),
        ("Клієнтська\u00a0підтримка", "U+00A0"),
        ("Клієнтська підтримка\\u0020", "escape sequence"),
        ("Клієнтська {{cta}} підтримка", "template placeholder"),
        ("Клієнтська <b>підтримка</b>", "markup"),
        ("Клієнтська &amp; підтримка", "HTML entity"),
        ("Клієнтська підтримка 🔑", "U+1F511"),
        ("Клиентская поддержка Customer", "latin script: Customer"),
        ("Клієнтськии\u0306", "not NFC"),
    ],
)
def test_dirty_text_is_refused(reference, dirty, cause):
    edit_yaml(
        reference / CSM / "uk.yaml",
        lambda d: d["responsibilities"]["customer-care"].update(title=dirty),
    )
    with pytest.raises(CommandError) as error:
        load(reference)
    assert "uk.yaml: responsibilities.customer-care.title: contains" in str(error.value)
    assert cause in str(error.value)


@pytest.mark.django_db
def test_a_changed_file_updates_rows_in_place(reference):
    load(reference)
    care = Responsibility.objects.get(title_en="Customer care")
    edit_yaml(
        reference / CSM / "en.yaml",
        lambda d: d["responsibilities"]["customer-care"].update(title="Caring for customers"),
    )
    output = load(reference)
    assert f"updated: {CSM}" in output
    care.refresh_from_db()
    assert care.title_en == "Caring for customers"


@pytest.mark.django_db
def test_admin_edits_are_not_overwritten_without_being_asked(reference):
    load(reference)
    Role.objects.filter(slug="customer-support-manager").update(title_ko="편집자가 고친 제목")
    edit_yaml(reference / CSM / "en.yaml", lambda d: d.update(title="Support Manager"))
    before = dump_content()

    with pytest.raises(CommandError, match=f"Edited in the admin .*{CSM}.*--overwrite-edits"):
        load(reference)
    assert dump_content() == before

    load(reference, "--overwrite-edits")
    role = Role.objects.get(slug="customer-support-manager")
    assert role.title_en == "Support Manager"
    assert role.title_ko != "편집자가 고친 제목"


@pytest.mark.django_db
def test_an_edit_to_a_shared_metric_is_protected_too(reference):
    load(reference)
    Metric.objects.filter(code="nps").update(name_hi="संपादित नाम")
    edit_yaml(reference / "metrics/en.yaml", lambda d: d["metrics"]["csat"].update(name="CSAT"))
    with pytest.raises(CommandError, match="Edited in the admin since it was last loaded: metrics"):
        load(reference)
    assert Metric.objects.get(code="nps").name_hi == "संपादित नाम"


@pytest.mark.django_db
def test_check_reads_everything_and_writes_nothing(reference):
    assert "no problems" in load(reference, "--check")
    assert not SalaryBand.objects.exists()


@pytest.mark.django_db
def test_the_reference_is_published_as_loaded_unless_told_not_to(reference, client):
    output = load(reference, "--no-publish")
    assert "Published" not in output
    assert client.get("/en/roles/customer-support-manager/").status_code == 404
    assert "Published: 13 changed" in load(reference)  # 2 roles, a family, 3 places, 7 metrics
    assert client.get("/en/roles/customer-support-manager/").status_code == 200
    assert "Published: 0 changed" in load(reference)
