"""Publish the content that existed before drafts did, so that nothing disappears for
readers: every role (with its article), family, location and metric, in every language, as
it stood. `manage.py render_pages` (run when the site is prepared) then stores the pages."""

from django.db import migrations
from django.db.models import ForeignKey
from django.utils import timezone

# As they were when this migration was written: a migration must not change with the code.
CODES = ["en", "hi", "uk", "ko", "nb"]
SHARED = ["roles.rolefamily", "salaries.location", "metrics.metric"]
PART_LABELS = [
    "roles.rolealias", "roles.section", "roles.responsibilitygroup", "roles.responsibility",
    "roles.skill", "roles.tool", "roles.bestpractice", "roles.takeaway", "roles.careerstep",
    "metrics.rolemetric", "salaries.salaryband",
]


def _row(obj):
    names = {f.name for f in obj._meta.concrete_fields}
    fields = [
        # not the untranslated copy (title) beside the columns per language (title_en, …)
        f for f in obj._meta.concrete_fields if f"{f.name}_en" not in names
    ]
    return {f.attname: f.value_from_object(obj) for f in fields}


def _references(obj, part_labels, is_item):
    found = set()
    for fk in obj._meta.concrete_fields:
        if not isinstance(fk, ForeignKey) or fk.related_model._meta.label_lower in part_labels:
            continue
        if is_item and fk.name == "role":
            continue
        value = getattr(obj, fk.attname)
        if value is not None:
            found.add((fk.related_model._meta.label_lower, value))
    return found


def publish_everything(apps, schema_editor):
    Published = apps.get_model("content", "Published")
    PublishedLink = apps.get_model("content", "PublishedLink")
    Publication = apps.get_model("publishing", "Publication")
    part_labels = set(PART_LABELS)
    now = timezone.now()
    for kind in [*SHARED, "roles.role"]:
        model = apps.get_model(kind)
        for obj in model.objects.all():
            head, parts, references = _row(obj), {}, _references(obj, part_labels, False)
            if kind == "roles.role":
                for label in part_labels:
                    part = apps.get_model(label)
                    ordered = "order" in {f.name for f in part._meta.fields}
                    ordering = ["order", "id"] if ordered else ["id"]
                    items = list(part.objects.filter(role_id=obj.pk).order_by(*ordering))
                    parts[label] = [_row(item) for item in items]
                    for item in items:
                        references |= _references(item, part_labels, True)
            key = getattr(obj, "slug", None) or obj.code
            published = Published.objects.create(
                kind=kind, object_id=obj.pk, key=key, head=head, parts=parts, number=1,
                published_at=now,
            )
            PublishedLink.objects.bulk_create(
                PublishedLink(source=published, kind=k, target_id=i) for k, i in sorted(references)
            )
            Publication.objects.create(
                kind=kind, object_id=obj.pk, key=key, number=1, action="publish",
                languages=CODES, head=head, parts=parts,
                published_at=now, note="published when drafts were introduced",
            )


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0001_initial"),
        ("content", "0002_published"),
        ("roles", "0004_permissions_move_to_content"),
        ("metrics", "0002_admin_history"),
        ("salaries", "0003_iso_code_validators"),
    ]

    operations = [migrations.RunPython(publish_everything, migrations.RunPython.noop)]
