"""Words for matching a text with the knowledge base's names: normalised, as tokens.

A sentence and an indicator's name meet as sets of tokens: lower case, simple plurals made
singular, stop words dropped, and synonyms ("grew", "rose", "up", "增长") one token ("change").
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Final, NamedTuple

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Entity, Indicator, Ranking

# Words that mean the same in an indicator's name and in a news text, as one token each.
SAME: Final = {
    "change": ("growth", "grow", "grew", "grown", "growing", "increase", "increased",
               "increasing", "rise", "rose", "risen", "rising", "up", "expand", "expanded",
               "gain", "gained", "jump", "jumped", "climb", "climbed", "change", "changed",
               "增长", "同比增长"),
    "share": ("share", "proportion", "proportions", "accounting", "accounted", "accounts",
              "percentage", "占比", "比重", "占"),
    "station": ("station", "stations", "site", "sites"),
    "base station": ("基站",),
    "smart": ("smart", "intelligent"),
    "user": ("user", "users", "subscriber", "subscribers", "用户"),
    "household": ("household", "households", "family", "families", "home", "homes"),
    "gdp": ("gdp", "economic output", "gross domestic product", "地区生产总值", "生产总值"),
    "new": ("new", "newly", "added", "新增", "新建"),
    "person": ("person", "capita", "head", "人均"),
    "trade": ("trade", "imports and exports", "foreign trade", "进出口"),
    "rd": ("r&d", "research and development", "研发"),
    "enterprise": ("enterprise", "enterprises", "company", "companies", "firm", "firms"),
    "size": ("size", "scale", "amounted", "worth", "valued", "规模"),
    "value": ("value", "output"),
    # Chinese terms, as the English words of the names they stand for
    "digital economy": ("数字经济",),
    "core industry": ("核心产业",),
    "value new": ("增加值",),
    "strategic emerging industry": ("战略性新兴产业",),
    "resident population": ("常住人口",),
    "population": ("人口",),
    "5g": ("5g",),
    "coverage": ("覆盖率",),
}  # fmt: skip
_SYNONYMS: Final = {word: token for token, words in SAME.items() for word in words}
# Synonyms of several words, or in Chinese, are replaced in the text before it is split.
_PHRASES: Final = sorted(
    ((w, t) for w, t in _SYNONYMS.items() if " " in w or not w.isascii()), key=lambda p: -len(p[0])
)
_WORD: Final = re.compile(r"[a-z0-9&]+|[\u4e00-\u9fff]")
_STOP: Final = frozenset(
    [
        "the",
        "of",
        "and",
        "in",
        "on",
        "a",
        "an",
        "to",
        "for",
        "by",
        "at",
        "as",
        "its",
        "with",
        "from",
        "than",
        "that",
        "this",
        "is",
        "was",
        "were",
        "are",
        "be",
        "been",
        "has",
        "had",
        "have",
        "it",
        "their",
        "per",
    ]
)


class Reading(NamedTuple):
    """An indicator's name, method and keywords as tokens, made once per text."""

    indicator: Indicator
    base: list[str]  # its name's words, without the bracketed method
    method: list[str]  # the method's words ("caict")
    keywords: tuple[tuple[str, list[str]], ...]  # each keyword and its tokens
    nouns: frozenset[str]  # every token of its name and keywords


class Names(NamedTuple):
    """The knowledge base's names, prepared once for reading a text."""

    entities: list[tuple[re.Pattern[str], Entity]]  # a name's pattern, longest name first
    vocabulary: frozenset[str]  # every word of every name
    place_words: frozenset[str]  # every word of a place's names
    indicators: tuple[Reading, ...]
    titles: tuple[tuple[Ranking, list[tuple[str, str]]], ...]  # a report title's word pairs


def names_of(kb: KnowledgeBase) -> Names:
    """The knowledge base's entity, indicator and ranking names, prepared for matching."""
    pairs: dict[str, Entity] = {}
    for entity in kb.entities:
        for name in (entity.name, entity.name_zh, *entity.aliases, entity.id):
            if name and len(name) >= 2 and name.lower() not in pairs:
                pairs[name.lower()] = entity
    words: set[str] = set()
    for indicator in kb.indicators:
        words.update(_WORD.findall(indicator.name.lower()))
    for name in pairs:
        words.update(_WORD.findall(name))
    for ranking in kb.rankings:
        words.update(_WORD.findall(f"{ranking.report} {ranking.name}".lower()))
    words.update(_STOP)
    ordered = sorted(pairs.items(), key=lambda item: -len(item[0]))
    patterns = [
        (re.compile(rf"\b{re.escape(normal(name))}\b" if name.isascii() else re.escape(name)), e)
        for name, e in ordered
    ]  # fmt: skip
    places = frozenset(w for name in pairs for w in tokens(normal(name)))
    readings = []
    for indicator in kb.indicators:
        base, method = name_words(indicator)
        keywords = tuple((k, tokens(normal(k))) for k in indicator.keywords)
        nouns = frozenset([*tokens(normal(indicator.name)), *(w for _, t in keywords for w in t)])
        readings.append(Reading(indicator, base, method, keywords, nouns))
    titles = tuple(
        (r, list(pairwise([t for t in tokens(normal(r.report)) if not t.isdigit()])))
        for r in kb.rankings
    )  # fmt: skip
    vocabulary = frozenset(w for w in words if len(w) >= 2 or w in _STOP)
    return Names(patterns, vocabulary, places, tuple(readings), titles)


def normal(text: str, vocabulary: frozenset[str] = frozenset()) -> str:
    """Text for matching names: lower case, quotes and hyphens as spaces, glued words split.

    A scraped page can lose the spaces around quotation marks ("chinainternet plusindex");
    a word the knowledge base does not know that splits into two it knows is split.
    """
    lowered = text.lower().replace("\u2019", "'").replace("\u2018", "'")
    lowered = re.sub(r"[\"\u201c\u201d«»()\[\]*_#`|]", " ", lowered)
    lowered = re.sub(r"(?<=[a-z])-(?=[a-z0-9])|(?<=\d)-(?=[a-z])", " ", lowered)
    lowered = re.sub(r"'s\b", "", lowered)
    if not vocabulary:
        return lowered

    def split(match: re.Match[str]) -> str:
        word = match.group()
        if word in vocabulary or len(word) < 6:
            return word
        for cut in range(2, len(word) - 2):
            if word[:cut] in vocabulary and word[cut:] in vocabulary:
                return f"{word[:cut]} {word[cut:]}"
        if word.endswith("s") and word[:-1] in vocabulary:
            return word[:-1]
        return word

    return re.sub(r"[a-z]+", split, lowered)


def tokens(text: str) -> list[str]:
    """Matching tokens: synonyms as one word, simple plurals singular, stop words dropped."""
    for phrase, token in _PHRASES:
        if phrase in text:
            text = text.replace(phrase, f" {token} ")
    found = []
    for word in _WORD.findall(text):
        if word in _STOP:
            continue
        token = _SYNONYMS.get(word, word)
        if token is word and len(word) > 3:
            if word.endswith("ies"):
                token = word[:-3] + "y"
            elif word.endswith("s") and not word.endswith("ss"):
                token = word[:-1]
        found.append(token)
    return found


# Words of a name that say how a quantity is measured rather than what it is: a text may
# leave them out ("GDP grew 2.7 percent" is its real growth). They count like a method.
_MANNER: Final = frozenset({"real", "nominal"})


def name_words(indicator: Indicator) -> tuple[list[str], list[str]]:
    """An indicator's name as tokens, and its method (the bracketed part, "real") apart."""
    name = indicator.name.lower()
    method = tokens(normal(" ".join(re.findall(r"\(([^)]*)\)", name))))
    base = tokens(normal(re.sub(r"\([^)]*\)", " ", name)))
    return [w for w in base if w not in _MANNER], method + [w for w in base if w in _MANNER]
