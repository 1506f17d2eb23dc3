"""Observations: the fast path for plain stated figures, the precise path for the rest."""

from __future__ import annotations

from typing import Any, Final

from szfacts.knowledge.periods import parse_period
from szfacts.knowledge.records import QUALIFIER_WORDS, STATUSES, Derivation, Observation

from .fields import ID_PATTERN, MAX_EXACT_INT, Fields, FloatLiteral, float_decimals, is_text
from .flat import OBSERVATION_TAIL, ObservationRow, observation_row
from .registry import Registry

_PLAIN_OBSERVATION_KEYS: Final = frozenset(
    ("id", "indicator", "entity", "period", "period_note", "value", "unit", "qualifier",
     "note", "source", "paragraphs", "status")
)  # fmt: skip


# The fields `observation` reads itself; every other field of Observation (series_break, say)
# is read by its type (Fields.others): a new optional text or number needs no edit here.
_READ_HERE: Final = frozenset(
    ("id", "indicator", "entity", "period", "period_note", "value", "decimals", "unit",
     "qualifier", "note", "source", "paragraphs", "derivation", "status", "value_words")
)  # fmt: skip


def plain_observation(reg: Registry, t: dict[str, Any]) -> ObservationRow | None:
    """Fast path for a valid, stated observation; None sends it to the precise path.

    Large files are almost all such records: checking them with direct type tests and
    keeping them as flat rows, instead of one method call per field and an object each,
    loads 100,000 several times faster. Anything unusual (a problem, a formula) goes
    through `_observation`, which names it.
    """
    if not t.keys() <= _PLAIN_OBSERVATION_KEYS:
        return None
    try:  # a missing key, or a value of a type that is no dictionary key, leaves the path
        record_id = t["id"]
        indicator = reg.indicators[t["indicator"]]
        source = reg.sources[t["source"]]
        entity_id = t["entity"]
        value, paragraphs = t["value"], t["paragraphs"]
        if entity_id not in reg.entities or t["unit"] != indicator.unit:
            return None
    except (KeyError, TypeError):
        return None
    if (
        type(record_id) is not str
        or record_id in reg.ids
        or not ID_PATTERN.match(record_id)
        or type(paragraphs) is not list
        or not paragraphs
    ):
        return None
    get = t.get
    status = get("status", "actual")
    if type(status) is not str or status not in STATUSES:
        return None
    period_text, period_note = get("period"), get("period_note")
    qualifier, note = get("qualifier"), get("note")
    if qualifier is not None and (type(qualifier) is not str or qualifier not in QUALIFIER_WORDS):
        return None
    for text in (period_note, note):
        if text is not None and (type(text) is not str or not text.strip()):
            return None
    limit = source.paragraphs
    for paragraph in paragraphs:
        if type(paragraph) is not int or not 1 <= paragraph <= limit:
            return None
    if type(value) is int:
        if abs(value) > MAX_EXACT_INT:
            return None
        number: int | float = value
        decimals = 0
    elif type(value) is FloatLiteral:
        number = float(value)
        if not abs(number) <= 1e300:  # also false for NaN
            return None
        dot = value.find(b".")
        if dot < 0 or b"e" in value or b"E" in value:
            decimals = min(float_decimals(value), 15)
        else:  # the common 26.70: digits after the point, without a call
            decimals = min(len(value) - dot - 1, 15)
    else:
        return None
    if period_text is not None:
        if type(period_text) is not str:
            return None
        try:
            parse_period(period_text)
        except ValueError:
            return None
    reg.ids[record_id] = "observations"
    head = (
        record_id, indicator.id, entity_id, period_text, period_note, number, decimals,
        indicator.unit, qualifier, note, source.id,
        str(paragraphs[0]) if len(paragraphs) == 1 else ",".join(map(str, paragraphs)),
        None, status,
    )  # fmt: skip
    return head + OBSERVATION_TAIL  # concatenation: faster than unpacking in a display


def fast_observation(reg: Registry, table: dict[str, Any]) -> bool:
    """Take a plain observation by the fast path; False sends it to `observation`."""
    row = plain_observation(reg, table)
    if row is not None:
        reg.observation_rows.append(row)
    return row is not None


def observation(reg: Registry, f: Fields) -> None:
    """Build an observation, stated or derived, naming every problem it has."""
    record_id = f.identifier()
    indicator, entity = f.identifier("indicator"), f.identifier("entity")
    period, period_note = f.period(), f.text("period_note", False)
    number = f.number("value")
    unit = f.text("unit")
    qualifier = f.choice("qualifier", tuple(QUALIFIER_WORDS), False)
    status = f.choice("status", STATUSES, False) or "actual"
    # value_words, the model's name; value_text, its name before, still read for a release.
    words, old_words = f.text("value_words", False), f.text("value_text", False)
    if words is not None and old_words is not None:
        f.problem("value_text", "give the source's words once, as value_words")
    words = words if words is not None else old_words
    note = f.text("note", False)
    formula = f.text("formula", False)
    derivation = None
    raw_inputs = f.table_of("inputs")
    if formula is not None or raw_inputs is not None:
        derivation = _derivation(f, formula, raw_inputs)
        source_id = f.text("source", False)
        if source_id is not None or "paragraphs" in f.table:
            f.problem("source", "a derived value has no source of its own; its inputs do")
        paragraphs: tuple[int, ...] = ()
    else:
        source_id = f.identifier("source")
        source = reg.sources.get(source_id) if source_id else None
        reg.ref(f, "source", source_id, "source")
        paragraphs = f.paragraphs(source)
    reg.ref(f, "indicator", indicator, "indicator")
    reg.ref(f, "entity", entity, "entity")
    known = reg.indicators.get(indicator or "")
    if known is not None and unit is not None and unit != known.unit:
        mine, theirs = reg.units.get(unit), reg.units.get(known.unit)
        if mine is None or theirs is None:
            f.problem(
                "unit",
                f"{unit!r} differs from the unit of indicator {known.id!r}: {known.unit!r} "
                "(declare both in [[units]] with one dimension to convert between them)",
            )
        elif mine.dimension != theirs.dimension:
            f.problem(
                "unit",
                f"{unit!r} is {mine.dimension}, but indicator {known.id!r} is in "
                f"{known.unit!r}, which is {theirs.dimension}: they never convert",
            )
    others = f.others(Observation, _READ_HERE)
    if f.finish() and reg.claim(f, record_id) and record_id and number:
        obs = Observation(
            record_id,
            indicator or "",
            entity or "",
            period,
            period_note,
            number[0],
            number[1],
            unit or "",
            qualifier,
            note,
            source_id,
            paragraphs,
            derivation,
            status,
            words,
            **others,
        )
        reg.observations[record_id] = obs
        reg.observation_rows.append(observation_row(obs))


def _derivation(
    f: Fields, formula: str | None, raw_inputs: dict[str, Any] | None
) -> Derivation | None:
    if formula is None or raw_inputs is None:
        f.problem("formula", "a derived value needs both `formula` and `inputs`")
        return None
    inputs: list[tuple[str, str]] = []
    for name, target in raw_inputs.items():
        if not is_text(target) or not ID_PATTERN.match(target):
            f.problem("inputs", f"input {name!r} must name an observation id")
            return None
        inputs.append((name, target))
    from szfacts.knowledge.formulas import FormulaError, names_in

    try:
        used = names_in(formula)
    except FormulaError as error:
        f.problem("formula", str(error))
        return None
    unknown = sorted(used - {name for name, _ in inputs})
    if unknown:
        f.problem("formula", f"uses {unknown[0]!r}, which is not one of its inputs")
        return None
    return Derivation(formula, tuple(inputs))
