"""Comparisons: entities side by side, and one entity's indicator across periods."""

from __future__ import annotations

from .checks import Finding, run_checks
from .errors import NoResult, UsageProblem, shown
from .model import Entity, KnowledgeBase, Observation
from .query import Answer
from .render import Column, Row, Rows
from .rows import cite

MISSING = None  # no value: empty in TSV/CSV, null in JSON, a dash in tables


def compare_entities(kb: KnowledgeBase, names: list[str]) -> Answer:
    """One row per indicator-and-period or ranking any of the entities appears in."""
    entities: list[Entity] = []
    for name in names:
        entity = kb.entity(name)
        if entity in entities:
            raise UsageProblem(
                f"{shown(name)} names {entity.id!r} twice; compare distinct entities"
            )
        entities.append(entity)
    wanted = {e.id for e in entities}
    rows: list[Row] = []
    groups: dict[tuple[str, str], list[Observation]] = {}
    for obs in kb.observations:
        if obs.entity in wanted:
            period = obs.period.text if obs.period else ""
            groups.setdefault((obs.indicator, period), []).append(obs)
    for (indicator_id, period), members in groups.items():
        indicator = kb.indicator(indicator_id)
        when = members[0].period.label() if members[0].period else "period not stated"
        row: Row = {
            "kind": "indicator", "id": indicator.id, "name": indicator.name,
            "period": period or None, "unit": indicator.unit,
            "what": f"{indicator.name}\n{when}; {indicator.unit}",
        }  # fmt: skip
        details: dict[str, object] = {}
        for entity in entities:
            mine = [o for o in members if o.entity == entity.id]
            row[entity.id] = "; ".join(_shown(o) for o in mine) if mine else MISSING
            details[entity.id] = [
                {"value": o.value, "qualifier": o.qualifier, "derived": o.derived,
                 "record": o.id, "source": ",".join(kb.sources_of(o))}
                for o in mine
            ] or None  # fmt: skip
        row["sources"] = sorted({s for o in members for s in kb.sources_of(o)})
        row["values"] = details
        rows.append(row)
    for ranking in kb.rankings:
        entries = {e.entity: e for e in ranking.entries if e.entity in wanted}
        if not entries:
            continue
        row = {
            "kind": "ranking", "id": ranking.id, "name": f"{ranking.name} ({ranking.report})",
            "period": ranking.period.text if ranking.period else None, "unit": "rank",
            "what": f"{ranking.name}\n{ranking.report}; rank",
        }  # fmt: skip
        details = {}
        for entity in entities:
            entry = entries.get(entity.id)
            row[entity.id] = entry.position() if entry else MISSING
            details[entity.id] = (
                {"rank": entry.rank, "band_top": entry.band_top, "record": entry.id,
                 "source": ranking.source}
                if entry else None
            )  # fmt: skip
        row["sources"] = [ranking.source]
        row["values"] = details
        rows.append(row)
    if not rows:
        listed = ", ".join(e.id for e in entities)
        raise NoResult(f"no indicator or ranking has a value for any of: {listed}")
    ids = tuple(e.id for e in entities)
    keys = ("kind", "id", "name", "period", "unit", *ids, "sources", "values")
    columns = (
        Column("what", "What (period; unit)"),
        *(Column(e.id, f"{e.name}\n{e.name_zh or ''}".strip(), numeric=True) for e in entities),
        Column("sources", "Sources"),
    )  # fmt: skip
    return Answer(Rows("comparison", keys, columns, rows, value_key=ids[0],
                       flat_keys=keys[:-1]))  # fmt: skip


def _shown(obs: Observation) -> str:
    return obs.display() + (" (derived)" if obs.derived else "")


PERIOD_KEYS = (
    "period", "value", "qualifier", "unit", "change", "relative_change", "change_basis",
    "stated_change", "stated_unit", "stated_id", "check", "check_note", "derived", "source",
    "paragraphs", "id",
)  # fmt: skip


def compare_periods(kb: KnowledgeBase, name: str, indicator_name: str) -> Answer:
    """An entity's indicator across periods: change computed, change stated, and their agreement."""
    entity = kb.entity(name)
    indicator = kb.indicator(indicator_name)
    series = [o for o in kb.observations_of(indicator.id, entity.id) if o.period is not None]
    series.sort(key=lambda o: (o.period.start if o.period else None, o.id))
    if not series:
        raise NoResult(f"{entity.id} has no dated {indicator.id} observation to compare")
    changes = [i for i in kb.indicators if i.change_of == indicator.id]
    findings = {f.subject: f for f in run_checks(kb) if f.check == "change"}
    rows: list[Row] = []
    notes: list[str] = []
    previous: Observation | None = None
    for obs in series:
        row: Row = {
            "period": obs.period.text if obs.period else None, "value": obs.value,
            "qualifier": obs.qualifier, "unit": obs.unit, "derived": obs.derived,
            "source": ",".join(kb.sources_of(obs)), "paragraphs": list(obs.paragraphs),
            "id": obs.id, "change": None, "relative_change": None, "change_basis": None,
            "stated_change": None, "stated_unit": None, "stated_id": None, "check": None,
            "check_note": None,
            "period_label": obs.period.label() if obs.period else "",
            "shown": _shown(obs), "cite": cite(obs.source, obs.paragraphs) or "derived",
        }  # fmt: skip
        if previous is not None and previous.qualifier is None and obs.qualifier is None:
            decimals = max(previous.decimals, obs.decimals)
            row["change"] = round(float(obs.value) - float(previous.value), decimals)
            if previous.value:
                relative = (float(obs.value) / float(previous.value) - 1) * 100
                row["relative_change"] = round(relative, 2)
            row["change_basis"] = "computed"
        for change in changes:
            for stated in kb.observations_of(change.id, entity.id):
                if (
                    stated.period is not None
                    and obs.period is not None
                    and stated.period.text == obs.period.text
                ):
                    row["stated_change"] = stated.value
                    row["stated_unit"] = stated.unit
                    row["stated_id"] = stated.id
                    row["stated"] = f"{stated.display()} {stated.unit}"
                    finding: Finding | None = findings.get(stated.id)
                    if finding is not None:
                        row["check"] = finding.verdict
                        row["check_note"] = finding.message.split(": ", 1)[-1]
                        if finding.verdict in ("warning", "error"):
                            notes.append(f"{finding.verdict}: {finding.message}")
        rows.append(row)
        previous = obs
    columns = (
        Column("period_label", "Period"), Column("shown", "Value", numeric=True),
        Column("change", "Change, computed", numeric=True),
        Column("relative_change", "%, computed", numeric=True),
        Column("stated", "Stated change"), Column("check", "Check"), Column("cite", "Source ¶"),
    )  # fmt: skip
    title = f"{indicator.name} ({indicator.unit}), {entity.name}"
    return Answer(Rows("period-comparison", PERIOD_KEYS, columns, rows, title=title), tuple(notes))
