import simple_history
from modeltranslation.translator import TranslationOptions, register

from roles.models import (
    BestPractice,
    CareerStep,
    Responsibility,
    ResponsibilityGroup,
    Role,
    RoleAlias,
    RoleFamily,
    Section,
    Skill,
    Takeaway,
    Tool,
)


@register(RoleFamily)
class RoleFamilyTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Role)
class RoleTranslationOptions(TranslationOptions):
    fields = ("title", "abbreviation", "summary")


@register(RoleAlias)
class RoleAliasTranslationOptions(TranslationOptions):
    fields = ("name",)


@register(Section)
class SectionTranslationOptions(TranslationOptions):
    fields = ("heading", "body")


@register(ResponsibilityGroup)
class ResponsibilityGroupTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Responsibility)
class ResponsibilityTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Skill)
class SkillTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(Tool)
class ToolTranslationOptions(TranslationOptions):
    fields = ("name", "description")


@register(BestPractice)
class BestPracticeTranslationOptions(TranslationOptions):
    fields = ("title", "description")


@register(Takeaway)
class TakeawayTranslationOptions(TranslationOptions):
    fields = ("question", "answer")


@register(CareerStep)
class CareerStepTranslationOptions(TranslationOptions):
    fields = ("title", "description")


# After the translated columns exist, so that history records every language. The lists of a
# role's article get theirs from articles/translation.py.
simple_history.register(RoleFamily)
simple_history.register(Role)
