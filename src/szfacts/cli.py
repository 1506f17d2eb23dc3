"""The `szfacts` command line: parses arguments, runs a query, hands rows to the renderer.

Errors are mapped to exit codes in one place, `SzfactsGroup.main`: every failure becomes
one line on stderr and a documented exit code, never a traceback.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
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


def _print(answer: Any, fmt: str | None, no_header: bool) -> None:
    from .render import choose_format, render

    chosen = choose_format(fmt, sys.stdout.isatty())
    for note in answer.notes:
        _say(note)
    render(answer.rows, chosen, sys.stdout, header=not no_header)


@app.command()
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


@app.command()
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


@app.command()
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


@app.command()
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
    from .checks import run_checks
    from .loader import SHIPPED_NAME, read_file, shipped_bytes, validate

    path = file or facts
    name = path or SHIPPED_NAME
    data = read_file(path) if path else shipped_bytes()
    kb, problems = validate(data)
    if kb is None:
        error = KnowledgeFileError(name, problems)
        for line in error.lines():
            sys.stdout.write(f"{line}\n")
        plural = "s" if len(problems) != 1 else ""
        sys.stdout.write(f"{name}: {len(problems)} error{plural}; not a valid knowledge file\n")
        raise typer.Exit(EXIT_BAD_FILE)
    findings = run_checks(kb)
    counts = dict.fromkeys(("ok", "warning", "error", "skipped"), 0)
    for finding in findings:
        counts[finding.verdict] += 1
        if verbose or finding.verdict in ("warning", "error"):
            sys.stdout.write(f"{name}: {finding.verdict}: {finding.message}\n")
    records = (
        len(kb.sources)
        + len(kb.entities)
        + len(kb.indicators)
        + len(kb.observations)
        + len(kb.rankings)
        + len(kb.statements)
    )
    sys.stdout.write(
        f"{name}: {records} records valid; consistency checks: {counts['ok']} passed, "
        f"{counts['warning']} warnings, {counts['error']} errors, {counts['skipped']} skipped\n"
    )
    if counts["error"]:
        raise typer.Exit(EXIT_BAD_FILE)


def main() -> NoReturn:
    """Entry point of the `szfacts` console script."""
    command = typer.main.get_command(app)
    command.main(prog_name="szfacts")
    raise SystemExit(EXIT_NO_RESULT)  # pragma: no cover - main() always exits
