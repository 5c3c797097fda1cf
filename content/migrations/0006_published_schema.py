"""Each kept row names its shape (content/snapshots.py); every row so far is version 1."""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("content", "0005_published_lists_in_order"),
    ]

    operations = [
        migrations.AddField(
            model_name="published",
            name="schema",
            field=models.PositiveSmallIntegerField(default=1, verbose_name="schema"),
        ),
    ]
