from django import template
from django.utils.html import format_html
from django.utils.translation import get_language

from salaries.formatting import money, money_range

register = template.Library()


@register.simple_tag
def band_range(band):
    """The band's range as HTML that wraps at one deliberate place only: after the range sign
    and its spacing. Each side is kept whole, so no figure splits and no line starts with the
    sign or with the no-break space that follows it."""
    language = get_language()
    text = money_range(band.minimum, band.maximum, band.currency, language)
    low = money(band.minimum, band.currency, language)
    high = money(band.maximum, band.currency, language)
    if not (text.startswith(low) and text.endswith(high)):
        return format_html('<span class="range"><span>{}</span></span>', text)
    return format_html(
        '<span class="range"><span>{}</span><wbr><span>{}</span></span>',
        text[: len(text) - len(high)],
        high,
    )


@register.simple_tag
def amount(value, currency):
    return money(value, currency, get_language())


@register.filter
def percent_of(value, total):
    """A chart position or length in layout units as a percentage of the chart's width."""
    return f"{100 * value / total:.2f}%"
