"""`szfacts export --format sqlite --out FILE`: the knowledge base as an SQLite database.

One table per section with primary keys and foreign keys between them, link tables for the
many-to-many references (a statement's entities, a derived value's inputs), a full-text index
over names and texts, views that join each observation and ranking entry to its entity,
indicator and source, and a Datasette metadata file beside the database describing every
table and column. Datasette, sqlite-utils, DuckDB and pandas read it as it is.

The database is written to a temporary file in the same directory and renamed into place, so a
reader sees the old file or the new one, never half of one; a file that is not an earlier
szfacts export is never replaced without --force. Imported only for this format.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from szfacts.errors import UsageProblem, quoted
from szfacts.version import __version__

from .database_schema import FORMAT, MARKER, TABLES, VIEWS, Context, metadata

if TYPE_CHECKING:
    from szfacts.knowledge.base import KnowledgeBase


def write_database(kb: KnowledgeBase, out: str, sha256: str, force: bool = False) -> list[Path]:
    """Write the export and its Datasette metadata; the paths written. Atomic per file."""
    target = Path(out)
    described = target.with_name(f"{target.stem}.metadata.json")
    _check_target(target, force)
    _check_target(described, force, json_file=True)
    database = _temporary(target)
    describing = _temporary(described)
    try:
        connection = sqlite3.connect(database)
        try:
            _fill(connection, kb, sha256)
        finally:
            connection.close()
        describing.write_text(
            json.dumps(metadata(target.stem, sha256), ensure_ascii=False, indent=2) + "\n",
            encoding="utf-8",
        )
        database.replace(target)
        describing.replace(described)
    except (OSError, sqlite3.Error) as error:
        why = getattr(error, "strerror", None) or str(error)
        raise UsageProblem(f"cannot write {quoted(str(target))}: {why}") from None
    finally:
        for leftover in (database, describing):
            with contextlib.suppress(OSError):
                leftover.unlink()
    return [target, described]


def _temporary(path: Path) -> Path:
    return path.with_name(f".{path.name}.{os.getpid()}.tmp")


def _check_target(path: Path, force: bool, json_file: bool = False) -> None:
    """Refuse a missing directory, and a file that is not an earlier export, unless forced."""
    if not path.parent.is_dir():
        raise UsageProblem(
            f"cannot write {quoted(str(path))}: no such directory {quoted(str(path.parent))}"
        )
    if path.is_dir():
        raise UsageProblem(f"cannot write {quoted(str(path))}: it is a directory")
    if not path.exists() or force:
        return
    ours = _is_metadata(path) if json_file else _is_export(path)
    if not ours:
        raise UsageProblem(
            f"{quoted(str(path))} exists and is not an szfacts export; choose another --out, "
            "or add --force to replace it"
        )


def _is_export(path: Path) -> bool:
    try:
        with contextlib.closing(sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True)) as db:
            found = db.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MARKER,)
            ).fetchone()
    except sqlite3.Error:
        return False
    return found is not None


def _is_metadata(path: Path) -> bool:
    try:
        return bool(json.loads(path.read_text(encoding="utf-8")).get(MARKER))
    except (OSError, ValueError, AttributeError):
        return False


def _fill(connection: sqlite3.Connection, kb: KnowledgeBase, sha256: str) -> None:
    from szfacts.questions.reports import conflict_map

    connection.execute("PRAGMA foreign_keys = ON")
    with connection:
        connection.execute(f"CREATE TABLE {MARKER} (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        connection.executemany(
            f"INSERT INTO {MARKER} VALUES (?, ?)",  # noqa: S608 - a name of this module
            [("format", str(FORMAT)), ("szfacts", __version__), ("knowledge_sha256", sha256)],
        )
        context = Context(kb, conflict_map(kb, kb.observations))
        for table, spec in TABLES.items():
            body = ", ".join(f"{column.name} {column.sql}" for column in spec.columns)
            connection.execute(f"CREATE TABLE {table} ({body})")
            insert = f"INSERT INTO {table} VALUES ({', '.join('?' * len(spec.columns))})"  # noqa: S608 - this module's own tables
            connection.executemany(insert, spec.rows(context))
        for view, (_, query) in VIEWS.items():
            connection.execute(f"CREATE VIEW {view} AS {query}")
        for table, column in (("observations", "indicator"), ("observations", "entity"),
                              ("ranking_entries", "ranking"), ("ranking_entries", "entity"),
                              ("statement_entities", "entity")):  # fmt: skip
            connection.execute(f"CREATE INDEX {table}_{column} ON {table} ({column})")
        _search_index(connection)
    problems = connection.execute("PRAGMA foreign_key_check").fetchall()
    if problems:  # pragma: no cover - the loader checked every reference
        raise AssertionError(f"foreign keys broken: {problems[:3]}")


def _search_index(connection: sqlite3.Connection) -> None:
    """A full-text index of names and texts: `SELECT * FROM search WHERE search MATCH ...`."""
    connection.execute(
        "CREATE VIRTUAL TABLE search USING fts5(kind, id UNINDEXED, name, text, "
        "tokenize = 'unicode61')"
    )
    connection.execute(
        "INSERT INTO search SELECT 'entity', id, name, "
        "coalesce(name_zh, '') || ' ' || aliases FROM entities"
    )
    connection.execute(
        "INSERT INTO search SELECT 'indicator', id, name, "
        "definition || ' ' || coalesce(method, '') || ' ' || coalesce(name_zh, '') FROM indicators"
    )
    connection.execute(
        "INSERT INTO search SELECT 'source', id, title, publisher || ' ' || origin FROM sources"
    )
    connection.execute("INSERT INTO search SELECT 'statement', id, kind, text FROM statements")
    connection.execute(
        "INSERT INTO search SELECT 'observation', id, value_text || ' ' || unit, "
        "coalesce(note, '') FROM observations"
    )
