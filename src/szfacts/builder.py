"""Records from a parsed TOML document, with every cross-reference checked.

Problems are collected rather than raised, so that `szfacts check` can list them all.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, Final

from .errors import Problem
from .fields import ID_PATTERN, MAX_EXACT_INT, Fields, FloatLiteral, float_decimals, is_text
from .model import (
    QUALIFIER_WORDS,
    Derivation,
    Entity,
    Indicator,
    KnowledgeBase,
    Observation,
    ObservationRow,
    Ranking,
    RankingEntry,
    Ratio,
    Source,
    Statement,
    observation_from_row,
    observation_row,
)
from .periods import parse_period

FORMAT_VERSION: Final = 1
_PLAIN_OBSERVATION_KEYS: Final = frozenset(
    ("id", "indicator", "entity", "period", "period_note", "value", "unit", "qualifier",
     "note", "source", "paragraphs")
)  # fmt: skip
_BAND = re.compile(r"^top (\d{1,9})$")
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


class Builder:
    """Builds records section by section, collecting problems instead of stopping."""

    def __init__(self, document: dict[str, Any]) -> None:
        self.document = document
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

    def top_problem(self, message: str, field: str | None = None) -> None:
        """Record a problem with the file as a whole or a section."""
        self.problems.append(Problem(message, field=field))

    def build(self) -> KnowledgeBase:
        """Validate, then return the knowledge base (check `problems` first)."""
        self.validate()
        return self.knowledge_base()

    def knowledge_base(self) -> KnowledgeBase:
        """The knowledge base of what `validate` built."""
        return KnowledgeBase(
            tuple(self.sources.values()),
            tuple(self.entities.values()),
            tuple(self.indicators.values()),
            tuple(observation_from_row(row) for row in self.observation_rows),
            tuple(self.rankings.values()),
            tuple(self.statements.values()),
        )

    def validate(self) -> None:
        """Build every record and check cross-references; problems go to `problems`."""
        doc = self.document
        version = doc.get("format")
        if version is None:
            self.top_problem(f"is required: write `format = {FORMAT_VERSION}` at the top", "format")
        elif version != FORMAT_VERSION or isinstance(version, bool):
            shown = version.decode() if isinstance(version, bytes) else repr(version)
            self.top_problem(f"must be {FORMAT_VERSION}, not {shown}", "format")
        for key in sorted(set(doc) - {"format", *_SECTIONS}):
            self.top_problem(f"is not a section; sections are: {', '.join(_SECTIONS)}", key)
        self._section("sources", self._source)
        self._section("entities", self._entity)
        self._section("indicators", self._indicator)
        self._section("observations", self._observation, self._fast_observation)
        self._section("rankings", self._ranking)
        self._section("statements", self._statement)
        self._check_entity_links()
        self._check_indicator_links()
        self._check_derivations()
        self._check_names()

    def _section(
        self,
        section: str,
        make: Callable[[Fields], None],
        fast: Callable[[dict[str, Any]], bool] | None = None,
    ) -> None:
        records = self.document.get(section, [])
        if not isinstance(records, list):
            self.top_problem(f"must be an array of tables ([[{section}]])", section)
            return
        for index, table in enumerate(records):
            if not isinstance(table, dict):
                self.top_problem(f"item {index + 1} must be a table", section)
                continue
            if fast is not None and fast(table):
                continue
            raw_id = table.get("id")
            label = raw_id if is_text(raw_id) and raw_id else f"#{index + 1}"
            make(Fields(self.problems, section, table, label))

    def _claim(self, fields: Fields, record_id: str | None, key: str = "id") -> bool:
        if record_id is None:
            return False
        if record_id in self.ids:
            fields.problem(
                key, f"duplicate id {record_id!r}, already used in {self.ids[record_id]}"
            )
            return False
        self.ids[record_id] = fields.section
        return True

    def _ref(self, fields: Fields, key: str, value: str | None, kind: str) -> bool:
        """Whether a reference to a record of a kind (source, entity, indicator) resolves."""
        pools: dict[str, dict[str, Any]] = {
            "source": self.sources, "entity": self.entities, "indicator": self.indicators,
        }  # fmt: skip
        pool = pools[kind]
        if value is None or value in pool:
            return True
        fields.problem(key, f"refers to {kind} {value!r}, which is not defined")
        return False

    def _source(self, f: Fields) -> None:
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

    def _entity(self, f: Fields) -> None:
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

    def _indicator(self, f: Fields) -> None:
        record_id = f.identifier()
        name, unit, definition = f.text("name"), f.text("unit"), f.text("definition")
        change_of = f.identifier("change_of", False)
        change = f.choice("change", ("relative", "absolute"), False)
        if (change_of is None) != (change is None) and f.ok:
            f.problem("change", "change_of and change go together: give both or neither")
        ratio = None
        raw = f.table_of("ratio")
        if raw is not None:
            ratio_fields = Fields(self.problems, "indicators", raw, f.record)
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

    def _plain_observation(self, t: dict[str, Any]) -> ObservationRow | None:
        """Fast path for a valid, stated observation; None sends it to the precise path.

        Large files are almost all such records: checking them with direct type tests and
        keeping them as flat rows, instead of one method call per field and an object each,
        loads 100,000 several times faster. Anything unusual (a problem, a formula) goes
        through `_observation`, which names it.
        """
        if not t.keys() <= _PLAIN_OBSERVATION_KEYS:
            return None
        try:  # a missing key, or a value of a type that is no dictionary key, leaves the path
            record_id = t["id"]
            indicator = self.indicators[t["indicator"]]
            source = self.sources[t["source"]]
            entity_id = t["entity"]
            value, paragraphs = t["value"], t["paragraphs"]
            if entity_id not in self.entities or t["unit"] != indicator.unit:
                return None
        except (KeyError, TypeError):
            return None
        if (
            type(record_id) is not str
            or record_id in self.ids
            or not ID_PATTERN.match(record_id)
            or type(paragraphs) is not list
            or not paragraphs
        ):
            return None
        get = t.get
        period_text, period_note = get("period"), get("period_note")
        qualifier, note = get("qualifier"), get("note")
        if qualifier is not None and (
            type(qualifier) is not str or qualifier not in QUALIFIER_WORDS
        ):
            return None
        for text in (period_note, note):
            if text is not None and (type(text) is not str or not text.strip()):
                return None
        limit = source.paragraphs
        for paragraph in paragraphs:
            if type(paragraph) is not int or not 1 <= paragraph <= limit:
                return None
        if type(value) is int:
            if abs(value) > MAX_EXACT_INT:
                return None
            number: int | float = value
            decimals = 0
        elif type(value) is FloatLiteral:
            number = float(value)
            if not abs(number) <= 1e300:  # also false for NaN
                return None
            dot = value.find(b".")
            if dot < 0 or b"e" in value or b"E" in value:
                decimals = min(float_decimals(value), 15)
            else:  # the common 26.70: digits after the point, without a call
                decimals = min(len(value) - dot - 1, 15)
        else:
            return None
        if period_text is not None:
            if type(period_text) is not str:
                return None
            try:
                parse_period(period_text)
            except ValueError:
                return None
        self.ids[record_id] = "observations"
        return (
            record_id, indicator.id, entity_id, period_text, period_note, number, decimals,
            indicator.unit, qualifier, note, source.id,
            str(paragraphs[0]) if len(paragraphs) == 1 else ",".join(map(str, paragraphs)),
            None, None,
        )  # fmt: skip

    def _fast_observation(self, table: dict[str, Any]) -> bool:
        row = self._plain_observation(table)
        if row is not None:
            self.observation_rows.append(row)
        return row is not None

    def _observation(self, f: Fields) -> None:
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
            self._ref(f, "source", source_id, "source")
            paragraphs = f.paragraphs(source)
        self._ref(f, "indicator", indicator, "indicator")
        self._ref(f, "entity", entity, "entity")
        known = self.indicators.get(indicator or "")
        if known is not None and unit is not None and unit != known.unit:
            f.problem(
                "unit", f"{unit!r} differs from the unit of indicator {known.id!r}: {known.unit!r}"
            )
        if f.finish() and self._claim(f, record_id) and record_id and number:
            obs = Observation(
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
            self.observations[record_id] = obs
            self.observation_rows.append(observation_row(obs))

    def _derivation(
        self, f: Fields, formula: str | None, raw_inputs: dict[str, Any] | None
    ) -> Derivation | None:
        if formula is None or raw_inputs is None:
            f.problem("formula", "a derived value needs both `formula` and `inputs`")
            return None
        inputs: list[tuple[str, str]] = []
        for name, target in raw_inputs.items():
            if not is_text(target) or not ID_PATTERN.match(target):
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

    def _ranking(self, f: Fields) -> None:
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
        self._ref(f, "source", source_id, "source")
        self._ref(f, "indicator", indicator, "indicator")
        self._ref(f, "compiler", compiler, "entity")
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
        self, f: Fields, source: Source | None, scope: str | None, universe: int | None
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
                table.get("id") if is_text(table.get("id")) else f"{f.record}#{len(entries) + 1}"
            )
            e = Fields(self.problems, "rankings.entries", table, label)
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
            limit = universe or MAX_EXACT_INT
            for key, number in (("rank", rank), ("band", band_top)):
                if number is not None and not 1 <= number <= limit:
                    e.problem(key, f"{number} is outside 1..{limit}, the ranking's universe")
            if rank is not None and rank in ranks:
                e.problem("rank", f"rank {rank} is already held by {ranks[rank]!r} in this ranking")
            if entity is not None and entity in entities:
                e.problem("entity", f"{entity!r} appears twice in this ranking")
            if self._ref(e, "entity", entity, "entity") and entity and scope:
                kind = self.entities[entity].kind
                if kind not in SCOPE_KINDS[scope]:
                    e.problem(
                        "entity", f"{entity!r} is a {kind}, which a {scope} ranking cannot rank"
                    )
            note, paragraphs = e.text("note", False), e.paragraphs(source, required=False)
            if e.finish() and self._claim(e, record_id) and record_id and entity:
                if rank is not None:
                    ranks[rank] = entity
                entities.add(entity)
                entries.append(RankingEntry(record_id, entity, rank, band_top, note, paragraphs))
            else:
                f.ok = False
        return tuple(entries)

    def _statement(self, f: Fields) -> None:
        record_id = f.identifier()
        kind = f.choice("kind", STATEMENT_KINDS)
        entities = f.texts("entities", required=True, ids=True)
        if not entities and "entities" in f.table and f.ok:
            f.problem("entities", "must name at least one entity")
        for entity in entities:
            self._ref(f, "entities", entity, "entity")
        text, period = f.text("text"), f.period()
        period_note, note = f.text("period_note", False), f.text("note", False)
        source_id = f.identifier("source")
        source = self.sources.get(source_id) if source_id else None
        self._ref(f, "source", source_id, "source")
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
                if self.ids.get(target) != "observations":
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
