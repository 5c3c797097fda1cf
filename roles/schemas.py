"""The read API's shapes of roles and of the lists of a role's article that roles holds."""

import datetime

from ninja import Schema

from content.schemas import absolute, current_language


class Family(Schema):
    slug: str
    name: str


class Link(Schema):
    slug: str
    title: str
    url: str

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class RoleBase(Schema):
    slug: str
    language: str
    title: str
    abbreviation: str
    summary: str
    family: Family
    url: str

    @staticmethod
    def resolve_language(obj):
        return current_language()

    @staticmethod
    def resolve_abbreviation(obj):
        return obj.abbreviation or ""

    @staticmethod
    def resolve_url(obj, context):
        return absolute(context, obj.get_absolute_url())


class RoleSummary(RoleBase):
    api_url: str

    @staticmethod
    def resolve_api_url(obj, context):
        return absolute(context, f"/api/v1/roles/{obj.slug}?lang={current_language()}")


class ResponsibilityOut(Schema):
    group: str | None
    title: str
    description: str

    @staticmethod
    def resolve_group(obj):
        return obj.group.title if obj.group else None


class NamedText(Schema):
    name: str
    description: str


class ToolOut(NamedText):
    examples: list[str]

    @staticmethod
    def resolve_examples(obj):
        return [e.strip() for e in obj.examples.split(",") if e.strip()]


class TitledText(Schema):
    title: str
    description: str


class CareerStepOut(TitledText):
    kind: str
    role: str | None

    @staticmethod
    def resolve_role(obj):
        return obj.target_role.slug if obj.target_role else None


class TakeawayOut(Schema):
    question: str
    answer: str


class SectionOut(Schema):
    key: str
    heading: str
    text: str
    outdated: bool

    @staticmethod
    def resolve_heading(obj):
        return obj.section.heading if obj.section else str(obj.label)

    @staticmethod
    def resolve_text(obj):
        return obj.section.body if obj.section else ""


class Classification(Schema):
    """The role's codes in public classifications of occupations; "" where it has none."""

    isco_08: str
    esco: str
    onet_soc: str

    @staticmethod
    def resolve_esco(obj):
        return obj.esco_uri


class RoleHead(RoleBase):
    """What the API says of a role beside the lists of its article."""

    aliases: list[str]
    updated_on: datetime.date
    reading_minutes: int
    sections: list[SectionOut]
    related_roles: list[Link]
    alternates: dict[str, str]
    classification: Classification

    @staticmethod
    def resolve_classification(obj):
        return obj  # an Article reads through to its role's fields

    @staticmethod
    def resolve_aliases(obj):
        return [alias.name for alias in obj.aliases]
