"""`szfacts info`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge_source, show
from .options import FactsOption, NoCacheOption, NoHeaderOption, QuietOption, format_option

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="info", epilog=EXIT_CODES_HELP)
def info(
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("info")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """The knowledge file in use: its path, content hash and how many records it holds.

    A script can record the sha256 to say which data answered it.

    Example: szfacts info --format json
    """
    from szfacts.output.info import info_answer

    name, data, kb = knowledge_source(facts, no_cache)
    show(info_answer(kb, name, data), "info", fmt, no_header, quiet)
