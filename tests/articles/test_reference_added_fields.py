"""A field added to the models after the reference was loaded (its migration fills every row
with its default) is not taken for an edit in the admin: the next load updates the document.
An edit in the admin still is."""

import pytest
from django.conf import settings

from articles.reference import store
from articles.reference.read import read_reference
from articles.services import EditedSinceLoaded, reference_load
from roles.models import LoadedReference, Role

CSM = "roles/customer-support-manager"


def _loaded_before_kind(document):
    """Record the load as if RoleMetric.kind had not existed then."""
    stored = store.stored_content(document)
    before = store.without(stored, [("role_metrics", ("kind",))])
    LoadedReference.objects.filter(document=document.name).update(digest=store.digest(before))


@pytest.mark.django_db
def test_a_field_added_since_the_load_is_not_an_edit():
    documents = read_reference(settings.BASE_DIR / "reference")
    reference_load(documents=documents)
    csm = next(d for d in documents if d.name == CSM)
    _loaded_before_kind(csm)
    csm.content["role"]["summary_en"] = "A changed summary."
    report = reference_load(documents=documents)
    assert CSM in report.updated
    assert Role.objects.get(slug="customer-support-manager").summary_en == "A changed summary."


@pytest.mark.django_db
def test_an_edit_in_the_admin_is_still_one():
    documents = read_reference(settings.BASE_DIR / "reference")
    reference_load(documents=documents)
    csm = next(d for d in documents if d.name == CSM)
    _loaded_before_kind(csm)
    Role.objects.filter(slug="customer-support-manager").update(summary_en="Edited in the admin.")
    csm.content["role"]["summary_en"] = "A changed summary."
    with pytest.raises(EditedSinceLoaded):
        reference_load(documents=documents)
