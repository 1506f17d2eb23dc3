"""What every command shares: loading the knowledge file, printing an answer, exit codes."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Final

from szfacts.errors import OutputClosed, exit_codes_help

if TYPE_CHECKING:
    from szfacts.knowledge.base import KnowledgeBase
    from szfacts.output.rows import Answer

EXIT_CODES_HELP: Final = exit_codes_help()


def say(message: str) -> None:
    """One line on stderr, prefixed with the program's name.

    When stderr is a pipe whose reader has gone, this is OutputClosed (exit 141), as for
    stdout: Click would otherwise turn the broken pipe into a bare exit 1.
    """
    try:
        sys.stderr.write(f"szfacts: {message}\n")
        sys.stderr.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def tell(notes: Iterable[str], quiet: bool) -> None:
    """Notes that qualify an answer, on stderr, each once; none with --quiet."""
    if not quiet:
        for note in dict.fromkeys(notes):
            say(note)


def knowledge_source(facts: str | None, no_cache: bool = False) -> tuple[str, bytes, KnowledgeBase]:
    """The knowledge file in use: its name, its bytes and its knowledge base.

    The shipped file comes from its compiled form when the wheel has one; a user's file,
    which may hold 100,000 facts, is answered from the SQLite compiled form in the cache
    unless --no-cache is given.
    """
    from szfacts.reading.loader import SHIPPED_NAME, load_shipped, parse, read_file, shipped_bytes

    if not facts:
        data = shipped_bytes()
        return SHIPPED_NAME, data, load_shipped(data)
    data = read_file(facts)
    if no_cache:
        return facts, data, parse(data, facts)
    from szfacts.reading.cache import load_cached

    return facts, data, load_cached(facts, data)


def knowledge(facts: str | None, no_cache: bool = False) -> KnowledgeBase:
    """The knowledge base of --facts / SZFACTS_FACTS, or the shipped one."""
    if facts and not no_cache:
        from szfacts.reading.cache import load_cached

        # Without the bytes (only `info` and `--version` show their hash), the cache hashes
        # a large file in blocks instead of reading all of it: a warm lookup never copies it.
        return load_cached(facts)
    return knowledge_source(facts, no_cache)[2]


@contextmanager
def writing() -> Iterator[None]:
    """Turn a closed pipe into OutputClosed before Typer maps it to a generic exit 1."""
    try:
        yield
        sys.stdout.flush()
    except BrokenPipeError:
        raise OutputClosed from None


def show(answer: Answer, command: str, fmt: str | None, no_header: bool, quiet: bool) -> None:
    """Print an answer: its rows on stdout in the chosen format, then its notes on stderr.

    Notes come after the rows, so that on a terminal they stand under the table they
    qualify rather than scroll away above it.
    """
    from szfacts.output.render import COMMAND_FORMATS, choose_format, render

    chosen = choose_format(fmt, sys.stdout.isatty(), COMMAND_FORMATS[command])
    with writing():
        more = render(answer.table, chosen, sys.stdout, header=not no_header)
    tell((*answer.notes, *more), quiet)
