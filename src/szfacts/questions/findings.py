"""What a check finds: one verdict on one figure, with what it was checked against."""

from __future__ import annotations

from typing import Final, NamedTuple

from szfacts.knowledge.intervals import Interval

# error: figures contradict each other; warning: they hold only through rounding, or two
# reports of one quantity conflict; truncated: two reports agree only if one cut digits off
# rather than rounding; met / missed: a target against its outcome; ok: they agree;
# skipped: nothing to check against, or not yet known.
VERDICTS: Final = ("error", "warning", "truncated", "met", "missed", "ok", "skipped")
SHOWN: Final = ("error", "warning", "truncated", "met", "missed")  # listed without --verbose


class Finding(NamedTuple):
    """The outcome of one check on one figure.

    An immutable NamedTuple rather than a dataclass: it is defined on the lookup path of
    every command that compares reports, where a dataclass costs a millisecond to create.
    """

    check: str  # change, derived, ratio, agreement (of two reports) or target
    verdict: str  # one of VERDICTS
    subject: str  # the observation checked
    inputs: tuple[str, ...]  # the observations it was checked against
    message: str
    implied: Interval | None = None
    face_value: float | None = None
