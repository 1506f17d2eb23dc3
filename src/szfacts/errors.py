"""The errors szfacts raises. Each one carries what went wrong and where, as data."""

from __future__ import annotations

from enum import IntEnum
from typing import Final, NamedTuple


class ExitCode(IntEnum):
    """How szfacts ends: the one list the --help epilog and the documentation are made from."""

    OK = 0
    NO_RESULT = 1
    USAGE = 2
    BAD_FILE = 3
    INTERNAL = 70  # sysexits' EX_SOFTWARE
    INTERRUPTED = 130
    PIPE_CLOSED = 141

    @property
    def short(self) -> str:
        """What the code means, in a few words (for --help)."""
        return _MEANINGS[self.value][0]

    @property
    def description(self) -> str:
        """What the code means, in full (for the documentation)."""
        return _MEANINGS[self.value][1]


_MEANINGS: Final[dict[int, tuple[str, str]]] = {
    0: (
        "found and printed",
        (
            "found and printed (for `check`: valid, warnings allowed; for `verify`: no claim "
            "contradicted or mistaken)"
        ),
    ),
    1: (
        "a valid query with no result (for verify: a claim is wrong)",
        (
            "a valid query with no result, e.g. `szfacts rank 2031`; stderr lists what exists "
            "(for `verify`: a claim of the text is contradicted or mistaken)"
        ),
    ),
    2: (
        "a usage error (unknown id, option or format)",
        (
            "a usage error: unknown id, option, format or malformed argument, or an export that "
            "cannot be written where asked (a missing directory, a file that is not an earlier "
            "export, an unwritable place); stderr names it and suggests the closest valid value"
        ),
    ),
    3: (
        "the knowledge file is missing, unreadable or invalid",
        (
            "the knowledge file is missing, unreadable or invalid; stderr names the file and the "
            "problem"
        ),
    ),
    70: (
        "an internal error (a bug: please report it)",
        "an internal error: a bug in szfacts, reported in one line; please report it",
    ),
    130: ("interrupted", "interrupted (Ctrl-C)"),
    141: (
        "output pipe closed early",
        (
            "the reader of stdout or stderr went away (`szfacts ... \\| head -1`, "
            "`szfacts ... 2>&1 \\| head -1`); nothing more is printed"
        ),
    ),
}


def exit_codes_help() -> str:
    """The exit codes in one paragraph, for the epilog of every command's --help."""
    return "Exit codes: " + "; ".join(f"{code.value} {code.short}" for code in ExitCode) + "."


def exit_codes_table() -> str:
    """The exit codes as a Markdown table, for the documentation."""
    rows = [f"| {code.value} | {code.description} |" for code in ExitCode]
    return "\n".join(["| exit | meaning |", "| --- | --- |", *rows]) + "\n"


EXIT_OK: Final = ExitCode.OK
EXIT_NO_RESULT: Final = ExitCode.NO_RESULT
EXIT_USAGE: Final = ExitCode.USAGE
EXIT_BAD_FILE: Final = ExitCode.BAD_FILE
EXIT_INTERRUPTED: Final = ExitCode.INTERRUPTED
EXIT_PIPE_CLOSED: Final = ExitCode.PIPE_CLOSED
EXIT_INTERNAL: Final = ExitCode.INTERNAL
_SHOWN_MAX: Final = 60


def quoted(value: str) -> str:
    """A user's value quoted for a message: escaped, and cut short when very long."""
    if len(value) <= _SHOWN_MAX:
        return repr(value)
    return f"{value[:_SHOWN_MAX]!r}... ({len(value):,} characters)"


class Problem(NamedTuple):
    """One thing wrong with a knowledge file: where it is and what is wrong."""

    message: str
    section: str | None = None
    record: str | None = None
    field: str | None = None
    line: int | None = None
    column: int | None = None

    def where(self) -> str:
        """The record and field, as `section[id].field`, or '' when the whole file is meant."""
        text = self.section or ""
        if self.record is not None:
            text += f"[{self.record}]"
        if self.field:
            text += f".{self.field}" if text else self.field
        return text


class SzfactsError(Exception):
    """Base of every error szfacts raises on purpose.

    A subclass says its exit code; one that forgets exits 70, an internal error, and so
    fails loudly rather than passing for "no result".
    """

    exit_code: int = ExitCode.INTERNAL


class KnowledgeFileError(SzfactsError):
    """A knowledge file is missing, unreadable, not TOML, or not a valid knowledge base."""

    exit_code = EXIT_BAD_FILE

    def __init__(self, path: str, problems: list[Problem]) -> None:
        self.path = path
        self.problems = problems
        super().__init__(self.line_for(problems[0]) if problems else path)

    def line_for(self, problem: Problem) -> str:
        """One line naming the file, the position or record, and the problem."""
        location = self.path
        if problem.line is not None:
            location += f":{problem.line}"
            if problem.column is not None:
                location += f":{problem.column}"
        where = problem.where()
        return (
            f"{location}: {where}: {problem.message}" if where else f"{location}: {problem.message}"
        )

    def lines(self) -> list[str]:
        """Every problem, one line each."""
        return [self.line_for(p) for p in self.problems]

    def __str__(self) -> str:
        first = self.line_for(self.problems[0]) if self.problems else self.path
        more = len(self.problems) - 1
        return f"{first} (and {more} more problem{'s' if more > 1 else ''})" if more > 0 else first


class LookupFailed(SzfactsError):
    """A name, id or option value given by the user matches nothing; carries close matches."""

    exit_code = EXIT_USAGE

    def __init__(self, what: str, value: str, suggestions: list[str], hint: str = "") -> None:
        self.what = what
        self.value = value
        self.suggestions = suggestions
        text = f"unknown {what} {quoted(value)}"
        if suggestions:
            text += "; did you mean " + " or ".join(suggestions) + "?"
        elif hint:
            text += f"; {hint}"
        super().__init__(text)


class UsageProblem(SzfactsError):
    """An argument or option that is malformed or makes no sense with the others."""

    exit_code = EXIT_USAGE


class NoResult(SzfactsError):
    """A valid query that has no answer in the knowledge base; says what does exist."""

    exit_code = EXIT_NO_RESULT


class OutputClosed(SzfactsError):
    """The reader of stdout went away (`szfacts export | head -1`): stop quietly."""

    exit_code = EXIT_PIPE_CLOSED
