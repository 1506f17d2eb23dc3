"""`szfacts entity`."""

from __future__ import annotations

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import EntityArgument, FactsOption, FormatOption, NoCacheOption, NoHeaderOption

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="entity", epilog=EXIT_CODES_HELP)
def entity(
    name: EntityArgument,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """Everything about one entity: names, region, figures, ranks, statements and sources.

    --format json gives one object: {"entity": {...}, "records": [...]}.

    Example: szfacts entity 深圳
    """
    from szfacts.output.entity import entity_rows
    from szfacts.questions.entity import profile

    kb = knowledge(facts, no_cache)
    show(entity_rows(kb, profile(kb, name)), fmt, no_header)
