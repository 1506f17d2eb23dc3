"""The compiled form of the shipped file: identical to parsing it, and never used otherwise."""

from __future__ import annotations

import marshal

import pytest

import szfacts
from szfacts.reading.compiled import dump, load
from szfacts.reading.loader import shipped_bytes

DATA = shipped_bytes()
PARSED = szfacts.parse(DATA).knowledge_base


def _records(kb: szfacts.KnowledgeBase) -> tuple[object, ...]:
    return (kb.sources, kb.entities, kb.indicators, kb.observations, kb.rankings, kb.statements)


def test_compiled_form_gives_the_same_knowledge_base() -> None:
    kb = load(dump(DATA, PARSED), DATA)
    assert kb is not None
    assert _records(kb) == _records(PARSED)
    assert kb.entity("深圳").id == "shenzhen"


def test_compiled_form_of_other_bytes_is_not_used() -> None:
    blob = dump(DATA, PARSED)
    edited = DATA.replace(b"value = 28.5", b"value = 29.5")
    assert load(blob, edited) is None  # the caller parses the edited file instead


@pytest.mark.parametrize(
    "blob",
    [
        b"",
        b"not marshal data",
        marshal.dumps(("something else", 1, DATA, ())),
        marshal.dumps(("szfacts compiled knowledge file", 99, DATA, ())),
        marshal.dumps(("szfacts compiled knowledge file", 1, DATA, ((), (), ()))),
    ],
    ids=["empty", "garbage", "foreign", "other-version", "wrong-shape"],
)
def test_unusable_blobs_fall_back_to_parsing(blob: bytes) -> None:
    assert load(blob, DATA) is None


def test_truncated_blob_falls_back_to_parsing() -> None:
    blob = dump(DATA, PARSED)
    assert load(blob[: len(blob) // 2], DATA) is None


def test_compiled_form_builds_only_the_figures_asked_for() -> None:
    kb = load(dump(DATA, PARSED), DATA)
    assert kb is not None
    found = kb.observations_of("5g-density", "shenzhen")
    assert found == PARSED.observations_of("5g-density", "shenzhen")
    assert len(kb._built) == len(found)  # type: ignore[attr-defined]
    assert kb.count_observations() == len(PARSED.observations)
    assert kb.record("5g-base-stations-shenzhen-2021-end") == PARSED.record(
        "5g-base-stations-shenzhen-2021-end"
    )
    assert kb.observations == PARSED.observations  # all, in file order, when asked for
