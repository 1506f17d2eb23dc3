"""An observation as a flat row: how large files are validated, compiled and cached."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from szfacts.knowledge.periods import parse_period
from szfacts.knowledge.records import Derivation, Observation

# An observation as a flat row of text and numbers: how large files are validated and
# compiled without building 100,000 objects. Periods are kept as their text, paragraphs
# as "1,5", and a derivation's inputs as "name=id;name=id" (formula names are Python
# identifiers and ids are kebab-case, so neither can hold '=' or ';').
OBSERVATION_ROW: Final = (
    "id", "indicator", "entity", "period", "period_note", "value", "decimals", "unit",
    "qualifier", "note", "source", "paragraphs", "formula", "inputs", "status", "value_words",
    "series_break",
)  # fmt: skip
ObservationRow = tuple[
    str, str, str, str | None, str | None, int | float, int, str,
    str | None, str | None, str | None, str, str | None, str | None, str, str | None,
    str | None,
]  # fmt: skip


def observation_row(obs: Observation) -> ObservationRow:
    """An observation as a flat row (see OBSERVATION_ROW)."""
    derivation = obs.derivation
    return (
        obs.id, obs.indicator, obs.entity, obs.period.text if obs.period else None,
        obs.period_note, obs.value, obs.decimals, obs.unit, obs.qualifier, obs.note,
        obs.source, ",".join(map(str, obs.paragraphs)),
        derivation.formula if derivation else None,
        ";".join(f"{name}={target}" for name, target in derivation.inputs) if derivation else None,
        obs.status, obs.value_words, obs.series_break,
    )  # fmt: skip


def observation_from_row(row: Sequence[Any]) -> Observation:
    """The observation of a flat row written by observation_row."""
    (record_id, indicator, entity, period, period_note, value, decimals, unit, qualifier, note,
     source, paragraphs, formula, inputs, status, value_words, series_break) = row  # fmt: skip
    derivation = None
    if formula is not None:
        pairs = (pair.partition("=") for pair in inputs.split(";"))
        derivation = Derivation(formula, tuple((name, target) for name, _, target in pairs))
    return Observation(
        record_id, indicator, entity, None if period is None else parse_period(period),
        period_note, value, decimals, unit, qualifier, note, source,
        tuple(int(p) for p in paragraphs.split(",")) if paragraphs else (), derivation,
        status, value_words, series_break,
    )  # fmt: skip
