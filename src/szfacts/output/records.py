"""Table: each kind of record as a flat dict with stable keys, names resolved next to ids.

Every command builds its output from these, so a record looks the same wherever it appears.
"""

from __future__ import annotations

from collections.abc import Callable
from operator import attrgetter
from typing import TYPE_CHECKING, Final, NamedTuple

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    RankingEntry,
    Source,
    Statement,
)

from .rows import Cell, Column, Row

if TYPE_CHECKING:
    from .figures import Point


def cite(source: str | None, paragraphs: tuple[int, ...]) -> str:
    """'sz-daily-2022 ¶4' or 'sz-commerce-2018 ¶1,5'."""
    if not source:
        return ""
    return f"{source} ¶{','.join(map(str, paragraphs))}" if paragraphs else source


class Seen(NamedTuple):
    """An observation with what its row reads: its entity, indicator, sources, conflicts."""

    kb: KnowledgeBase
    obs: Observation
    entity: Entity
    indicator: Indicator
    sources: tuple[str, ...]
    conflicts: tuple[str, ...]


class Field(NamedTuple):
    """A key of a record's row in the machine formats (JSON, CSV, TSV), and its value."""

    key: str
    get: Callable[[Seen], Cell]


# The one declaration of an observation's row: its keys, in the order TSV and CSV give them,
# and their values. A key added here is in every machine format (see observation_keys).
OBSERVATION_FIELDS: list[Field] = [
    Field("entity", lambda s: s.entity.id),
    Field("period", lambda s: s.obs.period.text if s.obs.period else None),
    Field("value", lambda s: s.obs.value),
    Field("qualifier", lambda s: s.obs.qualifier),
    Field("unit", lambda s: s.obs.unit),
    Field("indicator", lambda s: s.indicator.id),
    Field("indicator_name", lambda s: s.indicator.name),
    Field("entity_name", lambda s: s.entity.name),
    Field("entity_name_zh", lambda s: s.entity.name_zh),
    Field("period_label", lambda s: s.obs.period.label() if s.obs.period else "not stated"),
    Field("period_start", lambda s: s.obs.period.start.isoformat() if s.obs.period else None),
    Field("period_end", lambda s: s.obs.period.end.isoformat() if s.obs.period else None),
    Field("value_text", lambda s: s.obs.display()),
    Field("derived", lambda s: s.obs.derived),
    Field("formula", lambda s: s.obs.derivation.formula if s.obs.derivation else None),
    Field("inputs", lambda s: [i for _, i in s.obs.derivation.inputs] if s.obs.derivation else []),
    Field("source", lambda s: ",".join(s.sources)),
    Field("paragraphs", lambda s: list(s.obs.paragraphs)),
    Field("note", lambda s: s.obs.note),
    Field("id", lambda s: s.obs.id),
    Field("status", lambda s: s.obs.status),
    Field("value_words", lambda s: s.obs.value_words),
    Field("conflicts", lambda s: list(s.conflicts)),
    Field("value_in_unit", lambda s: in_unit(s.kb, s.obs)),
    Field("indicator_unit", lambda s: s.indicator.unit),
]
# Every other field of Observation follows, under its own name: a field added to the
# record is in every machine format with no edit here. These are given in another form.
_SHOWN_OTHERWISE: Final = ("decimals", "derivation")  # in value_text; in formula and inputs


def _other_fields() -> tuple[str, ...]:
    import dataclasses

    named = {field.key for field in OBSERVATION_FIELDS} | set(_SHOWN_OTHERWISE)
    return tuple(f.name for f in dataclasses.fields(Observation) if f.name not in named)


OTHER_OBSERVATION_FIELDS: Final = _other_fields()
OBSERVATION_FIELDS.extend(
    Field(name, attrgetter(f"obs.{name}")) for name in OTHER_OBSERVATION_FIELDS
)


def other_fields(obs: Observation) -> dict[str, Cell]:
    """The fields of an observation that OBSERVATION_FIELDS gives under their own names."""
    return {name: getattr(obs, name) for name in OTHER_OBSERVATION_FIELDS}


def observation_keys() -> tuple[str, ...]:
    """The keys of an observation's row, from OBSERVATION_FIELDS."""
    return tuple(field.key for field in OBSERVATION_FIELDS)


OBSERVATION_COLUMNS = (
    Column("entity_name", "Entity", lead=True),
    Column("entity_name_zh", "中文", lead=True),
    Column("period_label", "Period", whole=True, lead=True),
    Column("shown", "Value", numeric=True),
    Column("unit", "Unit"),
    Column("cite", "Source", cite=True),
    Column("id", "Id", whole=True),
)


def observation_row(kb: KnowledgeBase, obs: Observation, conflicts: tuple[str, ...] = ()) -> Row:
    """One observation, resolved, with its provenance (or its formula when derived).

    The machine keys come from OBSERVATION_FIELDS; `shown` and `cite` are for people (tables
    and Markdown). `conflicts` names the reports of the same quantity that disagree with it
    (see questions/reports.py); tables mark the value, machine formats list the ids.
    """
    indicator = kb.indicator(obs.indicator)
    seen = Seen(kb, obs, resolve_entity(kb, obs.entity), indicator, kb.sources_of(obs), conflicts)
    row: Row = {field.key: field.get(seen) for field in OBSERVATION_FIELDS}
    row["shown"] = marked(obs, conflicts, grouped=True)
    row["cite"] = cite(obs.source, obs.paragraphs) or _derived_from(obs)
    return row


def in_unit(kb: KnowledgeBase, obs: Observation) -> float | int:
    """A figure's value in its indicator's unit: one scale for every report of a quantity.

    2,249.01 RMB billion is 2.24901 in an indicator measured in RMB trillion; a figure given
    in the indicator's own unit keeps its value (an integer stays an integer).
    """
    unit = kb.indicator(obs.indicator).unit
    if obs.unit == unit:
        return obs.value
    from szfacts.questions.reports import converted, places

    return round(converted(kb, obs, unit), places(kb, obs, unit))


def marked(obs: Observation, conflicts: tuple[str, ...] = (), grouped: bool = False) -> str:
    """A value with its marks: 'over 64000 (target)', '30 (derived)', '30.5 (conflict)'.

    grouped: with thousands separators, as tables and Markdown show it ('over 64,000').
    """
    marks = [word for word, on in (("derived", obs.derived), ("target", obs.target),
                                   ("conflict", bool(conflicts))) if on]  # fmt: skip
    return obs.display(grouped) + "".join(f" ({mark})" for mark in marks)


def resolve_entity(kb: KnowledgeBase, entity_id: str) -> Entity:
    """The entity of an id the loader has already checked."""
    found = kb.record(entity_id)
    assert isinstance(found, Entity)
    return found


SOURCE_KEYS = (
    "id",
    "title",
    "publisher",
    "published",
    "published_label",
    "origin",
    "kind",
    "outlet",
    "language",
    "paragraphs",
    "published_note",
    "url",
    "url_note",
    "mirrors",
    "author",
)


def source_row(source: Source) -> Row:
    """A source's own fields."""
    return {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "published": source.published.text,
        "published_label": source.published.label(),
        "origin": source.origin,
        "kind": source.kind,
        "outlet": source.outlet,
        "language": source.language,
        "paragraphs": source.paragraphs,
        "published_note": source.published_note,
        "url": source.url,
        "url_note": source.url_note,
        "mirrors": list(source.mirrors),
        "author": source.author,
    }


STATEMENT_KEYS = (
    "id",
    "kind",
    "entities",
    "text",
    "period",
    "period_label",
    "period_note",
    "note",
    "source",
    "paragraphs",
)


def statement_row(st: Statement) -> Row:
    """A statement's fields."""
    return {
        "id": st.id,
        "kind": st.kind,
        "entities": list(st.entities),
        "text": st.text,
        "period": st.period.text if st.period else None,
        "period_label": st.period.label() if st.period else None,
        "period_note": st.period_note,
        "note": st.note,
        "source": st.source,
        "paragraphs": list(st.paragraphs),
    }


ENTITY_KEYS = ("id", "kind", "name", "name_zh", "aliases", "region", "members")


def entity_row(entity: Entity) -> Row:
    """An entity's fields."""
    return {
        "id": entity.id,
        "kind": entity.kind,
        "name": entity.name,
        "name_zh": entity.name_zh,
        "aliases": list(entity.aliases),
        "region": entity.region,
        "members": list(entity.members),
    }


def indicator_row(ind: Indicator) -> Row:
    """An indicator's fields."""
    return {
        "id": ind.id,
        "name": ind.name,
        "name_zh": ind.name_zh,
        "topic": ind.topic,
        "unit": ind.unit,
        "definition": ind.definition,
        "keywords": list(ind.keywords),
        "change_of": ind.change_of,
        "change": ind.change,
        "ratio": None
        if ind.ratio is None
        else {
            "numerator": ind.ratio.numerator,
            "denominator": ind.ratio.denominator,
            "per": ind.ratio.per,
        },
    }


INDICATOR_ROW_KEYS = (
    "id", "name", "name_zh", "topic", "unit", "definition", "keywords", "change_of", "change",
    "ratio",
)  # fmt: skip


FACT_KEYS = (
    "kind", "id", "what", "value", "value_text", "unit", "period", "period_label", "entity",
    "source", "paragraphs", "status", "value_in_unit",
)  # fmt: skip
FACT_COLUMNS = (
    Column("what", "What", lead=True),
    Column("shown", "Value", numeric=True),
    Column("unit", "Unit"),
    Column("period_label", "Period", whole=True, lead=True),
    Column("cite", "Source", cite=True),
)


def fact_row(kb: KnowledgeBase, record: Observation | RankingEntry | Statement) -> Row:
    """A figure, rank or statement as one row: what it says, when, and who said so."""
    if isinstance(record, Observation):
        indicator = kb.indicator(record.indicator)
        sources = kb.sources_of(record)
        return {
            "kind": "observation", "id": record.id, "what": indicator.name,
            "value": record.value,
            "value_text": marked(record), "status": record.status,
            "value_in_unit": in_unit(kb, record), "shown": marked(record, grouped=True),
            "unit": record.unit, "period": record.period.text if record.period else None,
            "period_label": record.period.label() if record.period else "not stated",
            "entity": record.entity, "source": ",".join(sources),
            "paragraphs": list(record.paragraphs),
            "cite": cite(record.source, record.paragraphs) or _derived_from(record),
        }  # fmt: skip
    if isinstance(record, RankingEntry):
        ranking = kb.ranking_of(record)
        paragraphs = record.paragraphs or ranking.paragraphs
        return {
            "kind": "ranking-entry", "id": record.id, "status": None,
            "value_in_unit": record.rank,
            "what": f"{ranking.name} ({ranking.report})", "value": record.rank,
            "value_text": record.position(), "shown": record.position(), "unit": "rank",
            "period": ranking.period.text if ranking.period else None,
            "period_label": (ranking.period.label() if ranking.period else "not stated")
            + f" (edition {ranking.edition})",
            "entity": record.entity, "source": ranking.source, "paragraphs": list(paragraphs),
            "cite": cite(ranking.source, paragraphs),
        }  # fmt: skip
    return {
        "kind": "statement", "id": record.id, "what": record.text, "value": None, "status": None,
        "value_in_unit": None,
        "value_text": None, "shown": None, "unit": None,
        "period": record.period.text if record.period else None,
        "period_label": record.period.label() if record.period else "not stated",
        "entity": record.entities[0], "source": record.source,
        "paragraphs": list(record.paragraphs), "cite": cite(record.source, record.paragraphs),
    }  # fmt: skip


def _derived_from(obs: Observation) -> str:
    inputs = obs.derivation.inputs if obs.derivation else ()
    return "derived from " + ", ".join(target for _, target in inputs)


def point_of(
    kb: KnowledgeBase, obs: Observation, value: float | None, conflicts: tuple[str, ...],
    unit: str, label: str, group: str = "",
) -> Point:  # fmt: skip
    """An observation as a point of a chart, its value in the chart's unit when given."""
    from .figures import Point

    return Point(
        label, float(obs.value) if value is None else value,
        obs.display(grouped=True) + (f" {obs.unit}" if obs.unit != unit else ""),
        obs.qualifier, obs.status, bool(conflicts), ",".join(kb.sources_of(obs)), obs.id,
        group, obs.unit,
    )  # fmt: skip


def conflicts_among(
    kb: KnowledgeBase, observations: list[Observation] | tuple[Observation, ...]
) -> dict[str, tuple[str, ...]]:
    """For each figure of a list that has one, the reports of the same quantity against it.

    Reports that print the same figure in the same words always agree: the comparison (and
    the module that makes it) is needed only when two reports of one quantity differ, which
    keeps it off the path of most lookups.
    """
    seen: dict[tuple[str, str, str, str], tuple[object, ...]] = {}
    for obs in observations:
        if obs.period is None or obs.derived:
            continue
        face = (obs.value, obs.decimals, obs.qualifier, obs.unit, obs.value_words)
        if seen.setdefault((obs.indicator, obs.entity, obs.period.text, obs.status), face) != face:
            from szfacts.questions.reports import conflict_map

            return conflict_map(kb, observations)
    return {}
