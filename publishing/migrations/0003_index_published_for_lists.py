"""What lists read of the content published before lists read it: its order, and its title
in every language under its first letter."""

from django.db import migrations

from content.formatting import initial, sort_text
from content.languages import CODES, SOURCE


def index_published(apps, schema_editor):
    Published = apps.get_model("content", "Published")
    PublishedTitle = apps.get_model("content", "PublishedTitle")
    for published in Published.objects.all():
        published.order = published.head.get("order") or 0
        published.save(update_fields=["order"])
        english = published.head.get(f"title_{SOURCE}")
        if english is None:
            continue
        PublishedTitle.objects.bulk_create(
            PublishedTitle(source=published, language=code, initial=initial(title, code),
                           sort=sort_text(title, code))
            for code in CODES
            for title in [published.head.get(f"title_{code}") or english]
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("publishing", "0002_publish_existing_content"),
        ("content", "0004_published_order_and_titles"),
    ]

    operations = [migrations.RunPython(index_published, migrations.RunPython.noop)]
