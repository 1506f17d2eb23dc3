"""`szfacts why`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_record,
    format_option,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="why", epilog=EXIT_CODES_HELP)
def why(
    record_id: Annotated[
        str,
        typer.Argument(
            metavar="ID",
            help="An observation, ranking entry or statement id (see the id column).",
            show_default=False,
            autocompletion=complete_record,
        ),
    ],
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("why")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Where a figure, rank or statement comes from, and whether it adds up.

    Shows the value with its qualifier, unit and period; the source and paragraph; for a
    derived value the formula with each input's value and source; and every consistency
    check it takes part in, with the interval its inputs allow and the verdict.

    Example: szfacts why digital-economy-growth-china-2017
    """
    from szfacts.output.why import why_answer
    from szfacts.questions.why import explain

    kb = knowledge(facts, no_cache)
    show(why_answer(kb, explain(kb, record_id)), "why", fmt, no_header, quiet)
