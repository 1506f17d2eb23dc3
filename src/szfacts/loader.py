"""Bytes to a validated knowledge base.

Parses with tomli, then checks every record: types, required and unknown fields, id syntax
and uniqueness, references, units, ranks and periods. All problems are collected, so that
`szfacts check` can list them together; `load` raises them as one KnowledgeFileError.
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any, Final

import tomli

from .errors import KnowledgeFileError, Problem
from .model import (
    QUALIFIER_WORDS,
    Derivation,
    Entity,
    Indicator,
    KnowledgeBase,
    Observation,
    Ranking,
    RankingEntry,
    Ratio,
    Source,
    Statement,
)
from .periods import Period, parse_period

SHIPPED_NAME: Final = "facts.toml (shipped)"
FORMAT_VERSION: Final = 1
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_BAND = re.compile(r"^top (\d{1,9})$")
_MAX_EXACT_INT: Final = 2**53 - 1  # the largest integer a JSON reader keeps exactly
ENTITY_KINDS: Final = (
    "country",
    "province",
    "municipality",
    "city",
    "group",
    "organisation",
    "person",
)
SCOPE_KINDS: Final = {
    "city": ("city", "municipality"),
    "province": ("province", "municipality"),
    "country": ("country",),
    "organisation": ("organisation",),
}
STATEMENT_KINDS: Final = ("event", "relocation", "plan", "role", "finding", "assessment")
_SECTIONS: Final = ("sources", "entities", "indicators", "observations", "rankings", "statements")


def shipped_bytes() -> bytes:
    """The knowledge file that ships inside the package, read as package data."""
    from importlib.resources import files

    return files("szfacts").joinpath("facts.toml").read_bytes()


def read_file(path: str | os.PathLike[str]) -> bytes:
    """A knowledge file's bytes, or a KnowledgeFileError saying why it cannot be read."""
    name = os.fspath(path)
    try:
        return Path(name).read_bytes()
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
        return parse(shipped_bytes(), SHIPPED_NAME)
    return parse(read_file(path), os.fspath(path))


def parse(data: bytes, name: str = "<knowledge file>") -> KnowledgeBase:
    """Parse and validate knowledge-file bytes; name is used in error messages."""
    kb, problems = validate(data)
    if kb is None:
        raise KnowledgeFileError(name, problems)
    return kb


def validate(data: bytes) -> tuple[KnowledgeBase | None, list[Problem]]:
    """Every problem in a knowledge file, and the knowledge base when there are none."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        return None, [Problem("is not valid UTF-8 text", line=line, column=column)]
    try:
        document = tomli.loads(text, parse_float=Decimal)
    except tomli.TOMLDecodeError as error:
        problem = Problem(f"invalid TOML: {error.msg}", line=error.lineno, column=error.colno)
        return None, [problem]
    except RecursionError:
        return None, [Problem("invalid TOML: nested too deeply")]
    builder = _Builder(document)
    kb = builder.build()
    if builder.problems:
        return None, [_with_line(p, text) for p in builder.problems]
    return kb, []


def _with_line(problem: Problem, text: str) -> Problem:
    """Add the line of the record's `id = "..."` so that editors can jump to it."""
    if problem.record is None or problem.line is not None:
        return problem
    pattern = r'^[ \t]*id[ \t]*=[ \t]*"' + re.escape(problem.record) + '"'
    match = re.search(pattern, text, re.MULTILINE)
    if match is None:
        return problem
    line = text.count("\n", 0, match.start()) + 1
    return Problem(problem.message, problem.section, problem.record, problem.field, line)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | Decimal):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


class _Fields:
    """Typed reads of one record's fields; every problem names section, record and field."""

    def __init__(self, builder: _Builder, section: str, table: dict[str, Any], label: str) -> None:
        self.builder = builder
        self.section = section
        self.table = table
        self.record = label
        self.ok = True
        self._seen: set[str] = set()

    def problem(self, field: str | None, message: str) -> None:
        self.ok = False
        self.builder.problems.append(Problem(message, self.section, self.record, field))

    def get(self, key: str, required: bool) -> Any:
        """The raw value of a field, marking it as known."""
        self._seen.add(key)
        if key not in self.table:
            if required:
                self.problem(key, "is required but missing")
            return None
        return self.table[key]

    def text(self, key: str, required: bool = True) -> str | None:
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(key, f"must be a string, not {_type_name(value)}")
            return None
        if not value.strip():
            self.problem(key, "must not be empty")
            return None
        return value

    def identifier(self, key: str = "id", required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and not _ID.match(value):
            self.problem(key, f"{value!r} is not a kebab-case id (like 'shenzhen' or '5g-density')")
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...], required: bool = True) -> str | None:
        value = self.text(key, required)
        if value is not None and value not in choices:
            self.problem(key, f"{value!r} is not one of: {', '.join(choices)}")
            return None
        return value

    def integer(self, key: str, required: bool = True, minimum: int = 1) -> int | None:
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"must be a whole number, not {_type_name(value)}")
            return None
        if not minimum <= value <= _MAX_EXACT_INT:
            self.problem(key, f"must be between {minimum} and {_MAX_EXACT_INT}, not {value}")
            return None
        return value

    def number(self, key: str, required: bool = True) -> tuple[int | float, int] | None:
        """A finite number and its count of printed decimals."""
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | Decimal):
            self.problem(key, f"must be a number, not {_type_name(value)}")
            return None
        if isinstance(value, int):
            if abs(value) > _MAX_EXACT_INT:
                self.problem(key, f"{value} is too large; numbers must be within ±{_MAX_EXACT_INT}")
                return None
            return value, 0
        if not value.is_finite():
            self.problem(key, f"must be a finite number, not {value}")
            return None
        number = float(value)
        if not math.isfinite(number) or abs(number) > 1e300:
            self.problem(key, f"{value} is out of range")
            return None
        exponent = value.as_tuple().exponent
        decimals = -exponent if isinstance(exponent, int) and exponent < 0 else 0
        return number, min(decimals, 15)

    def texts(self, key: str, required: bool = False, ids: bool = False) -> tuple[str, ...]:
        value = self.get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            self.problem(key, "must be an array of non-empty strings")
            return ()
        if ids:
            for item in value:
                if not _ID.match(item):
                    self.problem(key, f"{item!r} is not a kebab-case id")
                    return ()
        return tuple(value)

    def paragraphs(self, source: Source | None, required: bool = True) -> tuple[int, ...]:
        value = self.get("paragraphs", required)
        if value is None:
            return ()
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
        ):
            self.problem("paragraphs", "must be a non-empty array of paragraph numbers (1, 2, ...)")
            return ()
        if source is not None:
            beyond = [v for v in value if v > source.paragraphs]
            if beyond:
                self.problem(
                    "paragraphs",
                    f"paragraph {beyond[0]} is past the end of source {source.id!r}, "
                    f"which has {source.paragraphs}",
                )
                return ()
        return tuple(value)

    def period(self, key: str = "period", required: bool = False) -> Period | None:
        value = self.text(key, required)
        if value is None:
            return None
        try:
            return parse_period(value)
        except ValueError as error:
            self.problem(key, str(error))
            return None

    def table_of(self, key: str) -> dict[str, Any] | None:
        value = self.get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, f"must be a table, not {_type_name(value)}")
            return None
        return value

    def finish(self) -> bool:
        unknown = sorted(set(self.table) - self._seen)
        for key in unknown:
            known = ", ".join(sorted(self._seen))
            self.problem(key, f"is not a field of {self.section}; known fields: {known}")
        return self.ok


class _Builder:
    """Builds records section by section, collecting problems instead of stopping."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
        self.problems: list[Problem] = []
        self.ids: dict[str, str] = {}  # id -> section that defined it
        self.sources: dict[str, Source] = {}
        self.entities: dict[str, Entity] = {}
        self.indicators: dict[str, Indicator] = {}
        self.observations: dict[str, Observation] = {}
        self.rankings: dict[str, Ranking] = {}
        self.statements: dict[str, Statement] = {}

    def top_problem(self, message: str, field: str | None = None) -> None:
        self.problems.append(Problem(message, field=field))

    def build(self) -> KnowledgeBase:
        doc = self.document
        version = doc.get("format")
        if version is None:
            self.top_problem(f"is required: write `format = {FORMAT_VERSION}` at the top", "format")
        elif version != FORMAT_VERSION or isinstance(version, bool):
            self.top_problem(f"must be {FORMAT_VERSION}, not {version!r}", "format")
        for key in sorted(set(doc) - {"format", *_SECTIONS}):
            self.top_problem(f"is not a section; sections are: {', '.join(_SECTIONS)}", key)
        self._section("sources", self._source)
        self._section("entities", self._entity)
        self._section("indicators", self._indicator)
        self._section("observations", self._observation)
        self._section("rankings", self._ranking)
        self._section("statements", self._statement)
        self._check_entity_links()
        self._check_indicator_links()
        self._check_derivations()
        self._check_names()
        return KnowledgeBase(
            tuple(self.sources.values()),
            tuple(self.entities.values()),
            tuple(self.indicators.values()),
            tuple(self.observations.values()),
            tuple(self.rankings.values()),
            tuple(self.statements.values()),
        )

    def _section(self, section: str, make: Callable[[_Fields], None]) -> None:
        records = self.document.get(section, [])
        if not isinstance(records, list):
            self.top_problem(f"must be an array of tables ([[{section}]])", section)
            return
        for index, table in enumerate(records):
            if not isinstance(table, dict):
                self.top_problem(f"item {index + 1} must be a table", section)
                continue
            raw_id = table.get("id")
            label = raw_id if isinstance(raw_id, str) and raw_id else f"#{index + 1}"
            make(_Fields(self, section, table, label))

    def _claim(self, fields: _Fields, record_id: str | None, key: str = "id") -> bool:
        if record_id is None:
            return False
        if record_id in self.ids:
            fields.problem(
                key, f"duplicate id {record_id!r}, already used in {self.ids[record_id]}"
            )
            return False
        self.ids[record_id] = fields.section
        return True

    def _ref(self, fields: _Fields, key: str, value: str | None, pool: dict[str, Any]) -> bool:
        if value is None:
            return True
        if value not in pool:
            kind = {id(self.sources): "source", id(self.entities): "entity"}.get(
                id(pool), "indicator" if pool is self.indicators else "record"
            )
            fields.problem(key, f"refers to {kind} {value!r}, which is not defined")
            return False
        return True

    def _source(self, f: _Fields) -> None:
        record_id = f.identifier()
        values = (
            f.text("title"),
            f.text("kind"),
            f.text("publisher"),
            f.text("outlet", False),
            f.period("published", True),
            f.text("published_note", False),
            f.text("origin"),
            f.text("language"),
            f.integer("paragraphs"),
        )
        published = values[4]
        if published is not None and published.precision not in ("day", "month", "year"):
            f.problem("published", "must be a date: YYYY-MM-DD, or YYYY-MM or YYYY when unknown")
        if f.finish() and self._claim(f, record_id) and record_id is not None:
            self.sources[record_id] = Source(record_id, *values)  # type: ignore[arg-type]

    def _entity(self, f: _Fields) -> None:
        record_id = f.identifier()
        kind = f.choice("kind", ENTITY_KINDS)
        name, name_zh = f.text("name"), f.text("name_zh", False)
        aliases = f.texts("aliases")
        region = f.identifier("region", False)
        members = f.texts("members", ids=True)
        if kind == "group" and len(members) < 2:
            f.problem("members", "a group must list at least two member entities")
        elif members and kind != "group":
            f.problem("members", "only an entity of kind 'group' has members")
        if f.finish() and self._claim(f, record_id) and record_id and kind and name:
            self.entities[record_id] = Entity(
                record_id, kind, name, name_zh, aliases, region, members
            )

    def _indicator(self, f: _Fields) -> None:
        record_id = f.identifier()
        name, unit, definition = f.text("name"), f.text("unit"), f.text("definition")
        change_of = f.identifier("change_of", False)
        change = f.choice("change", ("relative", "absolute"), False)
        if (change_of is None) != (change is None) and f.ok:
            f.problem("change", "change_of and change go together: give both or neither")
        ratio = None
        raw = f.table_of("ratio")
        if raw is not None:
            ratio_fields = _Fields(self, "indicators", raw, f.record)
            ratio_fields.section = "indicators"
            numerator = ratio_fields.identifier("numerator")
            denominator = ratio_fields.identifier("denominator")
            per = ratio_fields.number("per")
            if ratio_fields.finish() and numerator and denominator and per:
                ratio = Ratio(numerator, denominator, float(per[0]))
            else:
                f.ok = False
        if f.finish() and self._claim(f, record_id) and record_id and name and unit and definition:
            self.indicators[record_id] = Indicator(
                record_id, name, unit, definition, change_of, change, ratio
            )

    def _observation(self, f: _Fields) -> None:
        record_id = f.identifier()
        indicator, entity = f.identifier("indicator"), f.identifier("entity")
        period, period_note = f.period(), f.text("period_note", False)
        number = f.number("value")
        unit = f.text("unit")
        qualifier = f.choice("qualifier", tuple(QUALIFIER_WORDS), False)
        note = f.text("note", False)
        formula = f.text("formula", False)
        derivation = None
        raw_inputs = f.table_of("inputs")
        if formula is not None or raw_inputs is not None:
            derivation = self._derivation(f, formula, raw_inputs)
            source_id = f.text("source", False)
            if source_id is not None or "paragraphs" in f.table:
                f.problem("source", "a derived value has no source of its own; its inputs do")
            paragraphs: tuple[int, ...] = ()
        else:
            source_id = f.identifier("source")
            source = self.sources.get(source_id) if source_id else None
            self._ref(f, "source", source_id, self.sources)
            paragraphs = f.paragraphs(source)
        self._ref(f, "indicator", indicator, self.indicators)
        self._ref(f, "entity", entity, self.entities)
        known = self.indicators.get(indicator or "")
        if known is not None and unit is not None and unit != known.unit:
            f.problem(
                "unit", f"{unit!r} differs from the unit of indicator {known.id!r}: {known.unit!r}"
            )
        if f.finish() and self._claim(f, record_id) and record_id and number:
            self.observations[record_id] = Observation(
                record_id,
                indicator or "",
                entity or "",
                period,
                period_note,
                number[0],
                number[1],
                unit or "",
                qualifier,
                note,
                source_id,
                paragraphs,
                derivation,
            )

    def _derivation(
        self, f: _Fields, formula: str | None, raw_inputs: dict[str, Any] | None
    ) -> Derivation | None:
        if formula is None or raw_inputs is None:
            f.problem("formula", "a derived value needs both `formula` and `inputs`")
            return None
        inputs: list[tuple[str, str]] = []
        for name, target in raw_inputs.items():
            if not isinstance(target, str) or not _ID.match(target):
                f.problem("inputs", f"input {name!r} must name an observation id")
                return None
            inputs.append((name, target))
        from .formula import FormulaError, names_in

        try:
            used = names_in(formula)
        except FormulaError as error:
            f.problem("formula", str(error))
            return None
        unknown = sorted(used - {name for name, _ in inputs})
        if unknown:
            f.problem("formula", f"uses {unknown[0]!r}, which is not one of its inputs")
            return None
        return Derivation(formula, tuple(inputs))

    def _ranking(self, f: _Fields) -> None:
        record_id = f.identifier()
        name, scope = f.text("name"), f.choice("scope", tuple(SCOPE_KINDS))
        measure, indicator = f.text("measure"), f.identifier("indicator", False)
        report, compiler = f.text("report"), f.identifier("compiler", False)
        edition = f.integer("edition")
        if edition is not None and not 1900 <= edition <= 2999:
            f.problem("edition", f"{edition} is not a plausible edition year")
        period, period_note = f.period(), f.text("period_note", False)
        universe = f.integer("universe", False)
        source_id = f.identifier("source")
        source = self.sources.get(source_id) if source_id else None
        self._ref(f, "source", source_id, self.sources)
        self._ref(f, "indicator", indicator, self.indicators)
        self._ref(f, "compiler", compiler, self.entities)
        paragraphs = f.paragraphs(source)
        entries = self._entries(f, source, scope, universe)
        if f.finish() and self._claim(f, record_id) and record_id and name and scope:
            self.rankings[record_id] = Ranking(
                record_id,
                name,
                scope,
                measure or "",
                indicator,
                report or "",
                compiler,
                edition or 0,
                period,
                period_note,
                universe,
                source_id or "",
                paragraphs,
                entries,
            )

    def _entries(
        self, f: _Fields, source: Source | None, scope: str | None, universe: int | None
    ) -> tuple[RankingEntry, ...]:
        raw = f.get("entries", required=True)
        if raw is None:
            return ()
        if not isinstance(raw, list) or not raw or not all(isinstance(e, dict) for e in raw):
            f.problem("entries", "must be a non-empty array of tables ([[rankings.entries]])")
            return ()
        entries: list[RankingEntry] = []
        ranks: dict[int, str] = {}
        entities: set[str] = set()
        for table in raw:
            label = (
                table.get("id")
                if isinstance(table.get("id"), str)
                else f"{f.record}#{len(entries) + 1}"
            )
            e = _Fields(self, "rankings.entries", table, label)
            record_id, entity = e.identifier(), e.identifier("entity")
            rank = e.integer("rank", False)
            band_text = e.text("band", False)
            band_top = None
            if band_text is not None:
                match = _BAND.match(band_text)
                if match is None:
                    e.problem("band", f"{band_text!r} is not a band; write it as 'top N'")
                else:
                    band_top = int(match[1])
            if (rank is None) == (band_top is None) and e.ok:
                e.problem("rank", "give either a numeric `rank` or a `band`, not both or neither")
            limit = universe or _MAX_EXACT_INT
            for key, number in (("rank", rank), ("band", band_top)):
                if number is not None and not 1 <= number <= limit:
                    e.problem(key, f"{number} is outside 1..{limit}, the ranking's universe")
            if rank is not None and rank in ranks:
                e.problem("rank", f"rank {rank} is already held by {ranks[rank]!r} in this ranking")
            if entity is not None and entity in entities:
                e.problem("entity", f"{entity!r} appears twice in this ranking")
            if self._ref(e, "entity", entity, self.entities) and entity and scope:
                kind = self.entities[entity].kind
                if kind not in SCOPE_KINDS[scope]:
                    e.problem(
                        "entity", f"{entity!r} is a {kind}, which a {scope} ranking cannot rank"
                    )
            note, paragraphs = e.text("note", False), e.paragraphs(source)
            if e.finish() and self._claim(e, record_id) and record_id and entity:
                if rank is not None:
                    ranks[rank] = entity
                entities.add(entity)
                entries.append(RankingEntry(record_id, entity, rank, band_top, note, paragraphs))
            else:
                f.ok = False
        return tuple(entries)

    def _statement(self, f: _Fields) -> None:
        record_id = f.identifier()
        kind = f.choice("kind", STATEMENT_KINDS)
        entities = f.texts("entities", required=True, ids=True)
        if not entities and "entities" in f.table and f.ok:
            f.problem("entities", "must name at least one entity")
        for entity in entities:
            self._ref(f, "entities", entity, self.entities)
        text, period = f.text("text"), f.period()
        period_note, note = f.text("period_note", False), f.text("note", False)
        source_id = f.identifier("source")
        source = self.sources.get(source_id) if source_id else None
        self._ref(f, "source", source_id, self.sources)
        paragraphs = f.paragraphs(source)
        if f.finish() and self._claim(f, record_id) and record_id and kind and text and source_id:
            self.statements[record_id] = Statement(
                record_id, kind, entities, text, period, period_note, note, source_id, paragraphs
            )

    def _check_entity_links(self) -> None:
        for entity in self.entities.values():
            for key, targets in (("region", (entity.region,)), ("members", entity.members)):
                for target in targets:
                    if target is not None and target not in self.entities:
                        self.problems.append(
                            Problem(
                                f"refers to entity {target!r}, which is not defined",
                                "entities",
                                entity.id,
                                key,
                            )
                        )
        for entity in self.entities.values():  # a region chain must end, not loop
            seen, current = {entity.id}, entity.region
            while current is not None and current in self.entities:
                if current in seen:
                    self.problems.append(
                        Problem("regions form a loop", "entities", entity.id, "region")
                    )
                    break
                seen.add(current)
                current = self.entities[current].region

    def _check_indicator_links(self) -> None:
        for ind in self.indicators.values():
            refs = [("change_of", ind.change_of)]
            if ind.ratio is not None:
                refs += [("ratio", ind.ratio.numerator), ("ratio", ind.ratio.denominator)]
            for key, target in refs:
                if target is not None and target not in self.indicators:
                    self.problems.append(
                        Problem(
                            f"refers to indicator {target!r}, which is not defined",
                            "indicators",
                            ind.id,
                            key,
                        )
                    )
                elif target == ind.id:
                    self.problems.append(
                        Problem("an indicator cannot refer to itself", "indicators", ind.id, key)
                    )

    def _check_derivations(self) -> None:
        for obs in self.observations.values():
            if obs.derivation is None:
                continue
            for name, target in obs.derivation.inputs:
                if target not in self.observations:
                    self.problems.append(
                        Problem(
                            f"input {name!r} refers to observation {target!r}, "
                            "which is not defined",
                            "observations",
                            obs.id,
                            "inputs",
                        )
                    )
        for obs in self.observations.values():
            if self._in_cycle(obs.id, set()):
                self.problems.append(
                    Problem(
                        "derived from itself through its inputs", "observations", obs.id, "inputs"
                    )
                )

    def _in_cycle(self, start: str, path: set[str], current: str | None = None) -> bool:
        node = self.observations.get(current or start)
        if node is None or node.derivation is None:
            return False
        for _, target in node.derivation.inputs:
            if target == start:
                return True
            if target not in path:
                path.add(target)
                if self._in_cycle(start, path, target):
                    return True
        return False

    def _check_names(self) -> None:
        owners: dict[str, str] = {}
        for entity in self.entities.values():
            for name in {
                n.casefold() for n in (entity.id, entity.name, entity.name_zh, *entity.aliases) if n
            }:
                other = owners.setdefault(name, entity.id)
                if other != entity.id:
                    self.problems.append(
                        Problem(
                            f"name or alias {name!r} is also used by entity {other!r}",
                            "entities",
                            entity.id,
                            "aliases",
                        )
                    )
