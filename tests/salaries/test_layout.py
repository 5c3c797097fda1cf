"""The range charts' geometry, computed on the server: any range an editor may enter draws."""

import datetime
from types import SimpleNamespace

import pytest

from salaries.layout import WIDTH, range_charts

PLACE = SimpleNamespace(pk=1, order=1, name="Oslo")


def band(minimum, maximum, *, track="individual-contributor", currency="USD", place=PLACE):
    return SimpleNamespace(
        minimum=minimum,
        maximum=maximum,
        currency=currency,
        period="year",
        track=track,
        location=place,
        as_of=datetime.date(2024, 1, 1),
    )


@pytest.mark.parametrize("maximum", [0, 1, 2, 3, 7, 10, 999_999, 10**12])
def test_any_range_the_form_accepts_gets_a_chart_with_round_whole_ticks(maximum):
    (chart,) = range_charts([band(0, maximum)], "en")
    values = [label for _x, label in chart.ticks]
    assert 2 <= len(values) <= 6
    xs = [x for x, _label in chart.ticks]
    assert xs == sorted(set(xs)), "ticks are distinct and in order"
    assert all(0 <= x <= WIDTH for x in xs)


def test_bars_run_from_minimum_to_maximum_on_one_scale():
    low, high = band(30_000, 70_000), band(60_000, 160_000, track="people-manager")
    (chart,) = range_charts([low, high], "en")
    bars = {bar.band.track: bar for bar in chart.groups[0].bars}
    assert bars["individual-contributor"].x < bars["people-manager"].x
    assert bars["people-manager"].x + bars["people-manager"].width <= chart.plot_right


def test_one_chart_per_currency_each_with_its_own_id():
    charts = range_charts([band(1, 5), band(1, 500, currency="NOK")], "nb", id_prefix="csm-")
    assert [c.currency for c in charts] == ["NOK", "USD"]
    assert [c.id for c in charts] == ["csm-1", "csm-2"]


def test_tick_labels_are_in_the_readers_language():
    (chart,) = range_charts([band(0, 160_000)], "hi")
    assert "$1,00,000" in [label for _x, label in chart.ticks]
