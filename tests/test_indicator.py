"""`szfacts indicator`: an indicator's observations, by entity and period, or the list."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import Run, tsv


def test_indicator_5g_density(cli: Callable[..., Run]) -> None:
    run = cli("indicator", "5g-density", "--entity", "sz", "--period", "2021", "--format", "json")
    assert run.code == 0
    (row,) = json.loads(run.stdout)
    assert row["entity"] == "shenzhen"
    assert row["value"] == 28.5
    assert row["unit"] == "base stations per 10,000 people"
    assert row["period"] == "2021-end"
    assert row["period_label"] == "end of 2021"
    assert row["source"] == "sz-daily-2022"
    assert row["paragraphs"] == [4]
    assert row["derived"] is False


@pytest.mark.parametrize("name", ["shenzhen", "Shenzhen", "深圳", "sz", "SZ"])
def test_entity_by_any_name(cli: Callable[..., Run], name: str) -> None:
    run = cli("indicator", "5g-density", "--entity", name, "--period", "2021", "--format", "value")
    assert (run.code, run.stdout) == (0, "28.5\n")


def test_bare_value_of_a_bound_says_so_on_stderr(cli: Callable[..., Run]) -> None:
    run = cli("indicator", "new-digital-enterprises-growth", "--format", "value")
    assert run.stdout == "80\n"
    assert "over 80, a lower bound, not an exact value" in run.stderr


def test_derived_value_is_marked(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("indicator", "internet-plus-index", "-f", "json").stdout)
    derived = {r["period"]: r for r in rows}["2016"]
    assert derived["derived"] is True
    assert derived["formula"] == "level - change"
    assert derived["inputs"] == [
        "internet-plus-index-china-2017",
        "internet-plus-index-change-china-2017",
    ]
    assert derived["source"] == "sz-commerce-2018"  # through its inputs
    table = cli("indicator", "internet-plus-index", "-f", "table").stdout
    assert "222.53 (derived)" in table


def test_indicator_typo_suggests(cli: Callable[..., Run]) -> None:
    run = cli("indicator", "5g-densty")
    assert run.code == 2
    assert run.stderr == (
        "szfacts: unknown indicator '5g-densty'; did you mean 5g-density or 5g-density-area?\n"
    )


def test_entity_typo_suggests(cli: Callable[..., Run]) -> None:
    run = cli("indicator", "5g-density", "--entity", "shenzen")
    assert run.code == 2
    assert "did you mean shenzhen" in run.stderr


@pytest.mark.usefixtures("frozen")
def test_indicator_with_no_matching_observation(cli: Callable[..., Run]) -> None:
    run = cli("indicator", "5g-density", "--entity", "guangzhou")
    assert run.code == 1
    assert "no 5g-density observation matches; it has: " in run.stderr
    assert "shenzhen 2021-end" in run.stderr


def test_indicator_period_filter(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("indicator", "digital-economy-size", "--period", "2017").stdout)
    # Three reports of the same figure, each kept with its own source and printed digits.
    assert [r["value"] for r in rows] == ["26.7", "26.7", "26.7"]
    assert {r["source"]: r["value_text"] for r in rows} == {
        "sz-commerce-2018": "26.70", "chinadaily-2018-04-13": "26.7", "huanqiu-2018-04-13": "26.70",
    }  # fmt: skip
    assert cli("indicator", "digital-economy-size", "--period", "2017-13").code == 2


@pytest.mark.usefixtures("frozen")
def test_indicator_list(cli: Callable[..., Run]) -> None:
    rows = {r["id"]: r for r in tsv(cli("indicator").stdout)}
    assert rows["5g-density"]["observations"] == "9"
    assert rows["digital-economy-size"]["observations"] == "5"
    assert rows["population"]["observations"] == "7"
