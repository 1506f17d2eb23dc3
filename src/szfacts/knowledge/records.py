"""The records of a knowledge file: frozen dataclasses, one per kind. Standard library only."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Final, NamedTuple, TypeVar, dataclass_transform

from .periods import Period

try:  # the classes' methods, written into the wheel when it is built (see prebuilt.py)
    from . import _records_methods as _WRITTEN  # type: ignore[attr-defined]  # noqa: N812
except ImportError:  # an editable install or a checkout: @dataclass writes them
    _WRITTEN = None

_T = TypeVar("_T")


@dataclass_transform(frozen_default=True, field_specifiers=(field,))
def record(cls: type[_T]) -> type[_T]:
    """`@dataclass(frozen=True, slots=True)`, with the methods written when the wheel was built.

    Where those exist for this class as it is now, the class takes them, and its fields from
    `dataclass` itself; otherwise `dataclass` makes it. Both are the same dataclass (see
    prebuilt.py): only the cost of defining it differs.
    """
    written = getattr(_WRITTEN, cls.__name__, None)
    if written is not None:
        from .prebuilt import assemble

        made: type[_T] | None = assemble(cls, written, _WRITTEN.CLASSES)
        if made is not None:
            return made
    return dataclass(frozen=True, slots=True)(cls)


QUALIFIER_WORDS: Final = {
    "over": "over",
    "nearly": "nearly",
    "at-least": "at least",
    "under": "under",
    "at-most": "at most",
    "about": "about",
    "all": "all",
}


@record
class Source:
    """A document that facts come from, and who its figures originally come from."""

    id: str
    title: str
    kind: str
    publisher: str
    outlet: str | None
    published: Period
    published_note: str | None
    origin: str
    language: str
    paragraphs: int
    url: str | None = None  # the address of a web page (http or https)
    url_note: str | None = None  # why there is no address, where it is unknown
    mirrors: tuple[str, ...] = ()  # other addresses of the same text
    author: str | None = None  # the writer, where the source names one


@record
class Entity:
    """A city, province, country, group, organisation or person that facts are about."""

    id: str
    kind: str
    name: str
    name_zh: str | None
    aliases: tuple[str, ...]
    region: str | None
    members: tuple[str, ...]


class Ratio(NamedTuple):
    """How an indicator is computed from two others: numerator / denominator * per."""

    numerator: str
    denominator: str
    per: float


@record
class Indicator:
    """What is measured, in which unit; optionally a change of, or ratio of, others."""

    id: str
    name: str
    unit: str
    definition: str
    change_of: str | None
    change: str | None  # "relative" or "absolute" when change_of is set
    ratio: Ratio | None
    method: str | None = None  # whose definition the figures follow (e.g. a white paper's)
    name_zh: str | None = None  # the Chinese name, where it is certain (search finds it)
    topic: str | None = None  # what `compare` groups it under ("5G and networks", "Economy")
    keywords: tuple[str, ...] = ()  # other words for it in prose (`verify` reads them)


class Derivation(NamedTuple):
    """How a derived value is computed: a formula over named input observations."""

    formula: str
    inputs: tuple[tuple[str, str], ...]  # (name in the formula, observation id)


@record
class Observation:
    """One figure: indicator, entity, period, value and unit, with its source or formula."""

    id: str
    indicator: str
    entity: str
    period: Period | None
    period_note: str | None
    value: int | float
    decimals: int
    unit: str
    qualifier: str | None
    note: str | None
    source: str | None
    paragraphs: tuple[int, ...]
    derivation: Derivation | None
    status: str = "actual"  # "target" for a plan, goal or forecast: never an achievement
    value_words: str | None = None  # the source's words, where the value is our reading of them
    # Fields from here on are read, stored and shown by their type alone (see CONTRIBUTING):
    # an optional text or whole number, or a true-or-false, with a default, and its meaning
    # as `doc`.
    series_break: str | None = field(
        default=None,
        metadata={"doc": "Why this figure starts a new basis (a census, a new method): "
                  "no change is computed across it from earlier periods"},
    )  # fmt: skip
    exact: bool = field(
        default=False,
        metadata={"doc": "The source gives this whole number exactly: its final zeros are "
                  "digits, not rounding (51000 is then 50999.5 to 51000.5, not 50500 to 51500)"},
    )  # fmt: skip

    @property
    def derived(self) -> bool:
        """True when szfacts computed this value rather than a source stating it."""
        return self.derivation is not None

    def digits(self, grouped: bool = False) -> str:
        """The number with the digits the source printed, e.g. '26.70'; grouped: '51,000'."""
        comma = "," if grouped else ""
        if isinstance(self.value, int):
            return f"{self.value:{comma}}"
        return f"{self.value:{comma}.{self.decimals}f}"

    def value_text(self, grouped: bool = False) -> str:
        """Deprecated name of `digits`, kept until the next release.

        'value_text' is the row key of the value as shown ('over 80'); the printed digits
        are `digits()`.
        """
        import warnings

        warnings.warn("Observation.value_text() is now Observation.digits()",
                      DeprecationWarning, stacklevel=2)  # fmt: skip
        return self.digits(grouped)

    @property
    def target(self) -> bool:
        """True for a target, plan or forecast rather than something achieved."""
        return self.status == "target"

    def display(self, grouped: bool = False) -> str:
        """The value with its qualifier in words, e.g. 'over 80', 'all (100)'.

        Where the source gave words rather than a number, they come first:
        'about one-fifth (read as 20)'. grouped: thousands separators, for people ('51,000').
        """
        number = self.digits(grouped)
        if self.value_words is not None:
            return f"{self.value_words} (read as {number})"
        if self.qualifier is None:
            return number
        if self.qualifier == "all":
            return f"all ({number})"
        return f"{QUALIFIER_WORDS[self.qualifier]} {number}"


@record
class RankingEntry:
    """An entity's place in a ranking: a numeric rank, or only a band such as top 10."""

    id: str
    entity: str
    rank: int | None
    band_top: int | None
    note: str | None
    paragraphs: tuple[int, ...]

    def position(self) -> str:
        """'1' for a rank, 'top 10' for a band."""
        return str(self.rank) if self.rank is not None else f"top {self.band_top}"


@record
class Ranking:
    """An ordered list of entities from one report edition."""

    id: str
    name: str
    scope: str
    measure: str
    indicator: str | None
    report: str
    compiler: str | None
    edition: int
    period: Period | None
    period_note: str | None
    universe: int | None
    source: str
    paragraphs: tuple[int, ...]
    entries: tuple[RankingEntry, ...]


@record
class Statement:
    """A qualitative fact: an event, relocation, plan, role, finding or assessment."""

    id: str
    kind: str
    entities: tuple[str, ...]
    text: str
    period: Period | None
    period_note: str | None
    note: str | None
    source: str
    paragraphs: tuple[int, ...]


# The record classes made by `record`, in the order of their sections in the file.
RECORD_CLASSES: Final = (Source, Entity, Indicator, Observation, RankingEntry, Ranking, Statement)

STATUSES: Final = ("actual", "target")

# The dimensions a unit can have. Numbers of one dimension convert through their units'
# factors; numbers of different dimensions are never added, subtracted or compared.
DIMENSIONS: Final = (
    "RMB", "USD", "HKD", "count", "people", "percent", "percentage points",
    "per 10,000 people", "per km²", "km²", "index points", "rank", "Mbit/s",
)  # fmt: skip


class Unit(NamedTuple):
    """A unit figures are given in: its dimension and its size in that dimension's base.

    `RMB billion` is dimension RMB with factor 1e9; `RMB trillion` factor 1e12: the two
    convert. A unit no [[units]] record declares is a dimension of its own, factor 1.
    """

    name: str
    dimension: str
    factor: float
    note: str | None = None


Record = Source | Entity | Indicator | Observation | Ranking | RankingEntry | Statement
