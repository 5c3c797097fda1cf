from modeltranslation.translator import TranslationOptions, register

from salaries.models import Location, SalaryBand


@register(Location)
class LocationTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(SalaryBand)
class SalaryBandTranslationOptions(TranslationOptions):
    fields = ("source",)
