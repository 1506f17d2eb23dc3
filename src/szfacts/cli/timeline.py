"""`szfacts timeline`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_entity,
    format_option,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="timeline", epilog=EXIT_CODES_HELP)
def timeline(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[ENTITY]",
            help="Only the facts about this entity.",
            show_default=False,
            autocompletion=complete_entity,
        ),
    ] = None,
    start: Annotated[
        int | None,
        typer.Option(
            "--from", metavar="YEAR", help="Only facts of this year or later.", show_default=False
        ),
    ] = None,
    end: Annotated[
        int | None,
        typer.Option(
            "--to", metavar="YEAR", help="Only facts of this year or earlier.", show_default=False
        ),
    ] = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("timeline")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Every dated fact, rank and statement in time order; undated ones last.

    Periods are shown at the precision the source gives (a day, a month, a quarter range,
    a year, the end of a year). Facts whose source gives no date are never given one: they
    come last, ordered by when their source was published, and --from/--to leave them out.

    Example: szfacts timeline shenzhen --from 2021
    """
    from szfacts.output.timeline import timeline_answer
    from szfacts.questions.timeline import timeline as ask_timeline

    kb = knowledge(facts, no_cache)
    show(
        timeline_answer(kb, ask_timeline(kb, name, start, end), name is not None),
        "timeline",
        fmt,
        no_header,
        quiet,
    )
