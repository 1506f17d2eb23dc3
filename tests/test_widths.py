"""Answers read well at every width: nothing cut, nothing dropped, a few lines a record.

Each command runs under a real pseudo-terminal of the width given (COLUMNS and the
terminal's own size), and what it drew is compared with what the same command prints as
JSON: every value, period and source id must stand whole on some line of the screen.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from rich.cells import cell_len

from tests.conftest import FROZEN
from tests.test_terminal import run_in_terminal

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")

WIDTHS = (60, 80, 100, 120, 200)
COMMANDS = (
    ("compare", "shenzhen", "beijing"),
    ("compare", "shenzhen", "beijing", "shanghai", "guangzhou"),
    ("compare", "shenzhen", "beijing", "--indicator", "5g-base-stations"),
    ("entity", "shenzhen"),
    ("indicator", "5g-base-stations"),
    ("timeline", "shenzhen"),
    ("why", "gdp-shenzhen-2017-hktdc"),  # a figure another report conflicts with
)
# The bound docs/output.md states: a record takes at most this many lines, whatever the layout.
LINES_PER_RECORD = 5
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def drawn(args: tuple[str, ...], width: int) -> str:
    """What szfacts draws on a terminal `width` columns wide, without colour codes."""
    text = run_in_terminal(*args, "-q", width=width).replace("\r\n", "\n")
    return ANSI.sub("", text)


def machine(args: tuple[str, ...]) -> object:
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", *args, "-f", "json", "-q"],
        capture_output=True, text=True, encoding="utf-8", check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)


def expected(args: tuple[str, ...], document: object) -> tuple[set[float], set[str], set[str]]:
    """The values, period labels and source ids of an answer, from its JSON."""
    values: set[float] = set()
    periods: set[str] = set()
    sources: set[str] = set()

    def take(value: object, period: str | None, source: object) -> None:
        if isinstance(value, int | float) and not isinstance(value, bool):
            values.add(float(value))
        if period is not None:
            periods.add(period)
        sources.update(s for s in str(source or "").split(",") if s)

    if args[0] == "compare":
        assert isinstance(document, list)
        for row in document:
            periods.add(row["period_label"])
            for cell in row["cells"].values():
                if cell is not None and "value" in cell:
                    take(cell["value"], cell["period_label"], cell["source"])
                elif cell is not None:
                    take(cell["rank"], None, cell["source"])
    elif args[0] in ("entity", "why"):
        assert isinstance(document, dict)
        head = document["entity" if args[0] == "entity" else "record"]
        if args[0] == "why":
            take(head["value"], head["period_label"], head["source"])
        for row in document["records"]:
            take(row["value"], row.get("period_label"), row["source"])
    else:
        assert isinstance(document, list)
        for row in document:
            take(row["value"], row.get("period_label") or row.get("when"), row["source"])
    return values, periods, sources


def _records(args: tuple[str, ...], document: object) -> int:
    if isinstance(document, dict):
        return len(document["records"]) + (1 if args[0] == "why" else 0)
    assert isinstance(document, list)
    return len(document)


@pytest.fixture(scope="module")
def answers() -> dict[tuple[str, ...], object]:
    return {args: machine(args) for args in COMMANDS}


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_value_period_and_source_is_whole_on_screen(
    args: tuple[str, ...], width: int, answers: dict[tuple[str, ...], object]
) -> None:
    screen = drawn(args, width)
    lines = screen.splitlines()
    too_wide = [line for line in lines if cell_len(line) > width]
    assert not too_wide, too_wide[:3]
    values, periods, sources = expected(args, answers[args])
    numbers = {float(n) for line in lines for n in NUMBER.findall(line.replace(",", ""))}
    assert values <= numbers, sorted(values - numbers)[:5]
    words = {word for line in lines for word in re.split(r"[\s,;()]+", line)}
    assert sources <= words, sorted(sources - words)[:5]  # ids never split across lines
    missing = [p for p in periods if not any(p in line for line in lines)]
    assert not missing, missing[:5]


@pytest.mark.parametrize("width", [60, 120])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_a_record_takes_a_few_lines(
    args: tuple[str, ...], width: int, answers: dict[tuple[str, ...], object]
) -> None:
    screen = drawn(args, width)
    body = screen.split("\nSources\n", 1)[0]  # the numbered source list is not a record
    if args[0] in ("entity", "why"):
        body = body.split("\n\n", 1)[1]  # nor the one object it is about
    records = _records(args, answers[args])
    groups = 3  # a title, a header and a rule (or a blank line) for each group at most
    lines = [line for line in body.splitlines() if line.strip()]
    assert len(lines) <= LINES_PER_RECORD * records + 3 * groups


def test_a_wide_terminal_gets_a_table_and_a_narrow_one_a_compact_layout() -> None:
    wide = drawn(("indicator", "5g-density"), 120)
    assert "─" in wide
    assert "Sources\n  [1] " in wide
    narrow = drawn(("indicator", "5g-density"), 60)
    assert "─" not in narrow
    assert "Value: 28.5 · Source: [" in narrow
    assert "—" not in narrow  # an empty cell is left out, never shown as a dash


def test_ids_are_never_split_in_a_table() -> None:
    screen = drawn(("indicator", "5g-density", "--facts", str(FROZEN)), 100)  # fits as a table
    assert "─" in screen  # it fits as a table at 100 columns
    assert "5g-density-shenzhen-2023-end-target" in screen
