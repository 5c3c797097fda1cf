from modeltranslation.translator import TranslationOptions, register

from tests.list_type.models import Certification


@register(Certification)
class CertificationTranslationOptions(TranslationOptions):
    fields = ("name", "description")
