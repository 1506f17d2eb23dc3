"""Rows for `szfacts entity`, `timeline` and `why`: a profile, a chronology, an explanation."""

from __future__ import annotations

from .analysis import TimelineEvent
from .lookup import ranking_of_entry
from .model import KnowledgeBase, Observation, RankingEntry, Statement
from .query import Answer
from .render import Column, Row, Rows
from .rows import cite

FACT_KEYS = (
    "kind", "id", "what", "value", "value_text", "unit", "period", "period_label", "entity",
    "source", "paragraphs",
)  # fmt: skip
FACT_COLUMNS = (
    Column("what", "What"),
    Column("value_text", "Value", numeric=True),
    Column("unit", "Unit"),
    Column("period_label", "Period"),
    Column("cite", "Source ¶"),
)


def fact_row(kb: KnowledgeBase, record: Observation | RankingEntry | Statement) -> Row:
    """A figure, rank or statement as one row: what it says, when, and who said so."""
    if isinstance(record, Observation):
        indicator = kb.indicator(record.indicator)
        sources = kb.sources_of(record)
        return {
            "kind": "observation", "id": record.id, "what": indicator.name,
            "value": record.value,
            "value_text": record.display() + (" (derived)" if record.derived else ""),
            "unit": record.unit, "period": record.period.text if record.period else None,
            "period_label": record.period.label() if record.period else "not stated",
            "entity": record.entity, "source": ",".join(sources),
            "paragraphs": list(record.paragraphs),
            "cite": cite(record.source, record.paragraphs) or _derived_from(record),
        }  # fmt: skip
    if isinstance(record, RankingEntry):
        ranking = ranking_of_entry(kb, record)
        paragraphs = record.paragraphs or ranking.paragraphs
        return {
            "kind": "ranking-entry", "id": record.id,
            "what": f"{ranking.name} ({ranking.report})", "value": record.rank,
            "value_text": record.position(), "unit": "rank",
            "period": ranking.period.text if ranking.period else None,
            "period_label": (ranking.period.label() if ranking.period else "not stated")
            + f" (edition {ranking.edition})",
            "entity": record.entity, "source": ranking.source, "paragraphs": list(paragraphs),
            "cite": cite(ranking.source, paragraphs),
        }  # fmt: skip
    return {
        "kind": "statement", "id": record.id, "what": record.text, "value": None,
        "value_text": None, "unit": None,
        "period": record.period.text if record.period else None,
        "period_label": record.period.label() if record.period else "not stated",
        "entity": record.entities[0], "source": record.source,
        "paragraphs": list(record.paragraphs), "cite": cite(record.source, record.paragraphs),
    }  # fmt: skip


def _derived_from(obs: Observation) -> str:
    inputs = obs.derivation.inputs if obs.derivation else ()
    return "derived from " + ", ".join(target for _, target in inputs)


def entity_profile(kb: KnowledgeBase, name: str) -> Answer:
    """An entity's names and place, then its figures, ranks and statements, with sources."""
    found = kb.profile(name)
    entity = found.entity
    meta: Row = {
        "id": entity.id, "kind": entity.kind, "name": entity.name, "name_zh": entity.name_zh,
        "aliases": list(entity.aliases), "region": [e.id for e in found.regions],
        "members": list(entity.members), "member_of": [e.id for e in found.member_of],
        "sources": list(found.sources),
    }  # fmt: skip
    rows = [fact_row(kb, o) for o in found.observations]
    rows += [fact_row(kb, e) for _, e in found.places]
    rows += [fact_row(kb, s) for s in found.statements]
    titles = {"observation": "Figures", "ranking-entry": "Rankings", "statement": "Statements"}
    return Answer(
        Rows("fact", FACT_KEYS, FACT_COLUMNS, rows, value_key="id", group_key="kind",
             group_titles=titles, meta=meta, meta_name="entity")
    )  # fmt: skip


TIMELINE_KEYS = (
    "when", "period", "published", "kind", "id", "what", "value", "value_text", "unit",
    "entity", "source", "paragraphs",
)  # fmt: skip


def timeline(kb: KnowledgeBase, name: str | None, start: int | None, end: int | None) -> Answer:
    """Every dated fact in time order at the precision given, undated facts last."""
    events: list[TimelineEvent] = kb.timeline(name, start, end)
    rows: list[Row] = []
    for event in events:
        row = fact_row(kb, event.record)
        published = event.published.label()
        when = str(row["period_label"]) if event.period else f"not stated (published {published})"
        row.update(when=when, published=event.published.text)
        rows.append(row)
    columns = (
        Column("when", "When"), Column("what", "What"),
        Column("value_text", "Value", numeric=True),
        *(() if name else (Column("entity", "Entity"),)), Column("cite", "Source ¶"),
    )  # fmt: skip
    return Answer(Rows("timeline-event", TIMELINE_KEYS, columns, rows, value_key="id"))


EVIDENCE_KEYS = (
    "role", "id", "detail", "verdict", "value", "implied_low", "implied_high", "face_value",
    "source", "paragraphs",
)  # fmt: skip


def why(kb: KnowledgeBase, record_id: str) -> Answer:
    """A record's value, period and source; a derived value's formula and inputs; its checks."""
    found = kb.explain(record_id)
    record = found.record
    meta = fact_row(kb, record)
    meta.pop("cite")
    if isinstance(record, Observation):
        meta.update(qualifier=record.qualifier, note=record.note, period_note=record.period_note,
                    derived=record.derived,
                    formula=record.derivation.formula if record.derivation else None)  # fmt: skip
    rows: list[Row] = []
    for source_id in str(meta["source"]).split(","):
        if source_id:
            source = kb.source(source_id)
            paragraphs = meta["paragraphs"] or []
            rows.append(_evidence("source", source.id, f"{source.title}, {source.publisher}, "
                                  f"{source.published.label()}; figures from {source.origin}",
                                  source=source.id, paragraphs=paragraphs))  # fmt: skip
    for name, obs in found.inputs:
        rows.append(_evidence("input", obs.id, f"{name} = {obs.display()} {obs.unit}, "
                              f"{obs.period.label() if obs.period else 'period not stated'}",
                              value=obs.value, source=",".join(kb.sources_of(obs)),
                              paragraphs=list(obs.paragraphs)))  # fmt: skip
    listed = {record.id, *(obs.id for _, obs in found.inputs)}
    for check in found.checks:
        detail = check.message.split(": ", 1)[-1]
        involved = [kb.record(i) for i in (check.subject, *check.inputs)]
        sources = dict.fromkeys(
            s for o in involved if isinstance(o, Observation) for s in kb.sources_of(o)
        )
        rows.append(_evidence(f"{check.check} check", check.subject, detail,
                              verdict=check.verdict,
                              low=check.implied.lo if check.implied else None,
                              high=check.implied.hi if check.implied else None,
                              face=check.face_value, source=",".join(sources)))  # fmt: skip
        for other_id in (check.subject, *check.inputs):
            other = kb.record(other_id)
            if isinstance(other, Observation) and other_id not in listed:
                listed.add(other_id)
                rows.append(_evidence("compared with", other.id,
                                      f"{other.display()} {other.unit}, "
                                      f"{other.period.label() if other.period else 'undated'}",
                                      value=other.value, source=",".join(kb.sources_of(other)),
                                      paragraphs=list(other.paragraphs)))  # fmt: skip
    columns = (
        Column("role", "Role"), Column("id", "Id"), Column("detail", "Detail"),
        Column("verdict", "Verdict"),
    )  # fmt: skip
    return Answer(
        Rows("evidence", EVIDENCE_KEYS, columns, rows, value_key="id", meta=meta,
             meta_name="record")
    )  # fmt: skip


def _evidence(
    role: str, record_id: str, detail: str, *, verdict: str | None = None,
    value: float | None = None, low: float | None = None, high: float | None = None,
    face: float | None = None, source: str | None = None, paragraphs: object = None,
) -> Row:  # fmt: skip
    return {
        "role": role, "id": record_id, "detail": detail, "verdict": verdict, "value": value,
        "implied_low": None if low is None else round(low, 6),
        "implied_high": None if high is None else round(high, 6),
        "face_value": None if face is None else round(face, 6), "source": source,
        "paragraphs": paragraphs if isinstance(paragraphs, list) else [],
    }  # fmt: skip
