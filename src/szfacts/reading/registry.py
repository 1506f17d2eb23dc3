"""What a knowledge file's records are checked against while they are built.

A `Registry` holds the records built so far, every id claimed and the problems found; the
section builders (builder.py, observations.py, rankings.py) and the cross-reference checks
(links.py) all write to one.
"""

from __future__ import annotations

from typing import Any

from szfacts.errors import Problem
from szfacts.knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    Source,
    Statement,
    Unit,
)

from .fields import Fields
from .flat import ObservationRow


class Registry:
    """The records built so far, the ids claimed, and the problems found."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}  # id -> section that defined it
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.indicators: dict[str, Indicator] = {}
        # Every observation as a flat row, in file order; those that went through the precise
        # path (derived ones among them) are also kept as objects for the derivation checks.
        self.observation_rows: list[ObservationRow] = []
        self.observations: dict[str, Observation] = {}
        self.rankings: dict[str, Ranking] = {}
        self.statements: dict[str, Statement] = {}
        self.units: dict[str, Unit] = {}  # by name

    def top_problem(self, message: str, field: str | None = None) -> None:
        """Record a problem with the file as a whole or a section."""
        self.problems.append(Problem(message, field=field))

    def claim(self, fields: Fields, record_id: str | None, key: str = "id") -> bool:
        """Claim an id for a record; False (and a problem) when it is missing or taken."""
        if record_id is None:
            return False
        if record_id in self.ids:
            fields.problem(
                key, f"duplicate id {record_id!r}, already used in {self.ids[record_id]}"
            )
            return False
        self.ids[record_id] = fields.section
        return True

    def ref(self, fields: Fields, key: str, value: str | None, kind: str) -> bool:
        """Whether a reference to a record of a kind (source, entity, indicator) resolves."""
        pools: dict[str, dict[str, Any]] = {
            "source": self.sources, "entity": self.entities, "indicator": self.indicators,
        }  # fmt: skip
        pool = pools[kind]
        if value is None or value in pool:
            return True
        fields.problem(key, f"refers to {kind} {value!r}, which is not defined")
        return False
