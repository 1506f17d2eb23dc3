"""The compiled form of a knowledge file: an SQLite index in the user's cache directory.

Parsing 100,000 observations takes seconds; a lookup should not. The first run on a file
validates it in full and writes its records to `<cache>/szfacts/<path key>-<sha256>.sqlite3`;
later runs on the same content read only the records a query needs.

Why it can be trusted:
- The name holds the SHA-256 of the file's bytes, read and hashed on every run: a changed
  file, even one of the same size edited within the same second, has another name and is
  compiled afresh. Compiled forms of earlier contents of the same file are then removed.
- It holds data only, read through SQL: nothing in it is ever executed.
- It is written to a temporary file and renamed into place: concurrent runs and a crash
  mid-write leave either no file or a complete one.
- A directory or file not owned by the user, or writable by group or others, is not used
  (the knowledge file is parsed instead); szfacts creates its directory private (0700).
- A file that is not a database, of another schema or truncated is set aside: szfacts
  parses the knowledge file, answers, and writes a fresh one. An unwritable cache changes
  nothing but speed.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import time
from pathlib import Path
from typing import TYPE_CHECKING, Final

from szfacts.errors import KnowledgeFileError
from szfacts.knowledge.base import KnowledgeBase

from .collector import paused
from .loader import compile_bytes, file_sha256, parse, read_file
from .stored import SCHEMA, StoredKnowledgeBase, fill

if TYPE_CHECKING:
    from .builder import Builder

_STALE_TEMP_SECONDS: Final = 600


def cache_directory() -> Path:
    """Where compiled forms live: $XDG_CACHE_HOME/szfacts, else ~/.cache/szfacts."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if base and Path(base).is_absolute() else Path.home() / ".cache"
    return root / "szfacts"


def _private(path: Path, is_dir: bool) -> bool:
    """Whether a path is the user's own and writable by no one else."""
    try:
        info = path.stat()
    except OSError:
        return False
    kind_ok = path.is_dir() if is_dir else path.is_file()
    return kind_ok and info.st_uid == os.getuid() and not info.st_mode & 0o022


def _usable_directory() -> Path | None:
    directory = cache_directory()
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return None
    return directory if _private(directory, is_dir=True) else None


def load_cached(path: str, data: bytes | None = None) -> KnowledgeBase:
    """The knowledge base of a file (or of its bytes), from its compiled form when valid.

    Without data the file is hashed as it is read, in blocks, and read whole only on a miss:
    a warm lookup on a large file then never holds a copy of it. On a miss the bytes are
    parsed and validated in full (raising KnowledgeFileError as `szfacts.load` does) and the
    compiled form is written, then read. Without a usable cache directory the parsed
    knowledge base answers.
    """
    directory = _usable_directory()
    if directory is None:
        return parse(read_file(path) if data is None else data, path)
    where = str(Path(path).absolute()).encode("utf-8", "surrogateescape")
    key = hashlib.sha256(where).hexdigest()[:16]
    digest = file_sha256(path) if data is None else hashlib.sha256(data).hexdigest()
    stored = _open(directory / f"{key}-{digest}.sqlite3", digest)
    if stored is not None:
        return stored
    if data is None:
        # Name the compiled form after the bytes compiled, not the bytes hashed above: the
        # file may have changed in between.
        data = read_file(path)
        digest = hashlib.sha256(data).hexdigest()
    target = directory / f"{key}-{digest}.sqlite3"
    # The parsed document is released before the collector is back on, which then has
    # nothing to walk; turned on with it alive, it walked a million objects (see collector.py).
    with paused():
        unwritable = _compile(path, data, target, digest)
    if unwritable is not None:
        return unwritable  # an unwritable cache changes nothing but speed
    with contextlib.suppress(OSError):
        _remove_other_versions(directory, key, target)
    # Answer from what was just written: a large file's observations are never built as
    # objects on this path, only the few a query reads.
    return _open(target, digest) or parse(data, path)


def _compile(path: str, data: bytes, target: Path, digest: str) -> KnowledgeBase | None:
    """Validate and write the compiled form: None, or the knowledge base if unwritable."""
    compiled, problems = compile_bytes(data)
    if compiled is None:
        raise KnowledgeFileError(path, problems)
    try:
        _write(compiled, target, digest)
    except (OSError, sqlite3.Error):
        return compiled.knowledge_base()
    return None


def _open(target: Path, digest: str) -> StoredKnowledgeBase | None:
    if not target.exists() or not _private(target, is_dir=False):
        return None
    connection: sqlite3.Connection | None = None
    try:
        connection = sqlite3.connect(f"{target.as_uri()}?mode=ro", uri=True)
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
        whole = target.stat().st_size == pages * page_size  # not truncated
        if meta.get("schema") == str(SCHEMA) and meta.get("sha256") == digest and whole:
            return StoredKnowledgeBase(connection)
    except (sqlite3.Error, OSError, ValueError):
        pass
    if connection is not None:
        connection.close()
    with contextlib.suppress(OSError):
        target.unlink()  # unreadable or of another schema: compile it again
    return None


def _write(compiled: Builder, target: Path, digest: str) -> None:
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        temporary.unlink()
    try:
        connection = sqlite3.connect(temporary)
        try:
            fill(connection, compiled, digest)
        finally:
            connection.close()
        temporary.chmod(0o600)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _remove_other_versions(directory: Path, key: str, keep: Path) -> None:
    """Remove compiled forms of earlier contents of the same file, and abandoned writes."""
    now = time.time()
    for path in directory.glob(f"{key}-*.sqlite3"):
        if path != keep:
            with contextlib.suppress(OSError):
                path.unlink()
    for path in directory.glob(f".{key}-*.tmp"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > _STALE_TEMP_SECONDS:
                path.unlink()
