"""Bytes to a validated knowledge base.

Parses with tomli, then checks every record: types, required and unknown fields, id syntax
and uniqueness, references, units, ranks and periods. All problems are collected, so that
`szfacts check` can list them together; `load` raises them as one KnowledgeFileError.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Final

from szfacts.errors import KnowledgeFileError, Problem

from .collector import paused

if TYPE_CHECKING:
    from io import BufferedReader

    from szfacts.knowledge.base import KnowledgeBase

    from .builder import Builder

SHIPPED_NAME: Final = "facts.toml (shipped)"


def shipped_bytes() -> bytes:
    """The knowledge file that ships inside the package, read as package data."""
    data = _package_data("facts.toml")
    if data is None:  # pragma: no cover - only for a loader that cannot read data
        raise KnowledgeFileError(SHIPPED_NAME, [Problem("the package's loader cannot read it")])
    return data


def _package_data(name: str) -> bytes | None:
    # Read through the loader that imported this module, as pkgutil.get_data and
    # importlib.resources do (it works for wheels, editable installs and zipped packages
    # alike), without importing either: the file is in the package, a folder above this one.
    loader = __spec__.loader if __spec__ is not None else None
    get_data = getattr(loader, "get_data", None)
    if get_data is None:  # pragma: no cover - a loader that cannot read data
        return None
    try:
        data: bytes = get_data(str(Path(__file__).parent.parent / name))
    except OSError:
        return None
    return data


def load_shipped(data: bytes | None = None) -> KnowledgeBase:
    """The shipped knowledge base, from its compiled form when there is a valid one.

    The wheel carries one made from exactly these bytes of facts.toml (see compiled.py);
    otherwise the file is parsed and validated.
    """
    from .compiled import FILE_NAME
    from .compiled import load as load_compiled

    if data is None:
        data = shipped_bytes()
    blob = _package_data(FILE_NAME)
    kb = load_compiled(blob, data) if blob else None
    return kb if kb is not None else parse(data, SHIPPED_NAME)


def read_file(path: str | os.PathLike[str]) -> bytes:
    """A knowledge file's bytes, or a KnowledgeFileError saying why it cannot be read."""
    with _reading(path) as handle:
        return handle.read()


def file_sha256(path: str | os.PathLike[str]) -> str:
    """The SHA-256 of a file's bytes, read in blocks (a large file is never held whole)."""
    import hashlib

    with _reading(path) as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


@contextmanager
def _reading(path: str | os.PathLike[str]) -> Iterator[BufferedReader]:
    """The file open for reading; any failure to open or read it as a KnowledgeFileError."""
    name = os.fspath(path)
    try:
        with Path(name).open("rb") as handle:
            yield handle
    except FileNotFoundError:
        raise KnowledgeFileError(name, [Problem("no such file")]) from None
    except IsADirectoryError:
        raise KnowledgeFileError(name, [Problem("is a directory, not a knowledge file")]) from None
    except PermissionError:
        raise KnowledgeFileError(name, [Problem("permission denied")]) from None
    except OSError as error:
        raise KnowledgeFileError(name, [Problem(f"cannot be read: {error.strerror}")]) from None


def load(path: str | os.PathLike[str] | None = None) -> KnowledgeBase:
    """Load and validate a knowledge file: the shipped one when path is None.

    >>> kb = load()
    >>> kb.entity("深圳").name
    'Shenzhen'

    Raises KnowledgeFileError naming the file, record and field of every problem.
    """
    if path is None:
        return load_shipped()
    return parse(read_file(path), os.fspath(path))


def parse(data: bytes, name: str = "<knowledge file>") -> KnowledgeBase:
    """Parse and validate knowledge-file bytes; name is used in error messages."""
    kb, problems = validate(data)
    if kb is None:
        raise KnowledgeFileError(name, problems)
    return kb


def validate(data: bytes) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Every problem in a knowledge file, and the knowledge base when there are none."""
    # Paused until the parsed document is released (see collector.py): the records kept
    # are walked once afterwards, not the million objects of the document too. A local
    # lives until the function returns, after the pause would end: hence the `del`.
    with paused():
        builder, problems = compile_bytes(data)
        kb = None if builder is None else builder.knowledge_base()
        del builder
    return kb, problems


def compile_bytes(data: bytes) -> tuple[Builder | None, list[Problem]]:
    """Parse and validate; the validated records (not yet a knowledge base), or the problems.

    The compiled cache writes these records as they are, without building an object for
    each of a large file's observations.
    """
    import tomli

    from .builder import Builder
    from .fields import parse_float

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem("is not valid UTF-8 text", line=line, column=column)]
    # A parsed document and the records built from it hold no reference cycles: the
    # collector would only walk the growing heap again and again (see collector.py).
    try:
        with paused():
            document = tomli.loads(text, parse_float=parse_float)
            builder = Builder(document)
            builder.validate()
    except tomli.TOMLDecodeError as error:
        problem = Problem(f"invalid TOML: {error.msg}", line=error.lineno, column=error.colno)
        return None, [problem]
    except RecursionError:
        return None, [Problem("invalid TOML: nested too deeply")]
    if builder.problems:
        return None, [_with_line(p, text) for p in builder.problems]
    return builder, []


def _with_line(problem: Problem, text: str) -> Problem:
    """Add the line of the record's `id = "..."` so that editors can jump to it."""
    if problem.record is None or problem.line is not None:
        return problem
    key = "name" if problem.section == "units" else "id"
    pattern = r"^[ \t]*" + key + r'[ \t]*=[ \t]*"' + re.escape(problem.record) + '"'
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        return problem
    line = text.count("\n", 0, match.start()) + 1
    return Problem(problem.message, problem.section, problem.record, problem.field, line)
