from django import template
from django.utils.translation import get_language

from salaries.formatting import money, money_range

register = template.Library()


@register.simple_tag
def band_range(band):
    return money_range(band.minimum, band.maximum, band.currency, get_language())


@register.simple_tag
def amount(value, currency):
    return money(value, currency, get_language())
