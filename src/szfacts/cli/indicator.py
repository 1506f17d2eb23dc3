"""`szfacts indicator`."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    EntityOption,
    FactsOption,
    FormatOption,
    NoCacheOption,
    NoHeaderOption,
    complete_indicator,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="indicator", epilog=EXIT_CODES_HELP)
def indicator(
    name: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]",
            help="Indicator id or name.",
            show_default=False,
            autocompletion=complete_indicator,
        ),
    ] = None,
    entity: EntityOption = None,
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
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Observations of an indicator: value, unit, qualifier, period, entity and source.

    With no ID, lists the indicators. Derived values are marked; bounds ("over 80")
    stay bounds.

    Example: szfacts indicator 5g-density --entity shenzhen --format value
    """
    from szfacts.output.indicator import indicator_list_rows, indicator_rows
    from szfacts.questions.indicator import find

    kb = knowledge(facts, no_cache)
    if name is None:
        show(indicator_list_rows(kb), fmt, no_header)
    else:
        show(indicator_rows(kb, find(kb, name, entity, period)), fmt, no_header)
