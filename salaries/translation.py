import simple_history
from modeltranslation.translator import TranslationOptions, register

from salaries.models import Location, SalaryBand


@register(Location)
class LocationTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SalaryBand)
class SalaryBandTranslationOptions(TranslationOptions):
    fields = ("job_title", "source")


# After the translated columns exist, so that history records every language.
simple_history.register(Location)
