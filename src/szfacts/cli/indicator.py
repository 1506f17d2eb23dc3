"""`szfacts indicator`."""

from typing import Annotated

import typer

from szfacts.errors import UsageProblem

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    EntityOption,
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_indicator,
    format_option,
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
    fmt: Annotated[str | None, format_option("indicator")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Observations of an indicator: value, unit, qualifier, period, entity and source.

    With no ID, lists the indicators. Derived values are marked; bounds ("over 80")
    stay bounds. With --entity given twice or more, the entities' series side by side,
    a row per year (as `szfacts compare A B --indicator ID`).

    Examples: szfacts indicator 5g-density --entity shenzhen --format value;
    szfacts indicator 5g-base-stations -e shenzhen -e beijing
    """
    from szfacts.output.indicator import indicator_answer, indicator_list_answer
    from szfacts.questions.indicator import find

    kb = knowledge(facts, no_cache)
    entities = entity or []
    if name is None:
        if entities or period is not None:
            raise UsageProblem("--entity and --period choose observations: name an indicator ID")
        answer = indicator_list_answer(kb)
    elif len(entities) > 1:
        from szfacts.output.compare import series_answer
        from szfacts.questions.compare import series

        answer = series_answer(kb, *series(kb, entities, name, period))
    else:
        answer = indicator_answer(kb, find(kb, name, entities[0] if entities else None, period))
    show(answer, "indicator", fmt, no_header, quiet)
