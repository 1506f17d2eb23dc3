"""`szfacts export`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, writing
from .options import FactsOption, FormatOption, NoCacheOption, NoHeaderOption, complete_section

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="export", epilog=EXIT_CODES_HELP)
def export(
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            autocompletion=complete_section,
            help="Only this section: sources, entities, indicators, observations, rankings, "
            "statements or units.",
            show_default=False,
        ),
    ] = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """The whole knowledge base, resolved: names next to ids, units, sources.

    JSON is one object with an array per section; JSON Lines tags each record with its
    section. TSV, CSV, Markdown and tables hold one section: --section, else observations.

    Example: szfacts export --format json | jq '.observations[0]'
    """
    from szfacts.output.export import export_sections
    from szfacts.output.render import choose_format, render_sections

    chosen = choose_format(fmt, sys.stdout.isatty())
    if section is None and chosen not in ("json", "jsonl"):
        section = "observations"
    sections = export_sections(knowledge(facts, no_cache), section)
    with writing():
        render_sections(sections, chosen, sys.stdout, not no_header)
