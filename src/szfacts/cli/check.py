"""`szfacts check`."""

import sys
from typing import Annotated

import typer

from szfacts.errors import EXIT_BAD_FILE

from .common import EXIT_CODES_HELP, say, writing
from .options import FactsOption, NoCacheOption, QuietOption, format_option

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
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("check")] = None,
    quiet: QuietOption = False,
) -> None:
    """Validate a knowledge file and check that its figures agree with each other.

    Prints each problem on one line (file:line: record.field: problem), then a summary;
    when the file fails, stderr also says so in one line.
    Stated changes are checked against the values they connect, derived values against
    their formulas, densities against their counts, allowing exactly for the rounding of
    the printed digits. Warnings do not fail. Exit 0 when clean, 3 on errors.
    --format json prints one object: the verdict, the counts, every problem, and every
    finding with the records it compared (values, units, periods, sources).
    --no-cache is accepted for symmetry with the other commands: check always reads
    the file itself.

    Example: szfacts check my-facts.toml
    """
    from szfacts.output.check import check_document, check_report
    from szfacts.output.render import COMMAND_FORMATS, choose_format
    from szfacts.questions.check import run_checks
    from szfacts.reading.loader import SHIPPED_NAME, read_file, shipped_bytes, validate

    # check always validates the file's own text, and has no notes: what it says on
    # stderr is the file's failure, which --quiet never hides.
    del no_cache, quiet
    chosen = choose_format(fmt, False, COMMAND_FORMATS["check"])
    path = file or facts
    data = read_file(path) if path else shipped_bytes()
    kb, problems = validate(data)
    findings = run_checks(kb) if kb is not None else []
    lines, failed = check_report(path or SHIPPED_NAME, kb, problems, findings, verbose=verbose)
    with writing():
        if chosen == "json":
            import json

            document = check_document(path or SHIPPED_NAME, kb, problems, findings)
            json.dump(document, sys.stdout, ensure_ascii=False, indent=2, allow_nan=False)
            sys.stdout.write("\n")
        else:
            sys.stdout.writelines(f"{line}\n" for line in lines)
    if failed:
        say(f"{path or SHIPPED_NAME} failed the check: {lines[-1].rsplit(': ', 1)[-1]}")
        raise typer.Exit(EXIT_BAD_FILE)
