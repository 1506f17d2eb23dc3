"""Rankings and their entries: ranks and bands, scopes, universes."""

from __future__ import annotations

import re
from typing import Final

from szfacts.knowledge.records import Ranking, RankingEntry, Source

from .fields import MAX_EXACT_INT, Fields, is_text
from .registry import Registry

_BAND = re.compile(r"^top (\d{1,9})$")
SCOPE_KINDS: Final = {
    "city": ("city", "municipality"),
    "province": ("province", "municipality"),
    "country": ("country",),
    "organisation": ("organisation",),
}


def ranking(reg: Registry, f: Fields) -> None:
    """Build a ranking with its entries, naming every problem it has."""
    record_id = f.identifier()
    name, scope = f.text("name"), f.choice("scope", tuple(SCOPE_KINDS))
    measure, indicator = f.text("measure"), f.identifier("indicator", False)
    report, compiler = f.text("report"), f.identifier("compiler", False)
    edition = f.integer("edition")
    if edition is not None and not 1900 <= edition <= 2999:
        f.problem("edition", f"{edition} is not a plausible edition year")
    period, period_note = f.period(), f.text("period_note", False)
    universe = f.integer("universe", False)
    source_id = f.identifier("source")
    source = reg.sources.get(source_id) if source_id else None
    reg.ref(f, "source", source_id, "source")
    reg.ref(f, "indicator", indicator, "indicator")
    reg.ref(f, "compiler", compiler, "entity")
    paragraphs = f.paragraphs(source)
    entries = _entries(reg, f, source, scope, universe)
    if f.finish() and reg.claim(f, record_id) and record_id and name and scope:
        reg.rankings[record_id] = Ranking(
            record_id,
            name,
            scope,
            measure or "",
            indicator,
            report or "",
            compiler,
            edition or 0,
            period,
            period_note,
            universe,
            source_id or "",
            paragraphs,
            entries,
        )


def _entries(
    reg: Registry, f: Fields, source: Source | None, scope: str | None, universe: int | None
) -> tuple[RankingEntry, ...]:
    raw = f.get("entries", required=True)
    if raw is None:
        return ()
    if not isinstance(raw, list) or not raw or not all(isinstance(e, dict) for e in raw):
        f.problem("entries", "must be a non-empty array of tables ([[rankings.entries]])")
        return ()
    entries: list[RankingEntry] = []
    ranks: dict[int, str] = {}
    entities: set[str] = set()
    for table in raw:
        label = table.get("id") if is_text(table.get("id")) else f"{f.record}#{len(entries) + 1}"
        e = Fields(reg.problems, "rankings.entries", table, label)
        record_id, entity = e.identifier(), e.identifier("entity")
        rank = e.integer("rank", False)
        band_text = e.text("band", False)
        band_top = None
        if band_text is not None:
            match = _BAND.match(band_text)
            if match is None:
                e.problem("band", f"{band_text!r} is not a band; write it as 'top N'")
            else:
                band_top = int(match[1])
        if (rank is None) == (band_top is None) and e.ok:
            e.problem("rank", "give either a numeric `rank` or a `band`, not both or neither")
        limit = universe or MAX_EXACT_INT
        for key, number in (("rank", rank), ("band", band_top)):
            if number is not None and not 1 <= number <= limit:
                e.problem(key, f"{number} is outside 1..{limit}, the ranking's universe")
        if rank is not None and rank in ranks:
            e.problem("rank", f"rank {rank} is already held by {ranks[rank]!r} in this ranking")
        if entity is not None and entity in entities:
            e.problem("entity", f"{entity!r} appears twice in this ranking")
        if reg.ref(e, "entity", entity, "entity") and entity and scope:
            kind = reg.entities[entity].kind
            if kind not in SCOPE_KINDS[scope]:
                e.problem("entity", f"{entity!r} is a {kind}, which a {scope} ranking cannot rank")
        note, paragraphs = e.text("note", False), e.paragraphs(source, required=False)
        if e.finish() and reg.claim(e, record_id) and record_id and entity:
            if rank is not None:
                ranks[rank] = entity
            entities.add(entity)
            entries.append(RankingEntry(record_id, entity, rank, band_top, note, paragraphs))
        else:
            f.ok = False
    return tuple(entries)
