"""Table for `szfacts why`: a record, its sources, a derived value's inputs, its checks."""

from __future__ import annotations

from typing import TYPE_CHECKING

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Observation

from .records import fact_row, other_fields
from .rows import Answer, Column, Row, Table

if TYPE_CHECKING:
    from szfacts.questions.why import Explanation


EVIDENCE_KEYS = (
    "role", "id", "detail", "verdict", "value", "implied_low", "implied_high", "face_value",
    "source", "paragraphs",
)  # fmt: skip


def why_answer(kb: KnowledgeBase, found: Explanation) -> Answer:
    """A record's value, period and source; a derived value's formula and inputs; its checks."""
    record = found.record
    meta = fact_row(kb, record)
    meta.pop("cite")
    meta.pop("shown")
    if isinstance(record, Observation):
        meta.update(qualifier=record.qualifier, note=record.note, derived=record.derived,
                    formula=record.derivation.formula if record.derivation else None,
                    **other_fields(record))  # fmt: skip
    rows: list[Row] = []
    for source_id in str(meta["source"]).split(","):
        if source_id:
            source = kb.source(source_id)
            paragraphs = meta["paragraphs"] or []
            where = f"; {source.url}" if source.url else ""
            rows.append(_evidence("source", source.id, f"{source.title}, {source.publisher}, "
                                  f"{source.published.label()}; figures from {source.origin}"
                                  + where, source=source.id, paragraphs=paragraphs))  # fmt: skip
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
                same = check.check == "agreement"
                rows.append(_evidence("other report" if same else "compared with", other.id,
                                      f"{other.display()} {other.unit}, "
                                      f"{other.period.label() if other.period else 'undated'}",
                                      value=other.value, source=",".join(kb.sources_of(other)),
                                      verdict=check.verdict if same else None,
                                      paragraphs=list(other.paragraphs)))  # fmt: skip
    columns = (
        Column("role", "Role", lead=True), Column("id", "Id", whole=True, lead=True),
        Column("detail", "Detail"), Column("verdict", "Verdict"),
    )  # fmt: skip
    return Answer(
        Table("evidence", EVIDENCE_KEYS, columns, rows, value_of_meta=True, meta=meta,
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
