"""Search: find records by words in their ids, names, Chinese names, aliases and texts."""

from __future__ import annotations

from .errors import NoResult, UsageProblem, shown
from .model import KnowledgeBase
from .query import Answer
from .render import Column, Row, Rows

SEARCH_KEYS = ("kind", "id", "name", "score", "matched", "summary")
_KIND_ORDER = {"entity": 0, "indicator": 1, "ranking": 2, "source": 3, "observation": 4,
               "statement": 5}  # fmt: skip

# Field weights: a hit in an id or name says more than a hit in a long description.
_NAME, _ALIAS, _TEXT = 10, 8, 2


def _fields(kb: KnowledgeBase) -> list[tuple[str, str, str, str, list[tuple[str, str, int]]]]:
    """(kind, id, name, summary, [(field, text, weight)]) for every searchable record."""
    found: list[tuple[str, str, str, str, list[tuple[str, str, int]]]] = []
    for e in kb.entities:
        fields = [("id", e.id, _NAME), ("name", e.name, _NAME)]
        fields += [("name_zh", e.name_zh, _NAME)] if e.name_zh else []
        fields += [("alias", a, _ALIAS) for a in e.aliases]
        found.append(("entity", e.id, e.name, f"{e.kind}, {e.name_zh or ''}".strip(", "), fields))
    for i in kb.indicators:
        fields = [("id", i.id, _NAME), ("name", i.name, _NAME), ("definition", i.definition, _TEXT)]
        found.append(("indicator", i.id, i.name, f"{i.unit}: {i.definition}", fields))
    for r in kb.rankings:
        fields = [("id", r.id, _NAME), ("name", r.name, _NAME), ("report", r.report, _ALIAS),
                  ("measure", r.measure, _TEXT)]  # fmt: skip
        found.append(("ranking", r.id, r.name, f"{r.report}, edition {r.edition}", fields))
    for s in kb.sources:
        fields = [("id", s.id, _NAME), ("title", s.title, _NAME),
                  ("publisher", s.publisher, _ALIAS), ("origin", s.origin, _TEXT)]  # fmt: skip
        found.append(("source", s.id, s.title, f"{s.publisher}, {s.published.label()}", fields))
    for st in kb.statements:
        fields = [("id", st.id, _ALIAS), ("text", st.text, _TEXT)]
        fields += [("note", st.note, _TEXT)] if st.note else []
        found.append(("statement", st.id, st.text, f"{st.kind}, {st.source}", fields))
    for o in kb.observations:
        fields = [("id", o.id, _ALIAS)] + ([("note", o.note, _TEXT)] if o.note else [])
        found.append(("observation", o.id, o.id, f"{o.display()} {o.unit}", fields))
    return found


def search(kb: KnowledgeBase, text: str) -> Answer:
    """Records whose ids, names or texts contain every word of the query, best first.

    A word scores by the best field it is found in (names over aliases over texts); a field
    equal to the whole query scores three times as much, and one that starts with it twice.
    """
    query = " ".join(text.split()).casefold()
    if not query:
        raise UsageProblem("search needs at least one word, e.g. szfacts search 5g")
    words = query.split()
    results: list[tuple[int, str, str, str, str, str]] = []
    for kind, record_id, name, summary, fields in _fields(kb):
        folded = [(field, value.casefold(), weight) for field, value, weight in fields]
        score, matched = 0, ""
        for word in words:
            hits = [(weight, field) for field, value, weight in folded if word in value]
            if not hits:
                break
            weight, field = max(hits)
            score += weight
            matched = matched or field
        else:
            for field, value, weight in folded:
                if value == query:
                    score += 3 * weight
                    matched = field
                    break
                if value.startswith(query):
                    score += 2 * weight
                    matched = field
                    break
            results.append((score, kind, record_id, name, matched, summary))
    if not results:
        raise NoResult(f"nothing matches {shown(text.strip())}; try fewer or shorter words")
    results.sort(key=lambda r: (-r[0], _KIND_ORDER[r[1]], r[2]))
    rows: list[Row] = [
        {"kind": kind, "id": rid, "name": name, "score": score, "matched": matched,
         "summary": summary}
        for score, kind, rid, name, matched, summary in results
    ]  # fmt: skip
    columns = (
        Column("kind", "Kind"), Column("id", "Id"), Column("name", "Name"),
        Column("summary", "About"), Column("score", "Score", numeric=True),
    )  # fmt: skip
    return Answer(Rows("search-result", SEARCH_KEYS, columns, rows, value_key="id"))
