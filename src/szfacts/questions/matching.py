"""Reading a text's claims against the knowledge base: each figure's place, quantity, period.

claims.py finds the figures, periods, ranks and mood in a sentence; this module names the
place and the quantity (indicator) each figure is about, from the knowledge base's names,
and says step by step how it read them.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from itertools import pairwise
from typing import Final, NamedTuple

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.periods import Period, parse_period
from szfacts.knowledge.records import Entity, Indicator, Ranking

from . import claims, prose
from .claims import Figure, Found, Rank
from .prose import Sentence
from .quantities import ENOUGH, quantities_of
from .words import Names, names_of, normal, tokens


class Claim(NamedTuple):
    """A figure or rank of the text, and how it was read."""

    number: int  # from 1, in text order
    sentence: Sentence
    start: int  # the claim's words in the text
    end: int
    figure: Figure | None
    rank: Rank | None
    place: Entity | None
    quantities: tuple[Indicator, ...]
    period: Period | None
    target: bool
    rankings: tuple[Ranking, ...]
    explanation: tuple[str, ...]


def read_claims(kb: KnowledgeBase, text: str) -> list[Claim]:
    """The claims of a text, each with its place, quantity, period, mood and explanation."""
    names = names_of(kb)
    plain = prose.masked(text)
    found: list[Claim] = []
    last_place: Entity | None = None
    last_period: Found | None = None
    last_rankings: tuple[Ranking, ...] = ()
    for sentence in prose.sentences(plain):
        words = normal(plain[sentence.start : sentence.end], names.vocabulary)
        places = _places(names, sentence, words)
        dateline = _DATELINE.match(plain, sentence.start, sentence.end)
        if dateline is not None:  # a new story: what came before says nothing of it
            last_place, last_period, last_rankings = None, None, ()
            places = [(at, e) for at, e in places if at >= dateline.end()]
        editions: set[int] = set()
        periods = claims.periods(plain, sentence.start, sentence.end, editions)
        ranks = claims.ranks(plain, sentence.start, sentence.end)
        rankings = _rankings_named(names, words, editions | {p.period.start.year for p in periods})
        floor = sentence.start
        for rank in ranks:
            breaks = list(_STRONG_BREAK.finditer(plain, floor, rank.start))
            floor = breaks[-1].end() if breaks else floor
            near = [(at, e) for at, e in places if at >= floor]
            floor = rank.end
            chosen = rankings or last_rankings
            how = "named in the sentence" if rankings else "named earlier in the text"
            ranking = (f"ranking: {_listing(chosen)} ({how})" if chosen
                       else "ranking: no report or edition named in the text")  # fmt: skip
            for entity, why in _ranked_places(kb, plain, near, rank, chosen or kb.rankings):
                steps = (f"rank: '{plain[rank.start : rank.end]}'", why, ranking)
                found.append(Claim(len(found) + 1, sentence, rank.start, rank.end, None, rank,
                                   entity, (), None, False, chosen, steps))  # fmt: skip
        if rankings:
            last_rankings = rankings
        taken = [(r.start, r.end) for r in ranks]
        for figure in claims.figures(plain, sentence.start, sentence.end):
            if any(a <= figure.number_start < b for a, b in taken):
                continue
            earlier = (last_place, last_period)
            found.append(_figure_claim(kb, names, plain, sentence, figure, places, periods,
                                       earlier, len(found) + 1))  # fmt: skip
        if places:
            last_place = places[-1][1]
        absolute = [p for p in periods if not p.relative]
        # A heading or dateline ("January 24, 2022") dates the text, not its figures.
        if absolute and plain[sentence.end - 1] in ".!?\u3002\uff01\uff1f":
            last_period = absolute[-1]
    return found


def _places(names: Names, sentence: Sentence, words: str) -> list[tuple[int, Entity]]:
    """The entities a sentence names, with where each is named.

    The offset is approximate when the sentence's words had to be normalised; where
    mentions overlap, the longest name wins.
    """
    found: list[tuple[int, Entity]] = []
    taken: list[tuple[int, int]] = []
    scale = (sentence.end - sentence.start) / max(1, len(words))
    for pattern, entity in names.entities:
        for match in pattern.finditer(words):
            if any(a < match.end() and match.start() < b for a, b in taken):
                continue
            taken.append((match.start(), match.end()))
            found.append((sentence.start + int(match.start() * scale), entity))
    named = {entity.id for _, entity in found}
    for _, entity in names.entities:
        if entity.members and entity.id not in named and all(m in named for m in entity.members):
            first = min(at for at, e in found if e.id in entity.members)
            found.append((first, entity))
            named.add(entity.id)
    return sorted(found, key=lambda item: item[0])


def _rankings_named(names: Names, words: str, years: set[int]) -> tuple[Ranking, ...]:
    """The rankings whose report a sentence names.

    Most of the report title's word pairs must stand in the sentence in order ("internet
    plus", "plus index"); where the sentence has years, the edition's or the data's year
    must be among them (an edition year wins over a data year).
    """
    said = tokens(words)
    pairs = set(pairwise(said))
    named = []
    for ranking, wanted in names.titles:
        if wanted and sum(p in pairs for p in wanted) / len(wanted) >= ENOUGH:
            named.append(ranking)
    if years:
        by_edition = [r for r in named if r.edition in years]
        by_data = [r for r in named if r.period is not None and r.period.year in years]
        named = by_edition or by_data
    return tuple(named)


def _listing(rankings: Sequence[Ranking]) -> str:
    reports = dict.fromkeys(f"{r.report}, edition {r.edition}" for r in rankings)
    return "; ".join(reports)


# A news story's dateline: "GUANGZHOU, Jan. 20 (Xinhua) --".
_DATELINE: Final = re.compile(
    r"\s*[A-Z][A-Z .'-]{2,},\s+[A-Z][a-z]{2,}\.?\s+\d{1,2}(?:,\s*\d{4})?\s*"
    r"(?:\([A-Za-z .]+\))?\s*(?:--|\u2014|\u2013|-)\s*"
)
# Where one rank's part of a sentence ends and another's begins.
_STRONG_BREAK: Final = re.compile(r";|\b(?:while|whereas|but)\b|\uff1b", re.IGNORECASE)


# What stands between the names of a list: "A, B and C", "A、B", "A & B".
_LIST_GAP: Final = re.compile(r"(?:'s)?\s*(?:,|\band\b|&|\u3001|\u548c)?\s*(?:\band\b)?\s*",
                              re.IGNORECASE)  # fmt: skip


def _ranked_places(
    kb: KnowledgeBase, text: str, places: list[tuple[int, Entity]], rank: Rank,
    rankings: Iterable[Ranking],
) -> list[tuple[Entity, str]]:  # fmt: skip
    """The entities a rank is claimed for.

    Of those named before it in its part of the sentence (since the previous rank, or a
    "while", "but" or ";") that some ranking lists, the nearest, with those listed with it
    ("A, B and C were the top three"); else the first named after it.
    """
    listed = {entry.entity for ranking in rankings for entry in ranking.entries}
    if not listed:
        listed = {entry.entity for ranking in kb.rankings for entry in ranking.entries}
    before = [(at, e) for at, e in places if at < rank.start and e.id in listed]
    after = [e for at, e in places if at >= rank.end and e.id in listed]
    if before:
        chosen = [before[-1]]
        for at, entity in reversed(before[:-1]):
            between = text[at : chosen[0][0]]
            for name in sorted((entity.name, entity.name_zh, *entity.aliases, entity.id),
                               key=lambda n: -len(n or "")):  # fmt: skip
                if name and between.casefold().startswith(name.casefold()):
                    between = between[len(name) :]
                    break
            if not _LIST_GAP.fullmatch(between):
                break
            chosen.insert(0, (at, entity))
        return [(e, f"place: {e.name} (named before the rank)")
                for e in dict.fromkeys(e for _, e in chosen)]  # fmt: skip
    return [(e, f"place: {e.name} (named after the rank)") for e in dict.fromkeys(after[:1])]


def _figure_claim(
    kb: KnowledgeBase, names: Names, text: str, sentence: Sentence, figure: Figure,
    places: list[tuple[int, Entity]], periods: list[Found],
    earlier: tuple[Entity | None, Found | None], number: int,
) -> Claim:  # fmt: skip
    """A figure's claim; with no place or period in its sentence, the last named before."""
    steps = [f"figure: '{text[figure.start : figure.end]}' read as {_figure_words(figure)}"]
    scored = quantities_of(kb, names, text, sentence, figure)
    quantities: tuple[Indicator, ...] = ()
    if scored:
        best = scored[0][0]
        quantities = tuple(i for score, i, _ in scored if score == best)
        steps.append("quantity: " + "; or ".join(f"{i.id} ({why})" for s, i, why in scored
                                                  if s == best))  # fmt: skip
    else:
        steps.append(f"quantity: no indicator's name matches this sentence for a {figure.kind} "
                     "figure")  # fmt: skip
    place, how = _place(kb, text, places, figure, quantities, earlier[0])
    steps.append(f"place: {place.name} ({how})" if place else "place: none named")
    if place is not None and len(quantities) > 1:
        held = tuple(i for i in quantities if kb.observations_of(i.id, place.id))
        quantities = held or quantities
    period = _period(periods, figure, text)
    unknown = claims.unresolved(text, sentence.start, sentence.end)
    start_value = _FROM.search(text, sentence.start, figure.start) is not None
    span = _SPAN.search(text, sentence.start, sentence.end)
    if span is not None and (period is None or not period.relative):
        first, last = (year for year in span.groups() if year)
        end_value = _TO.search(text, sentence.start, figure.start) is not None
        year = first if start_value else last if end_value else None
        role = "start" if start_value else "end"
        period = None if year is None else Found(
            parse_period(year), span.start(), span.end(),
            f"'{span.group()}': the span's {role}, {year}",
        )  # fmt: skip
        start_value = False
    if span is not None and period is None:
        steps.append(f"period: none; '{span.group()}' names a span, not this figure's year")
    elif start_value and (period is None or not period.relative):
        period = None
        steps.append("period: none; a starting value ('from ...') is of an earlier, unnamed "
                     "period")  # fmt: skip
    elif period is not None:
        steps.append(f"period: {period.how}")
    elif unknown is not None:
        steps.append(f"period: '{unknown}', which needs the text's own date: not known")
    elif earlier[1] is not None:
        period = earlier[1]
        steps.append(f"period: {period.period.label()}, the last period named before this "
                     "sentence")  # fmt: skip
    else:
        steps.append("period: none named")
    mood = prose.target_mood(text, sentence, figure.start)
    steps.append(f"mood: a target ('{mood}' before it in its clause)" if mood else
                 "mood: stated as achieved")  # fmt: skip
    return Claim(number, sentence, figure.start, figure.end, figure, None, place, quantities,
                 period.period if period else None, mood is not None, (), tuple(steps))  # fmt: skip


# A figure a change starts from: "rose from nearly 1.86 trillion (to 2.5 trillion)".
_FROM: Final = re.compile(r"\bfrom\s*$", re.IGNORECASE)
_TO: Final = re.compile(r"\bto\s*$", re.IGNORECASE)
# The years a change runs between: "from 11 trillion to 45 trillion from 2012 to 2021".
_SPAN: Final = re.compile(
    r"\bfrom\s+(\d{4})\s+(?:to|until|through)\s+(\d{4})\b|\bbetween\s+(\d{4})\s+and\s+(\d{4})\b"
    r"|(\d{4})\s*\u5e74?\s*(?:\u81f3|\u5230)\s*(\d{4})\s*\u5e74",
    re.IGNORECASE,
)


def _figure_words(figure: Figure) -> str:
    words = figure.digits
    if figure.scale != 1:
        words += f" x {figure.scale:g}"
    kind = figure.currency or figure.kind
    qualifier = f"{figure.qualifier} " if figure.qualifier else ""
    return f"{qualifier}{words} ({kind})"


def _place(
    kb: KnowledgeBase, text: str, places: list[tuple[int, Entity]], figure: Figure,
    quantities: tuple[Indicator, ...], last_place: Entity | None,
) -> tuple[Entity | None, str]:  # fmt: skip
    """The place a figure is about.

    Of the places its sentence names that have a figure of its quantity, the one the
    quantity is said to belong to ("Guangzhou's GDP", "the GDP of Guangzhou"), else the
    nearest; with none that has one, the nearest; with none named, the last place named
    before the sentence.
    """
    if places:
        ordered = sorted(places, key=lambda item: abs(item[0] - figure.number_start))
        held = [(at, e) for at, e in ordered
                if any(kb.observations_of(i.id, e.id) for i in quantities)]  # fmt: skip
        words = {w for i in quantities for w in tokens(normal(i.name))}
        for at, entity in held:
            if _owns(text, at, entity, words):
                return entity, "named in the sentence as the quantity's owner"
        if held:
            return held[0][1], "named in the sentence"
        return ordered[0][1], "named in the sentence"
    if last_place is not None:
        return last_place, "the last place named before this sentence"
    return None, ""


def _owns(text: str, at: int, entity: Entity, words: set[str]) -> bool:
    """Whether a place is named as the owner of one of these words: "X's GDP", "GDP of X"."""
    before = re.search(r"([\w-]+)\s+of\s+(?:the\s+)?$", text[max(0, at - 40) : at])
    if before is not None and set(tokens(normal(before.group(1)))) & words:
        return True
    for name in (entity.name, *entity.aliases, entity.id):
        end = at + len(name)
        if text[at:end].casefold() == name.casefold():
            after = re.match(r"(?:'s|\u2019s)\s+((?:[\w-]+\s+){0,2}[\w-]+)", text[end : end + 60])
            return after is not None and bool(set(tokens(normal(after.group(1)))) & words)
    return False


def _period(periods: list[Found], figure: Figure, text: str) -> Found | None:
    """The period nearest the figure in its sentence.

    A relative one ("a year earlier") belongs only to the figure just before it: "up 17%
    from 22.77 a year earlier".
    """
    eligible = [p for p in periods if not p.relative or (
        p.start >= figure.end and not claims.figures(text, figure.end, p.start))]  # fmt: skip
    if not eligible:
        return None
    return min(eligible, key=lambda p: min(abs(p.start - figure.end), abs(figure.start - p.end)))
