"""The interface is translated completely into every language, and nothing escapes gettext."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.template import engines
from django.test import Client
from django.utils import translation
from jinja2 import nodes

from content import languages

TRANSLATED = languages.TARGETS
PLACEHOLDER = re.compile(r"%\(\w+\)[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrs]")
# The admin's templates (Django's engine) and the public pages' (Jinja2, config/jinja2.py).
JINJA2_TEMPLATES = sorted((settings.BASE_DIR / "jinja2").rglob("*.html"))
TEMPLATES = sorted((settings.BASE_DIR / "templates").rglob("*.html")) + JINJA2_TEMPLATES


def catalogue(language):
    path = settings.BASE_DIR / "locale" / language / "LC_MESSAGES" / "django.po"
    with path.open("rb") as po:
        return read_po(po, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_no_untranslated_or_fuzzy_entry(language):
    problems = []
    for message in catalogue(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {message.id!r}")
        if not all(strings):
            problems.append(f"untranslated: {message.id!r}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_translations_keep_every_placeholder(language):
    broken = []
    for message in catalogue(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        wanted = set(PLACEHOLDER.findall(ids[-1]))
        for string in strings:
            if set(PLACEHOLDER.findall(string)) != wanted:
                broken.append(message.id)
    assert broken == []


@pytest.mark.parametrize(
    ("language", "translated"),
    [("hi", "सामग्री"), ("uk", "вмісту"), ("ko", "본문"), ("nb", "innhold")],
)
def test_interface_speaks_each_language(language, translated):
    with translation.override(language):
        assert translated in translation.gettext("Skip to content").lower()


@pytest.mark.django_db
@pytest.mark.parametrize("language", TRANSLATED)
def test_pages_show_no_english_interface_text(language):
    html = Client().get(f"/{language}/").text
    for english in ["Skip to content", "Metrics", "Salaries", "Compare roles"]:
        assert f">{english}<" not in html


def _outside_gettext(source):
    source = re.sub(r"{#.*?#}", "", source, flags=re.S)
    source = re.sub(r"{% comment %}.*?{% endcomment %}", "", source, flags=re.S)
    source = re.sub(r"{% blocktranslate.*?{% endblocktranslate %}", "", source, flags=re.S)
    source = re.sub(r"<(script|style)\b.*?</\1>", "", source, flags=re.S)
    source = re.sub(r"{%.*?%}|{{.*?}}", " ", source, flags=re.S)
    attributes = re.findall(r'\b(?:alt|title|aria-label|placeholder)="([^"]*)"', source)
    text = re.sub(r"<[^>]*>", " ", source)
    return re.findall(r"[^\W\d_]{2,}", " ".join([text, *attributes]))


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: str(p.relative_to(settings.BASE_DIR)))
def test_template_has_no_text_outside_gettext(template):
    assert _outside_gettext(template.read_text(encoding="utf-8")) == []


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What makemessages finds in a copy of the project: (context, msgid) of each string."""
    if not shutil.which("xgettext"):
        pytest.skip("GNU gettext (xgettext) is not installed; .ci/run installs it")
    base = Path(settings.BASE_DIR)
    copy = tmp_path_factory.mktemp("locale") / "project"
    shutil.copytree(
        base,
        copy,
        ignore=shutil.ignore_patterns(".venv", ".git", "*.mo", "__pycache__", "*.sqlite3"),
    )
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "--no-location", "--ignore=tests",
         "--ignore=reference", "-l", "uk"],
        cwd=copy, check=True, capture_output=True,
    )  # fmt: skip
    with (copy / "locale/uk/LC_MESSAGES/django.po").open("rb") as po:
        return {_key(m) for m in read_po(po) if m.id}


def _key(message):
    return message.context, message.id


def test_catalogues_hold_every_string_the_code_uses(extracted):
    """makemessages on a copy of the project adds nothing the catalogues lack."""
    known = {_key(m) for m in catalogue("uk") if m.id}
    assert sorted(map(str, extracted - known)) == []


def _jinja2_msgids(source):
    """(context, msgid) of each string a Jinja2 template looks up when it renders: the calls
    that config/jinja2.py's {% translate %} and {% blocktranslate %} compile to."""
    wanted = []
    for call in engines["jinja2"].env.parse(source).find_all(nodes.Call):
        if not isinstance(call.node, nodes.ExtensionAttribute):
            continue
        if call.node.name == "_translate":
            message, context = (arg.value for arg in call.args[:2])
            wanted.append((context, message.replace("%", "%%")))
        elif call.node.name == "_blocktranslate":
            singular, plural, context = (arg.value for arg in call.args[:3])
            wanted.append((context, (singular, plural) if plural else singular))
    return wanted


def test_jinja2_templates_translate_through_the_extension():
    """The scan below sees every string: a template with none would be a sign that it
    translates some other way (Jinja2's own i18n, a gettext call) that makemessages skips."""
    assert _jinja2_msgids('{% translate "Search" context "button" %}') == [("button", "Search")]
    for template in JINJA2_TEMPLATES:
        source = template.read_text(encoding="utf-8")
        assert ("translate" in source) == bool(_jinja2_msgids(source)), template
        assert "gettext(" not in source and "{% trans " not in source, template


def test_makemessages_finds_every_string_the_public_pages_translate(extracted):
    """makemessages reads the Jinja2 templates with Django's template lexer: their
    {% translate %} and {% blocktranslate %} keep Django's syntax so that it finds each
    msgid exactly as the page looks it up."""
    used = {key for template in JINJA2_TEMPLATES for key in _jinja2_msgids(template.read_text())}
    assert len(used) > 100
    assert sorted(map(str, used - extracted)) == []
