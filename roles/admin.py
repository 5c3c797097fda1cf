from django.contrib import admin
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

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


@admin.register(RoleFamily)
class RoleFamilyAdmin(TranslationAdmin):
    list_display = ["name", "slug", "order"]


class RoleItemInline(TranslationStackedInline):
    extra = 0


class RoleAliasInline(RoleItemInline):
    model = RoleAlias


class SectionInline(RoleItemInline):
    model = Section


class ResponsibilityGroupInline(RoleItemInline):
    model = ResponsibilityGroup


class ResponsibilityInline(RoleItemInline):
    model = Responsibility


class SkillInline(RoleItemInline):
    model = Skill


class ToolInline(RoleItemInline):
    model = Tool


class BestPracticeInline(RoleItemInline):
    model = BestPractice


class TakeawayInline(RoleItemInline):
    model = Takeaway


class CareerStepInline(RoleItemInline):
    model = CareerStep
    fk_name = "role"


@admin.register(Role)
class RoleAdmin(TranslationAdmin):
    list_display = ["title", "slug", "family", "updated_on"]
    list_filter = ["family"]
    search_fields = ["slug", "title"]
    inlines = [
        RoleAliasInline,
        SectionInline,
        ResponsibilityGroupInline,
        ResponsibilityInline,
        SkillInline,
        ToolInline,
        BestPracticeInline,
        TakeawayInline,
        CareerStepInline,
    ]
