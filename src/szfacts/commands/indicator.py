"""`szfacts indicator`."""

from __future__ import annotations

from typing import Annotated

import typer

from .common import (
    EXIT_CODES_HELP,
    FactsOption,
    FormatOption,
    NoCacheOption,
    NoHeaderOption,
    complete_entity,
    complete_indicator,
    knowledge,
    show,
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
    entity: Annotated[
        str | None,
        typer.Option(
            "--entity",
            "-e",
            help="Only this entity: id, name, 中文 name or alias.",
            show_default=False,
            autocompletion=complete_entity,
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
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Observations of an indicator: value, unit, qualifier, period, entity and source.

    With no ID, lists the indicators. Derived values are marked; bounds ("over 80")
    stay bounds.

    Example: szfacts indicator 5g-density --entity shenzhen --format value
    """
    from szfacts import query

    kb = knowledge(facts, no_cache)
    if name is None:
        show(query.indicator_list(kb), fmt, no_header)
    else:
        show(query.indicator(kb, name, entity, period), fmt, no_header)
