"""`szfacts check`."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from szfacts.errors import EXIT_BAD_FILE

from .common import EXIT_CODES_HELP, say, writing
from .options import FactsOption

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="check", epilog=EXIT_CODES_HELP)
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

    Prints each problem on one line (file:line: record.field: problem), then a summary;
    when the file fails, stderr also says so in one line.
    Stated changes are checked against the values they connect, derived values against
    their formulas, densities against their counts, allowing exactly for the rounding of
    the printed digits. Warnings do not fail. Exit 0 when clean, 3 on errors.

    Example: szfacts check my-facts.toml
    """
    from szfacts.output.check import check_report
    from szfacts.questions.check import run_checks
    from szfacts.reading.loader import SHIPPED_NAME, read_file, shipped_bytes, validate

    path = file or facts
    data = read_file(path) if path else shipped_bytes()
    kb, problems = validate(data)
    findings = run_checks(kb) if kb is not None else []
    lines, failed = check_report(path or SHIPPED_NAME, kb, problems, findings, verbose=verbose)
    with writing():
        sys.stdout.writelines(f"{line}\n" for line in lines)
    if failed:
        say(f"{path or SHIPPED_NAME} failed the check: {lines[-1].rsplit(': ', 1)[-1]}")
        raise typer.Exit(EXIT_BAD_FILE)
