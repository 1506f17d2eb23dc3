"""Table for `szfacts verify`: each claim of a text, its verdict and the records behind it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Observation
from szfacts.questions.verify import MISTAKES, Checked

from .records import cite
from .rows import Answer, Column, Row, Table

VERIFY_KEYS: Final = (
    "claim", "verdict", "line", "start", "end", "sentence_start", "sentence_end", "figure",
    "sentence", "value", "multiplier", "qualifier", "place", "quantity", "period",
    "stated_as", "records", "said", "source", "reason", "explanation",
)  # fmt: skip
# On a terminal, a verdict's colour: green agrees, red is wrong, yellow asks a look.
TONES: Final = {
    "supported": "bold green", "truncated": "bold yellow", "not-found": "yellow",
    **dict.fromkeys(sorted(MISTAKES), "bold red"),
}  # fmt: skip
_COLUMNS: Final = (
    Column("claim", "#", numeric=True, grouped=False, lead=True),
    Column("verdict", "Verdict", whole=True, lead=True, tones=TONES),
    Column("figure", "Figure", lead=True),
    Column("line", "Line", numeric=True, grouped=False),
    Column("sentence", "Sentence", highlight="figure"),
    Column("said", "The knowledge base says"),
    Column("reason", "Why"),
    Column("cite", "Source", cite=True),
)
_EXPLAINED: Final = Column("steps", "How it was read")


def verify_answer(
    kb: KnowledgeBase, checked: Sequence[Checked], text: str, explain: bool = False
) -> Answer:
    """One record per claim, in text order; notes count the verdicts."""
    records = [_row(kb, item, text) for item in checked]
    columns = (*_COLUMNS, _EXPLAINED) if explain else _COLUMNS
    counts: dict[str, int] = {}
    for item in checked:
        counts[item.verdict] = counts.get(item.verdict, 0) + 1
    tally = ", ".join(f"{n} {verdict}" for verdict, n in sorted(counts.items()))
    notes = [f"{len(checked)} claim{'s' if len(checked) != 1 else ''} checked"
             + (f": {tally}" if tally else "")]  # fmt: skip
    wrong = sum(n for verdict, n in counts.items() if verdict in MISTAKES)
    if wrong:
        notes.append(f"{wrong} claim{'s' if wrong != 1 else ''} contradicted or mistaken "
                     "(exit status 1)")  # fmt: skip
    table = Table("claim", VERIFY_KEYS, columns, records, value_key="value",
                  title="Claims of the text")  # fmt: skip
    return Answer(table, tuple(notes))


def _row(kb: KnowledgeBase, item: Checked, text: str) -> Row:
    claim = item.claim
    figure, rank = claim.figure, claim.rank
    sentence = text[claim.sentence.start : claim.sentence.end]
    sources: list[str] = []
    cites: list[str] = []
    for record in item.records:
        if isinstance(record, Observation):
            sources.extend(kb.sources_of(record))
            cites.append(cite(record.source, record.paragraphs) or ",".join(kb.sources_of(record)))
        else:
            ranking = kb.ranking_of(record)
            sources.append(ranking.source)
            cites.append(cite(ranking.source, record.paragraphs))
    if figure is not None:
        value: float | int | None = figure.value
        multiplier: float | None = figure.scale
        quantity = [i.id for i in claim.quantities]
    else:
        assert rank is not None
        value, multiplier = rank.position or rank.band, None
        quantity = sorted({r.id for r in claim.rankings})
    return {
        "claim": claim.number,
        "verdict": item.verdict,
        "line": text.count("\n", 0, claim.start) + 1,
        "start": claim.start,
        "end": claim.end,
        "sentence_start": claim.sentence.start,
        "sentence_end": claim.sentence.end,
        "figure": text[claim.start : claim.end],
        "sentence": " ".join(sentence.split()),
        "value": value,
        "multiplier": multiplier,
        "qualifier": figure.qualifier if figure else ("top" if rank and rank.band else None),
        "place": claim.place.id if claim.place else None,
        "quantity": quantity,
        "period": claim.period.text if claim.period else None,
        "stated_as": "target" if claim.target else "achieved",
        "records": [r.id for r in item.records],
        "said": item.said,
        "source": list(dict.fromkeys(sources)),
        "reason": item.explanation[-1].removeprefix("verdict: "),
        "explanation": " | ".join(item.explanation),
        "cite": list(dict.fromkeys(cites)),
        "steps": "\n".join(item.explanation),
    }
