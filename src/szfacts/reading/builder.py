"""Records from a parsed TOML document, with every cross-reference checked.

Problems are collected rather than raised, so that `szfacts check` can list them all.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, Final

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import (
    DIMENSIONS,
    Entity,
    Indicator,
    Ratio,
    Source,
    Statement,
    Unit,
)

from .fields import Fields, is_text
from .flat import observation_from_row
from .links import check_links
from .observations import fast_observation, observation
from .rankings import ranking
from .registry import Registry

FORMAT_VERSION: Final = 1
ENTITY_KINDS: Final = (
    "country",
    "province",
    "municipality",
    "city",
    "group",
    "organisation",
    "person",
)
STATEMENT_KINDS: Final = ("event", "relocation", "plan", "role", "finding", "assessment")
_SECTIONS: Final = (
    "units", "sources", "entities", "indicators", "observations", "rankings", "statements",
)  # fmt: skip


class Builder(Registry):
    """Builds records section by section, collecting problems instead of stopping."""

    def __init__(self, document: dict[str, Any]) -> None:
        super().__init__()
        self.document = document

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
            tuple(self.units.values()),
        )

    def validate(self) -> None:
        """Build every record and check cross-references; problems go to `problems`."""
        doc = self.document
        version = doc.get("format")
        if version is None:
            self.top_problem(f"is required: write `format = {FORMAT_VERSION}` at the top", "format")
        elif version != FORMAT_VERSION or isinstance(version, bool):
            written = version.decode() if isinstance(version, bytes) else repr(version)
            self.top_problem(f"must be {FORMAT_VERSION}, not {written}", "format")
        for key in sorted(set(doc) - {"format", *_SECTIONS}):
            self.top_problem(f"is not a section; sections are: {', '.join(_SECTIONS)}", key)
        self._section("units", self._unit)
        self._section("sources", self._source)
        self._section("entities", self._entity)
        self._section("indicators", self._indicator)
        self._section("observations", partial(observation, self), partial(fast_observation, self))
        self._section("rankings", partial(ranking, self))
        self._section("statements", self._statement)
        check_links(self)

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
            raw_id = table.get("id", table.get("name") if section == "units" else None)
            label = raw_id if is_text(raw_id) and raw_id else f"#{index + 1}"
            make(Fields(self.problems, section, table, label))

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
            f.url(),
            f.text("url_note", False),
            f.urls("mirrors"),
            f.text("author", False),
        )
        published = values[4]
        if published is not None and published.precision not in ("day", "month", "year"):
            f.problem("published", "must be a date: YYYY-MM-DD, or YYYY-MM or YYYY when unknown")
        url, url_note, mirrors = values[9], values[10], values[11]
        if mirrors and url is None and f.ok:
            f.problem("mirrors", "mirrors are other addresses of the text at `url`: give `url`")
        if url is not None and url in mirrors:
            f.problem("mirrors", f"{url!r} is the source's own url, not a mirror")
        if url is not None and url_note is not None:
            f.problem("url_note", "says why a source has no address; this one has a url")
        if f.finish() and self.claim(f, record_id) and record_id is not None:
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
        if f.finish() and self.claim(f, record_id) and record_id and kind and name:
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
        method = f.text("method", False)
        name_zh, topic = f.text("name_zh", False), f.text("topic", False)
        keywords = f.texts("keywords")
        if f.finish() and self.claim(f, record_id) and record_id and name and unit and definition:
            self.indicators[record_id] = Indicator(
                record_id,
                name,
                unit,
                definition,
                change_of,
                change,
                ratio,
                method,
                name_zh,
                topic,
                keywords,
            )

    def _unit(self, f: Fields) -> None:
        name = f.text("name")
        dimension = f.choice("dimension", DIMENSIONS)
        factor = f.number("factor")
        note = f.text("note", False)
        if factor is not None and not factor[0] > 0:
            f.problem("factor", "must be a positive number (1e9 for a billion)")
        if name is not None and name in self.units:
            f.problem("name", f"unit {name!r} is declared twice")
        if f.finish() and name and dimension and factor:
            self.units[name] = Unit(name, dimension, float(factor[0]), note)

    def _statement(self, f: Fields) -> None:
        record_id = f.identifier()
        kind = f.choice("kind", STATEMENT_KINDS)
        entities = f.texts("entities", required=True, ids=True)
        if not entities and "entities" in f.table and f.ok:
            f.problem("entities", "must name at least one entity")
        for entity in entities:
            self.ref(f, "entities", entity, "entity")
        text, period = f.text("text"), f.period()
        period_note, note = f.text("period_note", False), f.text("note", False)
        source_id = f.identifier("source")
        source = self.sources.get(source_id) if source_id else None
        self.ref(f, "source", source_id, "source")
        paragraphs = f.paragraphs(source)
        if f.finish() and self.claim(f, record_id) and record_id and kind and text and source_id:
            self.statements[record_id] = Statement(
                record_id, kind, entities, text, period, period_note, note, source_id, paragraphs
            )
