"""Citations of sources: BibTeX and CSL-JSON, so that a figure's source can go in a paper.

The renderer calls these for the citation formats; they read source rows (rows.source_row),
as every other format does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Final

from szfacts.knowledge.periods import parse_period

_MONTHS: Final = ("jan", "feb", "mar", "apr", "may", "jun",
                  "jul", "aug", "sep", "oct", "nov", "dec")  # fmt: skip
_LANGUAGES: Final = {"en": "english", "zh": "chinese"}
_BIBTEX_SPECIAL: Final = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "&": r"\&", "%": r"\%", "$": r"\$",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}  # fmt: skip


def _bibtex_text(text: str) -> str:
    return "".join(_BIBTEX_SPECIAL.get(c, c) for c in text)


def bibtex(sources: Sequence[Mapping[str, object]]) -> str:
    """BibTeX entries: @article for a newspaper article, @misc for an item on a website."""
    entries = []
    for source in sources:
        published = parse_period(str(source["published"]))
        newspaper = source["kind"] == "news article"
        publisher, outlet = str(source["publisher"]), source["outlet"]
        fields: list[tuple[str, str]] = [("title", str(source["title"]))]
        if newspaper:
            fields.append(("journal", publisher))
            if source.get("author"):
                fields.append(("author", _bibtex_text(str(source["author"]))))
        else:
            fields += [("author", "{" + _bibtex_text(publisher) + "}"),
                       ("howpublished", str(outlet or publisher))]  # fmt: skip
        fields.append(("year", str(published.start.year)))
        if published.precision in ("month", "day"):
            fields.append(("month", _MONTHS[published.start.month - 1]))
        if published.precision == "day":
            fields.append(("date", published.text))
        note = f"Figures from {source['origin']}"
        if newspaper and outlet:
            note += f"; read as carried by {outlet}"
        if source["published_note"]:
            note += f". {source['published_note']}"
        language = str(source["language"])
        fields += [("note", note), ("language", _LANGUAGES.get(language, language))]
        if source.get("url"):
            fields.append(("url", str(source["url"])))
        body = ",\n".join(
            f"  {key} = {value}" if key in ("year", "month") else
            f"  {key} = {{{value if key in ('author', 'url') else _bibtex_text(value)}}}"
            for key, value in fields
        )  # fmt: skip
        entries.append(f"@{'article' if newspaper else 'misc'}{{{source['id']},\n{body}\n}}\n")
    return "\n".join(entries)


def csl_json(sources: Sequence[Mapping[str, object]]) -> str:
    """CSL-JSON items (the format of Zotero, Pandoc and citeproc), as one JSON array."""
    items = []
    for source in sources:
        published = parse_period(str(source["published"]))
        parts = [published.start.year]
        if published.precision in ("month", "day"):
            parts.append(published.start.month)
        if published.precision == "day":
            parts.append(published.start.day)
        newspaper = source["kind"] == "news article"
        publisher = source["publisher"]
        item: dict[str, object] = {
            "id": source["id"],
            "type": "article-newspaper" if newspaper else "webpage",
            "title": source["title"],
            "container-title": publisher if newspaper else source["outlet"] or publisher,
            "publisher": publisher,
            "issued": {"date-parts": [parts]},
            "language": source["language"],
            "note": f"Figures from {source['origin']}",
        }
        if not newspaper:
            item["author"] = [{"literal": publisher}]
        if source.get("author"):
            item["author"] = [{"literal": source["author"]}]
        if source.get("url"):
            item["URL"] = source["url"]
        items.append(item)
    return json.dumps(items, ensure_ascii=False, indent=2) + "\n"
