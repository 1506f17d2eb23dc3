"""What a printed figure stands for: a closed interval of numbers, and arithmetic on them.

Each printed figure stands for an interval: 26.70 means anything from 26.695 to 26.705, and
"over 80" anything above 80. Checks compare the interval a figure states with the one the
figures it connects imply (interval arithmetic, not a fixed tolerance).
"""

from __future__ import annotations

import math
from typing import Final

from .records import Observation


class Interval:
    """A closed range of real numbers; the bounds may be infinite. Immutable.

    A plain slotted class rather than a dataclass: it is defined on the lookup path of
    every command that compares reports, where a dataclass costs a millisecond to create.
    """

    __slots__ = ("hi", "lo")
    lo: float
    hi: float

    def __init__(self, lo: float, hi: float) -> None:
        object.__setattr__(self, "lo", lo)
        object.__setattr__(self, "hi", hi)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Interval is immutable; cannot set {name}")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return (self.lo, self.hi) == (other.lo, other.hi)

    def __hash__(self) -> int:
        return hash((self.lo, self.hi))

    def __repr__(self) -> str:
        return f"Interval(lo={self.lo!r}, hi={self.hi!r})"

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.lo + other.lo, self.hi + other.hi)

    def __sub__(self, other: Interval) -> Interval:
        return Interval(self.lo - other.hi, self.hi - other.lo)

    def __neg__(self) -> Interval:
        return Interval(-self.hi, -self.lo)

    def __mul__(self, other: Interval) -> Interval:
        products = [a * b for a in (self.lo, self.hi) for b in (other.lo, other.hi)]
        products = [p for p in products if not math.isnan(p)]
        return Interval(min(products), max(products))

    def __truediv__(self, other: Interval) -> Interval:
        if other.lo <= 0 <= other.hi:
            raise ZeroDivisionError("the divisor's interval contains zero")
        return self * Interval(1 / other.hi, 1 / other.lo)

    def meets(self, other: Interval) -> bool:
        """Whether the two intervals share at least one number."""
        return self.lo <= other.hi and other.lo <= self.hi

    def text(self, decimals: int) -> str:
        """The interval in words, bounds rounded to `decimals` places: '17.212 to 17.307'."""

        def show(x: float) -> str:
            return "unbounded" if math.isinf(x) else f"{x:.{decimals}f}"

        return f"{show(self.lo)} to {show(self.hi)}"


def point(value: float) -> Interval:
    """An exact number as an interval."""
    return Interval(value, value)


# How far "about" and "nearly" reach: 5 % of the value, beyond the printed rounding. A
# convention, documented in docs/knowledge-file.md, so that "about 15,000" and 15,500 agree and
# "nearly 1.43 million" and 1.5 million do not.
LOOSE: Final = 0.05


def interval_of(obs: Observation) -> Interval | None:
    """What a printed figure of the knowledge file stands for (see `stated_interval`).

    An achievement's whole number ending in zeros is read as rounded unless the record says
    it is exact; a target's number is the threshold it sets, never widened.
    """
    rounded = not obs.exact and not obs.target
    return stated_interval(float(obs.value), obs.decimals, obs.qualifier, rounded)


def stated_interval(
    value: float, decimals: int, qualifier: str | None, round_figure: bool = False
) -> Interval | None:
    """What a printed figure stands for, or None when its wording gives no usable range.

    Exact: the rounding interval of the printed digits (26.70 is 26.695 to 26.705).
    over X: above X; at-least X: from X; under X: below X; at-most X: up to X.
    nearly X: from 5 % below X up to X; about X: within 5 % of X either way (each widened
    by the rounding of the digits). all: no range (a word, not a measurement).
    round_figure: a whole number ending in zeros, with no qualifier, is read as rounded to
    its last non-zero digit, as news texts round: 51,000 is 50,500 to 51,500. A bound's or
    an approximation's number is a threshold its words already qualify: not widened.
    """
    half = 0.5 * 10.0**-decimals
    if round_figure and qualifier is None and decimals == 0 and value != 0:
        zeros = len(str(int(abs(value)))) - len(str(int(abs(value))).rstrip("0"))
        half = 0.5 * 10.0**zeros
    if qualifier is None:
        return Interval(value - half, value + half)
    if qualifier in ("over", "at-least"):
        return Interval(value - half if qualifier == "at-least" else value, math.inf)
    if qualifier in ("under", "at-most"):
        return Interval(-math.inf, value + half if qualifier == "at-most" else value)
    reach = abs(value) * LOOSE + half
    if qualifier == "nearly":
        return Interval(value - reach, value + half)
    if qualifier == "about":
        return Interval(value - reach, value + reach)
    return None  # "all" says too little to check against


def truncated_interval(value: float, decimals: int, exact: bool = False) -> Interval:
    """What a figure stands for if its writer cut digits off rather than rounding.

    2.24 is then 2.24 up to 2.25 (2,249.01 billion written as 2.24 trillion); a whole number
    ending in zeros (unless exact) is cut at its last non-zero digit: 203,480 is 203,480 up
    to 203,490. A negative figure is cut towards zero the same way.
    """
    step = 10.0**-decimals
    if decimals == 0 and value and not exact:
        digits = str(int(abs(value)))
        step = 10.0 ** (len(digits) - len(digits.rstrip("0")))
    return Interval(value, value + step) if value >= 0 else Interval(value - step, value)


def meets_cut(interval: Interval, cut: Interval) -> bool:
    """Whether an interval meets a truncated figure's, which excludes its upper end.

    79 cut off stands for 79 up to (not including) 80: it does not meet "over 80".
    """
    return cut.lo <= interval.hi and interval.lo < cut.hi


def scaled(interval: Interval, factor: float) -> Interval:
    """An interval multiplied by a positive unit factor."""
    return Interval(interval.lo * factor, interval.hi * factor)
