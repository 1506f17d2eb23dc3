"""The command line as users and scripts meet it: answers, formats, errors, exit codes."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import ROOT, SEED, SHIPPED, Run

COMMANDS = [
    ("rank", "2018"),
    ("rank",),
    ("indicator", "5g-density"),
    ("indicator",),
    ("compare", "shenzhen", "guangzhou"),
    ("compare", "china", "--indicator", "digital-economy-size"),
    ("source",),
    ("source", "sz-daily-2022"),
    ("search", "5g"),
    ("export", "--section", "observations"),
    ("info",),
    ("entity", "shenzhen"),
    ("timeline", "shenzhen"),
    ("why", "digital-economy-growth-china-2017"),
]
FORMATS = ["table", "tsv", "csv", "json", "jsonl", "markdown", "value"]
# Answers with no number per record: --format value is a usage error for them.
NO_VALUE = {
    ("rank",), ("indicator",), ("compare", "shenzhen", "guangzhou"), ("source",),
    ("source", "sz-daily-2022"), ("search", "5g"), ("export", "--section", "observations"),
    ("info",),
}  # fmt: skip


def tsv(text: str) -> list[dict[str, str]]:
    lines = text.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]


# --- rank ------------------------------------------------------------------------------


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


# --- indicator -------------------------------------------------------------------------


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


def test_indicator_list(cli: Callable[..., Run]) -> None:
    rows = {r["id"]: r for r in tsv(cli("indicator").stdout)}
    assert rows["5g-density"]["observations"] == "9"
    assert rows["digital-economy-size"]["observations"] == "5"
    assert rows["population"]["observations"] == "7"


# --- compare ---------------------------------------------------------------------------


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


# --- source, search, export ------------------------------------------------------------


def test_source_list(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("source").stdout)
    assert [r["id"] for r in rows][:2] == ["sz-daily-2022", "sz-commerce-2018"]
    assert rows[1]["published"] == "2018-04"
    assert all(r["url"] or r["url_note"] for r in rows)


def test_source_detail_lists_everything_citing_it(cli: Callable[..., Run]) -> None:
    document = json.loads(cli("source", "sz-commerce-2018", "-f", "json").stdout)
    assert document["source"]["publisher"] == "Commerce Bureau of Shenzhen Municipality"
    ids = {r["id"] for r in document["records"]}
    assert "internet-plus-cities-2018-shenzhen" in ids
    assert "digital-economy-growth-china-2017" in ids
    assert "internet-plus-index-china-2016" in ids  # derived from its figures
    assert "internet-plus-summit-2018" in ids
    assert "5g-density-shenzhen-2021-end" not in ids


def test_source_unknown(cli: Callable[..., Run]) -> None:
    run = cli("source", "sz-daily")
    assert run.code == 2
    assert "did you mean sz-daily-2022" in run.stderr


def test_search_best_first(cli: Callable[..., Run]) -> None:
    assert tsv(cli("search", "深圳").stdout)[0]["id"] == "shenzhen"
    assert tsv(cli("search", "sz").stdout)[0]["id"] == "shenzhen"
    first = tsv(cli("search", "5g", "density").stdout)[0]
    assert (first["kind"], first["id"]) == ("indicator", "5g-density")
    kinds = {r["kind"] for r in tsv(cli("search", "internet", "plus").stdout)}
    assert {"indicator", "ranking", "statement", "source"} <= kinds


def test_search_nothing(cli: Callable[..., Run]) -> None:
    run = cli("search", "zzzz")
    assert run.code == 1
    assert "nothing matches 'zzzz'" in run.stderr


def test_export_json_has_every_section_resolved(cli: Callable[..., Run]) -> None:
    document = json.loads(cli("export", "-f", "json").stdout)
    assert list(document) == [
        "sources", "entities", "indicators", "observations", "rankings", "statements", "units",
    ]  # fmt: skip
    observation = next(
        o for o in document["observations"] if o["id"] == "5g-base-stations-shenzhen-2021-end"
    )
    assert observation["value"] == 51000
    assert isinstance(observation["value"], int)
    assert observation["entity_name"] == "Shenzhen"
    for records in document.values():
        assert all(list(r) == list(records[0]) for r in records)


def test_export_flat_formats_default_to_observations(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("export").stdout)
    assert len(rows) == (ROOT / "facts.toml").read_text(encoding="utf-8").count("[[observations]]")
    assert "value" in rows[0]
    assert tsv(cli("export", "--section", "rankings").stdout)[0]["position"] == "1"
    assert cli("export", "--section", "cities").code == 2


def test_export_jsonl_tags_sections(cli: Callable[..., Run]) -> None:
    lines = [json.loads(line) for line in cli("export", "-f", "jsonl").stdout.splitlines()]
    assert {line["section"] for line in lines} == {
        "sources", "entities", "indicators", "observations", "rankings", "statements", "units",
    }  # fmt: skip


# --- formats, options, errors ----------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_command_in_every_format(
    cli: Callable[..., Run], args: tuple[str, ...], fmt: str
) -> None:
    run = cli(*args, "--format", fmt, env={"COLUMNS": "100"})
    if fmt == "value" and args in NO_VALUE:
        assert (run.code, run.stdout) == (2, ""), run.stderr
        assert "value" in run.stderr
        return
    assert run.code == 0, run.stderr
    out = run.stdout
    assert out.endswith("\n")
    assert "\x1b[" not in out  # never colour when not on a terminal
    if fmt == "json":
        json.loads(out)
    elif fmt == "jsonl":
        assert all(isinstance(json.loads(line), dict) for line in out.splitlines())
    elif fmt == "csv":
        rows = list(csv.reader(io.StringIO(out)))
        assert len({len(r) for r in rows}) == 1
    elif fmt == "tsv":
        assert len({line.count("\t") for line in out.splitlines()}) == 1
    elif fmt == "markdown":
        assert "| --- |" in out or "|---" in out


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_no_header(cli: Callable[..., Run], args: tuple[str, ...]) -> None:
    with_header = cli(*args, "-f", "tsv").stdout.splitlines()
    without = cli(*args, "-f", "tsv", "--no-header").stdout.splitlines()
    assert without == with_header[1:]


def test_unknown_format(cli: Callable[..., Run]) -> None:
    run = cli("rank", "2018", "--format", "jsno")
    assert run.code == 2
    assert run.stderr == (
        "szfacts: unknown format 'jsno'; did you mean json? "
        "formats: table, tsv, csv, json, jsonl, markdown, value\n"
    )
    run = cli("source", "--format", "value")
    assert run.code == 2
    assert run.stderr == (
        "szfacts: this command has no format 'value'; "
        "formats: table, tsv, csv, json, jsonl, markdown, bibtex, csl-json\n"
    )


def test_missing_knowledge_file(cli: Callable[..., Run], tmp_path: Path) -> None:
    missing = tmp_path / "nope.toml"
    run = cli("rank", "2018", "--facts", str(missing))
    assert (run.code, run.stderr) == (3, f"szfacts: {missing}: no such file\n")
    run = cli("indicator", env={"SZFACTS_FACTS": str(missing)})
    assert (run.code, run.stderr) == (3, f"szfacts: {missing}: no such file\n")


def test_invalid_knowledge_file(cli: Callable[..., Run], facts_file: Callable[[str], Path]) -> None:
    path = facts_file("format = 1\n[[sources]]\nid = 3\n")
    run = cli("source", "--facts", str(path))
    assert run.code == 3
    assert run.stderr.startswith(f"szfacts: {path}")
    assert "sources[#1].id: must be a string, not a number" in run.stderr


def test_other_knowledge_file_is_used(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    path = facts_file(shipped_text.replace("value = 28.5", "value = 29.5"))
    run = cli("indicator", "5g-density", "-e", "sz", "-p", "2021", "-f", "value",
              env={"SZFACTS_FACTS": str(path)})  # fmt: skip
    assert run.stdout == "29.5\n"


def test_help_documents_every_command_with_an_example(cli: Callable[..., Run]) -> None:
    top = cli("--help").stdout
    assert "Exit codes" in top
    commands = ("rank", "indicator", "compare", "source", "search", "entity", "timeline", "why",
                "export", "check", "info")  # fmt: skip
    for command in commands:
        text = cli(command, "--help", env={"COLUMNS": "200"}).stdout
        assert "Example" in text, command
        assert "Exit codes" in text, command


@pytest.mark.parametrize(
    ("args", "numbers"),
    [
        (("compare", "china", "-i", "digital-economy-size"), ["22.77", "26.70", "3.93", "17.26"]),
        (("compare", "sz", "gz", "bj"), ["over 64,000", "15,000", "28.5", "over 80", "all (100)"]),
        (("indicator", "internet-plus-index"), ["222.53 (derived)", "348.69"]),
        (("rank", "2018"), ["top 10"]),
    ],
)
def test_narrow_table_never_cuts_a_number(
    cli: Callable[..., Run], args: tuple[str, ...], numbers: list[str]
) -> None:
    table = cli(*args, "--format", "table", env={"COLUMNS": "60"}).stdout
    assert max(len(line) for line in table.splitlines()) <= 60
    for number in numbers:
        assert any(number in line for line in table.splitlines()), number


def test_info_identifies_the_knowledge_file(
    cli: Callable[..., Run], facts_file: Callable[[str], Path], shipped_text: str
) -> None:
    import hashlib

    (row,) = json.loads(cli("info", "-f", "json").stdout)
    assert row["file"] == "facts.toml (shipped)"
    assert row["sha256"] == hashlib.sha256(shipped_text.encode("utf-8")).hexdigest()
    text = shipped_text
    assert (row["sources"], row["observations"], row["ranking_entries"]) == (
        text.count("\n[[sources]]\n"), text.count("\n[[observations]]\n"),
        text.count("\n[[rankings.entries]]\n"),
    )  # fmt: skip
    assert (row["units"], row["targets"]) == (
        text.count("\n[[units]]\n"),
        text.count('\nstatus = "target"'),
    )
    edited = facts_file(shipped_text + "\n# an edit\n")
    (other,) = json.loads(cli("info", "-f", "json", "--facts", str(edited)).stdout)
    assert other["sha256"] != row["sha256"]
    assert other["file"] == str(edited)
    assert cli("info", "-f", "value").code == 2  # a file has no one number


def test_single_record_of_many_fields_reads_as_lines(cli: Callable[..., Run]) -> None:
    table = cli("info", "--format", "table", env={"COLUMNS": "80"}).stdout
    assert "Sha256: " in table
    assert f"Ranking entries: {SHIPPED.count('[[rankings.entries]]')}" in table
