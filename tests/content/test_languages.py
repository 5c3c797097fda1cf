"""The language registry: one row per language, and every place that derives from it."""

import textwrap
import unicodedata

from babel import Locale
from django.conf import settings

from content import languages
from tests.servers import what_a_fresh_process_found


def test_the_source_language_comes_first_and_falls_back_to_nothing():
    assert languages.CODES[0] == languages.SOURCE == settings.LANGUAGE_CODE
    assert [code for code in languages.CODES if languages.get(code).fallback is None] == ["en"]
    assert languages.CODES[1:] == languages.TARGETS


def test_every_language_has_a_locale_babel_knows_and_a_real_script():
    for language in languages.LANGUAGES:
        assert Locale.parse(language.babel_locale).language == language.code
        letter = {"LATIN": "a", "DEVANAGARI": "क", "CYRILLIC": "д", "HANGUL": "한"}
        assert unicodedata.name(letter[language.script]).startswith(language.script)


def test_settings_and_modeltranslation_are_the_registry():
    assert [code for code, _name in settings.LANGUAGES] == languages.CODES
    assert dict(settings.LANGUAGES)["nb"] == "Norsk bokmål"
    assert list(settings.MODELTRANSLATION_LANGUAGES) == languages.CODES


def test_a_text_falls_back_to_english_when_it_has_none():
    class Text:
        title_en, title_ko = "Manager", ""

    assert languages.text_in(Text, "title", "ko") == ("Manager", "en")
    Text.title_ko = "관리자"
    assert languages.text_in(Text, "title", "ko") == ("관리자", "ko")


# A sixth language, as a new registry row, in a fresh process.
SIXTH_LANGUAGE = textwrap.dedent(
    """
    import importlib.util, json, sys, types
    from pathlib import Path

    spec = importlib.util.find_spec("content.languages")
    source = Path(spec.origin).read_text()
    anchor = "\\n)\\n\\nBY_CODE"
    assert source.count(anchor) == 1, "the registry's end moved: update this test"
    row = (
        '    Language(code="de", name="Deutsch", english_name="German", in_language="auf Deutsch",'
        ' babel_locale="de_DE", script="LATIN", reading_rate=220, reading_unit=WORDS,'
        ' range_pattern="{0}–{1}"),'
    )
    module = types.ModuleType("content.languages")
    module.__file__ = spec.origin
    code = compile(source.replace(anchor, "\\n" + row + anchor), spec.origin, "exec")
    exec(code, module.__dict__)
    sys.modules["content.languages"] = module
    import content
    content.languages = module

    import django
    django.setup()
    from io import StringIO
    from django.conf import settings
    from django.core.management import call_command
    from django.template.loader import render_to_string
    from django.test import RequestFactory
    from django.utils import translation

    from content.access import field_language
    from content.admin import ContentForm
    from content.formatting import babel_locale, reading_minutes
    from content.models import Permissions
    from content.negotiation import language_links
    from content.text_rules import script_problems
    from demo.generate import Texts
    from roles.models import Role
    from salaries.formatting import money_range

    request = RequestFactory().get(
        "/de/roles/", HTTP_ACCEPT_LANGUAGE="de-DE,de;q=0.9", HTTP_HOST="localhost"
    )
    with translation.override("de"):
        switcher = render_to_string(
            "includes/language_switcher.html", language_links(request), request=request
        )
    migrations = StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=migrations)
        needs_migration = False
    except SystemExit:
        needs_migration = True
    print(json.dumps({
        "settings": "de" in dict(settings.LANGUAGES),
        "modeltranslation": "de" in settings.MODELTRANSLATION_LANGUAGES,
        "columns": [f.name for f in Role._meta.fields if f.name.endswith("_de")],
        "permission": "translate_de" in [c for c, _ in Permissions._meta.permissions],
        "confirm_field": "confirm_de" in ContentForm.base_fields,
        "field_language": field_language(Role, "title_de"),
        "script_ok": script_problems("Kundenbetreuung", "de"),
        "script_refused": bool(script_problems("Кундендienst", "de")),
        "babel": babel_locale("de"),
        "money": money_range(30000, 70000, "EUR", "de"),
        "reading": reading_minutes(["wort " * 440], "de"),
        "demo_words": Texts(__import__("random").Random(1)).phrase("de", 3, 3),
        "negotiated": translation.get_language_from_request(request),
        "switcher": 'hreflang="de"' in switcher and "Deutsch" in switcher,
        "needs_migration": needs_migration,
        "migration_plan": migrations.getvalue(),
    }))
    """
)


def test_a_sixth_language_is_one_registry_row_away():
    found = what_a_fresh_process_found(SIXTH_LANGUAGE, "config.settings_test")
    assert found["settings"] and found["modeltranslation"]
    assert {"title_de", "summary_de", "abbreviation_de"} <= set(found["columns"])
    assert found["permission"] and found["confirm_field"]
    assert found["field_language"] == "de"
    assert found["script_ok"] == [] and found["script_refused"]
    assert found["babel"] == "de_DE"
    assert found["money"] == "30.000\xa0€\u202f–\u202f70.000\xa0€"
    assert found["reading"] == 2
    assert len(found["demo_words"].split()) == 3  # the demo generator writes it too
    assert found["negotiated"] == "de"
    assert found["switcher"]
    # …and one migration: the new columns and the permission, in each content app.
    assert found["needs_migration"]
    for app in ("roles", "metrics", "salaries", "content"):
        assert f"Migrations for '{app}'" in found["migration_plan"]
