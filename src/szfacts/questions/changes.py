"""How a change between two figures of a series is computed, and what it may claim.

The rules (documented in docs/commands/compare.md):

- A rate or share (an indicator measured in percent) changes in percentage points; a
  relative change of a percent is not given.
- The change says over what span it was made: between two year ends "2 years", else in
  months or days. Across two or more years it also gives the yearly average (the change
  divided by the years; for the relative change, the compound yearly rate).
- A change is not computed across a break in the series (a figure with `series_break`,
  such as a census count after yearly estimates).
- Its digits follow the inputs: an absolute change keeps the decimals of the less precise
  figure (2 and 2.24 give 0, not 0.24), a relative change the significant digits of the
  less precise figure.
"""

from __future__ import annotations

import math
from calendar import monthrange
from datetime import date
from typing import NamedTuple

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Indicator, Observation

from .reports import converted

PERCENTAGE_POINTS = "percentage points"


class Change(NamedTuple):
    """A change from one figure of a series to a later one, as far as the inputs allow."""

    change: float | None  # in the indicator's unit, or percentage points for a percent
    relative: float | None  # percent; None for a rate or share, or a base of zero
    unit: str  # the unit of `change`
    span: str  # "1 year", "2 years", "4 months", "19 days"
    years: int | None  # whole years between two year ends (or month ends twelve apart)
    yearly: float | None  # the average change a year, over two years or more
    yearly_relative: float | None  # the compound yearly rate in percent, likewise
    broken_by: str | None  # the figure whose series break the change would cross


def is_percent(kb: KnowledgeBase, indicator: Indicator) -> bool:
    """Whether an indicator is a rate or share: its unit is percent ('percent of GDP')."""
    unit = indicator.unit
    if unit == PERCENTAGE_POINTS:
        return False
    return kb.unit(unit).dimension == "percent" or unit.split()[0] == "percent"


def change_between(
    kb: KnowledgeBase,
    indicator: Indicator,
    base: Observation,
    later: Observation,
    breaks: list[Observation],
) -> Change:
    """The change from `base` to `later`, two stated figures of one series (see the module)."""
    assert base.period is not None
    assert later.period is not None
    span, years = span_between(base.period.end, later.period.end)
    percent = is_percent(kb, indicator)
    unit = PERCENTAGE_POINTS if percent else indicator.unit
    crossed = next(
        (b.id for b in breaks
         if b.period is not None and base.period.end < b.period.start <= later.period.end),
        None,
    )  # fmt: skip
    if crossed is not None or base.qualifier is not None or later.qualifier is not None:
        return Change(None, None, unit, span, years, None, None, crossed)
    before = converted(kb, base, indicator.unit)
    after = converted(kb, later, indicator.unit)
    digits = min(decimals_in(kb, base, indicator.unit), decimals_in(kb, later, indicator.unit))
    change = round(after - before, digits)
    relative = yearly_relative = None
    figures = min(significant(base), significant(later))
    if not percent and before:
        # Never more than two decimals of a percent, and never more digits than the inputs.
        relative = round(to_significant((after / before - 1) * 100, figures), 2)
        if years is not None and years >= 2 and after / before > 0:
            rate = ((after / before) ** (1 / years) - 1) * 100
            yearly_relative = round(to_significant(rate, figures), 2)
    yearly = round((after - before) / years, digits + 1) if years and years >= 2 else None
    return Change(change, relative, unit, span, years, yearly, yearly_relative, None)


def span_between(first: date, last: date) -> tuple[str, int | None]:
    """The time from one day to a later one in words, and in whole years where it is that.

    Two year ends are whole years apart; two month ends whole months (twelve are a year);
    anything else is counted in days.
    """
    if _month_end(first) and _month_end(last):
        months = (last.year - first.year) * 12 + last.month - first.month
        if months % 12 == 0 and months:
            years = months // 12
            return f"{years} year{'s' if years != 1 else ''}", years
        return f"{months} month{'s' if months != 1 else ''}", None
    days = (last - first).days
    return f"{days} day{'s' if days != 1 else ''}", None


def _month_end(day: date) -> bool:
    return day.day == monthrange(day.year, day.month)[1]


def decimals_in(kb: KnowledgeBase, obs: Observation, unit: str) -> int:
    """The decimals a figure's printed digits are worth in another unit of its dimension.

    2,249.01 RMB billion has five in RMB trillion (2.24901); 17.56 million people has -4 in
    people (17,560,000 is known to the ten thousand).
    """
    ratio = kb.unit(obs.unit).factor / kb.unit(unit).factor
    return obs.decimals - round(math.log10(ratio))


def significant(obs: Observation) -> int:
    """The significant digits a figure was printed with (2 has one, 2.24 three, 51000 five)."""
    digits = f"{abs(obs.value):.{obs.decimals}f}".replace(".", "")
    return max(len(digits.lstrip("0")), 1)


def to_significant(number: float, figures: int) -> float:
    """A number rounded to that many significant digits: 12.0 to one digit is 10.0."""
    if number == 0 or not math.isfinite(number):
        return number
    return round(number, figures - 1 - math.floor(math.log10(abs(number))))
