"""Search answers are kept only by each process, forgotten at each publication
(search/middleware.py): the generation that keyed them in the shared cache goes."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("search", "0002_shortest_names"),
    ]

    operations = [
        migrations.DeleteModel(
            name="IndexState",
        ),
    ]
