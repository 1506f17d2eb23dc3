"""The `szfacts` command line: parses arguments, runs a query, hands rows to the renderer.

Errors are mapped to exit codes in one place, `SzfactsGroup.main`: every failure becomes
one line on stderr and a documented exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from . import __version__
from .errors import (
    EXIT_BAD_FILE,
    EXIT_INTERRUPTED,
    EXIT_NO_RESULT,
    EXIT_OK,
    KnowledgeFileError,
    SzfactsError,
    UsageProblem,
)
from .model import KnowledgeBase

EXIT_CODES_HELP = (
    "Exit codes: 0 found and printed; 1 a valid query with no result; 2 a usage error "
    "(unknown id, option or format); 3 the knowledge file is missing, unreadable or invalid; "
    "130 interrupted; 141 output pipe closed early."
)
EXIT_PIPE_CLOSED = 141


class SzfactsGroup(TyperGroup):
    """Typer's group, with szfacts' error handling: one line on stderr, a documented code."""

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        """Run the command line and exit with szfacts' exit code for what happened."""
        extra.pop("standalone_mode", None)
        try:
            result = super().main(
                args=args, prog_name=prog_name or "szfacts", standalone_mode=False, **extra
            )
            code = result if isinstance(result, int) else EXIT_OK
        except KnowledgeFileError as error:
            lines = error.lines()
            for line in lines[:20]:
                _say(line)
            if len(lines) > 20:
                _say(f"... and {len(lines) - 20} more problems; run `szfacts check` for all")
            code = EXIT_BAD_FILE
        except OutputClosed:
            _silence_stdout()
            code = EXIT_PIPE_CLOSED
        except SzfactsError as error:
            _say(str(error))
            code = error.exit_code
        except typer.TyperException as error:  # Click's errors: usage, bad parameter, ...
            context = getattr(error, "ctx", None)
            hint = f"; see `{context.command_path} --help`" if context is not None else ""
            _say(error.format_message().replace("\n", " ") + hint)
            code = error.exit_code
        except typer.Abort:
            code = EXIT_INTERRUPTED
        except KeyboardInterrupt:
            _say("interrupted")
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            _silence_stdout()
            code = EXIT_PIPE_CLOSED
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            _silence_stdout()
            code = EXIT_PIPE_CLOSED
        sys.exit(code)


def _say(message: str) -> None:
    """One line on stderr, prefixed with the program's name."""
    sys.stderr.write(f"szfacts: {message}\n")
    sys.stderr.flush()


def _silence_stdout() -> None:
    # The reader went away: point stdout at /dev/null so that the interpreter's own
    # flush at exit does not raise again (the recipe in Python's signal docs).
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=SzfactsGroup,
    name="szfacts",
    help="Sourced facts about Shenzhen's digital economy.\n\n" + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

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
        help="table, tsv, csv, json, jsonl, markdown or value. "
        "Default: table on a terminal, tsv in a pipe.",
    ),
]
NoHeaderOption = Annotated[
    bool, typer.Option("--no-header", help="Leave out the header row of TSV, CSV and Markdown.")
]


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"szfacts {__version__}\n")
        raise typer.Exit


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    """Sourced facts about Shenzhen's digital economy."""


def _knowledge(facts: str | None) -> KnowledgeBase:
    from .loader import load

    return load(facts) if facts else load()


class OutputClosed(SzfactsError):
    """The reader of stdout went away (`szfacts export | head -1`): stop quietly."""

    exit_code = EXIT_PIPE_CLOSED


@contextmanager
def _writing() -> Iterator[None]:
    """Turn a closed pipe into OutputClosed before Typer maps it to a generic exit 1."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def _print(answer: Any, fmt: str | None, no_header: bool) -> None:
    from .render import choose_format, render

    chosen = choose_format(fmt, sys.stdout.isatty())
    for note in answer.notes:
        _say(note)
    with _writing():
        render(answer.rows, chosen, sys.stdout, header=not no_header)


@app.command(epilog=EXIT_CODES_HELP)
def rank(
    year: Annotated[
        int | None,
        typer.Argument(help="Edition year (the year in the report's title).", show_default=False),
    ] = None,
    scope: Annotated[
        str | None,
        typer.Option(help="Only rankings of this scope: city or province.", show_default=False),
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Rankings of an edition year, with rank or band, entity, period and source.

    With no YEAR, lists the rankings and their years. If no ranking has that edition year but
    one has data for that year, it is shown and stderr says so.

    Example: szfacts rank 2018 --scope city
    """
    from . import query

    kb = _knowledge(facts)
    if year is None:
        _print(query.ranking_list(kb), fmt, no_header)
    else:
        _print(query.rank(kb, year, scope), fmt, no_header)


@app.command(epilog=EXIT_CODES_HELP)
def indicator(
    name: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Indicator id or name.", show_default=False)
    ] = None,
    entity: Annotated[
        str | None,
        typer.Option(
            "--entity",
            "-e",
            help="Only this entity: id, name, 中文 name or alias.",
            show_default=False,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            help="Only periods overlapping this one: 2021, 2021-Q3, 2021-end ...",
            show_default=False,
        ),
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Observations of an indicator: value, unit, qualifier, period, entity and source.

    With no ID, lists the indicators. Derived values are marked; bounds ("over 80")
    stay bounds.

    Example: szfacts indicator 5g-density --entity shenzhen --format value
    """
    from . import query

    kb = _knowledge(facts)
    if name is None:
        _print(query.indicator_list(kb), fmt, no_header)
    else:
        _print(query.indicator(kb, name, entity, period), fmt, no_header)


@app.command(epilog=EXIT_CODES_HELP)
def source(
    source_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help="Source id.", show_default=False)
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """The sources; with an ID, the source and every fact, rank and statement citing it.

    Example: szfacts source sz-daily-2022
    """
    from . import query

    kb = _knowledge(facts)
    if source_id is None:
        _print(query.source_list(kb), fmt, no_header)
    else:
        _print(query.source_detail(kb, source_id), fmt, no_header)


@app.command(epilog=EXIT_CODES_HELP)
def compare(
    entities: Annotated[
        list[str],
        typer.Argument(
            metavar="ENTITY...", help="Entities: id, name, 中文 name or alias.", show_default=False
        ),
    ],
    indicator_name: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            "-i",
            metavar="ID",
            help="Compare one entity's indicator across periods instead.",
            show_default=False,
        ),
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Entities side by side, or one entity's indicator across periods.

    With two or more entities: one row per indicator (and period) or ranking any of them
    appears in, one column per entity, a dash where one has no value. With one entity and
    --indicator: each period's value, the change computed from the previous period, the
    change the source states, and whether the two agree within rounding.

    Examples: szfacts compare shenzhen guangzhou beijing;
    szfacts compare china --indicator digital-economy-size
    """
    from . import compare as comparisons

    kb = _knowledge(facts)
    if indicator_name is not None:
        if len(entities) != 1:
            raise UsageProblem("--indicator compares one entity across periods; name exactly one")
        _print(comparisons.compare_periods(kb, entities[0], indicator_name), fmt, no_header)
    else:
        if len(entities) < 2:
            raise UsageProblem("name two or more entities, or one entity with --indicator ID")
        _print(comparisons.compare_entities(kb, entities), fmt, no_header)


@app.command(epilog=EXIT_CODES_HELP)
def search(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words to look for.", show_default=False)
    ],
    facts: FactsOption = None,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Find indicators, entities, rankings, statements and sources by words, best first.

    Looks in ids, English and Chinese names, aliases, definitions and statement texts;
    every word must match somewhere in a record.

    Example: szfacts search 5g
    """
    from .search import search as run_search

    _print(run_search(_knowledge(facts), " ".join(words)), fmt, no_header)


@app.command(epilog=EXIT_CODES_HELP)
def export(
    section: Annotated[
        str | None,
        typer.Option(
            "--section",
            "-s",
            metavar="NAME",
            help="Only this section: sources, entities, indicators, observations, rankings "
            "or statements.",
            show_default=False,
        ),
    ] = None,
    facts: FactsOption = None,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """The whole knowledge base, resolved: names next to ids, units, sources.

    JSON is one object with an array per section; JSON Lines tags each record with its
    section. TSV, CSV, Markdown and tables hold one section: --section, else observations.

    Example: szfacts export --format json | jq '.observations[0]'
    """
    from .export import export as run_export
    from .render import choose_format, render_sections

    chosen = choose_format(fmt, sys.stdout.isatty())
    if section is None and chosen not in ("json", "jsonl"):
        section = "observations"
    sections = run_export(_knowledge(facts), section)
    with _writing():
        render_sections(sections, chosen, sys.stdout, not no_header)


@app.command(epilog=EXIT_CODES_HELP)
def check(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE]",
            help="Knowledge file to check (default: --facts, SZFACTS_FACTS, or the shipped one).",
            show_default=False,
        ),
    ] = None,
    verbose: Annotated[
        bool,
        typer.Option("--verbose", "-v", help="Also list the checks that passed or were skipped."),
    ] = False,
    facts: FactsOption = None,
) -> None:
    """Validate a knowledge file and check that its figures agree with each other.

    Prints each problem on one line (file:line: record.field: problem), then a summary.
    Stated changes are checked against the values they connect, derived values against
    their formulas, densities against their counts, allowing exactly for the rounding of
    the printed digits. Warnings do not fail. Exit 0 when clean, 3 on errors.

    Example: szfacts check my-facts.toml
    """
    from .checks import check_file
    from .loader import SHIPPED_NAME, read_file, shipped_bytes

    path = file or facts
    data = read_file(path) if path else shipped_bytes()
    lines, failed = check_file(data, path or SHIPPED_NAME, verbose=verbose)
    with _writing():
        sys.stdout.writelines(f"{line}\n" for line in lines)
    if failed:
        raise typer.Exit(EXIT_BAD_FILE)


def main() -> NoReturn:
    """Entry point of the `szfacts` console script."""
    command = typer.main.get_command(app)
    command.main(prog_name="szfacts")
    raise SystemExit(EXIT_NO_RESULT)  # pragma: no cover - main() always exits
