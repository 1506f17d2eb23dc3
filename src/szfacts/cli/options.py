"""The parameters commands share, declared once, and the shell completion of their values."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Annotated, Any

import typer

from .common import knowledge

if TYPE_CHECKING:
    from szfacts.knowledge.base import KnowledgeBase


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
    """The output formats the command being completed accepts."""
    from szfacts.output.render import COMMAND_FORMATS, FORMATS

    names = COMMAND_FORMATS.get(ctx.info_name or "", FORMATS)
    return _matching(incomplete, ((n, "output format") for n in names))


def complete_section(incomplete: str) -> list[tuple[str, str]]:
    """The sections of a knowledge file, for `export --section`."""
    from szfacts.output.export import SECTIONS

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


def format_option(command: str) -> Any:
    """The --format option of a command, its help listing exactly the formats it accepts."""
    from szfacts.output.render import format_help

    return typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        show_default=False,
        autocompletion=complete_format,
        help=format_help(command),
    )


QuietOption = Annotated[
    bool,
    typer.Option("--quiet", "-q", help="Leave out the notes on stderr; errors are still said."),
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


EntityArgument = Annotated[
    str,
    typer.Argument(
        metavar="ENTITY",
        help="Id, English or Chinese name, or alias.",
        show_default=False,
        autocompletion=complete_entity,
    ),
]
EntityOption = Annotated[
    list[str] | None,
    typer.Option(
        "--entity",
        "-e",
        help="Only this entity: id, name, 中文 name or alias. Give it twice or more to see "
        "the entities' series side by side, a row per year.",
        show_default=False,
        autocompletion=complete_entity,
    ),
]
