"""Bar charts of the figures towns give, laid out here and drawn as SVG by the template."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from handlers.render import figure_value
from knowledge.models import Figure

WIDTH: Final = 320
BAR_HEIGHT: Final = 22
GAP: Final = 8
LABEL_WIDTH: Final = 96
VALUE_WIDTH: Final = 64
MAX_CHARTS: Final = 4


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: str
    y: int
    width: int


@dataclass(frozen=True, slots=True)
class Chart:
    title: str
    height: int
    bars: tuple[Bar, ...]


def charts(figures: Sequence[Figure], towns: Sequence[str]) -> list[Chart]:
    """One chart per indicator that at least two towns give (each town's largest value)."""
    by_indicator: dict[tuple[str, str], dict[str, Figure]] = {}
    for figure in figures:
        per_town = by_indicator.setdefault((figure.indicator, figure.unit), {})
        if figure.town in towns and (
            figure.town not in per_town or figure.value > per_town[figure.town].value
        ):
            per_town[figure.town] = figure
    shared = [(key, found) for key, found in by_indicator.items() if len(found) >= 2]
    shared.sort(key=lambda item: -len(item[1]))
    return [
        _chart(f"{indicator}（{unit}）", found) for (indicator, unit), found in shared[:MAX_CHARTS]
    ]


def _chart(title: str, found: dict[str, Figure]) -> Chart:
    top = max(f.value for f in found.values()) or 1.0
    span = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    bars = []
    for index, (town, figure) in enumerate(sorted(found.items(), key=lambda t: -t[1].value)):
        width = max(2, round(span * figure.value / top))
        value = figure_value(figure)
        bars.append(Bar(town[:6], value, index * (BAR_HEIGHT + GAP), width))
    return Chart(title, len(bars) * (BAR_HEIGHT + GAP), tuple(bars))
