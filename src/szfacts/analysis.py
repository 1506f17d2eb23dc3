"""What each command asks of the knowledge base, answered as typed records.

These functions are the Python API behind `KnowledgeBase.compare`, `.trend`, `.citing`,
`.search`, `.profile`, `.timeline` and `.explain` (`.rankings_for` and `.find` are in
lookup.py); the command line only turns their results into rows. They never print and
import nothing from the command line.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from .errors import LookupFailed, NoResult, UsageProblem, shown
from .lookup import ranking_of_entry
from .model import (
    Entity,
    Indicator,
    KnowledgeBase,
    Observation,
    Ranking,
    RankingEntry,
    Record,
    Statement,
    close_matches,
)
from .periods import Period

if TYPE_CHECKING:  # checks.py is imported when a check runs, not to define these types
    from .checks import Finding


@dataclass(frozen=True, slots=True)
class ComparisonRow:
    """One indicator-and-period or ranking, with what each compared entity has in it."""

    subject: Indicator | Ranking
    period: Period | None
    observations: Mapping[str, tuple[Observation, ...]]  # entity id -> its observations
    places: Mapping[str, RankingEntry]  # entity id -> its entry, for a ranking


@dataclass(frozen=True, slots=True)
class TrendPoint:
    """One period of an indicator: its value, the change computed, the change stated."""

    observation: Observation
    change: float | None  # on the previous point, computed by szfacts
    relative_change: float | None  # in percent, computed by szfacts
    stated_change: Observation | None  # a change the source states for this period
    check: Finding | None  # the consistency check of the stated change


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A record matching a search, with its score and the field that matched best."""

    kind: str
    id: str
    name: str
    score: int
    matched: str
    summary: str


def compare(kb: KnowledgeBase, names: Sequence[str]) -> tuple[list[Entity], list[ComparisonRow]]:
    """The entities named, and one row per indicator-and-period or ranking they appear in."""
    entities: list[Entity] = []
    for name in names:
        entity = kb.entity(name)
        if entity in entities:
            message = f"{shown(name)} names {entity.id!r} twice; compare distinct entities"
            raise UsageProblem(message)
        entities.append(entity)
    wanted = {e.id for e in entities}
    groups: dict[tuple[str, str], list[Observation]] = {}
    for obs in kb.observations:
        if obs.entity in wanted:
            key = (obs.indicator, obs.period.text if obs.period else "")
            groups.setdefault(key, []).append(obs)
    rows: list[ComparisonRow] = []
    for (indicator_id, _), members in groups.items():
        by_entity = {e.id: tuple(o for o in members if o.entity == e.id) for e in entities}
        rows.append(ComparisonRow(kb.indicator(indicator_id), members[0].period, by_entity, {}))
    for ranking in kb.rankings:
        places = {e.entity: e for e in ranking.entries if e.entity in wanted}
        if places:
            rows.append(ComparisonRow(ranking, ranking.period, {}, places))
    if not rows:
        listed = ", ".join(e.id for e in entities)
        raise NoResult(f"no indicator or ranking has a value for any of: {listed}")
    return entities, rows


def trend(
    kb: KnowledgeBase, entity_name: str, indicator_name: str
) -> tuple[Entity, Indicator, list[TrendPoint]]:
    """An entity's indicator across periods, with changes computed and changes stated."""
    from .checks import run_checks

    entity = kb.entity(entity_name)
    indicator = kb.indicator(indicator_name)
    series = [o for o in kb.observations_of(indicator.id, entity.id) if o.period is not None]
    series.sort(key=lambda o: (o.period.start if o.period else None, o.id))
    if not series:
        raise NoResult(f"{entity.id} has no dated {indicator.id} observation to compare")
    changes = [i.id for i in kb.indicators if i.change_of == indicator.id]
    findings = {f.subject: f for f in run_checks(kb) if f.check == "change"}
    points: list[TrendPoint] = []
    previous: Observation | None = None
    for obs in series:
        change = relative = None
        if previous is not None and previous.qualifier is None and obs.qualifier is None:
            change = round(
                float(obs.value) - float(previous.value), max(previous.decimals, obs.decimals)
            )
            if previous.value:
                relative = round((float(obs.value) / float(previous.value) - 1) * 100, 2)
        stated = next(
            (
                s
                for change_id in changes
                for s in kb.observations_of(change_id, entity.id)
                if s.period is not None
                and obs.period is not None
                and s.period.text == obs.period.text
            ),
            None,
        )
        check = findings.get(stated.id) if stated is not None else None
        points.append(TrendPoint(obs, change, relative, stated, check))
        previous = obs
    return entity, indicator, points


def citing(kb: KnowledgeBase, source_id: str) -> list[Observation | RankingEntry | Statement]:
    """Every observation, ranking entry and statement that cites a source, by paragraph.

    A derived observation cites the sources of its inputs.
    """
    source = kb.source(source_id)
    found: list[tuple[int, Observation | RankingEntry | Statement]] = []
    found.extend(
        (obs.paragraphs[0] if obs.paragraphs else 0, obs)
        for obs in kb.observations
        if source.id in kb.sources_of(obs)
    )
    for ranking in kb.rankings:
        if ranking.source == source.id:
            for entry in ranking.entries:
                paragraphs = entry.paragraphs or ranking.paragraphs
                found.append((paragraphs[0] if paragraphs else 0, entry))
    found.extend((st.paragraphs[0], st) for st in kb.statements if st.source == source.id)
    found.sort(key=lambda pair: pair[0])  # stable: file order within a paragraph
    return [record for _, record in found]


def sources_behind(kb: KnowledgeBase) -> dict[str, tuple[str, ...]]:
    """For every record id, the sources behind it.

    An entity's or indicator's sources are those of the facts about it, so that no row
    printed anywhere loses its provenance.
    """
    found: dict[str, set[str]] = {}

    def add(record_id: str, sources: Sequence[str]) -> None:
        found.setdefault(record_id, set()).update(sources)

    for obs in kb.observations:
        sources = kb.sources_of(obs)
        for record_id in (obs.id, obs.entity, obs.indicator):
            add(record_id, sources)
    for ranking in kb.rankings:
        add(ranking.id, (ranking.source,))
        for entry in ranking.entries:
            for record_id in (entry.id, entry.entity):
                add(record_id, (ranking.source,))
    for st in kb.statements:
        for record_id in (st.id, *st.entities):
            add(record_id, (st.source,))
    for source in kb.sources:
        add(source.id, (source.id,))
    order = {s.id: n for n, s in enumerate(kb.sources)}
    return {k: tuple(sorted(v, key=lambda s: order.get(s, len(order)))) for k, v in found.items()}


# Search weights: a hit in an id or name says more than a hit in a long description.
_NAME, _ALIAS, _TEXT = 10, 8, 2
_KIND_ORDER = {"entity": 0, "indicator": 1, "ranking": 2, "source": 3, "observation": 4,
               "statement": 5}  # fmt: skip


def _searchable(
    kb: KnowledgeBase,
) -> list[tuple[str, Record, str, str, list[tuple[str, str, int]]]]:
    """(kind, record, name, summary, [(field, text, weight)]) for every searchable record."""
    found: list[tuple[str, Record, str, str, list[tuple[str, str, int]]]] = []
    for e in kb.entities:
        fields = [("id", e.id, _NAME), ("name", e.name, _NAME)]
        fields += [("name_zh", e.name_zh, _NAME)] if e.name_zh else []
        fields += [("alias", a, _ALIAS) for a in e.aliases]
        found.append(("entity", e, e.name, f"{e.kind}, {e.name_zh or ''}".strip(", "), fields))
    for i in kb.indicators:
        fields = [("id", i.id, _NAME), ("name", i.name, _NAME), ("definition", i.definition, _TEXT)]
        found.append(("indicator", i, i.name, f"{i.unit}: {i.definition}", fields))
    for r in kb.rankings:
        fields = [("id", r.id, _NAME), ("name", r.name, _NAME), ("report", r.report, _ALIAS),
                  ("measure", r.measure, _TEXT)]  # fmt: skip
        found.append(("ranking", r, r.name, f"{r.report}, edition {r.edition}", fields))
    for s in kb.sources:
        fields = [("id", s.id, _NAME), ("title", s.title, _NAME),
                  ("publisher", s.publisher, _ALIAS), ("origin", s.origin, _TEXT)]  # fmt: skip
        found.append(("source", s, s.title, f"{s.publisher}, {s.published.label()}", fields))
    for st in kb.statements:
        fields = [("id", st.id, _ALIAS), ("text", st.text, _TEXT)]
        fields += [("note", st.note, _TEXT)] if st.note else []
        found.append(("statement", st, st.text, f"{st.kind}, {st.source}", fields))
    for o in kb.observations:
        fields = [("id", o.id, _ALIAS)] + ([("note", o.note, _TEXT)] if o.note else [])
        found.append(("observation", o, o.id, f"{o.display()} {o.unit}", fields))
    return found


def search(kb: KnowledgeBase, text: str) -> list[SearchHit]:
    """Records whose ids, names or texts contain every word of the query, best first.

    A word scores by the best field it is found in (names over aliases over texts); a field
    equal to the whole query scores three times as much, and one that starts with it twice.
    """
    query = " ".join(text.split()).casefold()
    if not query:
        raise UsageProblem("search needs at least one word, e.g. szfacts search 5g")
    words = query.split()
    hits: list[SearchHit] = []
    for kind, record, name, summary, fields in _searchable(kb):
        folded = [(field, value.casefold(), weight) for field, value, weight in fields]
        score, matched = 0, ""
        for word in words:
            best = [(weight, field) for field, value, weight in folded if word in value]
            if not best:
                break
            weight, field = max(best)
            score += weight
            matched = matched or field
        else:
            for field, value, weight in folded:
                if value == query or value.startswith(query):
                    score += (3 if value == query else 2) * weight
                    matched = field
                    break
            hits.append(SearchHit(kind, record.id, name, score, matched, summary))
    if not hits:
        raise NoResult(f"nothing matches {shown(text.strip())}; try fewer or shorter words")
    hits.sort(key=lambda h: (-h.score, _KIND_ORDER[h.kind], h.id))
    return hits


@dataclass(frozen=True, slots=True)
class Profile:
    """Everything the knowledge base says about one entity."""

    entity: Entity
    regions: tuple[Entity, ...]  # the enclosing entities, nearest first
    member_of: tuple[Entity, ...]  # groups the entity belongs to
    observations: tuple[Observation, ...]  # by indicator, then period
    places: tuple[tuple[Ranking, RankingEntry], ...]  # by edition
    statements: tuple[Statement, ...]  # dated ones in time order, then undated
    sources: tuple[str, ...]  # every source behind the above


def profile(kb: KnowledgeBase, name: str) -> Profile:
    """An entity's names, place and every figure, rank and statement about it."""
    entity = kb.entity(name)
    regions: list[Entity] = []
    current = entity.region
    while current is not None:
        found = kb.record(current)
        if not isinstance(found, Entity) or found in regions:
            break
        regions.append(found)
        current = found.region
    member_of = tuple(e for e in kb.entities if entity.id in e.members)
    indicator_order = {i.id: n for n, i in enumerate(kb.indicators)}
    observations = sorted(
        (o for o in kb.observations if o.entity == entity.id),
        key=lambda o: (indicator_order.get(o.indicator, 0), _when(o.period), o.id),
    )
    places = sorted(
        ((r, e) for r in kb.rankings for e in r.entries if e.entity == entity.id),
        key=lambda pair: (pair[0].edition, pair[0].id),
    )
    statements = sorted(
        (s for s in kb.statements if entity.id in s.entities),
        key=lambda s: (s.period is None, _when(s.period), s.id),
    )
    sources: list[str] = []
    for obs in observations:
        sources.extend(kb.sources_of(obs))
    sources.extend(r.source for r, _ in places)
    sources.extend(s.source for s in statements)
    order = {s.id: n for n, s in enumerate(kb.sources)}
    unique = sorted(set(sources), key=lambda s: order.get(s, len(order)))
    return Profile(entity, tuple(regions), member_of, tuple(observations), tuple(places),
                   tuple(statements), tuple(unique))  # fmt: skip


def _when(period: Period | None) -> tuple[str, str]:
    return (period.start.isoformat(), period.end.isoformat()) if period else ("", "")


@dataclass(frozen=True, slots=True)
class TimelineEvent:
    """A fact on the timeline: its period as the source gives it, or none."""

    kind: str  # observation, ranking-entry or statement
    record: Observation | RankingEntry | Statement
    period: Period | None  # None: the source gives no date; never invented
    published: Period  # when its source was published: orders the undated ones
    source: str


def timeline(
    kb: KnowledgeBase, name: str | None = None, start: int | None = None, end: int | None = None
) -> list[TimelineEvent]:
    """Every fact (of one entity, when named) in time order; undated ones last.

    Dated facts are ordered by the first then the last day they cover, ties by kind then id.
    Undated facts follow, ordered by when their source was published; with a --from or --to
    year they are left out, since nothing places them in the range.
    """
    entity = kb.entity(name) if name is not None else None
    if start is not None and end is not None and end < start:
        raise UsageProblem(f"--to {end} is before --from {start}")
    published = {s.id: s.published for s in kb.sources}
    events: list[TimelineEvent] = []
    for obs in kb.observations:
        if entity is None or obs.entity == entity.id:
            source = (kb.sources_of(obs) or ("",))[0]
            events.append(TimelineEvent("observation", obs, obs.period, published[source], source))
    events.extend(
        TimelineEvent("ranking-entry", entry, ranking.period, published[ranking.source],
                      ranking.source)
        for ranking in kb.rankings
        for entry in ranking.entries
        if entity is None or entry.entity == entity.id
    )  # fmt: skip
    events.extend(
        TimelineEvent("statement", st, st.period, published[st.source], st.source)
        for st in kb.statements
        if entity is None or entity.id in st.entities
    )
    if start is not None or end is not None:
        low, high = start or 1, end or 9999
        events = [
            e for e in events
            if e.period is not None and e.period.start.year <= high and e.period.end.year >= low
        ]  # fmt: skip
    events.sort(
        key=lambda e: (
            e.period is None,
            _when(e.period) if e.period else _when(e.published),
            e.kind,
            e.record.id,
        )
    )
    if not events:
        who = f" about {entity.id}" if entity else ""
        raise NoResult(f"no dated facts{who} in that range" if start or end else f"no facts{who}")
    return events


@dataclass(frozen=True, slots=True)
class Explanation:
    """Where a figure, rank or statement comes from, and how it holds up."""

    record: Observation | RankingEntry | Statement
    ranking: Ranking | None  # the ranking of an entry
    inputs: tuple[tuple[str, Observation], ...]  # a derived value's formula inputs, by name
    checks: tuple[Finding, ...]  # every consistency check it takes part in


def explain(kb: KnowledgeBase, record_id: str) -> Explanation:
    """An observation, ranking entry or statement, with its sources, formula and checks."""
    from .checks import run_checks

    wanted = record_id.strip()
    record = kb.record(wanted)
    if isinstance(record, Entity | Indicator | Ranking) or (
        record is not None and not isinstance(record, Observation | RankingEntry | Statement)
    ):
        kind = type(record).__name__.lower()
        article = "an" if kind[0] in "aeiou" else "a"
        raise UsageProblem(
            f"{shown(wanted)} is {article} {kind}; `why` explains observations, ranking "
            "entries and statements (their ids are in the id column of `indicator`, `rank` "
            "and `export`)"
        )
    if record is None:
        ids: dict[str, object] = {o.id: o for o in kb.observations}
        ids.update({s.id: s for s in kb.statements})
        ids.update({e.id: e for r in kb.rankings for e in r.entries})
        hint = "ids are in the id column of `indicator`, `rank` and `export`"
        raise LookupFailed("record", wanted, close_matches(wanted, ids), hint)
    assert isinstance(record, Observation | RankingEntry | Statement)
    ranking = ranking_of_entry(kb, record) if isinstance(record, RankingEntry) else None
    inputs: tuple[tuple[str, Observation], ...] = ()
    if isinstance(record, Observation) and record.derivation is not None:
        found = [(name, kb.record(target)) for name, target in record.derivation.inputs]
        inputs = tuple((name, obs) for name, obs in found if isinstance(obs, Observation))
    checks: tuple[Finding, ...] = ()
    if isinstance(record, Observation):
        checks = tuple(f for f in run_checks(kb) if f.subject == record.id or record.id in f.inputs)
    return Explanation(record, ranking, inputs, checks)
