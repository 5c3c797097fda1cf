"""The read API's shapes of salary bands."""

import datetime

from ninja import Schema

from content.schemas import current_language
from roles.schemas import Link
from salaries.formatting import money_range


class LocationOut(Schema):
    slug: str
    name: str
    country: str


class SalaryBandOut(Schema):
    location: LocationOut
    track: str
    track_label: str
    minimum: int
    maximum: int
    currency: str
    period: str
    period_label: str
    formatted: str
    # Whom the source gives the figures for ("customer support specialists"), or "".
    job_title: str
    source: str
    source_url: str
    as_of: datetime.date

    @staticmethod
    def resolve_track_label(obj):
        return obj.get_track_display()

    @staticmethod
    def resolve_period_label(obj):
        return obj.get_period_display()

    @staticmethod
    def resolve_job_title(obj):
        return obj.job_title or ""

    @staticmethod
    def resolve_formatted(obj):
        return money_range(obj.minimum, obj.maximum, obj.currency, current_language())


class RoleSalaries(Schema):
    language: str
    role: Link
    bands: list[SalaryBandOut]

    @staticmethod
    def resolve_language(obj):
        return current_language()

    @staticmethod
    def resolve_role(obj):
        return obj

    @staticmethod
    def resolve_bands(obj):
        return obj.bands
