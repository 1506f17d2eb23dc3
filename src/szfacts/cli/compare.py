"""`szfacts compare`."""

from typing import Annotated

import typer

from szfacts.errors import UsageProblem

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_entity,
    complete_indicator,
    format_option,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="compare", epilog=EXIT_CODES_HELP)
def compare(
    entities: Annotated[
        list[str],
        typer.Argument(
            metavar="ENTITY...",
            help="Entities: id, name, 中文 name or alias.",
            show_default=False,
            autocompletion=complete_entity,
        ),
    ],
    indicator_name: Annotated[
        str | None,
        typer.Option(
            "--indicator",
            "-i",
            metavar="ID",
            help="One indicator across periods instead: one entity's series with its changes, "
            "or several entities' series side by side, aligned by year.",
            show_default=False,
            autocompletion=complete_indicator,
        ),
    ] = None,
    period: Annotated[
        str | None,
        typer.Option(
            "--period",
            "-p",
            metavar="PERIOD",
            help="Each entity's figure for this period (2021, 2021-end, 2021-Q3 ...): the "
            "report of the whole period, else one at its end, else the latest within it. "
            "Default: latest, each entity's latest achievement.",
            show_default=False,
        ),
    ] = None,
    all_periods: Annotated[
        bool,
        typer.Option(
            "--all-periods",
            help="A row for every indicator and period any entity has a figure for.",
        ),
    ] = False,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("compare")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Entities side by side, or indicators across periods.

    With two or more entities: one row per indicator, grouped by topic, each cell the
    entity's latest achievement (or its figure for --period), dated where the row's dates
    differ; targets in rows of their own; rankings last, each entity's place in the same
    edition. --all-periods gives a row for every indicator and period instead.
    With --indicator and one entity: each period's value, the change computed from the
    previous period (percentage points for a rate; the span it covers; none across a
    series break), the change the source states, and whether the two agree.
    With --indicator and several entities: their series side by side, a row per year.

    Examples: szfacts compare shenzhen beijing shanghai guangzhou;
    szfacts compare shenzhen beijing --indicator 5g-base-stations;
    szfacts compare china --indicator digital-economy-size
    """
    from szfacts.output.compare import compare_answer, series_answer, trend_answer
    from szfacts.questions.compare import compare as ask_compare
    from szfacts.questions.compare import series, trend

    kb = knowledge(facts, no_cache)
    if indicator_name is not None:
        if period is not None or all_periods:
            raise UsageProblem("--indicator shows every period: leave out --period/--all-periods")
        if len(entities) == 1:
            answer = trend_answer(kb, *trend(kb, entities[0], indicator_name))
        else:
            answer = series_answer(kb, *series(kb, entities, indicator_name))
    else:
        if len(entities) < 2:
            raise UsageProblem("name two or more entities, or one entity with --indicator ID")
        answer = compare_answer(kb, *ask_compare(kb, entities, period, all_periods))
    show(answer, "compare", fmt, no_header, quiet)
