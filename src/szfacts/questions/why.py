"""`why`: where a figure, rank or statement comes from, and how it holds up.

`explain` answers with an `Explanation`.
"""

from __future__ import annotations

from dataclasses import dataclass

from szfacts.errors import LookupFailed, UsageProblem, quoted
from szfacts.knowledge.base import KnowledgeBase, close_matches
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    RankingEntry,
    Statement,
)

from .check import run_checks
from .findings import Finding


@dataclass(frozen=True, slots=True)
class Explanation:
    """Where a figure, rank or statement comes from, and how it holds up."""

    record: Observation | RankingEntry | Statement
    ranking: Ranking | None  # the ranking of an entry
    inputs: tuple[tuple[str, Observation], ...]  # a derived value's formula inputs, by name
    checks: tuple[Finding, ...]  # every consistency check it takes part in


def explain(kb: KnowledgeBase, record_id: str) -> Explanation:
    """An observation, ranking entry or statement, with its sources, formula and checks."""
    wanted = record_id.strip()
    record = kb.record(wanted)
    if isinstance(record, Entity | Indicator | Ranking) or (
        record is not None and not isinstance(record, Observation | RankingEntry | Statement)
    ):
        kind = type(record).__name__.lower()
        article = "an" if kind[0] in "aeiou" else "a"
        raise UsageProblem(
            f"{quoted(wanted)} is {article} {kind}; `why` explains observations, ranking "
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
    ranking = kb.ranking_of(record) if isinstance(record, RankingEntry) else None
    inputs: tuple[tuple[str, Observation], ...] = ()
    if isinstance(record, Observation) and record.derivation is not None:
        found = [(name, kb.record(target)) for name, target in record.derivation.inputs]
        inputs = tuple((name, obs) for name, obs in found if isinstance(obs, Observation))
    checks: tuple[Finding, ...] = ()
    if isinstance(record, Observation):
        checks = tuple(f for f in run_checks(kb) if f.subject == record.id or record.id in f.inputs)
    return Explanation(record, ranking, inputs, checks)
