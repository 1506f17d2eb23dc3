"""`szfacts compare`."""

from __future__ import annotations

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
            help="Compare one entity's indicator across periods instead.",
            show_default=False,
            autocompletion=complete_indicator,
        ),
    ] = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("compare")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Entities side by side, or one entity's indicator across periods.

    With two or more entities: one row per indicator (and period) or ranking any of them
    appears in, one column per entity, a dash where one has no value. With one entity and
    --indicator: each period's value, the change computed from the previous period, the
    change the source states, and whether the two agree within rounding.

    Examples: szfacts compare shenzhen guangzhou beijing;
    szfacts compare china --indicator digital-economy-size
    """
    from szfacts.output.compare import compare_rows, trend_rows
    from szfacts.questions.compare import compare as ask_compare
    from szfacts.questions.compare import trend

    kb = knowledge(facts, no_cache)
    if indicator_name is not None:
        if len(entities) != 1:
            raise UsageProblem("--indicator compares one entity across periods; name exactly one")
        show(
            trend_rows(kb, *trend(kb, entities[0], indicator_name)),
            "compare",
            fmt,
            no_header,
            quiet,
        )
    else:
        if len(entities) < 2:
            raise UsageProblem("name two or more entities, or one entity with --indicator ID")
        show(compare_rows(kb, *ask_compare(kb, entities)), "compare", fmt, no_header, quiet)
