"""The compiled form of a knowledge file, in the user's cache directory.

Parsing 100,000 observations takes seconds; a lookup should not. The first run on a file
validates it in full and writes its records in one of two forms; later runs on the same
content read them instead of parsing:
- A file of up to SMALL_FILE bytes (a mebibyte, about 6,000 observations): the form the
  wheel ships for its own file (compiled.py), plain tuples with a copy of the file's bytes,
  in `<cache>/szfacts/<path key>.marshal`. Every run reads the file whole and uses the form
  only if the bytes it carries are the file's bytes. Reading it costs about a millisecond
  at twice the shipped file's size, less than importing sqlite3 and hashlib.
- A larger file: an SQLite index, `<path key>-<sha256>.sqlite3`, from which a lookup reads
  only the records it needs. Its name holds the SHA-256 of the file's bytes, read and
  hashed in blocks on every run.

Why it can be trusted:
- A changed file, even one of the same size edited within the same second, has other bytes
  (another hash, or bytes that differ from the copy) and is compiled afresh. Compiled forms
  of earlier contents of the same file are then removed.
- It holds data only, read through SQL or marshal's plain tuples: nothing in it is executed.
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
import os
import time
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Final

from szfacts.errors import KnowledgeFileError
from szfacts.knowledge.base import KnowledgeBase

from .collector import paused
from .loader import compile_bytes, file_sha256, parse, read_file

if TYPE_CHECKING:
    import sqlite3

    from .builder import Builder
    from .stored import StoredKnowledgeBase

_STALE_TEMP_SECONDS: Final = 600
SMALL_FILE: Final = 1 << 20  # bytes: up to this size, the compiled form is a marshal snapshot


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
    # The key only groups the compiled forms of one path; their content is checked apart.
    key = f"{zlib.crc32(where):08x}{zlib.adler32(where):08x}"
    if data is None and _size(path) <= SMALL_FILE:
        data = read_file(path)
    if data is not None and len(data) <= SMALL_FILE:
        return _small(directory, key, path, data)
    import hashlib

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


def _size(path: str) -> int:
    """The file's size, or 0 when it cannot be known (reading it then says why)."""
    try:
        return Path(path).stat().st_size
    except (OSError, ValueError):
        return 0


def _small(directory: Path, key: str, path: str, data: bytes) -> KnowledgeBase:
    """A small file's knowledge base, from its marshal snapshot when that holds these bytes."""
    from . import compiled

    target = directory / f"{key}.marshal"
    if _private(target, is_dir=False):
        with contextlib.suppress(OSError):
            found = compiled.load(target.read_bytes(), data)
            if found is not None:
                return found
    with paused():
        built, problems = compile_bytes(data)
        if built is None:
            raise KnowledgeFileError(path, problems)
        kb = built.knowledge_base()
        del built
    with contextlib.suppress(OSError):
        _replace(target, compiled.dump(data, kb))
        _remove_other_versions(directory, key, target)
    return kb


def _replace(target: Path, content: bytes | Callable[[Path], None]) -> None:
    """Write a file whole under a temporary name, private, then rename it into place.

    content: the bytes, or what writes the temporary file given its path.
    """
    temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with contextlib.suppress(OSError):
        temporary.unlink()
    try:
        if isinstance(content, bytes):
            temporary.write_bytes(content)
        else:
            content(temporary)
        temporary.chmod(0o600)
        temporary.replace(target)
    except BaseException:
        with contextlib.suppress(OSError):
            temporary.unlink()
        raise


def _compile(path: str, data: bytes, target: Path, digest: str) -> KnowledgeBase | None:
    """Validate and write the compiled form: None, or the knowledge base if unwritable."""
    import sqlite3

    compiled, problems = compile_bytes(data)
    if compiled is None:
        raise KnowledgeFileError(path, problems)
    try:
        _write(compiled, target, digest)
    except (OSError, sqlite3.Error):
        return compiled.knowledge_base()
    return None


def _open(target: Path, digest: str) -> StoredKnowledgeBase | None:
    import sqlite3

    from .stored import SCHEMA, StoredKnowledgeBase

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
    import sqlite3

    from .stored import fill

    def write(temporary: Path) -> None:
        connection = sqlite3.connect(temporary)
        try:
            fill(connection, compiled, digest)
        finally:
            connection.close()

    _replace(target, write)


def _remove_other_versions(directory: Path, key: str, keep: Path) -> None:
    """Remove compiled forms of earlier contents of the same file, and abandoned writes."""
    now = time.time()
    for path in [*directory.glob(f"{key}-*.sqlite3"), directory / f"{key}.marshal"]:
        if path != keep and path.exists():
            with contextlib.suppress(OSError):
                path.unlink()
    for path in directory.glob(f".{key}[-.]*.tmp"):
        with contextlib.suppress(OSError):
            if now - path.stat().st_mtime > _STALE_TEMP_SECONDS:
                path.unlink()
