"""Write SOURCES.md, the list of every source of the shipped knowledge file.

    python scripts/sources_page.py          rewrite SOURCES.md
    python scripts/sources_page.py --check  exit 1 if SOURCES.md is out of date

Everything on the page comes from facts.toml: each source's title, publisher and outlet,
publication date, language, web address (or why there is none) and other addresses of the
same text, and how many figures, ranking entries and statements cite it.
"""

from __future__ import annotations

import sys
from pathlib import Path

import szfacts

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "SOURCES.md"


def cell(text: object) -> str:
    """Text for a Markdown table cell: no line breaks, no column separators."""
    return " ".join(str(text).split()).replace("|", "\\|")


def page() -> str:
    """The Markdown of the page."""
    facts = szfacts.load(ROOT / "facts.toml")
    lines = [
        "# Sources of the knowledge base",
        "",
        "<!-- Generated from facts.toml by scripts/sources_page.py; do not edit by hand. -->",
        "",
        (
            f"`facts.toml` draws on {len(facts.sources)} sources. Each row gives who wrote the "
            "source and who carried it, when it was published, its language, where to read it, and "
            "how many records cite it (figures, ranking entries and statements; a derived figure "
            "cites the sources of its inputs). `szfacts source ID` lists those records."
        ),
        "",
        "| id | title | publisher (outlet) | published | lang. | address | records |",
        "| --- | --- | --- | --- | --- | --- | ---: |",
    ]
    for source in facts.sources:
        who = source.publisher + (f" ({source.outlet})" if source.outlet else "")
        if source.author:
            who += f"; by {source.author}"
        if source.url:
            where = f"<{source.url}>"
            if source.mirrors:
                where += "; also " + ", ".join(f"<{m}>" for m in source.mirrors)
        else:
            where = f"none: {source.url_note or 'not known'}"
        cited = len(facts.citing(source.id))
        when = source.published.label() + (" (see below)" if source.published_note else "")
        row = (source.id, source.title, who, when, source.language, where, cited)
        lines.append("| " + " | ".join(cell(value) for value in row) + " |")
    notes = [s for s in facts.sources if s.published_note]
    if notes:
        lines += ["", "## How dates and paragraphs were read", ""]
        lines += [f"- `{s.id}`: {cell(s.published_note)}" for s in notes]
    lines.append("")
    return "\n".join(lines)


def main() -> int:
    text = page()
    if "--check" in sys.argv[1:]:
        current = PAGE.read_text(encoding="utf-8") if PAGE.exists() else ""
        if current != text:
            print("SOURCES.md is out of date: run python scripts/sources_page.py")
            return 1
        return 0
    PAGE.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
