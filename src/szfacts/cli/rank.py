"""`szfacts rank`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_scope,
    complete_year,
    format_option,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="rank", epilog=EXIT_CODES_HELP)
def rank(
    year: Annotated[
        int | None,
        typer.Argument(
            help="Edition year (the year in the report's title).",
            show_default=False,
            autocompletion=complete_year,
        ),
    ] = None,
    scope: Annotated[
        str | None,
        typer.Option(
            help="Only rankings of this scope: city or province.",
            show_default=False,
            autocompletion=complete_scope,
        ),
    ] = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("rank")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Rankings of an edition year, with rank or band, entity, period and source.

    With no YEAR, lists the rankings and their years. If no ranking has that edition year but
    one has data for that year, it is shown and stderr says so.

    Example: szfacts rank 2018 --scope city
    """
    from szfacts.output.rank import rank_answer, ranking_list_answer
    from szfacts.questions.rank import rankings_for

    kb = knowledge(facts, no_cache)
    if year is None:
        show(ranking_list_answer(kb), "rank", fmt, no_header, quiet)
    else:
        show(rank_answer(kb, rankings_for(kb, year, scope), year), "rank", fmt, no_header, quiet)
