"""`szfacts search`."""

from typing import Annotated

import typer

from .common import EXIT_CODES_HELP, knowledge, show
from .options import FactsOption, NoCacheOption, NoHeaderOption, QuietOption, format_option

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)


@app.command(name="search", epilog=EXIT_CODES_HELP)
def search(
    words: Annotated[
        list[str], typer.Argument(metavar="TEXT...", help="Words to look for.", show_default=False)
    ],
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("search")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Find indicators, entities, rankings, statements and sources by words, best first.

    Looks in ids, English and Chinese names, aliases, definitions and statement texts;
    every word must match somewhere in a record, except small joining words (of, the).
    Chinese words match inside longer names (数字经济 finds 数字经济核心产业增加值).

    Example: szfacts search 5g
    """
    from szfacts.output.search import search_answer
    from szfacts.questions.search import search as ask_search

    kb = knowledge(facts, no_cache)
    show(search_answer(kb, ask_search(kb, " ".join(words))), "search", fmt, no_header, quiet)
