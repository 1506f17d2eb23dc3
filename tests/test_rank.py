"""`szfacts rank`: rankings of an edition year, by scope, or the list of rankings."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.conftest import SEED, Run, tsv


def test_rank_2018_cities_and_provinces(cli: Callable[..., Run]) -> None:
    run = cli("rank", "2018")
    assert run.code == 0
    assert run.stderr == ""
    rows = tsv(run.stdout)
    cities = [(r["position"], r["entity"]) for r in rows if r["scope"] == "city"]
    assert cities[:3] == [("1", "shenzhen"), ("2", "guangzhou"), ("3", "beijing")]
    assert ("top 10", "changsha") in cities
    provinces = [r["entity"] for r in rows if r["scope"] == "province"]
    assert provinces[0] == "guangdong"
    shenzhen = rows[0]
    assert shenzhen["entity_name_zh"] == "深圳"
    assert shenzhen["source"] == "sz-commerce-2018"
    assert shenzhen["period"] == "2017"


def test_rank_scope(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("rank", "2018", "--scope", "province").stdout)
    assert {r["scope"] for r in rows} == {"province"}


def test_rank_by_data_year_says_so(cli: Callable[..., Run]) -> None:
    # The two seed documents alone have an edition-2018 ranking of 2017 data and no 2017
    # edition: the shipped file now has one, so the fallback is shown on the seed file.
    run = cli("rank", "2017", "--facts", str(SEED))
    assert run.code == 0
    assert "no ranking has edition year 2017" in run.stderr
    assert "whose data describe 2017" in run.stderr
    assert tsv(run.stdout)[0]["edition"] == "2018"


@pytest.mark.usefixtures("frozen")
def test_rank_with_no_result_lists_years(cli: Callable[..., Run]) -> None:
    run = cli("rank", "2031")
    assert run.code == 1
    assert run.stdout == ""
    assert run.stderr == (
        "szfacts: no rankings for 2031; edition years with rankings: 2017, 2018, 2019, 2020\n"
    )


@pytest.mark.parametrize("year", ["abc", "20.18", "99999999999999999999x"])
def test_rank_bad_year_is_a_usage_error(cli: Callable[..., Run], year: str) -> None:
    run = cli("rank", year)
    assert run.code == 2
    assert len(run.stderr.splitlines()) == 1
    assert year in run.stderr


def test_rank_unknown_scope(cli: Callable[..., Run]) -> None:
    run = cli("rank", "2018", "--scope", "town")
    assert run.code == 2
    assert "unknown scope 'town'; scopes: city, province" in run.stderr


@pytest.mark.usefixtures("frozen")
def test_rank_without_year_lists_rankings(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("rank").stdout)
    assert {(r["id"], r["edition"]) for r in rows} == {
        ("cidr-internet-development-provinces-2017", "2017"),
        ("internet-plus-cities-2018", "2018"),
        ("internet-plus-provinces-2018", "2018"),
        ("cass-urban-competitiveness-2018", "2018"),
        ("digital-china-index-cities-2019", "2019"),
        ("digital-china-index-provinces-2019", "2019"),
        ("ccid-digitalized-cities-2020", "2020"),
    }
    assert [r["edition"] for r in rows] == sorted(r["edition"] for r in rows)
