"""`szfacts entity`."""

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
    knowledge,
    show,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="entity", epilog=EXIT_CODES_HELP)
def entity(
    name: Annotated[
        str,
        typer.Argument(
            metavar="ENTITY",
            help="Id, English or Chinese name, or alias.",
            show_default=False,
            autocompletion=complete_entity,
        ),
    ],
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Everything about one entity: names, region, figures, ranks, statements and sources.

    --format json gives one object: {"entity": {...}, "records": [...]}.

    Example: szfacts entity 深圳
    """
    from szfacts.stories import entity_profile

    show(entity_profile(knowledge(facts, no_cache), name), fmt, no_header)
