"""What lists read of the content published before lists read it: its order, and its title
in every language under its first letter."""

import unicodedata

from django.db import migrations

# content.formatting's initial() and sort_text() and the languages' alphabets as they were
# when this migration was written: a migration must not change with the code.
CODES, SOURCE = ["en", "hi", "uk", "ko", "nb"], "en"
ALPHABETS = {"uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя", "nb": "abcdefghijklmnopqrstuvwxyzæøå"}
HANGUL_INITIALS = "ㄱㄱㄴㄷㄷㄹㅁㅂㅂㅅㅅㅇㅈㅈㅊㅋㅌㅍㅎ"


def sort_text(text, language):
    order = {letter: index for index, letter in enumerate(ALPHABETS.get(language, ""))}
    primary, secondary = [], []
    for char in text.casefold():
        decomposed = unicodedata.normalize("NFD", char)
        accented = len(decomposed) > 1 and all(unicodedata.combining(c) for c in decomposed[1:])
        base = decomposed[0] if accented and char not in order else char
        if base in order:
            primary.append((1, order[base]))
        elif unicodedata.category(base)[0] in "LMN":
            primary.append((2, ord(base)))
        else:
            primary.append((0, ord(base)))
        secondary.append(accented and char not in order)
    letters = "".join(f"{kind}{code:06x}" for kind, code in primary)
    accents = "".join("1" if accented else "0" for accented in secondary)
    return f"{letters}~{accents}~{text}"[:400]


def initial(text, language):
    for char in text.casefold():
        if "가" <= char <= "힣":
            return HANGUL_INITIALS[(ord(char) - 0xAC00) // 588]
        if unicodedata.category(char)[0] != "L":
            if unicodedata.category(char)[0] == "N":
                return "#"
            continue
        if char in ALPHABETS.get(language, ""):
            return char
        return unicodedata.normalize("NFD", char)[0]
    return "#"


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
