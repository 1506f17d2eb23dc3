"""The Python API: typed answers to what each command asks, and its documented examples."""

from __future__ import annotations

import doctest

import pytest

import szfacts
import szfacts.api
import szfacts.reading.loader
from tests.conftest import FROZEN, SEED


@pytest.mark.parametrize("module", [szfacts, szfacts.api, szfacts.reading.loader])
def test_docstring_examples_run(module: object) -> None:
    failures, tried = doctest.testmod(module, extraglobs={"szfacts": szfacts})  # type: ignore[arg-type]
    assert tried > 0
    assert failures == 0


def test_rankings_for_a_data_year() -> None:
    found = szfacts.load(SEED).rankings_for(2017)  # the seeds alone have no 2017 edition
    assert found.by_data_year
    assert {r.edition for r in found.rankings} == {2018}


def test_find_takes_names_in_any_form() -> None:
    kb = szfacts.load()
    (obs,) = kb.find("5G base-station density", "SZ", "2021")
    assert (obs.value, obs.unit, obs.source) == (
        28.5,
        "base stations per 10,000 people",
        "sz-daily-2022",
    )
    with pytest.raises(szfacts.LookupFailed) as caught:
        kb.find("5g-densty")
    assert caught.value.suggestions == ["5g-density", "5g-density-area"]
    with pytest.raises(szfacts.NoResult):
        kb.find("5g-density", "guangzhou")


def test_compare_gives_records_not_text() -> None:
    entities, rows = szfacts.load(FROZEN).compare(["shenzhen", "beijing"])  # data that stays put
    assert [e.id for e in entities] == ["shenzhen", "beijing"]
    provinces = next(r for r in rows if r.subject.id == "internet-plus-provinces-2018")
    assert set(provinces.places) == {"beijing"}
    density = next(r for r in rows if r.subject.id == "5g-density" and r.status == "actual")
    assert density.observations["beijing"][0].value == 52  # each city's latest figure
    assert density.observations["shenzhen"][0].value == 28.5
    planned = next(r for r in rows if r.subject.id == "5g-density" and r.status == "target")
    assert planned.observations["beijing"] == ()
    assert planned.observations["shenzhen"][0].target


def test_trend_states_and_checks_the_change() -> None:
    _, indicator, points = szfacts.load(SEED).trend("中国", "digital-economy-size")
    assert indicator.unit == "RMB trillion"
    first, second = points
    assert first.change is None
    assert (second.change, second.relative_change) == (3.93, 17.26)
    assert second.stated_change is not None
    assert second.stated_change.value == 17.24
    assert getattr(second.check, "verdict", None) == "warning"


def test_citing_orders_by_paragraph() -> None:
    records = szfacts.load().citing("sz-daily-2022")
    paragraphs = [r.paragraphs[0] for r in records]
    assert paragraphs == sorted(paragraphs)
    assert {type(r).__name__ for r in records} == {"Observation", "Statement"}


def test_search_hits_are_typed() -> None:
    hits = szfacts.load().search("gigabit fibre")
    assert hits[0].kind == "indicator"
    assert hits[0].id == "gigabit-fiber-households"
    assert all(isinstance(h.score, int) for h in hits)


def test_answer_types_are_exported_without_slowing_the_import() -> None:
    import subprocess
    import sys

    code = (
        "import sys, szfacts\n"
        "assert not [m for m in sys.modules if m.startswith('szfacts.questions.')]\n"
        "assert szfacts.TrendPoint.__name__ == 'TrendPoint'\n"
        "assert all(hasattr(szfacts, name) for name in szfacts.__all__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def test_renamed_names_still_answer_for_a_release_and_say_so() -> None:
    facts = szfacts.load()
    with pytest.warns(DeprecationWarning, match="rankings_in"):
        old = facts.rankings_of(2018, "city")
    assert old == facts.rankings_in(2018, "city")
    obs = facts.find("digital-economy-size", "china", "2017")[0]
    with pytest.warns(DeprecationWarning, match="digits"):
        assert obs.value_text() == obs.digits() == "26.70"


def test_a_knowledge_file_may_still_say_value_text(shipped_text: str) -> None:
    new = szfacts.parse(shipped_text.encode())
    old = szfacts.parse(shipped_text.replace("\nvalue_words = ", "\nvalue_text = ").encode())
    assert [o.value_words for o in old.observations] == [o.value_words for o in new.observations]
    both = shipped_text.replace(
        '\nvalue_words = "five"', '\nvalue_words = "five"\nvalue_text = "five"'
    )
    with pytest.raises(szfacts.KnowledgeFileError, match="value_words"):
        szfacts.parse(both.encode())
