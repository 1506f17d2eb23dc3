"""Table for `szfacts info` and the line of `szfacts --version`: which knowledge file answers."""

from __future__ import annotations

from szfacts.knowledge.base import KnowledgeBase
from szfacts.version import __version__

from .rows import Answer, Column, Row, Table

INFO_KEYS = (
    "version", "file", "sha256", "bytes", "sources", "entities", "indicators", "observations",
    "rankings", "ranking_entries", "statements", "units", "targets", "web_sources",
)  # fmt: skip


def info_answer(kb: KnowledgeBase, name: str, data: bytes) -> Answer:
    """The identity of a knowledge file: name, content hash and record counts."""
    import hashlib

    row: Row = {
        "version": __version__, "file": name, "sha256": hashlib.sha256(data).hexdigest(),
        "bytes": len(data), "sources": len(kb.sources), "entities": len(kb.entities),
        "indicators": len(kb.indicators), "observations": kb.count_observations(),
        "rankings": len(kb.rankings), "ranking_entries": sum(len(r.entries) for r in kb.rankings),
        "statements": len(kb.statements), "units": len(kb.units),
        "targets": kb.count_targets(),
        "web_sources": sum(1 for s in kb.sources if s.url),
    }  # fmt: skip
    columns = tuple(
        Column(key, key.replace("_", " ").capitalize(), numeric=isinstance(row[key], int))
        for key in INFO_KEYS
    )
    return Answer(Table("knowledge-file", INFO_KEYS, columns, [row], value_key=None))


def identity_line(kb: KnowledgeBase, name: str, data: bytes) -> str:
    """One line naming the knowledge file in use, for `szfacts --version`."""
    row = info_answer(kb, name, data).table.records[0]
    return (
        f"knowledge file: {name}, sha256 {str(row['sha256'])[:12]}, {row['sources']} sources, "
        f"{row['entities']} entities, {row['indicators']} indicators, "
        f"{row['observations']} observations, {row['rankings']} rankings, "
        f"{row['statements']} statements"
    )
