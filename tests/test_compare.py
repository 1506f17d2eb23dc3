"""`szfacts compare`: places side by side for a period, and series aligned by year."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from szfacts.knowledge.periods import parse_period
from szfacts.knowledge.records import Observation
from szfacts.questions.compare import chosen_reports
from tests.conftest import Run, tsv

FOUR = ("shenzhen", "beijing", "shanghai", "guangzhou")


def rows_of(cli: Callable[..., Run], *args: str) -> list[dict[str, object]]:
    run = cli("compare", *args, "-f", "json")
    assert run.code == 0, run.stderr
    rows: list[dict[str, object]] = json.loads(run.stdout)
    return rows


@pytest.mark.usefixtures("frozen")
def test_four_cities_share_rows_for_5g_and_gdp(cli: Callable[..., Run]) -> None:
    rows = rows_of(cli, *FOUR)
    full = {
        str(r["id"]) for r in rows
        if r["status"] == "actual" and all(r["cells"][c] for c in FOUR)  # type: ignore[index]
    }  # fmt: skip
    assert {"5g-base-stations", "gdp"} <= full
    gdp = next(r for r in rows if r["id"] == "gdp" and r["status"] == "actual")
    cell = gdp["cells"]["shenzhen"]  # type: ignore[index]
    assert (cell["period"], cell["value"], cell["value_in_unit"], cell["source"]) == (
        "2023", 3.46, 3.46, "govcn-2024-01-31"
    )  # fmt: skip
    assert gdp["period_label"] == "latest"  # the cities' latest figures are of different years
    # One row per indicator and status: no indicator twice among the achievements.
    achieved = [r["id"] for r in rows if r["status"] == "actual" and r["kind"] == "indicator"]
    assert len(achieved) == len(set(achieved))


def test_rows_come_grouped_by_topic_in_file_order(cli: Callable[..., Run]) -> None:
    topics = [r["topic"] for r in rows_of(cli, *FOUR)]
    seen = list(dict.fromkeys(topics))
    assert seen[-1] == "Rankings"
    assert topics == sorted(topics, key=seen.index)  # each topic's rows together
    assert seen[:2] == ["Digital economy", "5G and networks"]


def test_targets_never_fill_an_achievements_cell(cli: Callable[..., Run]) -> None:
    for row in rows_of(cli, *FOUR):
        for cell in row["cells"].values():  # type: ignore[attr-defined]
            if cell and "status" in cell:
                assert cell["status"] == row["status"]


def test_all_periods_keeps_the_row_per_indicator_and_period(cli: Callable[..., Run]) -> None:
    every = rows_of(cli, *FOUR, "--all-periods")
    keys = {(r["id"], r["period"], r["status"]) for r in every if r["kind"] == "indicator"}
    assert len(keys) == len([r for r in every if r["kind"] == "indicator"])
    assert len(every) > len(rows_of(cli, *FOUR))
    assert ("5g-base-stations", "2021-end", "actual") in keys
    assert cli("compare", *FOUR, "--all-periods", "-p", "2021").code == 2


def test_a_period_takes_the_report_within_it(cli: Callable[..., Run]) -> None:
    rows = rows_of(cli, "shenzhen", "beijing", "--period", "2021")
    five_g = next(r for r in rows if r["id"] == "5g-base-stations" and r["status"] == "actual")
    cells = five_g["cells"]
    assert cells["shenzhen"]["period"] == "2021-end"  # type: ignore[index]  # its end
    assert cells["beijing"]["period"] == "2021-end"  # type: ignore[index]
    assert five_g["period_label"] == "2021"
    table = cli("compare", "shenzhen", "beijing", "-p", "2021", "-f", "table",
                env={"COLUMNS": "200"}).stdout  # fmt: skip
    assert "(end of 2021)" in table  # it says which report was taken
    assert all(r["period_label"] == "2021" for r in rows if r["kind"] == "indicator")
    bad = cli("compare", "shenzhen", "beijing", "-p", "20x1")
    assert bad.code == 2
    assert "bad --period" in bad.stderr


def _obs(identifier: str, period: str) -> Observation:
    return Observation(identifier, "i", "e", parse_period(period), None, 1, 0, "u", None, None,
                       "s", (1,), None)  # fmt: skip


@pytest.mark.parametrize(
    ("periods", "when", "taken"),
    [
        (["2021-06", "2021", "2021-end"], "2021", "2021"),  # the whole period first
        (["2021-06", "2021-end"], "2021", "2021-end"),  # then its end
        (["2021-03", "2021-06"], "2021", "2021-06"),  # then the latest within it
        (["2020-end", "2022"], "2021", None),  # nothing outside it
        (["2020/2021"], "2021", None),  # a span reaching outside is not within it
        (["2021-Q1", "2021-Q2"], "2021-Q2", "2021-Q2"),
        (["2020", "2022-05", "2021-end"], None, "2022-05"),  # latest: the last to end
    ],
)
def test_chosen_reports(periods: list[str], when: str | None, taken: str | None) -> None:
    reports = [_obs(f"o{n}", p) for n, p in enumerate(periods)]
    chosen = chosen_reports(reports, parse_period(when) if when else None)
    assert (chosen[0].period.text if chosen and chosen[0].period else None) == taken


def test_every_report_of_the_chosen_period_is_kept_first_first() -> None:
    reports = [_obs("a", "2021"), _obs("b", "2020"), _obs("c", "2021")]
    assert [o.id for o in chosen_reports(reports, None)] == ["a", "c"]


# --- series side by side --------------------------------------------------------------------


def test_two_series_aligned_by_year(cli: Callable[..., Run]) -> None:
    run = cli("compare", "shenzhen", "beijing", "--indicator", "5g-base-stations", "-f", "json")
    assert run.code == 0, run.stderr
    rows = json.loads(run.stdout)
    years = [(r["year"], r["status"]) for r in rows]
    assert years == sorted(years, key=lambda y: (y[1] == "target", y[0]))
    y2021 = next(r for r in rows if r["year"] == 2021 and r["status"] == "actual")
    assert y2021["cells"]["shenzhen"]["value"] == 51000
    assert y2021["cells"]["beijing"]["value"] == 56400
    y2020 = next(r for r in rows if r["year"] == 2020 and r["status"] == "actual")
    assert y2020["cells"]["beijing"]["period"] == "2020-06"  # the latest report in 2020
    same = cli("indicator", "5g-base-stations", "-e", "shenzhen", "-e", "beijing", "-f", "json")
    assert json.loads(same.stdout) == rows  # the indicator command answers alike


def test_series_table_shows_both_series_and_a_chart_of_each(cli: Callable[..., Run]) -> None:
    table = cli("compare", "sz", "bj", "-i", "5g-base-stations", "-f", "table",
                env={"COLUMNS": "100"}).stdout  # fmt: skip
    assert "Shenzhen (深圳)" in table
    assert "Beijing (北京)" in table
    assert "56,400" in table
    assert "(end of 2021)" in table
    bars = [line for line in table.splitlines() if "█" in line]
    assert any(line.startswith("2021 Shenzhen") for line in bars)
    assert any(line.startswith("2021 Beijing") for line in bars)


def test_indicator_with_one_entity_is_unchanged(cli: Callable[..., Run]) -> None:
    one = json.loads(cli("indicator", "5g-density", "-e", "shenzhen", "-f", "json").stdout)
    assert {r["entity"] for r in one} == {"shenzhen"}


# --- answers, usage errors ------------------------------------------------------------


@pytest.mark.usefixtures("frozen")
def test_compare_entities_side_by_side(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("compare", "shenzhen", "广州", "-f", "json").stdout)
    density = next(r for r in rows if r["id"] == "5g-density" and r["status"] == "actual")
    assert density["cells"]["guangzhou"] is None
    assert density["cells"]["shenzhen"] == {
        "value": 28.5, "value_in_unit": 28.5, "unit": "base stations per 10,000 people",
        "qualifier": None, "shown": "28.5", "period": "2021-end", "period_label": "end of 2021",
        "status": "actual", "derived": False, "record": "5g-density-shenzhen-2021-end",
        "source": "sz-daily-2022", "conflicts": [], "reports": ["5g-density-shenzhen-2021-end"],
    }  # fmt: skip
    assert density["period_label"] == "end of 2021"  # the one period of the row
    cities = next(r for r in rows if r["id"] == "internet-plus-cities-2018")
    assert (cities["cells"]["shenzhen"]["rank"], cities["cells"]["guangzhou"]["rank"]) == (1, 2)
    assert all(set(r) == set(rows[0]) for r in rows)
    table = tsv(cli("compare", "shenzhen", "广州").stdout)
    five_g = next(r for r in table if r["id"] == "5g-base-stations" and r["status"] == "actual")
    assert (five_g["shenzhen_period"], five_g["guangzhou_period"]) == ("2022-end", "2023-end")
    assert five_g["guangzhou_value_in_unit"] == "91700"


def test_compare_table_marks_missing_values(cli: Callable[..., Run]) -> None:
    table = cli("compare", "shenzhen", "guangzhou", "-f", "table", env={"COLUMNS": "250"}).stdout
    assert "─" in table  # a table at this width
    assert "—" in table


def test_compare_across_periods_flags_rounding(cli: Callable[..., Run]) -> None:
    run = cli("compare", "china", "--indicator", "digital-economy-size", "-f", "json")
    assert run.code == 0
    later = next(r for r in json.loads(run.stdout) if r["id"] == "digital-economy-size-china-2017")
    assert later["change"] == 3.93
    assert later["relative_change"] == 17.26
    assert later["change_basis"] == "computed"
    assert later["stated_change"] == 17.24
    assert later["stated_id"] == "digital-economy-growth-china-2017"
    assert later["check"] == "warning"
    assert "warning: digital-economy-growth-china-2017" in run.stderr


def test_compare_across_periods_derived_by_construction(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("compare", "china", "-i", "internet-plus-index", "-f", "json").stdout)
    assert rows[0]["derived"] is True
    assert rows[1]["check"] == "skipped"
    assert "by construction" in rows[1]["check_note"]


@pytest.mark.parametrize(
    "args",
    [("compare", "shenzhen"), ("compare", "sz", "shenzhen"), ("compare", "a", "b", "-i", "x")],
)
def test_compare_usage_errors(cli: Callable[..., Run], args: tuple[str, ...]) -> None:
    run = cli(*args)
    assert run.code == 2
    assert len(run.stderr.splitlines()) == 1
