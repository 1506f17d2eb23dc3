"""`szfacts info`."""

from __future__ import annotations

import typer

from .common import EXIT_CODES_HELP, knowledge_source, show
from .options import FactsOption, FormatOption, NoCacheOption, NoHeaderOption

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="info", epilog=EXIT_CODES_HELP)
def info(
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: FormatOption = None,
    no_header: NoHeaderOption = False,
) -> None:
    """The knowledge file in use: its path, content hash and how many records it holds.

    A script can record the sha256 to say which data answered it.

    Example: szfacts info --format json
    """
    from szfacts.output.info import info_rows

    name, data, kb = knowledge_source(facts, no_cache)
    show(info_rows(kb, name, data), fmt, no_header)
