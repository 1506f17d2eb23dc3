"""Queries: pure functions from a knowledge base and arguments to rows of one kind.

They never print. Each returns a `Rows` for the renderer, and raises NoResult (a valid
question with no answer, saying what exists) or LookupFailed (a name that matches nothing).
"""

from __future__ import annotations

from typing import NamedTuple

from .errors import NoResult, UsageProblem, shown
from .model import KnowledgeBase, Observation
from .periods import Period, parse_period
from .render import Column, Row, Rows
from .rows import (
    OBSERVATION_COLUMNS,
    OBSERVATION_KEYS,
    RANK_COLUMNS,
    RANK_KEYS,
    SOURCE_KEYS,
    observation_row,
    ranking_entry_row,
    ranking_title,
    source_row,
)


class Answer(NamedTuple):
    """Rows to print, and notes for stderr that qualify them."""

    rows: Rows
    notes: tuple[str, ...] = ()


# --- rankings -------------------------------------------------------------------------


def rank(kb: KnowledgeBase, year: int | None, scope: str | None = None) -> Answer:
    """The rankings of an edition year (or, failing that, of a data year); all when None."""
    scopes = sorted({r.scope for r in kb.rankings})
    if scope is not None and scope not in scopes:
        raise UsageProblem(f"unknown scope {shown(scope)}; scopes: {', '.join(scopes)}")
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
        tuple(notes),
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
        Rows("observation", OBSERVATION_KEYS, OBSERVATION_COLUMNS, rows, title=title), tuple(notes)
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


# --- sources --------------------------------------------------------------------------


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
