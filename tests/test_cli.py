"""The command line as a whole: every command in every format, options, errors, help."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import SHIPPED, Run

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
@pytest.mark.usefixtures("frozen")  # the numbers listed are those of the frozen file
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
