"""What every command shares: the common options, loading the knowledge file, printing."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated, Final

import typer

from szfacts.errors import OutputClosed

if TYPE_CHECKING:
    from szfacts.model import KnowledgeBase
    from szfacts.query import Answer

EXIT_CODES_HELP: Final = (
    "Exit codes: 0 found and printed; 1 a valid query with no result; 2 a usage error "
    "(unknown id, option or format); 3 the knowledge file is missing, unreadable or invalid; "
    "70 an internal error (a bug: please report it); 130 interrupted; 141 output pipe "
    "closed early."
)


def _completion_knowledge(ctx: typer.Context) -> KnowledgeBase | None:
    """The knowledge file the command line names so far; None when it cannot be read."""
    import os

    from szfacts.errors import SzfactsError

    facts = ctx.params.get("facts") or os.environ.get("SZFACTS_FACTS") or None
    try:
        return knowledge(facts)
    except SzfactsError:
        return None  # a completion must never fail loudly


def _matching(incomplete: str, candidates: Iterable[tuple[str, str]]) -> list[tuple[str, str]]:
    wanted = incomplete.casefold()
    seen: dict[str, str] = {}
    for value, help_text in candidates:
        if value.casefold().startswith(wanted) and value not in seen:
            seen[value] = help_text
    return list(seen.items())


def complete_indicator(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Indicator ids from the knowledge file in use."""
    kb = _completion_knowledge(ctx)
    return _matching(incomplete, ((i.id, i.name) for i in kb.indicators)) if kb else []


def complete_entity(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Entity ids, then English and Chinese names and aliases, from the file in use."""
    kb = _completion_knowledge(ctx)
    if kb is None:
        return []
    pairs = [(e.id, f"{e.name} {e.name_zh or ''}".strip()) for e in kb.entities]
    pairs += [(n, e.id) for e in kb.entities for n in (e.name, e.name_zh, *e.aliases) if n]
    return _matching(incomplete, pairs)


def complete_source(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Source ids from the knowledge file in use."""
    kb = _completion_knowledge(ctx)
    return _matching(incomplete, ((s.id, s.title) for s in kb.sources)) if kb else []


def complete_record(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Observation, ranking entry and statement ids from the knowledge file in use."""
    kb = _completion_knowledge(ctx)
    if kb is None:
        return []
    pairs = [(o.id, f"{o.display()} {o.unit}") for o in kb.observations]
    pairs += [(e.id, e.position()) for r in kb.rankings for e in r.entries]
    pairs += [(s.id, s.kind) for s in kb.statements]
    return _matching(incomplete, pairs)


def complete_year(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The edition years that have rankings in the knowledge file in use."""
    kb = _completion_knowledge(ctx)
    if kb is None:
        return []
    years = sorted({r.edition for r in kb.rankings})
    return _matching(incomplete, ((str(y), "edition year") for y in years))


def complete_scope(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """The scopes of the rankings in the knowledge file in use."""
    kb = _completion_knowledge(ctx)
    scopes = sorted({r.scope for r in kb.rankings}) if kb else []
    return _matching(incomplete, ((s, "ranking scope") for s in scopes))


def complete_format(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
    """Output formats (and, for `source`, citation formats)."""
    from szfacts.render import CITATION_FORMATS, FORMATS

    names = [*FORMATS, *(CITATION_FORMATS if ctx.info_name == "source" else ())]
    return _matching(incomplete, ((n, "output format") for n in names))


def complete_section(incomplete: str) -> list[tuple[str, str]]:
    """The sections of a knowledge file, for `export --section`."""
    from szfacts.export import SECTIONS

    return _matching(incomplete, ((s, "section") for s in SECTIONS))


FactsOption = Annotated[
    str | None,
    typer.Option(
        "--facts",
        envvar="SZFACTS_FACTS",
        metavar="PATH",
        show_default=False,
        help="Knowledge file to read instead of the shipped one (or set SZFACTS_FACTS).",
    ),
]
FormatOption = Annotated[
    str | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        autocompletion=complete_format,
        help="table, tsv, csv, json, jsonl, markdown or value. "
        "Default: table on a terminal, tsv in a pipe.",
    ),
]
NoCacheOption = Annotated[
    bool,
    typer.Option(
        "--no-cache",
        help="Parse the knowledge file instead of reading its compiled form from the cache.",
    ),
]
NoHeaderOption = Annotated[
    bool, typer.Option("--no-header", help="Leave out the header row of TSV, CSV and Markdown.")
]


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    sys.stderr.write(f"szfacts: {message}\n")
    sys.stderr.flush()


def knowledge_source(facts: str | None, no_cache: bool = False) -> tuple[str, bytes, KnowledgeBase]:
    """The knowledge file in use: its name, its bytes and its knowledge base.

    The shipped file comes from its compiled form when the wheel has one; a user's file,
    which may hold 100,000 facts, is answered from the SQLite compiled form in the cache
    unless --no-cache is given.
    """
    from szfacts.loader import SHIPPED_NAME, load_shipped, parse, read_file, shipped_bytes

    if not facts:
        data = shipped_bytes()
        return SHIPPED_NAME, data, load_shipped(data)
    data = read_file(facts)
    if no_cache:
        return facts, data, parse(data, facts)
    from szfacts.store import load_cached

    return facts, data, load_cached(facts, data)


def knowledge(facts: str | None, no_cache: bool = False) -> KnowledgeBase:
    """The knowledge base of --facts / SZFACTS_FACTS, or the shipped one."""
    if facts and not no_cache:
        from szfacts.store import load_cached

        # Without the bytes (only `info` and `--version` show their hash), the cache hashes
        # a large file in blocks instead of reading all of it: a warm lookup never copies it.
        return load_cached(facts)
    return knowledge_source(facts, no_cache)[2]


@contextmanager
def writing() -> Iterator[None]:
    """Turn a closed pipe into OutputClosed before Typer maps it to a generic exit 1."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def show(answer: Answer, fmt: str | None, no_header: bool) -> None:
    """Print an answer: its notes on stderr, its rows on stdout in the chosen format."""
    from szfacts.render import choose_format, render

    chosen = choose_format(fmt, sys.stdout.isatty())
    for note in answer.notes:
        say(note)
    with writing():
        render(answer.rows, chosen, sys.stdout, header=not no_header)
