"""`szfacts source`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import (
    FactsOption,
    NoCacheOption,
    NoHeaderOption,
    QuietOption,
    complete_source,
    format_option,
)

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="source", epilog=EXIT_CODES_HELP)
def source(
    source_id: Annotated[
        str | None,
        typer.Argument(
            metavar="[ID]", help="Source id.", show_default=False, autocompletion=complete_source
        ),
    ] = None,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("source")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """The sources; with an ID, the source and every fact, rank and statement citing it.

    --format bibtex or csl-json prints a citation of the source (of every source, with no
    ID) for a reference manager.

    Example: szfacts source sz-daily-2022 --format bibtex
    """
    from szfacts.output.source import source_answer, source_list_answer
    from szfacts.questions.source import citing

    kb = knowledge(facts, no_cache)
    if source_id is None:
        show(source_list_answer(kb), "source", fmt, no_header, quiet)
    else:
        found = kb.source(source_id)
        show(source_answer(kb, found, citing(kb, found.id)), "source", fmt, no_header, quiet)
