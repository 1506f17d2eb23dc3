"""Property-based tests: whatever the input, the loader answers or raises its own error.

Set SZFACTS_FUZZ_EXAMPLES (e.g. 5000) for a longer run than the default.
"""

from __future__ import annotations

import json
import math
import os
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from szfacts import Facts, KnowledgeFileError, parse
from szfacts.reading.loader import shipped_bytes

EXAMPLES = int(os.environ.get("SZFACTS_FUZZ_EXAMPLES", "150"))
SHIPPED = shipped_bytes()
SHIPPED_LINES = SHIPPED.split(b"\n")
TOML_TEST = Path(__file__).parent / "data" / "toml-test" / "tests"

fuzz = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def loads_or_refuses(data: bytes) -> Facts | KnowledgeFileError:
    """Parse; the only exception allowed out is KnowledgeFileError, with a message."""
    try:
        return parse(data, "fuzzed.toml")
    except KnowledgeFileError as error:
        refusal = error
    assert refusal.problems
    assert str(refusal).startswith("fuzzed.toml")
    assert "\n" not in str(refusal)
    return refusal


@fuzz
@given(st.binary(max_size=2000))
def test_arbitrary_bytes(data: bytes) -> None:
    loads_or_refuses(data)


@fuzz
@given(st.text(max_size=500))
def test_arbitrary_text(text: str) -> None:
    loads_or_refuses(text.encode("utf-8", "surrogatepass"))


@fuzz
@given(st.lists(st.tuples(st.integers(0, len(SHIPPED) - 1), st.integers(0, 255)), max_size=8))
def test_shipped_file_with_flipped_bytes(flips: list[tuple[int, int]]) -> None:
    data = bytearray(SHIPPED)
    for position, byte in flips:
        data[position] = byte
    loads_or_refuses(bytes(data))


@fuzz
@given(
    st.lists(
        st.tuples(
            st.sampled_from(["delete", "duplicate", "swap"]),
            st.integers(0, len(SHIPPED_LINES) - 1),
            st.integers(0, len(SHIPPED_LINES) - 1),
        ),
        max_size=6,
    )
)
def test_shipped_file_with_lines_edited(edits: list[tuple[str, int, int]]) -> None:
    lines = list(SHIPPED_LINES)
    for action, one, other in edits:
        first, second = one % len(lines), other % len(lines)
        if action == "delete" and len(lines) > 1:
            del lines[first]
        elif action == "duplicate":
            lines.insert(second, lines[first])
        else:
            lines[first], lines[second] = lines[second], lines[first]
    loads_or_refuses(b"\n".join(lines))


# Documents built from TOML values of every type, placed where knowledge-file fields go.
_scalars = (
    st.integers(-(2**70), 2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.booleans()
    | st.text(max_size=20)
    | st.sampled_from(["2021", "2021-end", "2018-04-12/2018-04-13", "top 10", "shenzhen", "s"])
)
_values = st.recursive(
    _scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(["a", "id", "per"]), inner, max_size=3)
    ),
    max_leaves=8,
)
_fields = st.sampled_from([
    "id", "kind", "name", "title", "unit", "value", "period", "source", "paragraphs", "entity",
    "indicator", "rank", "band", "entries", "formula", "inputs", "ratio", "published", "edition",
    "entities", "text", "members", "region", "qualifier", "language", "origin", "publisher",
])  # fmt: skip
_records = st.lists(st.dictionaries(_fields, _values, max_size=8), max_size=4)
_documents = st.dictionaries(
    st.sampled_from(["format", "sources", "entities", "indicators", "observations", "rankings",
                     "statements", "other"]),
    _records | _values,
    max_size=7,
)  # fmt: skip


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if value in (float("inf"), float("-inf")):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    return "{" + ", ".join(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in value.items()) + "}"


def _toml_document(document: dict[str, Any]) -> str:
    lines = []
    for key, value in document.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            continue
        lines.append(f"{key} = {_toml_value(value)}")
    for key, value in document.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for table in value:
                lines.append(f"[[{key}]]")
                lines.extend(f"{json.dumps(k)} = {_toml_value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"


@fuzz
@given(_documents)
def test_generated_documents(document: dict[str, Any]) -> None:
    result = loads_or_refuses(_toml_document(document).encode("utf-8", "surrogatepass"))
    if isinstance(result, KnowledgeFileError) and "invalid TOML" not in str(result):
        assert all(p.message for p in result.problems)


def _toml_test_files() -> list[Path]:
    return sorted(TOML_TEST.rglob("*.toml"))


def test_toml_test_corpus_is_here() -> None:
    assert len(_toml_test_files()) > 700


@pytest.mark.parametrize("path", _toml_test_files(), ids=lambda p: str(p.relative_to(TOML_TEST)))
def test_toml_conformance_files(path: Path) -> None:
    """Each valid or invalid TOML file loads or is refused with szfacts' own error."""
    result = loads_or_refuses(path.read_bytes())
    if "invalid" in path.parts and "encoding" not in path.parts:
        assert isinstance(result, KnowledgeFileError)
