"""Many sources: web addresses, several reports of one quantity, targets, units with scale.

tests/data/many-sources.toml is a made-up file holding each case: two reports of one
quantity that agree and two that conflict, a target met and one missed, and one series
given in RMB billion and RMB trillion.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

import szfacts
from szfacts.reading import cache
from szfacts.reading.compiled import dump, load
from szfacts.reading.stored import StoredKnowledgeBase

from .conftest import DATA, SEED, Run

MANY = DATA / "many-sources.toml"
TEXT = MANY.read_text(encoding="utf-8")


def _records(kb: szfacts.KnowledgeBase) -> tuple[object, ...]:
    return (kb.sources, kb.entities, kb.indicators, kb.observations, kb.rankings,
            kb.statements, kb.units)  # fmt: skip


def test_check_reports_agreement_conflict_and_targets(cli: Callable[..., Run]) -> None:
    run = cli("check", str(MANY))
    assert run.code == 0, run.stdout  # a conflict is a warning, never an invalid file
    conflict = next(line for line in run.stdout.splitlines() if ": warning: " in line)
    for part in ("share-daily", "21.6 percent", "(daily)", "share-agency", "20.9 percent",
                 "(agency)", "conflict"):  # fmt: skip
        assert part in conflict
    assert "met: stations-target-2020" in run.stdout
    assert "stations-2020-08 reports over 46000" in run.stdout
    assert "missed: stations-target-2023" in run.stdout
    assert "they agree" not in run.stdout  # agreement only with --verbose
    summary = run.stdout.splitlines()[-1]
    assert summary.endswith(
        "reports of one quantity: 2 agreeing, 1 conflicting; targets: 1 met, 1 missed"
    )


def test_verbose_check_lists_agreeing_reports(cli: Callable[..., Run]) -> None:
    run = cli("check", "--verbose", str(MANY))
    agreeing = [line for line in run.stdout.splitlines() if line.endswith("they agree")]
    assert len(agreeing) == 2
    # 0.95 RMB trillion and "over 900 RMB billion" agree only once both are in one scale
    assert any("core-value-2021" in line and "RMB billion" in line for line in agreeing)


def test_scale_is_converted_before_reports_are_compared(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(TEXT.replace("value = 0.95\n", "value = 0.85\n"), encoding="utf-8")
    run = cli("check", str(path))
    assert "warning: core-value-2021: reports 0.85 RMB trillion" in run.stdout
    assert "in RMB trillion" in run.stdout


def test_why_lists_the_other_reports_with_their_verdicts(cli: Callable[..., Run]) -> None:
    answer = json.loads(cli("why", "share-daily", "--facts", str(MANY), "-f", "json").stdout)
    other = next(r for r in answer["records"] if r["role"] == "other report")
    assert (other["id"], other["verdict"], other["source"]) == ("share-agency", "warning", "agency")
    agree = json.loads(cli("why", "stations-daily", "--facts", str(MANY), "-f", "json").stdout)
    other = next(r for r in agree["records"] if r["role"] == "other report")
    assert (other["id"], other["verdict"]) == ("stations-agency", "ok")


def test_trend_converts_scale(cli: Callable[..., Run]) -> None:
    rows = json.loads(
        cli("compare", "city", "-i", "core-value", "--facts", str(MANY), "-f", "json").stdout
    )
    first, second = rows[0], rows[1]
    assert (first["value"], first["unit"], first["converted"]) == (844.6, "RMB billion", 0.8446)
    assert first["series_unit"] == "RMB trillion"
    # 844.6 RMB billion to 0.95 RMB trillion: 0.95 is known to the hundredth and to two
    # significant digits, so the change is 0.11 (not 0.1054) and the rise 12 % (not 12.48).
    assert (second["id"], second["change"], second["relative_change"]) == (
        "core-value-2021",
        0.11,
        12.0,
    )


def test_trend_keeps_targets_apart(cli: Callable[..., Run], tmp_path: Path) -> None:
    # Plain values, so that a change would be computed if a target were taken as achieved.
    path = tmp_path / "facts.toml"
    text = TEXT.replace('value = 46000\nqualifier = "over"\n', "value = 46000\n")
    text = text.replace('value = 75000\nqualifier = "nearly"\n', "value = 75000\n")
    for value in ("64000", "65000"):
        text = text.replace(f'value = {value}\nqualifier = "over"\n', f"value = {value}\n")
    path.write_text(text, encoding="utf-8")
    run = cli("compare", "city", "-i", "stations", "--facts", str(path), "-f", "json")
    rows = json.loads(run.stdout)
    statuses = [r["status"] for r in rows]
    assert statuses == sorted(statuses)  # every achievement first, then the targets
    targets = [r for r in rows if r["status"] == "target"]
    assert [(r["id"], r["check"], r["change"]) for r in targets] == [
        ("stations-target-2020", "met", None),
        ("stations-target-2023", "missed", None),
    ]
    last = next(r for r in rows if r["id"] == "stations-2023")
    # 75000 - 64000 (the first report of end 2022), never 75000 - 80000 or - 45000
    assert last["change"] == 11000
    assert "missed: stations-target-2023" in run.stderr


def test_trend_table_shows_targets_in_their_own_group(cli: Callable[..., Run]) -> None:
    run = cli("compare", "city", "-i", "stations", "--facts", str(MANY), "-f", "table")
    achieved, _, targets = run.stdout.partition("Targets and plans")
    assert "Achieved" in achieved
    assert "45,000" in targets
    assert "45,000" not in achieved


def test_machine_formats_carry_status_and_conflicts(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("indicator", "share", "--facts", str(MANY), "-f", "json").stdout)
    assert {r["id"]: r["conflicts"] for r in rows} == {
        "share-agency": ["share-daily"], "share-daily": ["share-agency"]
    }  # fmt: skip
    stations = cli("indicator", "stations", "--facts", str(MANY), "-f", "csv").stdout
    found = {r["id"]: r for r in csv.DictReader(io.StringIO(stations))}
    assert found["stations-target-2023"]["status"] == "target"
    assert found["stations-2023"]["status"] == "actual"
    assert found["stations-daily"]["conflicts"] == ""


def test_tables_mark_targets_and_conflicts(cli: Callable[..., Run]) -> None:
    shares = cli("indicator", "share", "--facts", str(MANY), "-f", "table")
    assert "21.6 (conflict)" in shares.stdout
    assert "share-agency and share-daily report the same quantity and conflict" in shares.stderr
    stations = cli("indicator", "stations", "--facts", str(MANY), "-f", "table")
    assert "45,000 (target)" in stations.stdout
    assert "stations-target-2020 is a target" in stations.stderr


def test_compare_entities_keeps_targets_in_rows_of_their_own(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    path = tmp_path / "facts.toml"
    town = '\n[[entities]]\nid = "town"\nkind = "city"\nname = "A Town"\n'
    path.write_text(TEXT + town, encoding="utf-8")
    rows = json.loads(cli("compare", "city", "town", "--facts", str(path), "-f", "json").stdout)
    mixed = [r for r in rows if r["status"] == "target"]
    assert mixed
    for row in mixed:
        assert row["cells"]["city"]["status"] == "target"
    actual = [r for r in rows if r["status"] == "actual" and r["kind"] == "indicator"]
    assert all(r["cells"]["city"]["status"] == "actual" for r in actual)


def test_sources_show_their_addresses(cli: Callable[..., Run]) -> None:
    sources = json.loads(cli("source", "--facts", str(MANY), "-f", "json").stdout)
    daily = next(s for s in sources if s["id"] == "daily")
    assert daily["url"] == "https://daily.example/article"
    assert daily["mirrors"] == ["http://mirror.example/article"]
    assert daily["author"] == "A. Writer"
    bureau = next(s for s in sources if s["id"] == "bureau")
    assert bureau["url"] is None
    assert bureau["url_note"].startswith("Only a copy")
    bibtex = cli("source", "daily", "--facts", str(MANY), "-f", "bibtex").stdout
    assert "url = {https://daily.example/article}" in bibtex
    assert "author = {A. Writer}" in bibtex
    (item,) = json.loads(cli("source", "agency", "--facts", str(MANY), "-f", "csl-json").stdout)
    assert item["URL"] == "https://agency.example/report"
    why = cli("why", "stations-daily", "--facts", str(MANY)).stdout
    assert "https://daily.example/article" in why


def test_value_text_keeps_the_sources_words(cli: Callable[..., Run]) -> None:
    rows = json.loads(cli("indicator", "core-value", "--facts", str(MANY), "-f", "json").stdout)
    words = next(r for r in rows if r["id"] == "core-value-2021-words")
    assert words["value_words"] == "more than nine hundred billion"
    assert words["value_text"] == "more than nine hundred billion (read as 900)"
    assert words["value"] == 900


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ('url = "https://agency.example/report"', 'url = "ftp://agency.example/report"',
         "sources[agency].url", "not a web address"),
        ('status = "target"\nsource = "bureau"', 'status = "planned"\nsource = "bureau"',
         "observations[stations-target-2020].status", "'planned' is not one of: actual, target"),
        ('dimension = "USD"', 'dimension = "dollars"', "units[USD billion].dimension",
         "'dollars' is not one of"),
        ('value = 0.95\nunit = "RMB trillion"', 'value = 0.95\nunit = "USD billion"',
         "observations[core-value-2021].unit", "is USD, but indicator 'core-value'"),
        ('url = "https://daily.example/article"', 'url_note = "none"',
         "sources[daily].mirrors", "give `url`"),
    ],
)  # fmt: skip
def test_bad_input_is_one_line_naming_file_line_record_and_field(
    szfacts: Callable[..., Run], tmp_path: Path, old: str, new: str, field: str, says: str
) -> None:
    assert old in TEXT
    path = tmp_path / "bad.toml"
    path.write_text(TEXT.replace(old, new, 1), encoding="utf-8")
    run = szfacts("check", str(path))
    assert run.code == 3
    (line,) = [entry for entry in run.stdout.splitlines() if field in entry]
    assert line.startswith(f"{path}:")
    assert line.split(":")[1].isdigit()  # the line of the record
    assert says in line
    assert "Traceback" not in run.stderr


def test_formula_across_dimensions_is_refused(szfacts: Callable[..., Run], tmp_path: Path) -> None:
    text = TEXT + (
        '\n[[indicators]]\nid = "dollars"\nname = "Dollars"\nunit = "USD billion"\n'
        'definition = "A dollar figure."\n\n'
        '[[observations]]\nid = "dollars-2021"\nindicator = "dollars"\nentity = "city"\n'
        'period = "2021"\nvalue = 140\nunit = "USD billion"\nsource = "daily"\nparagraphs = [1]\n'
        '\n[[observations]]\nid = "sum-2021"\nindicator = "core-value"\nentity = "city"\n'
        'period = "2021"\nvalue = 1.1\nunit = "RMB trillion"\nformula = "a + b"\n'
        'inputs = { a = "core-value-2021", b = "dollars-2021" }\n'
    )
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    run = szfacts("check", str(path))
    assert run.code == 3
    (line,) = [entry for entry in run.stdout.splitlines() if "[sum-2021].formula" in entry]
    assert "adds USD and RMB: different dimensions" in line
    assert line.startswith(f"{path}:")
    assert line.split(":")[1].isdigit()


@pytest.mark.parametrize("small_file", [1 << 20, 0])  # a snapshot, an SQLite index
def test_compiled_form_and_cache_keep_every_new_field(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, small_file: int
) -> None:
    monkeypatch.setattr(cache, "SMALL_FILE", small_file)
    data = MANY.read_bytes()
    parsed = szfacts.parse(data).knowledge_base
    compiled = load(dump(data, parsed), data)
    assert compiled is not None
    assert _records(compiled) == _records(parsed)
    copy = tmp_path / "many.toml"
    copy.write_bytes(data)
    cold = cache.load_cached(str(copy))
    warm = cache.load_cached(str(copy))
    assert isinstance(warm, StoredKnowledgeBase) == (small_file == 0)
    assert _records(cold) == _records(parsed)
    assert _records(warm) == _records(parsed)
    assert warm.count_targets() == parsed.count_targets() == 2  # by SQLite from an index


def test_files_without_the_new_fields_load_as_before() -> None:
    # The knowledge file as it was before units and targets existed.
    facts = szfacts.load(SEED)
    assert facts.units == ()
    assert all(o.status == "actual" for o in facts.observations)
    assert facts.unit("percent").dimension == "percent"  # undeclared: a dimension of its own


def test_tables_and_markdown_group_digits_machine_formats_do_not(cli: Callable[..., Run]) -> None:
    args = ("indicator", "stations", "--facts", str(MANY))
    table = cli(*args, "-f", "table").stdout
    assert "over 64,000" in table
    assert "64000" not in table
    markdown = cli(*args, "-f", "markdown").stdout
    assert "| over 64,000 |" in markdown
    for fmt in ("tsv", "csv", "json"):
        assert "64,000" not in cli(*args, "-f", fmt).stdout, fmt
    assert cli(*args, "-e", "city", "-p", "2022", "-f", "value").stdout == "65000\n64000\n"
    trend = cli("compare", "city", "-i", "core-value", "--facts", str(MANY), "-f", "table").stdout
    assert "844.6 RMB billion = 0.8446 RMB trillion" in trend
    years = cli("rank", "--facts", str(SEED), "-f", "table").stdout
    assert "2018" in years
    assert "2,018" not in years  # an edition year is not a quantity
