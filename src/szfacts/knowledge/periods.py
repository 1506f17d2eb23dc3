"""Periods and dates at the precision a source gives them.

A period is written as text in the knowledge file (`2017`, `2018-04`, `2018-04-12`,
`2021-Q3`, `2021-end`, or `A/B` for an inclusive range) and parsed into the first and last
day it covers, so that periods can be ordered and matched without inventing precision.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Final, NamedTuple

_MONTHS: Final = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip

_POINT = re.compile(
    r"^(?P<year>\d{4})"
    r"(?:-(?P<end>end)|-Q(?P<quarter>[1-4])|-(?P<month>\d{2})(?:-(?P<day>\d{2}))?)?$"
)


class Period(NamedTuple):
    """A span of time as a source states it: its text, first and last day, and precision.

    An immutable value like the records that hold it; a NamedTuple rather than a dataclass
    because it is defined on every start and costs a fraction as much to define.
    """

    text: str
    start: date
    end: date
    precision: str  # year, quarter, month, day, year-end, or range

    @property
    def year(self) -> int | None:
        """The calendar year when the whole period lies in one year, else None."""
        return self.start.year if self.start.year == self.end.year else None

    def label(self) -> str:
        """The period in words, at the precision given: 'end of 2021', '12-13 April 2018'."""
        if self.precision == "range":
            first, last = (parse_period(part) for part in self.text.split("/"))
            return _range_label(first, last)
        return _point_label(self)

    def overlaps(self, other: Period) -> bool:
        """Whether the two periods share at least one day."""
        return self.start <= other.end and other.start <= self.end


def order_key(period: Period | None) -> tuple[str, str]:
    """A key that orders periods by their first, then their last day; None sorts first."""
    return (period.start.isoformat(), period.end.isoformat()) if period else ("", "")


@lru_cache(maxsize=4096)  # a large file repeats a few periods many times; Period is frozen
def parse_period(text: str) -> Period:
    """Parse a period; raise ValueError with the accepted forms when it is not one."""
    if "/" in text:
        first_text, _, last_text = text.partition("/")
        first, last = _parse_point(first_text), _parse_point(last_text)
        if last.end < first.start:
            raise ValueError(f"the range {text!r} ends before it starts")
        return Period(text, first.start, last.end, "range")
    return _parse_point(text)


def _parse_point(text: str) -> Period:
    match = _POINT.match(text)
    if match is None:
        raise ValueError(
            f"{text!r} is not a period; write YYYY, YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-end "
            "or FIRST/LAST"
        )
    year = int(match["year"])
    if year < 1:
        raise ValueError(f"{text!r}: year 0 does not exist")
    if match["end"]:
        return Period(text, date(year, 12, 31), date(year, 12, 31), "year-end")
    if match["quarter"]:
        quarter = int(match["quarter"])
        first_month, last_month = 3 * quarter - 2, 3 * quarter
        last_day = _days_in_month(year, last_month)
        return Period(text, date(year, first_month, 1), date(year, last_month, last_day), "quarter")
    if match["month"]:
        month = int(match["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"{text!r}: month {month} does not exist")
        if match["day"]:
            try:
                day = date(year, month, int(match["day"]))
            except ValueError:
                raise ValueError(f"{text!r} is not a date in the calendar") from None
            return Period(text, day, day, "day")
        last_day = _days_in_month(year, month)
        return Period(text, date(year, month, 1), date(year, month, last_day), "month")
    return Period(text, date(year, 1, 1), date(year, 12, 31), "year")


def _point_label(period: Period) -> str:
    start = period.start
    if period.precision == "year":
        return str(start.year)
    if period.precision == "year-end":
        return f"end of {start.year}"
    if period.precision == "quarter":
        return f"Q{(start.month + 2) // 3} {start.year}"
    if period.precision == "month":
        return f"{_MONTHS[start.month - 1]} {start.year}"
    return f"{start.day} {_MONTHS[start.month - 1]} {start.year}"


def _range_label(first: Period, last: Period) -> str:
    same_month = (first.start.year, first.start.month) == (last.start.year, last.start.month)
    if first.precision == last.precision == "day" and same_month:
        month = _MONTHS[first.start.month - 1]
        return f"{first.start.day}-{last.start.day} {month} {first.start.year}"
    if first.precision == last.precision == "quarter" and first.start.year == last.start.year:
        return f"Q{(first.start.month + 2) // 3}-Q{(last.start.month + 2) // 3} {first.start.year}"
    return f"{_point_label(first)} to {_point_label(last)}"


def _days_in_month(year: int, month: int) -> int:
    # calendar.monthrange, without importing calendar (and locale) on every start.
    following = date(year + month // 12, month % 12 + 1, 1)
    return (following - date(year, month, 1)).days
