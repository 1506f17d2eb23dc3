"""What scripts rely on: quiet notes, options anywhere, bare values, exit codes in pipes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tests.conftest import SEED, Run

# --- notes and --quiet --------------------------------------------------------------------


@pytest.mark.usefixtures("frozen")
def test_quiet_drops_notes_but_never_errors(cli: Callable[..., Run]) -> None:
    noisy = cli("indicator", "5g-density")
    assert noisy.stderr.count("szfacts: note:") == 6
    quiet = cli("indicator", "5g-density", "-q")
    assert (quiet.code, quiet.stderr, quiet.stdout) == (0, "", noisy.stdout)
    wrong = cli("indicator", "5g-densty", "--quiet")
    assert wrong.code == 2
    assert wrong.stderr.startswith("szfacts: unknown indicator '5g-densty'")


def test_notes_come_after_the_data(szfacts: Callable[..., Run]) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", "indicator", "5g-density", "-f", "tsv"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, check=True, timeout=60,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert lines[0].startswith("entity\t")
    first_note = next(i for i, line in enumerate(lines) if line.startswith("szfacts: note:"))
    assert all(not line.startswith("szfacts:") for line in lines[:first_note])
    assert all(line.startswith("szfacts: note:") for line in lines[first_note:])


# --- the shared options before the command ------------------------------------------------


def test_shared_options_may_stand_before_the_command(cli: Callable[..., Run]) -> None:
    after = cli("info", "--facts", str(SEED), "--no-cache", "-f", "json")
    before = cli("--facts", str(SEED), "--no-cache", "-f", "json", "info")
    assert (before.code, before.stdout) == (0, after.stdout)
    assert json.loads(before.stdout)[0]["file"] == str(SEED)
    joined = cli(f"--facts={SEED}", "-fjson", "-q", "info")
    assert joined.stdout == after.stdout
    # Given both before and after the command, the one after it wins.
    both = cli("--format", "json", "rank", "2018", "--format", "tsv")
    assert both.stdout.startswith("ranking\tposition\t")


def test_an_option_value_that_names_a_command_is_still_a_value(
    cli: Callable[..., Run], tmp_path: Path
) -> None:
    run = cli("--facts", "rank", "rank", "2018")
    assert run.code == 3  # the file 'rank' does not exist: --facts took it as its value
    assert "rank: no such file" in run.stderr


def test_help_paragraphs_wrap_at_the_terminal_width(cli: Callable[..., Run]) -> None:
    # The docstring breaks this paragraph at 88 columns; on a wide terminal it is one line.
    wide = cli("compare", "--help", env={"COLUMNS": "250"}).stdout
    line = next(line for line in wide.splitlines() if "With two or more entities" in line)
    assert "each cell the entity's latest achievement" in line  # the docstring's second line
    narrow = cli("compare", "--help", env={"COLUMNS": "60"}).stdout
    assert all(len(line) <= 60 for line in narrow.splitlines())
    examples = [line.strip() for line in wide.splitlines() if "szfacts compare" in line]
    assert "szfacts compare china --indicator digital-economy-size" in examples  # own line


def test_root_help_lists_the_shared_options(cli: Callable[..., Run]) -> None:
    text = cli("--help", env={"COLUMNS": "120"}).stdout
    for option in ("--facts", "--no-cache", "--format", "--quiet"):
        assert option in text


# --- --format value -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "first"),
    [
        (("rank", "2018"), "1"),
        (("indicator", "5g-density", "-e", "shenzhen", "-p", "2021"), "28.5"),
        (("compare", "shenzhen", "-i", "5g-base-stations"), None),
        (("entity", "shenzhen"), "30"),
        (("timeline", "shenzhen"), "2.7"),
        (("why", "5g-base-stations-shenzhen-2021-end"), "51000"),
    ],
    ids=lambda a: " ".join(a) if isinstance(a, tuple) else str(a),
)
def test_value_is_one_bare_number_per_record(
    cli: Callable[..., Run], args: tuple[str, ...], first: str | None
) -> None:
    run = cli(*args, "-f", "value")
    assert run.code == 0, run.stderr
    records = json.loads(cli(*args, "-f", "json").stdout)
    if isinstance(records, dict):
        records = [records["record"]] if args[0] == "why" else records["records"]
    lines = run.stdout.splitlines()
    assert len(lines) == len(records)
    for line, record in zip(lines, records, strict=True):
        number = record.get("value", record.get("rank"))
        if isinstance(number, int | float):
            assert float(line) == float(number)
        else:
            assert line == ""
    if first is not None:
        assert lines[0] == first


def test_value_of_a_band_or_statement_is_an_empty_line_and_a_note(cli: Callable[..., Run]) -> None:
    run = cli("rank", "2018", "-f", "value")
    assert run.stdout == "1\n2\n3\n\n1\n2\n3\n4\n5\n1\n"
    assert "internet-plus-cities-2018-changsha has no number (top 10)" in run.stderr


def test_value_of_why_is_the_value_of_the_record(cli: Callable[..., Run]) -> None:
    run = cli("why", "new-digital-enterprises-growth-shenzhen-2021-q1-q3", "-f", "value")
    assert run.stdout == "80\n"
    assert "is over 80, a lower bound, not an exact value" in run.stderr


NO_NUMBER = [
    ("rank",), ("indicator",), ("compare", "shenzhen", "beijing"), ("source",), ("search", "5g"),
    ("info",), ("export",), ("check",),
]  # fmt: skip


@pytest.mark.parametrize("args", NO_NUMBER, ids=" ".join)
def test_value_is_refused_where_records_have_no_number(
    cli: Callable[..., Run], args: tuple[str, ...]
) -> None:
    run = cli(*args, "-f", "value")
    assert (run.code, run.stdout) == (2, "")
    assert run.stderr.count("\n") == 1
    assert "value" in run.stderr


def test_each_command_lists_exactly_the_formats_it_takes(cli: Callable[..., Run]) -> None:
    from szfacts.output.render import COMMAND_FORMATS

    for command, accepted in COMMAND_FORMATS.items():
        text = " ".join(cli(command, "--help", env={"COLUMNS": "250"}).stdout.split())
        line = text.split("--format", 1)[1].split("Default:", 1)[0]
        named = {word.strip(",.()") for word in line.split()} & {
            "table", "tsv", "csv", "json", "jsonl", "markdown", "value", "vega-lite", "bibtex",
            "csl-json", "sqlite", "text",
        }  # fmt: skip
        assert named == set(accepted), command
        for fmt in accepted:
            if fmt not in ("sqlite", "vega-lite", "value"):
                assert cli(command, "-f", fmt, "--help").code == 0


# --- Markdown that renders ------------------------------------------------------------------


MARKDOWN = [
    ("compare", "shenzhen", "beijing"), ("entity", "shenzhen"), ("rank", "2019"),
    ("compare", "shenzhen", "-i", "gdp"), ("why", "gdp-shenzhen-2017-hktdc"),
]  # fmt: skip


@pytest.mark.parametrize("args", MARKDOWN, ids=" ".join)
def test_markdown_is_a_table_with_the_same_cells_in_every_row(
    cli: Callable[..., Run], args: tuple[str, ...]
) -> None:
    text = cli(*args, "-f", "markdown").stdout
    tokens = MarkdownIt("commonmark").enable("table").parse(text)
    tables = [t for t in tokens if t.type == "table_open"]
    assert tables
    widths: list[int] = []
    cells = 0
    for token in tokens:
        if token.type == "tr_open":
            cells = 0
        elif token.type in ("th_open", "td_open"):
            cells += 1
        elif token.type == "tr_close":
            widths.append(cells)
    rows = [line for line in text.splitlines() if line.startswith("|")]
    assert len(widths) == len(rows) - len(tables)  # every row but the delimiter is a row
    headers = [line for line in text.splitlines() if line.startswith("| ")]
    assert all(line.count("|") - line.count("\\|") == widths[0] + 1 for line in headers[:1])
    if args[0] == "compare" and len(args) == 3:
        assert "Shenzhen (深圳)" in headers[0]
        assert len(set(widths)) == 1


# --- pipes closed early -------------------------------------------------------------------


def _exit_status(command: str) -> int:
    done = subprocess.run(
        ["bash", "-c", f"{command}; echo ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    return int(done.stdout.split()[-1])


def test_stdout_closed_early_exits_141_every_time() -> None:
    szfacts = f"{sys.executable} -m szfacts"
    codes = {_exit_status(f"{szfacts} export -f jsonl | head -c 1 >/dev/null") for _ in range(20)}
    assert codes == {141}


def test_stderr_closed_early_exits_141_every_time() -> None:
    # The notes go to a pipe whose reader has gone before they are written.
    codes = set()
    for _ in range(20):
        reader = subprocess.Popen(
            [sys.executable, "-m", "szfacts", "indicator", "5g-density", "-f", "json"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        assert reader.stderr is not None
        reader.stderr.close()
        codes.add(reader.wait(timeout=60))
    assert codes == {141}


def test_merged_output_closed_after_one_line_exits_141() -> None:
    szfacts = f"{sys.executable} -m szfacts"
    command = f"{szfacts} indicator 5g-density 2>&1 | head -1 >/dev/null"
    codes = {_exit_status(command) for _ in range(20)}
    assert codes <= {0, 141}  # 0 only when all of it was written before head left


def test_help_into_a_closed_pipe_exits_141() -> None:
    assert _exit_status(f"{sys.executable} -m szfacts --help | head -c 1 >/dev/null") in (0, 141)


# --- exit codes, from one list ---------------------------------------------------------------


def test_every_exit_code_is_in_every_commands_help(cli: Callable[..., Run]) -> None:
    from szfacts.errors import ExitCode

    for command in ("rank", "compare", "check", "export"):
        text = " ".join(cli(command, "--help", env={"COLUMNS": "250"}).stdout.split())
        for code in ExitCode:
            assert f"{code.value} {code.short}" in text, (command, code)


def test_an_error_that_forgets_its_code_is_an_internal_error() -> None:
    from szfacts.errors import ExitCode, NoResult, SzfactsError

    class Forgetful(SzfactsError):
        pass

    assert Forgetful("x").exit_code == ExitCode.INTERNAL
    assert int(Forgetful("x").exit_code) == 70
    assert NoResult("x").exit_code == ExitCode.NO_RESULT


def test_version_names_the_knowledge_file_given_by_facts(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.conftest import FROZEN

    run = cli("--facts", str(FROZEN), "--version")
    assert run.code == 0
    assert f"knowledge file: {FROZEN}," in run.stdout
    monkeypatch.setenv("SZFACTS_FACTS", str(FROZEN))
    assert f"knowledge file: {FROZEN}," in cli("--version").stdout  # the variable alone
    monkeypatch.delenv("SZFACTS_FACTS")
    assert f"knowledge file: {SEED}," in cli(f"--facts={SEED}", "--version").stdout
