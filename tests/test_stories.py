"""`szfacts entity`, `timeline` and `why`: a profile, a chronology, an explanation."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import SEED, Run


def test_entity_profile_of_shenzhen(cli: Callable[..., Run]) -> None:
    run = cli("entity", "深圳", "--format", "json", "--facts", str(SEED))
    assert run.code == 0
    document = json.loads(run.stdout)
    assert set(document) == {"entity", "records"}  # one object
    entity = document["entity"]
    assert (entity["id"], entity["name_zh"], entity["region"]) == (
        "shenzhen",
        "深圳",
        ["guangdong", "china"],
    )
    assert entity["sources"] == ["sz-daily-2022", "sz-commerce-2018"]
    records = {r["id"]: r for r in document["records"]}
    assert records["5g-density-shenzhen-2021-end"]["value"] == 28.5
    assert records["5g-base-stations-shenzhen-2021-end"]["value"] == 51000
    ranking = records["internet-plus-cities-2018-shenzhen"]
    assert (ranking["kind"], ranking["value"], ranking["period_label"]) == (
        "ranking-entry",
        1,
        "2017 (edition 2018)",
    )
    statements = [r for r in document["records"] if r["kind"] == "statement"]
    assert {"shenzhen-gigabit-city", "shenzhen-infrastructure-plan"} <= {
        s["id"] for s in statements
    }
    kinds = [r["kind"] for r in document["records"]]
    assert kinds == sorted(kinds, key=["observation", "ranking-entry", "statement"].index)


def test_entity_table_reads_top_to_bottom(cli: Callable[..., Run]) -> None:
    table = cli("entity", "shenzhen", "-f", "table", env={"COLUMNS": "120"}).stdout
    assert table.index("Figures") < table.index("Rankings") < table.index("Statements")
    assert "28.5" in table
    assert "guangdong, china" in table


def test_timeline_of_shenzhen(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("timeline", "shenzhen", "-f", "json", "--facts", str(SEED)).stdout)
    assert rows[0]["id"] == "internet-plus-cities-2018-shenzhen"  # starts with the 2018 ranking
    dated = [r for r in rows if r["period"] is not None]
    undated = [r for r in rows if r["period"] is None]
    assert rows == dated + undated  # undated facts last
    assert dated[-1]["id"] == "shenzhen-leads-digital-economy-2022"
    assert dated[-1]["when"] == "19 January 2022"
    assert [r["when"] for r in dated[:4]] == [
        "2017 (edition 2018)",
        "Q1-Q3 2021",
        "end of 2021",
        "end of 2021",
    ]
    assert all(r["when"].startswith("not stated (published ") for r in undated)
    assert undated[-1]["published"] == "2022-01-24"  # ends with facts published in January 2022
    published = [r["published"] for r in undated]
    assert published == sorted(published)
    ties = [(r["kind"], r["id"]) for r in dated if r["when"] == "end of 2021"]
    assert ties == sorted(ties)  # ties by kind, then id


def test_timeline_range(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("timeline", "--from", "2018", "--to", "2018", "-f", "json").stdout)
    assert rows
    for row in rows:
        assert row["period"] is not None
        first, _, last = row["period"].partition("/")
        assert int(first[:4]) <= 2018 <= int((last or first)[:4]), row
    assert cli("timeline", "--from", "2022", "--to", "2021").code == 2
    run = cli("timeline", "--from", "2030")
    assert (run.code, run.stderr) == (1, "szfacts: no dated facts in that range\n")


def test_why_digital_economy_growth(cli: Callable[..., Run]) -> None:
    document = json.loads(cli("why", "digital-economy-growth-china-2017", "-f", "json").stdout)
    record = document["record"]
    assert (record["value"], record["unit"], record["period"]) == (17.24, "percent", "2017")
    assert (record["source"], record["paragraphs"]) == ("sz-commerce-2018", [3])
    evidence = {r["role"]: r for r in document["records"]}
    check = evidence["change check"]
    assert check["verdict"] == "warning"
    assert check["implied_low"] == pytest.approx(26.695 / 22.775 * 100 - 100, abs=1e-6)
    assert check["implied_high"] == pytest.approx(26.705 / 22.765 * 100 - 100, abs=1e-6)
    assert check["implied_low"] < 17.24 < check["implied_high"]
    compared = {r["id"]: r["value"] for r in document["records"] if r["role"] == "compared with"}
    assert compared == {
        "digital-economy-size-china-2017": 26.7,
        "digital-economy-size-china-2016": 22.77,
    }


def test_why_a_derived_value(cli: Callable[..., Run]) -> None:
    document = json.loads(cli("why", "internet-plus-index-china-2016", "-f", "json").stdout)
    assert document["record"]["derived"] is True
    assert document["record"]["formula"] == "level - change"
    inputs = {r["id"]: r for r in document["records"] if r["role"] == "input"}
    assert inputs["internet-plus-index-china-2017"]["value"] == 348.69
    assert inputs["internet-plus-index-change-china-2017"]["source"] == "sz-commerce-2018"
    derived = next(r for r in document["records"] if r["role"] == "derived check")
    assert derived["verdict"] == "ok"


def test_why_a_ranking_entry_and_a_statement(cli: Callable[..., Run]) -> None:
    entry = json.loads(cli("why", "internet-plus-cities-2018-changsha", "-f", "json").stdout)
    assert entry["record"]["value_text"] == "top 10"
    assert entry["record"]["value"] is None  # a band, not a rank
    statement = json.loads(cli("why", "shenzhen-data-company-registered", "-f", "json").stdout)
    assert statement["record"]["period_label"] == "end of 2021"


def test_why_refuses_what_it_cannot_explain(cli: Callable[..., Run]) -> None:
    run = cli("why", "shenzhen")
    assert run.code == 2
    assert "'shenzhen' is an entity; `why` explains" in run.stderr
    run = cli("why", "digital-economy-growth-china-201")
    assert run.code == 2
    assert "did you mean digital-economy-growth-china-2017" in run.stderr
