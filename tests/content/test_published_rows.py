"""What readers see is made from published rows (content.published.from_row) without the
ORM: each instance must be the one the ORM would make of the same row, or a page would
show other values, or read the drafts again for a field it thought deferred."""

import json

import pytest
from django.apps import apps
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import translation

from content.models import Published
from content.outdated import translated_fields
from content.published import from_row, to_row

LANGUAGES = ["en", "hi", "ko"]


@pytest.mark.django_db
def test_an_instance_made_from_a_published_row_is_what_the_orm_makes_of_that_row(
    reference_content,
):
    models = {apps.get_model(kind) for kind in Published.objects.values_list("kind", flat=True)}
    for published in Published.objects.all():
        models |= {apps.get_model(kind) for kind in published.parts}
    compared = 0
    for model in models:
        # The ORM's instance of each row, with the untranslated copies deferred, as a
        # published row leaves them.
        for expected in model.objects.defer(*translated_fields(model)):
            # The row as stored: through JSON, as Published keeps it.
            row = json.loads(json.dumps(to_row(expected), cls=DjangoJSONEncoder))
            made = from_row(model, row)
            assert type(made) is model
            assert made.get_deferred_fields() == expected.get_deferred_fields()
            assert (made._state.adding, made._state.db) == (False, "default")
            fields = {k: v for k, v in expected.__dict__.items() if k != "_state"}
            assert {k: v for k, v in made.__dict__.items() if k != "_state"} == fields
            for language in LANGUAGES:
                with translation.override(language):
                    for name in translated_fields(model):
                        assert getattr(made, name) == getattr(expected, name), (model, name)
            assert made == expected and str(made) == str(expected)
            compared += 1
    assert len(models) >= 8 and compared > 40
