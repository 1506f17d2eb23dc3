"""Table: each kind of record as a flat dict with stable keys, names resolved next to ids.

Every command builds its output from these, so a record looks the same wherever it appears.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    RankingEntry,
    Source,
    Statement,
)

from .rows import Column, Row

if TYPE_CHECKING:
    from .figures import Point


def cite(source: str | None, paragraphs: tuple[int, ...]) -> str:
    """'sz-daily-2022 ¶4' or 'sz-commerce-2018 ¶1,5'."""
    if not source:
        return ""
    return f"{source} ¶{','.join(map(str, paragraphs))}" if paragraphs else source


RANK_KEYS = (
    "ranking",
    "position",
    "entity",
    "entity_name",
    "entity_name_zh",
    "rank",
    "band_top",
    "scope",
    "edition",
    "period",
    "measure",
    "report",
    "universe",
    "source",
    "paragraphs",
    "note",
    "id",
)


RANK_COLUMNS = (
    Column("position", "Rank", numeric=True, lead=True),
    Column("entity_name", "Entity", lead=True),
    Column("entity_name_zh", "中文", lead=True),
    Column("note", "Note"),
    Column("cite", "Source", cite=True),
)


def ranking_entry_row(kb: KnowledgeBase, ranking: Ranking, entry: RankingEntry) -> Row:
    """One ranking entry, resolved: names next to ids, the ranking's context beside it."""
    entity = resolve_entity(kb, entry.entity)
    return {
        "id": entry.id,
        "ranking": ranking.id,
        "position": entry.position(),
        "entity": entity.id,
        "entity_name": entity.name,
        "entity_name_zh": entity.name_zh,
        "rank": entry.rank,
        "band_top": entry.band_top,
        "scope": ranking.scope,
        "edition": ranking.edition,
        "period": ranking.period.text if ranking.period else None,
        "measure": ranking.measure,
        "report": ranking.report,
        "universe": ranking.universe,
        "source": ranking.source,
        "paragraphs": list(entry.paragraphs or ranking.paragraphs),
        "note": entry.note,
        "cite": cite(ranking.source, entry.paragraphs or ranking.paragraphs),
    }


def ranking_title(ranking: Ranking) -> str:
    """A ranking's heading: what, by which report, for which period, out of how many."""
    parts = [f"{ranking.name}: {ranking.report}"]
    if ranking.period is not None:
        parts.append(f"data {ranking.period.label()}")
    if ranking.universe is not None:
        parts.append(f"{ranking.universe} ranked")
    return ", ".join(parts) + f" [{ranking.id}]"


OBSERVATION_KEYS = (
    "entity",
    "period",
    "value",
    "qualifier",
    "unit",
    "indicator",
    "indicator_name",
    "entity_name",
    "entity_name_zh",
    "period_label",
    "period_start",
    "period_end",
    "value_text",
    "derived",
    "formula",
    "inputs",
    "source",
    "paragraphs",
    "note",
    "id",
    "status",
    "value_words",
    "conflicts",
    "value_in_unit",
    "indicator_unit",
)


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

    `conflicts` names the reports of the same quantity that disagree with it (see
    questions/reports.py); tables mark the value, machine formats list the ids.
    """
    entity = resolve_entity(kb, obs.entity)
    indicator = kb.indicator(obs.indicator)
    sources = kb.sources_of(obs)
    derivation = obs.derivation
    text = marked(obs, conflicts, grouped=True)
    return {
        "id": obs.id,
        "indicator": indicator.id,
        "indicator_name": indicator.name,
        "entity": entity.id,
        "entity_name": entity.name,
        "entity_name_zh": entity.name_zh,
        "period": obs.period.text if obs.period else None,
        "period_label": obs.period.label() if obs.period else "not stated",
        "period_start": obs.period.start.isoformat() if obs.period else None,
        "period_end": obs.period.end.isoformat() if obs.period else None,
        "value": obs.value,
        "value_text": obs.display(),
        "qualifier": obs.qualifier,
        "unit": obs.unit,
        "derived": derivation is not None,
        "formula": derivation.formula if derivation else None,
        "inputs": [i for _, i in derivation.inputs] if derivation else [],
        "source": ",".join(sources),
        "paragraphs": list(obs.paragraphs),
        "note": obs.note,
        "status": obs.status,
        "value_words": obs.value_words,
        "conflicts": list(conflicts),
        "value_in_unit": in_unit(kb, obs),
        "indicator_unit": indicator.unit,
        "shown": text,
        "cite": cite(obs.source, obs.paragraphs)
        if not derivation
        else "derived from " + ", ".join(i for _, i in derivation.inputs),
    }


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
    "id", "name", "name_zh", "topic", "unit", "definition", "change_of", "change", "ratio",
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
