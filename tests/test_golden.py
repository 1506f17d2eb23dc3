"""Output formats are contracts: the table and TSV of two commands, pinned byte for byte.

And the verdicts of `check`: every finding (its check, verdict, subject, inputs, implied
range and face value) on the frozen knowledge file the docs use, which never changes, and
on the shipped one, whose golden file a data commit updates: a changed verdict is a diff.

A change to a file under tests/golden/ is a visible, reviewed change to the interface.
Regenerate them on purpose with SZFACTS_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run

GOLDEN = Path(__file__).parent / "golden"
CASES = [
    ("rank-2018.tsv", ("rank", "2018", "--format", "tsv")),
    ("rank-2018.table", ("rank", "2018", "--format", "table")),
    ("indicator-5g-density.tsv", ("indicator", "5g-density", "--format", "tsv")),
    ("indicator-5g-density.table", ("indicator", "5g-density", "--format", "table")),
    ("indicator-5g-density.json", ("indicator", "5g-density", "--format", "json")),
    ("check-frozen.json", ("check", "tests/data/frozen-facts.toml", "--format", "json")),
    ("check-shipped.json", ("check", "--format", "json")),
]


@pytest.mark.parametrize(("name", "args"), CASES, ids=[c[0] for c in CASES])
def test_golden_output(
    cli: Callable[..., Run], name: str, args: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(Path(__file__).parent.parent)  # the frozen file named as in the docs
    run = cli(*args, env={"COLUMNS": "100"})
    assert run.code == 0
    path = GOLDEN / name
    if os.environ.get("SZFACTS_UPDATE_GOLDEN"):
        path.write_text(run.stdout, encoding="utf-8")
    assert run.stdout == path.read_text(encoding="utf-8")
