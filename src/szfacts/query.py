"""Queries: pure functions from a knowledge base and arguments to rows of one kind.

They never print. Each returns a `Rows` for the renderer, and raises NoResult (a valid
question with no answer, saying what exists) or LookupFailed (a name that matches nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .errors import NoResult, UsageProblem
from .model import (
    Entity,
    Indicator,
    KnowledgeBase,
    Observation,
    Ranking,
    RankingEntry,
    Source,
    Statement,
)
from .periods import Period, parse_period
from .render import Column, Row, Rows


@dataclass(frozen=True, slots=True)
class Answer:
    """Rows to print, and notes for stderr that qualify them."""

    rows: Rows
    notes: list[str] = field(default_factory=list)


def cite(source: str | None, paragraphs: tuple[int, ...]) -> str:
    """'sz-daily-2022 ¶4' or 'sz-commerce-2018 ¶1,5'."""
    if not source:
        return ""
    return f"{source} ¶{','.join(map(str, paragraphs))}" if paragraphs else source


# --- rankings -------------------------------------------------------------------------

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
    Column("position", "Rank", numeric=True),
    Column("entity_name", "Entity"),
    Column("entity_name_zh", "中文"),
    Column("note", "Note"),
    Column("cite", "Source ¶"),
)


def ranking_entry_row(kb: KnowledgeBase, ranking: Ranking, entry: RankingEntry) -> Row:
    """One ranking entry, resolved: names next to ids, the ranking's context beside it."""
    entity = _entity(kb, entry.entity)
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


def rank(kb: KnowledgeBase, year: int | None, scope: str | None = None) -> Answer:
    """The rankings of an edition year (or, failing that, of a data year); all when None."""
    scopes = sorted({r.scope for r in kb.rankings})
    if scope is not None and scope not in scopes:
        raise UsageProblem(f"unknown scope {scope!r}; scopes: {', '.join(scopes)}")
    notes: list[str] = []
    rankings = kb.rankings_of(year, scope)
    if year is not None and not rankings:
        by_period = [
            r for r in kb.rankings_of(None, scope) if r.period is not None and r.period.year == year
        ]
        if by_period:
            editions = sorted({r.edition for r in by_period})
            notes.append(
                f"no ranking has edition year {year}; showing the edition "
                f"{', '.join(map(str, editions))} ranking(s), whose data describe {year}"
            )
            rankings = by_period
    if not rankings:
        years = sorted({r.edition for r in kb.rankings_of(None, scope)})
        what = f"{scope} rankings" if scope else "rankings"
        raise NoResult(
            f"no {what} for {year}; edition years with {what}: "
            + (", ".join(map(str, years)) or "none")
        )
    rows = [ranking_entry_row(kb, r, e) for r in rankings for e in r.entries]
    titles = {r.id: ranking_title(r) for r in rankings}
    return Answer(
        Rows(
            "ranking-entry",
            RANK_KEYS,
            RANK_COLUMNS,
            rows,
            value_key="position",
            group_key="ranking",
            group_titles=titles,
        ),
        notes,
    )


RANKING_LIST_KEYS = (
    "id",
    "edition",
    "period",
    "scope",
    "name",
    "report",
    "entries",
    "universe",
    "source",
)


def ranking_list(kb: KnowledgeBase) -> Answer:
    """Every ranking with its edition year, for `szfacts rank` with no year."""
    rows: list[Row] = [
        {
            "id": r.id,
            "edition": r.edition,
            "period": r.period.text if r.period else None,
            "scope": r.scope,
            "name": r.name,
            "report": r.report,
            "entries": len(r.entries),
            "universe": r.universe,
            "source": r.source,
        }
        for r in sorted(kb.rankings, key=lambda r: (r.edition, r.scope, r.id))
    ]
    columns = (
        Column("edition", "Edition", numeric=True),
        Column("scope", "Scope"),
        Column("name", "Ranking"),
        Column("period", "Data"),
        Column("entries", "Entries", numeric=True),
        Column("id", "Id"),
    )
    return Answer(Rows("ranking", RANKING_LIST_KEYS, columns, rows, value_key="edition"))


# --- observations ---------------------------------------------------------------------

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
)
OBSERVATION_COLUMNS = (
    Column("entity_name", "Entity"),
    Column("entity_name_zh", "中文"),
    Column("period_label", "Period"),
    Column("shown", "Value", numeric=True),
    Column("unit", "Unit"),
    Column("cite", "Source ¶"),
)


def observation_row(kb: KnowledgeBase, obs: Observation) -> Row:
    """One observation, resolved, with its provenance (or its formula when derived)."""
    entity = _entity(kb, obs.entity)
    indicator = kb.indicator(obs.indicator)
    sources = kb.sources_of(obs)
    derivation = obs.derivation
    shown = obs.display() + (" (derived)" if derivation else "")
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
        "shown": shown,
        "cite": cite(obs.source, obs.paragraphs)
        if not derivation
        else "derived from " + ", ".join(i for _, i in derivation.inputs),
    }


def indicator(
    kb: KnowledgeBase, name: str, entity: str | None = None, period: str | None = None
) -> Answer:
    """The observations of an indicator, optionally of one entity and period."""
    found = kb.indicator(name)
    who = kb.entity(entity) if entity is not None else None
    when = _period_option(period)
    observations = kb.observations_of(found.id, who.id if who else None, when)
    if not observations:
        everything = kb.observations_of(found.id)
        if not everything:
            raise NoResult(f"indicator {found.id!r} has no observations in this knowledge file")
        have = sorted({(o.entity, o.period.text if o.period else "undated") for o in everything})
        listed = ", ".join(f"{e} {p}" for e, p in have[:10])
        raise NoResult(f"no {found.id} observation matches; it has: {listed}")
    observations.sort(key=_observation_order)
    rows = [observation_row(kb, o) for o in observations]
    title = f"{found.name} ({found.unit})"
    notes = [
        f"note: {o.id} is {o.display()}, a bound, not an exact value"
        for o in observations
        if o.qualifier in ("over", "at-least", "under", "at-most")
    ]
    return Answer(
        Rows("observation", OBSERVATION_KEYS, OBSERVATION_COLUMNS, rows, title=title), notes
    )


INDICATOR_KEYS = ("id", "name", "unit", "observations", "definition", "change_of", "change")


def indicator_list(kb: KnowledgeBase) -> Answer:
    """Every indicator with its unit and how many observations it has."""
    counts: dict[str, int] = {}
    for obs in kb.observations:
        counts[obs.indicator] = counts.get(obs.indicator, 0) + 1
    rows: list[Row] = [
        {
            "id": i.id,
            "name": i.name,
            "unit": i.unit,
            "observations": counts.get(i.id, 0),
            "definition": i.definition,
            "change_of": i.change_of,
            "change": i.change,
        }
        for i in kb.indicators
    ]
    columns = (
        Column("id", "Id"),
        Column("name", "Name"),
        Column("unit", "Unit"),
        Column("observations", "Obs.", numeric=True),
    )
    return Answer(Rows("indicator", INDICATOR_KEYS, columns, rows, value_key="id"))


def _observation_order(obs: Observation) -> tuple[str, str, str]:
    start = obs.period.start.isoformat() if obs.period else "9999"
    return (obs.entity, start, obs.id)


def _period_option(text: str | None) -> Period | None:
    if text is None:
        return None
    try:
        return parse_period(text.strip())
    except ValueError as error:
        raise UsageProblem(f"bad --period: {error}") from None


def _entity(kb: KnowledgeBase, entity_id: str) -> Entity:
    found = kb.record(entity_id)
    assert isinstance(found, Entity)
    return found


# --- sources --------------------------------------------------------------------------

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
    }


def source_list(kb: KnowledgeBase) -> Answer:
    """Every source: title, publisher, date and where its figures come from."""
    columns = (
        Column("id", "Id"),
        Column("title", "Title"),
        Column("publisher", "Publisher"),
        Column("published_label", "Published"),
        Column("origin", "Figures from"),
    )
    rows = [source_row(s) for s in kb.sources]
    return Answer(Rows("source", SOURCE_KEYS, columns, rows, value_key="id"))


CITATION_KEYS = ("kind", "id", "paragraphs", "entity", "period", "summary", "source")


def source_detail(kb: KnowledgeBase, source_id: str) -> Answer:
    """A source and every observation, ranking entry and statement that cites it."""
    source = kb.source(source_id)
    rows: list[Row] = []
    for obs in kb.observations:
        if source.id in kb.sources_of(obs):
            ind = kb.indicator(obs.indicator)
            when = obs.period.label() if obs.period else "period not stated"
            derived = " (derived)" if obs.derived else ""
            rows.append(
                _citation(
                    "observation",
                    obs.id,
                    obs.paragraphs,
                    obs.entity,
                    obs.period,
                    f"{ind.name}: {obs.display()} {obs.unit}, {when}{derived}",
                    source.id,
                )
            )
    rows.extend(
        _citation(
            "ranking-entry",
            entry.id,
            entry.paragraphs or ranking.paragraphs,
            entry.entity,
            ranking.period,
            f"{entry.position()} in {ranking.name} ({ranking.report})",
            source.id,
        )
        for ranking in kb.rankings
        if ranking.source == source.id
        for entry in ranking.entries
    )
    rows.extend(
        _citation("statement", st.id, st.paragraphs, st.entities[0], st.period, st.text, source.id)
        for st in kb.statements
        if st.source == source.id
    )
    rows.sort(key=_first_paragraph)
    columns = (
        Column("paragraphs", "¶", numeric=True),
        Column("kind", "Kind"),
        Column("summary", "Fact"),
        Column("id", "Id"),
    )
    meta = source_row(source)
    return Answer(
        Rows(
            "citation", CITATION_KEYS, columns, rows, value_key="id", meta=meta, meta_name="source"
        )
    )


def _first_paragraph(row: Row) -> int:
    paragraphs = row["paragraphs"]
    return int(paragraphs[0]) if isinstance(paragraphs, list) and paragraphs else 0


def _citation(
    kind: str,
    record_id: str,
    paragraphs: tuple[int, ...],
    entity: str,
    period: Period | None,
    summary: str,
    source: str,
) -> Row:
    return {
        "kind": kind,
        "id": record_id,
        "paragraphs": list(paragraphs),
        "entity": entity,
        "period": period.text if period else None,
        "summary": summary,
        "source": source,
    }


# --- statements (shared by export and search) ----------------------------------------

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
