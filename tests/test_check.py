"""`szfacts check`: validation plus figures checked against each other, with exact rounding."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SEED, Run, replace_once


def test_shipped_file_passes_with_the_rounding_warning(cli: Callable[..., Run]) -> None:
    run = cli("check")
    assert run.code == 0, run.stdout
    assert ", 0 errors, " in run.stdout.splitlines()[-1]
    # 26.70 / 22.77 - 1 = 17.26 %: the stated 17.24 % holds only within rounding.
    assert "warning: digital-economy-growth-china-2017" in run.stdout
    assert "17.212 to 17.307" in run.stdout
    assert "17.26 at face value" in run.stdout
    seeds = cli("check", str(SEED))
    assert "82 records valid" in seeds.stdout
    assert "1 passed, 1 warning, 0 errors, 3 skipped" in seeds.stdout


def test_verbose_lists_passing_and_skipped_checks(cli: Callable[..., Run]) -> None:
    run = cli("check", "--verbose", str(SEED))
    assert "ok: internet-plus-index-china-2016" in run.stdout  # 348.69 - 126.16 = 222.53
    assert "skipped: 5g-density-shenzhen-2021-end: no population figure" in run.stdout


def test_contradicting_change_fails(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    text = replace_once(shipped_text, "value = 17.24", "value = 18.24")
    run = cli("check", str(facts_file(text)))
    assert run.code == 3
    assert (
        "error: digital-economy-growth-china-2017: stated 18.24 percent contradicts 26.70 in 2017"
        in run.stdout
    )
    assert "1 error," in run.stdout


def test_change_just_outside_rounding_fails(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    # The rounded sizes allow 17.212 % to 17.307 %: 17.20 (17.195..17.205) is outside.
    text = replace_once(shipped_text, "value = 17.24", "value = 17.20")
    assert cli("check", str(facts_file(text))).code == 3
    text = replace_once(shipped_text, "value = 17.24", "value = 17.22")
    assert cli("check", str(facts_file(text))).code == 0


def test_wrong_derived_value_fails(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    text = replace_once(shipped_text, "value = 222.53", "value = 222.63")
    run = cli("check", str(facts_file(text)))
    assert run.code == 3
    assert "error: internet-plus-index-china-2016: stated 222.63 index points" in run.stdout


def test_density_checked_against_count_once_population_exists(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    population = (
        '\n[[observations]]\nid = "population-shenzhen-2021-end"\nindicator = "population"\n'
        'entity = "shenzhen"\nperiod = "2021-end"\nvalue = {people}\nunit = "people"\n'
        'source = "sz-daily-2022"\nparagraphs = [4]\n'
    )
    agreeing = shipped_text + population.format(people=17_900_000)
    assert cli("check", str(facts_file(agreeing))).code == 0
    contradicting = shipped_text + population.format(people=12_000_000)
    run = cli("check", str(facts_file(contradicting)))
    assert run.code == 3
    assert "error: 5g-density-shenzhen-2021-end" in run.stdout


def test_syntax_error_is_one_line_with_position(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    text = shipped_text.replace("format = 1", "format = ", 1)
    line = text.splitlines().index("format = ") + 1
    path = facts_file(text)
    run = cli("check", str(path))
    assert run.code == 3
    first = run.stdout.splitlines()[0]
    assert first == f"{path}:{line}:10: invalid TOML: Invalid value"


def test_every_validation_problem_is_listed(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    text = replace_once(shipped_text, 'entity = "changsha"', 'entity = "changsa"')
    text = replace_once(text, "value = 28.5", 'value = "28.5"')
    run = cli("check", str(facts_file(text)))
    assert run.code == 3
    assert (
        "rankings.entries[internet-plus-cities-2018-changsha].entity: refers to entity"
        in run.stdout
    )
    assert "observations[5g-density-shenzhen-2021-end].value: must be a number" in run.stdout
    assert "2 errors; not a valid knowledge file" in run.stdout


def test_check_of_missing_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    run = cli("check", str(tmp_path / "missing.toml"))
    assert run.code == 3
    assert run.stderr == f"szfacts: {tmp_path / 'missing.toml'}: no such file\n"


@pytest.mark.parametrize(  # one case a line, as a user would read the message
    ("old", "new", "expected"),
    [
        ("value = 28.5", 'value = "28.5"', "observations[5g-density-shenzhen-2021-end].value: must be a number, not a string"),  # noqa: E501
        ('id = "guangzhou"\nkind', 'id = "shenzhen"\nkind', "entities[shenzhen].id: duplicate id 'shenzhen', already used in entities"),  # noqa: E501
        ('entity = "changsha"', 'entity = "changsa"', "rankings.entries[internet-plus-cities-2018-changsha].entity: refers to entity 'changsa', which is not defined"),  # noqa: E501
        ('source = "sz-daily-2022"\nparagraphs = [3]', 'source = "sz-daily"\nparagraphs = [3]', "statements[china-electronics-headquarters-move].source: refers to source 'sz-daily', which is not defined"),  # noqa: E501
    ],
)  # fmt: skip
def test_check_names_record_and_field(
    cli: Callable[..., Run],
    facts_file: Callable[[str], Path],
    shipped_text: str,
    old: str,
    new: str,
    expected: str,
) -> None:
    path = facts_file(replace_once(shipped_text, old, new))
    run = cli("check", str(path))
    assert run.code == 3
    assert any(
        line.startswith(str(path)) and line.endswith(expected) for line in run.stdout.splitlines()
    ), run.stdout


def test_check_json_lists_every_finding_with_its_records(cli: Callable[..., Run]) -> None:
    run = cli("check", "-f", "json")
    assert run.code == 0
    document = json.loads(run.stdout)
    assert (document["valid"], document["failed"], document["problems"]) == (True, False, [])
    text = cli("check", "--verbose").stdout
    assert len(document["findings"]) == len(text.splitlines()) - 1  # all but the summary
    assert sum(document["counts"].values()) == len(document["findings"])
    conflict = next(
        f for f in document["findings"]
        if f["check"] == "agreement" and f["subject"] == "gdp-shenzhen-2017-hktdc"
    )  # fmt: skip
    # 2.24 trillion is 2,249.01 billion cut at two decimals, not rounded: its own verdict
    assert conflict["verdict"] == "truncated"
    assert "only if gdp-shenzhen-2017-chinadailyhk cut digits off" in conflict["message"]
    assert conflict["inputs"] == ["gdp-shenzhen-2017-chinadailyhk"]
    values = {r["id"]: (r["value"], r["unit"], r["sources"]) for r in conflict["records"]}
    assert values == {
        "gdp-shenzhen-2017-hktdc": (2249.01, "RMB billion", ["hktdc-shenzhen-profile"]),
        "gdp-shenzhen-2017-chinadailyhk": (2.24, "RMB trillion", ["chinadailyhk-2018-03-01"]),
    }


def test_check_json_of_an_invalid_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("format = 1\n[[sources]]\nid = 3\n", encoding="utf-8")
    run = cli("check", str(bad), "-f", "json")
    assert run.code == 3
    document = json.loads(run.stdout)
    assert (document["valid"], document["failed"], document["findings"]) == (False, True, [])
    assert any(p["field"] == "id" and p["section"] == "sources" for p in document["problems"])
