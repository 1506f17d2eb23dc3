"""Which quantity a figure of a text is of: the indicators whose names its sentence holds.

A figure's unit must fit an indicator's; then the indicator's name (or a keyword) must be
found in the sentence, weighted by where: the figure's own clause, an earlier clause or a
later one. matching.py asks this for each figure; the steps are in the figure's explanation.
"""

from __future__ import annotations

from typing import Final

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Indicator

from . import prose
from .claims import Figure
from .prose import Sentence
from .words import SAME, Names, normal, tokens

# A quantity must share this much of its name's words with the sentence to be read there.
ENOUGH: Final = 0.6
_KINDS: Final = {  # a figure's kind -> the unit dimensions it can be read in
    "percent": ("percent",),
    "points": ("percentage points",),
    "index": ("index points",),
    "per-people": ("per 10,000 people",),
    "per-area": ("per km²",),
    "money": ("RMB", "USD", "HKD"),
}
_OTHER_KINDS: Final = frozenset(d for kinds in _KINDS.values() for d in kinds) | {
    "rank",
    "km²",
    "Mbit/s",
}
# Words an indicator's name needs not find in a sentence when the figure's unit says them:
# an amount of money is a size.
_IMPLIED: Final = {"money": frozenset({"size"})}


def _dimensions(kb: KnowledgeBase, indicator: Indicator) -> str:
    unit = indicator.unit
    if unit.startswith("percentage points"):
        return "percentage points"
    if unit.startswith("percent"):
        return "percent"
    if "per 10,000 people" in unit:
        return "per 10,000 people"
    if "per km²" in unit:
        return "per km²"
    return kb.unit(unit).dimension


def _fits(kb: KnowledgeBase, figure: Figure, indicator: Indicator) -> bool:
    dimension = _dimensions(kb, indicator)
    if figure.kind == "money":
        return dimension == figure.currency
    if figure.kind in _KINDS:
        return dimension in _KINDS[figure.kind]
    return dimension not in _OTHER_KINDS or dimension == "index points"  # a bare index value


def quantities_of(
    kb: KnowledgeBase, names: Names, text: str, sentence: Sentence, figure: Figure
) -> list[tuple[tuple[float, int, int], Indicator, str]]:
    """The indicators a figure could be of, best first.

    Its unit must fit; then the share of the name's words (or of one of its keywords') found
    in the sentence: in the figure's own clause in full, in an earlier clause three quarters,
    in a later one half. Place names within an indicator's name are the place's to match.
    """
    start, end = prose.clause(text, sentence, figure.number_start)
    near = set(tokens(normal(text[start:end], names.vocabulary)))
    before = set(tokens(normal(text[sentence.start : start], names.vocabulary)))
    whole = set(tokens(normal(text[sentence.start : sentence.end], names.vocabulary)))
    places = names.place_words
    implied = _IMPLIED.get(figure.kind, frozenset())
    chinese = text[sentence.start : sentence.end]

    def share(words: list[str]) -> float:
        wanted = [w for w in words if w not in implied and w not in places] or words
        points = sum(1.0 if w in near else 0.75 if w in before else 0.5 if w in whole else 0.0
                     for w in wanted)  # fmt: skip
        return points / max(1, len(wanted))

    scored = []
    noun = _noun_after(text, figure, sentence, names)
    # just before the figure (its last four words): "gigabit users exceeded 50 million", not
    # "91 percent and all families with gigabit fibre" nor "Gigabit City, [...] 91 percent"
    marked = _MARKED & set(tokens(normal(text[start : figure.start], names.vocabulary))[-4:])
    for indicator, base, method, keywords, nouns in names.indicators:
        if not _fits(kb, figure, indicator):
            continue
        if noun and noun not in nouns:
            continue  # "351 cities" is not a figure of an index
        if not marked <= nouns:
            continue  # an average growth is not a year's growth
        if indicator.name_zh and indicator.name_zh in chinese:
            score, why, used = 1.0, f"its Chinese name {indicator.name_zh}", base
        else:
            score, used = share(base), base
            why = f"words {', '.join(w for w in base if w in whole)} of '{indicator.name}'"
            for keyword, words in keywords:  # a keyword is a phrase: all its words, or none
                if all(w in whole for w in words) and share(words) > score:
                    score, why, used = share(words), f"its keyword '{keyword}'", words
        if score < ENOUGH:
            continue
        named_method = bool(method) and all(w in whole for w in method)
        if named_method:
            why += ", its method named"
        # Of equal shares, the name with more words in the figure's own clause, then the
        # shorter name: "总数达9.17万" after "新增...1.52万" is a total, not the year's additions.
        rank = (round(score, 6) + (0.01 if named_method else 0.0),
                sum(w in near for w in used), -len(used))  # fmt: skip
        scored.append((rank, indicator, why))
    scored.sort(key=lambda item: item[0], reverse=True)
    return scored


# Words that, beside a figure, make it another quantity than one whose name lacks them:
# "average annual growth of 6 percent", "GDP per capita", "gigabit users".
_MARKED: Final = frozenset({"average", "person", "gigabit"})
# Words that may stand between a count and what it counts: "10,000 more base stations".
_FILLERS: Final = frozenset(
    {
        "more",
        "additional",
        "extra",
        "further",
        "operational",
        "active",
        "working",
        "total",
        "of",
        "in",
        "at",
        "by",
        "up",
        "to",
    }
)


def _noun_after(text: str, figure: Figure, sentence: Sentence, names: Names) -> str | None:
    """The word a count is of, where one follows it at once ("351 cities" -> city)."""
    if figure.kind != "count":
        return None
    after = tokens(normal(text[figure.end : sentence.end], names.vocabulary))
    if not after or after[0] in _FILLERS or after[0].isdigit() or after[0] in SAME:
        return None
    return after[0] if after[0].isalpha() and after[0].isascii() else None
