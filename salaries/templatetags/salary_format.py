from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, pgettext, pgettext_lazy

from content.formatting import html_list, html_pattern
from content.templatetags.reference import tr
from salaries.formatting import money, range_parts
from salaries.models import SalaryBand

register = template.Library()

# The tracks as a sentence names the people on them (the table's row labels are headings).
TRACK_IN_LINE = {
    SalaryBand.Track.INDIVIDUAL_CONTRIBUTOR: pgettext_lazy(
        "salary line", "individual contributors"
    ),
    SalaryBand.Track.PEOPLE_MANAGER: pgettext_lazy("salary line", "people managers"),
}


@register.simple_tag
def band_range(band):
    """The band's range as HTML that wraps at one deliberate place only: after the range sign
    and its spacing. Each side is kept whole, so no figure splits and no line starts with the
    sign or with the no-break space that follows it."""
    first, second = range_parts(band.minimum, band.maximum, band.currency, get_language())
    return format_html(
        '<span class="range"><span>{}</span><wbr><span>{}</span></span>', first, second
    )


@register.simple_tag
def salary_line(place, bands):
    """One place's bands as a sentence of the reader's language, from the catalogue's patterns
    and CLDR's list pattern ("San Francisco: $30,000 to $70,000 per year for individual
    contributors and …", with the language's range sign). Each language decides its words,
    their order and its punctuation."""
    phrases = [
        html_pattern(
            pgettext("salary line", "%(range)s %(period)s for %(track)s"),
            range=band_range(band),
            period=band.get_period_display(),
            track=TRACK_IN_LINE[band.track],
        )
        for band in bands
    ]
    return html_pattern(
        pgettext("salary line", "%(place)s: %(bands)s"),
        place=format_html("<strong>{}</strong>", tr(place, "name")),
        bands=html_list(phrases),
    )


@register.simple_tag
def amount(value, currency):
    return money(value, currency, get_language())


@register.filter
def percent_of(value, total):
    """A chart position or length in layout units as a percentage of the chart's width."""
    return f"{100 * value / total:.2f}%"
