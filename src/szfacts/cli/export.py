"""`szfacts export`."""

import sys
from typing import Annotated

import typer

from szfacts.errors import UsageProblem

from .common import EXIT_CODES_HELP, knowledge, writing
from .options import (
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_section,
    format_option,
)

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
    out: Annotated[
        str | None,
        typer.Option(
            "--out",
            "-o",
            metavar="FILE",
            help="With --format sqlite: the database file to write (its Datasette metadata "
            "goes beside it, as NAME.metadata.json).",
            show_default=False,
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option("--force", help="Replace --out even if it is not an earlier szfacts export."),
    ] = False,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("export")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """The whole knowledge base, resolved: names next to ids, units, sources.

    JSON is one object with an array per section; JSON Lines tags each record with its
    section. TSV, CSV, Markdown and tables hold one section: --section, else observations.
    --format sqlite --out FILE writes an SQLite database (tables with keys, full-text
    search, views) and a Datasette metadata file beside it; an existing FILE is replaced
    only if it is an earlier export, or with --force.

    Examples: szfacts export --format json | jq '.observations[0]';
    szfacts export --format sqlite --out facts.db && datasette facts.db --metadata
    facts.metadata.json
    """
    if fmt is not None and fmt.strip().lower() == "sqlite":
        _database(out, force, facts, quiet)
        return
    if out is not None:
        raise UsageProblem("--out goes with --format sqlite; other formats go to stdout")
    from szfacts.output.export import export_sections
    from szfacts.output.render import COMMAND_FORMATS, choose_format, render_sections

    chosen = choose_format(fmt, sys.stdout.isatty(), COMMAND_FORMATS["export"])
    if section is None and chosen not in ("json", "jsonl"):
        section = "observations"
    sections = export_sections(knowledge(facts, no_cache), section)
    with writing():
        render_sections(sections, chosen, sys.stdout, not no_header)


def _database(out: str | None, force: bool, facts: str | None, quiet: bool) -> None:
    import hashlib

    from szfacts.output.database import write_database

    from .common import knowledge_source, tell

    if not out:
        raise UsageProblem("--format sqlite writes a database file: give --out FILE")
    _, data, kb = knowledge_source(facts)
    written = write_database(kb, out, hashlib.sha256(data).hexdigest(), force)
    tell(["wrote " + " and ".join(str(path) for path in written)], quiet)
