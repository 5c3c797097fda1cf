"""Rows published before role metrics had a kind were all of the one kind there was then:
give them it, so that reading or restoring them finds the column (metrics 0003)."""

from django.db import migrations

PART = "metrics.rolemetric"
JUDGED_BY = "judged-by"


def add_kind(apps, schema_editor):
    for model in (
        apps.get_model("content", "Published"),
        apps.get_model("publishing", "Publication"),
    ):
        changed = []
        for row in model.objects.filter(kind="roles.role").only("pk", "parts").iterator():
            rows = (row.parts or {}).get(PART) or []
            missing = [item for item in rows if "kind" not in item]
            for item in missing:
                item["kind"] = JUDGED_BY
            if missing:
                changed.append(row)
        model.objects.bulk_update(changed, ["parts"], batch_size=500)


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0003_index_published_for_lists"),
        ("content", "0005_published_lists_in_order"),
        ("metrics", "0003_rolemetric_kind"),
    ]

    operations = [migrations.RunPython(add_kind, migrations.RunPython.noop)]
