"""The structure of a text: its sentences, their clauses, and what is not prose in it.

Offsets are character offsets in the text as given, so that a claim can be shown in place.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

# Words that make a figure a plan, aim, forecast or target when they stand before it in its
# clause ("aims to deploy 14,600", "will exceed 65,000", "expected to surpass 3 trillion").
MOOD: Final = re.compile(
    r"\b(?:plans?|planned|planning|aims?|aimed|aiming|targets?|targeted|targeting|goals?|"
    r"will|would|shall|expects?|expected|projected|forecasts?|forecasted|intends?|seeks?|"
    r"strives?|pledged?|pledges|vowed?|vows|set to|is to|are to|is due to)\b"
    r"|计划|目标|力争|预计|将",
    re.IGNORECASE,
)

_SENTENCE_END: Final = re.compile(
    r"[.!?](?=[\"'\u201d\u2019)\]]*(?:\s|$))|[。\uff01\uff1f\uff1b]|\n\s*\n"
)
_ABBREVIATIONS: Final = re.compile(
    r"(?:\b(?:no|nos|mr|mrs|ms|dr|st|vs|e\.g|i\.e|u\.s|jan|feb|mar|apr|jun|jul|aug|sep|sept|"
    r"oct|nov|dec|inc|ltd|co|corp|approx|est|fig)|\b[a-z])\.$",
    re.IGNORECASE,
)
_CLAUSE: Final = re.compile(
    r",\s|;|:\s|\uff0c|\uff1b|\u3001|\s[-\u2013\u2014]\s|\s(?:while|whereas|but)\s", re.IGNORECASE
)
_BLOCK_START: Final = re.compile(r"^\s*(?:#{1,6}\s|[-*+]\s|\d+[.)]\s|>\s?|\|)", re.MULTILINE)
# What is masked before reading: addresses, Markdown link targets, code, HTML tags.
_MASK: Final = re.compile(
    r"```.*?```|`[^`\n]*`|\]\([^)\s]*\)|<[^>\n]*>|\bhttps?://\S+|\bwww\.\S+|\S+@\S+\.\w+",
    re.DOTALL,
)


class Sentence(NamedTuple):
    """A sentence of the text: its span, and the paragraph it stands in (from 1)."""

    start: int
    end: int
    paragraph: int


def masked(text: str) -> str:
    """The text with addresses, code and markup replaced by spaces (offsets unchanged)."""
    return _MASK.sub(lambda m: " " * len(m.group()), text)


def sentences(text: str) -> list[Sentence]:
    """The sentences of a text, in order: split at end punctuation, blank lines, list items.

    A full stop after a common abbreviation ("No.", "U.S.") or inside a number does not end
    a sentence; lower-case text after a full stop still starts a new one.
    """
    found: list[Sentence] = []
    paragraph = 1
    breaks = sorted({m.start() for m in _BLOCK_START.finditer(text)})
    start = 0
    position = 0

    def close(end: int) -> None:
        nonlocal start
        piece = text[start:end]
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            found.append(Sentence(start + lead, start + len(piece.rstrip()), paragraph))
        start = end

    for match in _SENTENCE_END.finditer(text):
        for block in breaks:
            if start < block < match.start():
                close(block)
        end = match.end()
        if match.group() == "." and _ABBREVIATIONS.search(text[max(0, end - 6) : end]):
            continue
        close(end)
        position = end
        if "\n" in match.group():
            paragraph += 1
    for block in breaks:
        if start < block:
            close(block)
    close(len(text))
    del position
    return found


def clause(text: str, sentence: Sentence, at: int) -> tuple[int, int]:
    """The span of the clause of a sentence that holds offset `at` (split at , ; : while)."""
    start, end = sentence.start, sentence.end
    for match in _CLAUSE.finditer(text, sentence.start, sentence.end):
        if match.end() <= at:
            start = match.end()
        elif match.start() >= at:
            end = match.start()
            break
    return start, end


def target_mood(text: str, sentence: Sentence, at: int) -> str | None:
    """The word that makes a figure a plan or target: one standing before it in its clause."""
    start, _ = clause(text, sentence, at)
    words = list(MOOD.finditer(text, start, at))
    return words[-1].group() if words else None
