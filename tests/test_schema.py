"""The JSON Schema for editors stays in step with the loader."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import tomli

import szfacts
from szfacts.knowledge.records import DIMENSIONS, QUALIFIER_WORDS, STATUSES
from szfacts.reading.builder import ENTITY_KINDS, STATEMENT_KINDS
from szfacts.reading.loader import shipped_bytes
from szfacts.reading.rankings import SCOPE_KINDS

ROOT = Path(__file__).resolve().parent.parent
SCHEMA = json.loads((ROOT / "schema" / "facts.schema.json").read_text(encoding="utf-8"))
SHIPPED = shipped_bytes().decode("utf-8")


def schema_errors(text: str) -> list[str]:
    document = tomli.loads(text)
    validator = jsonschema.Draft202012Validator(SCHEMA)
    return [error.message for error in validator.iter_errors(document)]


def loader_refuses(text: str) -> bool:
    try:
        szfacts.parse(text.encode("utf-8"))
    except szfacts.KnowledgeFileError:
        return True
    return False


def test_schema_is_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_shipped_file_matches_the_schema() -> None:
    assert schema_errors(SHIPPED) == []


def test_first_line_points_editors_to_the_schema() -> None:
    assert SHIPPED.splitlines()[0] == "#:schema ./schema/facts.schema.json"


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('title = "SZ Takes the Lead in China in Digital Economy"\n', ""),  # required field
        ("value = 28.5", 'value = "28.5"'),  # wrong type
        ("value = 28.5", "value = 28.5\nvalu = 1"),  # unknown field
        ('kind = "city"', 'kind = "town"'),  # not one of the kinds
        ('period = "2021-end"', 'period = "end of 2021"'),  # not a period
        ('band = "top 10"', 'band = "first ten"'),  # not a band
        ('band = "top 10"', 'band = "top 10"\nrank = 4'),  # rank and band
        ('id = "shenzhen"', 'id = "Shen Zhen"'),  # not kebab-case
        ("format = 1", "format = 2"),  # another format
        ('source = "sz-daily-2022"\nparagraphs = [4]\n', ""),  # neither source nor formula
    ],
)
def test_invalid_files_are_refused_by_both(old: str, new: str) -> None:
    assert old in SHIPPED
    text = SHIPPED.replace(old, new, 1)
    assert schema_errors(text), "the schema accepted it"
    assert loader_refuses(text), "the loader accepted it"


def _properties(definition: str) -> set[str]:
    found: dict[str, Any] = SCHEMA["$defs"][definition]["properties"]
    return set(found)


@pytest.mark.parametrize(
    ("section", "definition", "anchor"),
    [
        ("sources", "source", 'id = "sz-daily-2022"\n'),
        ("entities", "entity", 'id = "shenzhen"\n'),
        ("indicators", "indicator", 'id = "5g-density"\n'),
        ("observations", "observation", 'id = "5g-density-shenzhen-2021-end"\n'),
        ("statements", "statement", 'id = "shenzhen-gigabit-city"\n'),
    ],
)
def test_schema_fields_are_the_loaders_fields(section: str, definition: str, anchor: str) -> None:
    # The loader names every field it knows when it meets one it does not.
    text = SHIPPED.replace(anchor, anchor + "zzz = 1\n", 1)
    with pytest.raises(szfacts.KnowledgeFileError) as caught:
        szfacts.parse(text.encode("utf-8"))
    message = next(p.message for p in caught.value.problems if p.field == "zzz")
    known = set(re.search(r"known fields: (.*)$", message).group(1).split(", "))  # type: ignore[union-attr]
    if definition == "observation":
        known |= {"formula", "inputs", "source", "paragraphs"}  # read on one path or the other
    assert known == _properties(definition)


def test_schema_choices_are_the_loaders_choices() -> None:
    defs = SCHEMA["$defs"]
    assert defs["entity"]["properties"]["kind"]["enum"] == list(ENTITY_KINDS)
    assert defs["statement"]["properties"]["kind"]["enum"] == list(STATEMENT_KINDS)
    assert defs["ranking"]["properties"]["scope"]["enum"] == list(SCOPE_KINDS)
    assert defs["observation"]["properties"]["qualifier"]["enum"] == list(QUALIFIER_WORDS)
    assert defs["observation"]["properties"]["status"]["enum"] == list(STATUSES)
    assert defs["unit"]["properties"]["dimension"]["enum"] == list(DIMENSIONS)
