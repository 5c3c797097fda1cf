"""Kept rows get a schema version (content/snapshots.py). Version 1 is every field the
published models have at this point: rows published before a field was added (a salary
band's job title, say) get the field's default here, so that reading them, which now
refuses a row without a field, reads them as before."""

from django.db import migrations, models

SOURCE = "en"


def _fields(apps, kind):
    """attname -> default of the columns a row keeps: every concrete field but the
    untranslated copy modeltranslation keeps beside title_en, title_hi, …"""
    model = apps.get_model(*kind.split("."))
    names = {field.name for field in model._meta.concrete_fields}
    return {
        field.attname: field.get_default()
        for field in model._meta.concrete_fields
        if f"{field.name}_{SOURCE}" not in names
    }


def fill_missing(apps, schema_editor):
    fields = {}

    def complete(kind, row):
        if kind not in fields:
            try:
                fields[kind] = _fields(apps, kind)
            except LookupError:  # a kind no longer in the project
                fields[kind] = {}
        missing = {name: default for name, default in fields[kind].items() if name not in row}
        row.update(missing)
        return bool(missing)

    for model in (
        apps.get_model("content", "Published"),
        apps.get_model("publishing", "Publication"),
    ):
        changed = []
        for kept in model.objects.only("pk", "kind", "head", "parts").iterator():
            touched = kept.head is not None and complete(kept.kind, kept.head)
            for kind, rows in (kept.parts or {}).items():
                for row in rows:
                    touched = complete(kind, row) or touched
            if touched:
                changed.append(kept)
        model.objects.bulk_update(changed, ["head", "parts"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0005_review_conversation_and_notifications"),
        ("content", "0006_published_schema"),
        ("roles", "0004_permissions_move_to_content"),
        ("metrics", "0003_rolemetric_kind"),
        ("salaries", "0004_salaryband_job_title"),
    ]

    operations = [
        migrations.AddField(
            model_name="publication",
            name="schema",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="schema"),
        ),
        migrations.RunPython(fill_missing, migrations.RunPython.noop),
    ]
