"""`search`: records whose ids, names or texts hold every word (`search`, `SearchHit`)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from szfacts.errors import NoResult, UsageProblem, quoted
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Record


@dataclass(frozen=True, slots=True)
class SearchHit:
    """A record matching a search, with its score and the field that matched best."""

    kind: str
    id: str
    name: str
    score: int
    matched: str
    summary: str


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
        fields += [("name_zh", i.name_zh, _NAME)] if i.name_zh else []
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
    indicators = {i.id: i for i in kb.indicators}
    entities = {e.id: e for e in kb.entities}
    for o in kb.observations:
        # An observation is found by what it measures and whom it is about, as well as by
        # its own id and note: `search shenzhen 5g` lists Shenzhen's 5G figures.
        about = indicators[o.indicator], entities[o.entity]
        fields = [("id", o.id, _ALIAS)] + ([("note", o.note, _TEXT)] if o.note else [])
        fields += [(f, t, _TEXT) for r in about
                   for f, t in (("name", r.name), ("name_zh", r.name_zh)) if t]  # fmt: skip
        fields += [("value_words", o.value_words, _TEXT)] if o.value_words else []
        when = o.period.label() if o.period else "period not stated"
        name = f"{about[0].name}, {about[1].name}, {when}"
        found.append(("observation", o, name, f"{o.display()} {o.unit}", fields))
    return found


# Words that hold a query together but say nothing of what is sought: a record need not
# contain them, though one that does scores for them.
_GLUE: Final = frozenset(
    ("a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to")
)
# A query word splits where Chinese characters meet Latin letters or digits ("5G基站" is
# "5g" and "基站"), since Chinese text does not separate them with spaces.
_RUNS: Final = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[^\s\u3400-\u9fff\uf900-\ufaff]+")


def query_words(text: str) -> list[str]:
    """The words of a query, folded: runs of Chinese characters apart from other runs."""
    return list(dict.fromkeys(_RUNS.findall(text.casefold())))


def search(kb: KnowledgeBase, text: str) -> list[SearchHit]:
    """Records whose ids, names or texts contain every word of the query, best first.

    Words are matched inside field text, so a Chinese word is found within a longer name
    (数字经济 in 数字经济核心产业增加值). Small joining words (of, the, in, ...) need not
    match. A word scores by the best field it is found in (names over aliases over texts);
    a field equal to the whole query scores three times as much, one that starts with it
    twice.
    """
    query = " ".join(text.split()).casefold()
    words = query_words(query)
    if not words:
        raise UsageProblem("search needs at least one word, e.g. szfacts search 5g")
    needed = [w for w in words if w not in _GLUE] or words
    hits: list[SearchHit] = []
    for kind, record, name, summary, fields in _searchable(kb):
        folded = [(field, value.casefold(), weight) for field, value, weight in fields]
        score, matched = 0, ""
        for word in words:
            best = [(weight, field) for field, value, weight in folded if word in value]
            if not best:
                if word in needed:
                    break
                continue
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
        raise NoResult(f"nothing matches {quoted(text.strip())}; try fewer or shorter words")
    hits.sort(key=lambda h: (-h.score, _KIND_ORDER[h.kind], h.id))
    return hits
