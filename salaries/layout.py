"""Salary comparisons laid out on the server: tables, and range charts that a template draws
as inline SVG.

A chart's horizontal positions are in layout units, WIDTH of them across the plot; the
template gives them as percentages, so that the chart fills its column at any width while its
text keeps its size. Each location's name sits on its own line above its bars."""

import math
from dataclasses import dataclass, field
from itertools import groupby

from salaries.formatting import money
from salaries.models import SalaryBand

WIDTH = 640
LABEL_WIDTH = 0
RIGHT_MARGIN = 0
LABEL_HEIGHT = 22
BAR_HEIGHT = 16
BAR_GAP = 6
GROUP_GAP = 16
TOP = 8
AXIS_HEIGHT = 28
NICE_STEPS = [1, 2, 2.5, 5]


@dataclass
class Bar:
    band: object
    x: int
    y: int
    width: int


@dataclass
class Group:
    label: str
    y: int
    bars: list = field(default_factory=list)


@dataclass
class Chart:
    currency: str
    period: str
    groups: list
    ticks: list
    height: int
    tracks: list
    # Unique on its page: the chart's title and description are referred to by id.
    id: str = ""
    width: int = WIDTH
    plot_left: int = LABEL_WIDTH
    plot_right: int = WIDTH - RIGHT_MARGIN


def _step(maximum, at_most=5):
    """A round tick step, a whole amount, that gives at most `at_most` ticks up to `maximum`."""
    magnitude = 10 ** math.floor(math.log10(max(maximum, 1)))
    for scale in (magnitude / 10, magnitude, magnitude * 10):
        for nice in NICE_STEPS:
            step = nice * scale
            # Salaries are whole amounts: a tick between two of them would label nothing.
            if step >= 1 and step == int(step) and maximum / step <= at_most:
                return int(step)
    return magnitude * 10


def range_charts(bands, language, id_prefix=""):
    """One chart per currency and period; bands grouped by location, in the order given.
    Charts are numbered from 1 after `id_prefix`, for the ids of their titles."""
    charts = []
    keyed = sorted(bands, key=lambda b: (b.currency, b.period))
    for (currency, period), same_unit in groupby(keyed, key=lambda b: (b.currency, b.period)):
        same_unit = list(same_unit)
        top = max(b.maximum for b in same_unit) or 1
        step = _step(top)
        axis_max = math.ceil(top / step) * step
        span = WIDTH - RIGHT_MARGIN - LABEL_WIDTH

        def x(value, span=span, axis_max=axis_max):
            return LABEL_WIDTH + span * value / axis_max

        groups, y = [], TOP
        ordered = sorted(same_unit, key=lambda b: (b.location.order, b.location.pk, b.track))
        for _location, located in groupby(ordered, key=lambda b: b.location.pk):
            located = list(located)
            group = Group(label=located[0].location.name, y=y)
            y += LABEL_HEIGHT
            for band in located:
                left = round(x(band.minimum))
                group.bars.append(Bar(band, left, y, max(round(x(band.maximum)) - left, 2)))
                y += BAR_HEIGHT + BAR_GAP
            groups.append(group)
            y += GROUP_GAP - BAR_GAP
        ticks = [
            (round(x(value)), money(value, currency, language))
            for value in range(0, int(axis_max) + 1, step)
        ]
        present = {b.track for b in same_unit}
        tracks = [(value, label) for value, label in SalaryBand.Track.choices if value in present]
        chart_id = f"{id_prefix}{len(charts) + 1}"
        charts.append(Chart(currency, period, groups, ticks, y + AXIS_HEIGHT, tracks, chart_id))
    return charts


@dataclass
class ComparisonTable:
    role: object
    locations: list
    rows: list
    charts: list


def comparison_tables(roles, language):
    """Per role (with its published bands, role.bands): one row per track, one column per
    location it has figures for (in the locations' order), and the role's chart."""
    tables = []
    for role in roles:
        bands = role.bands
        places = {b.location_id: b.location for b in bands}
        locations = sorted(places.values(), key=lambda place: (place.order, place.pk))
        by_place = {(b.track, b.location_id): b for b in bands}
        rows = [
            (label, [by_place.get((track, location.pk)) for location in locations])
            for track, label in SalaryBand.Track.choices
            if any(b.track == track for b in bands)
        ]
        charts = range_charts(bands, language, id_prefix=f"{role.slug}-")
        tables.append(ComparisonTable(role, locations, rows, charts))
    return tables
