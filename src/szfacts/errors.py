"""The errors szfacts raises. Each one carries what went wrong and where, as data."""

from __future__ import annotations

from typing import Final, NamedTuple

EXIT_OK: Final = 0
EXIT_NO_RESULT: Final = 1
EXIT_USAGE: Final = 2
EXIT_BAD_FILE: Final = 3
EXIT_INTERRUPTED: Final = 130
EXIT_PIPE_CLOSED: Final = 141
EXIT_INTERNAL: Final = 70  # a bug in szfacts (sysexits' EX_SOFTWARE)
_SHOWN_MAX: Final = 60


def shown(value: str) -> str:
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
    """Base of every error szfacts raises on purpose."""

    exit_code: int = EXIT_NO_RESULT


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
        text = f"unknown {what} {shown(value)}"
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
