"""Showing translated text, with the English fallback marked as such."""

from django import template
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, pgettext
from django.utils.translation import gettext as _

from content import formatting
from content.languages import text_in

register = template.Library()


def _text_and_fallback(obj, field):
    """The text in the reader's language, and the language it falls back to (English) when
    it is not in the reader's, else None."""
    language = get_language()
    text, shown = text_in(obj, field, language)
    return text, None if shown in (None, language) else shown


def _paragraphs(text):
    """Paragraphs are separated by a blank line; a paragraph of '- ' lines is a list."""
    blocks = []
    for paragraph in text.split("\n\n"):
        lines = paragraph.split("\n")
        if all(line.startswith("- ") for line in lines):
            items = format_html_join("", "<li>{}</li>", ((line[2:],) for line in lines))
            blocks.append(format_html("<ul>{}</ul>", items))
        elif paragraph:
            blocks.append(format_html("<p>{}</p>", mark_safe("<br>".join(map(escape, lines)))))
    return mark_safe("".join(blocks))


@register.simple_tag
def tr(obj, field):
    """A short translated text, inline; the English fallback is marked up as English."""
    text, fallback = _text_and_fallback(obj, field)
    if not fallback:
        return text
    return format_html(
        '<span lang="{}">{}</span> <small class="untranslated">{}</small>',
        fallback,
        text,
        _("(in English)"),
    )


@register.simple_tag
def tr_list(objects, field, style="standard"):
    """The translated texts of `objects` joined as the reader's language joins a list
    (CLDR's patterns through Babel; style "or" for alternatives: "A, B, or C")."""
    return formatting.html_list([tr(obj, field) for obj in objects], style=style)


@register.simple_tag
def abbreviated(obj, field, css_class="abbreviation", url=None):
    """A name with its abbreviation in brackets after it, as the reader's language writes
    it: "Customer Support Manager (CSM)", Korean "고객 지원 관리자(CSM)" with no space. With
    `url`, the name links there."""
    name = tr(obj, field)
    if url:
        name = format_html('<a href="{}">{}</a>', url, name)
    if not obj.abbreviation:
        return name
    abbreviation = format_html("({})", tr(obj, "abbreviation"))
    # The catalogue says what comes between the name and the bracket (a space, or nothing in
    # Korean). It goes inside the span: base.html's spaceless drops it between two tags.
    pattern = pgettext("a name and its abbreviation", "%(name)s %(abbreviation)s")
    between = pattern.removeprefix("%(name)s")
    return format_html(
        '{}<span class="{}">{}</span>',
        name,
        css_class,
        formatting.html_pattern(between, abbreviation=abbreviation),
    )


@register.simple_tag
def prose(obj, field, inline=False):
    """A translated text of paragraphs and lists; the English fallback comes with a notice.

    With `inline`, a single paragraph is returned bare, for a list item or definition that
    needs no paragraph of its own.
    """
    text, fallback = _text_and_fallback(obj, field)
    if inline and "\n" not in text:
        text = escape(text)
        return format_html('<span lang="{}">{}</span>', fallback, text) if fallback else text
    if not fallback:
        return _paragraphs(text)
    return format_html(
        '<div lang="{}">{}</div><p class="untranslated">{}</p>',
        fallback,
        _paragraphs(text),
        _("This text has not been translated yet and is shown in English."),
    )


@register.filter
def long_date(value):
    return formatting.long_date(value)


@register.filter
def number(value):
    return formatting.number(value)
