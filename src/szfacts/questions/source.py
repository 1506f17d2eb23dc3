"""`source`: every figure, ranking entry and statement that cites a source (`citing`)."""

from __future__ import annotations

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Observation, RankingEntry, Statement


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
