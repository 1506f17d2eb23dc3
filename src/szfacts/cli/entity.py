"""`szfacts entity`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    EntityArgument,
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    format_option,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="entity", epilog=EXIT_CODES_HELP)
def entity(
    name: EntityArgument,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("entity")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Everything about one entity: names, region, figures, ranks, statements and sources.

    --format json gives one object: {"entity": {...}, "records": [...]}.

    Example: szfacts entity 深圳
    """
    from szfacts.output.entity import entity_answer
    from szfacts.questions.entity import profile

    kb = knowledge(facts, no_cache)
    show(entity_answer(kb, profile(kb, name)), "entity", fmt, no_header, quiet)
