"""One spec per record: a field added to a record class is read, stored and shown everywhere.

The test copies the package, adds one throwaway field to `Observation` (one edit, as a
contributor would make it), gives it a value in a copy of the frozen knowledge file, and
finds it in every machine format, in `why`, in the compiled form, in the cache's SQLite
database and in the SQLite export with its Datasette description: no other file is edited.
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import replace_once, tsv

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "data" / "frozen-facts.toml"
RECORD = "internet-plus-index-china-2017"
FIELD = """    checked_by: str | None = field(default=None, metadata={"doc": "Who checked it"})
"""


def _package(tmp_path: Path, with_field: bool) -> Path:
    """A copy of the package, with the throwaway field added or not."""
    root = tmp_path / ("with" if with_field else "without")
    shutil.copytree(ROOT / "src" / "szfacts", root / "szfacts",
                    ignore=shutil.ignore_patterns("__pycache__", "_shipped.marshal"))  # fmt: skip
    if with_field:
        records = root / "szfacts" / "knowledge" / "records.py"
        text = records.read_text(encoding="utf-8")
        anchor = "\n\n    @property\n    def derived(self) -> bool:"
        records.write_text(replace_once(text, anchor, "\n" + FIELD.rstrip() + anchor),
                           encoding="utf-8")  # fmt: skip
    return root


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("spec")
    facts = tmp / "facts.toml"
    text = FROZEN.read_text(encoding="utf-8")
    facts.write_text(replace_once(text, f'id = "{RECORD}"\n',
                                  f'id = "{RECORD}"\nchecked_by = "Desk 7"\n'),
                     encoding="utf-8")  # fmt: skip
    return {"with": _package(tmp, True), "without": _package(tmp, False), "facts": facts,
            "tmp": tmp}  # fmt: skip


def _run(world: dict[str, Path], package: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(world[package]), "SZFACTS_FACTS": str(world["facts"]),
           "XDG_CACHE_HOME": str(world["tmp"] / f"cache-{package}"), "NO_COLOR": "1"}  # fmt: skip
    return subprocess.run([sys.executable, "-m", "szfacts", *args], capture_output=True,
                          text=True, env=env, check=False, timeout=60)  # fmt: skip


def test_without_the_field_the_file_is_refused(world: dict[str, Path]) -> None:
    """The control: the same file is invalid for the package as it is."""
    done = _run(world, "without", "check")
    assert done.returncode == 3
    assert "checked_by: is not a field of observations" in done.stdout


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "tsv"])
def test_the_field_is_in_every_machine_format(world: dict[str, Path], fmt: str) -> None:
    for _ in range(2):  # the first run compiles the file, the second reads the cache
        done = _run(world, "with", "indicator", "internet-plus-index", "-f", fmt)
        assert done.returncode == 0, done.stderr
        if fmt == "json":
            rows = json.loads(done.stdout)
        elif fmt == "jsonl":
            rows = [json.loads(line) for line in done.stdout.splitlines()]
        elif fmt == "tsv":
            rows = tsv(done.stdout)
        else:
            import csv
            import io

            rows = list(csv.DictReader(io.StringIO(done.stdout)))
        by_id = {row["id"]: row for row in rows}
        assert by_id[RECORD]["checked_by"] == "Desk 7"
        others = [row["checked_by"] for i, row in by_id.items() if i != RECORD]
        assert others
        assert all(value in (None, "") for value in others)


def test_the_field_is_in_why_and_the_whole_export(world: dict[str, Path]) -> None:
    why = json.loads(_run(world, "with", "why", RECORD, "-f", "json").stdout)
    assert why["record"]["checked_by"] == "Desk 7"
    export = json.loads(_run(world, "with", "export", "-f", "json").stdout)
    assert {o["id"]: o["checked_by"] for o in export["observations"]}[RECORD] == "Desk 7"


def test_the_field_is_in_the_cache_database(world: dict[str, Path]) -> None:
    """A large file's cache is an SQLite index (a small one's a snapshot: the runs above)."""
    cache = world["tmp"] / "cache-index"
    code = (
        "import sys\nfrom szfacts.reading import cache\n"
        "cache.SMALL_FILE = 0  # index this small file as a large one\n"
        f"for _ in range(2): print(cache.load_cached(sys.argv[1]).record({RECORD!r}).checked_by)"
    )
    env = {**os.environ, "PYTHONPATH": str(world["with"]), "XDG_CACHE_HOME": str(cache)}
    done = subprocess.run([sys.executable, "-c", code, str(world["facts"])], capture_output=True,
                          text=True, env=env, check=False, timeout=60)  # fmt: skip
    assert done.stdout.split() == ["Desk", "7", "Desk", "7"], done.stderr
    (index,) = (cache / "szfacts").glob("*.sqlite3")
    with sqlite3.connect(index) as db:
        (extra,) = db.execute("SELECT extra FROM observations WHERE id = ?", (RECORD,)).fetchone()
    assert json.loads(extra)["checked_by"] == "Desk 7"


def test_the_field_is_a_described_column_of_the_sqlite_export(world: dict[str, Path]) -> None:
    out = world["tmp"] / "export.db"
    done = _run(world, "with", "export", "-f", "sqlite", "--out", str(out))
    assert done.returncode == 0, done.stderr
    with sqlite3.connect(out) as db:
        columns = {row[1]: row[2] for row in db.execute("PRAGMA table_info(observations)")}
        (value,) = db.execute(
            "SELECT checked_by FROM observations WHERE id = ?", (RECORD,)
        ).fetchone()
    assert columns["checked_by"] == "TEXT"
    assert value == "Desk 7"
    metadata = json.loads(out.with_name("export.metadata.json").read_text(encoding="utf-8"))
    (database,) = metadata["databases"].values()
    assert database["tables"]["observations"]["columns"]["checked_by"] == "Who checked it"


def test_the_field_survives_the_compiled_form(world: dict[str, Path]) -> None:
    """The form the wheel ships (compiled.py) carries the field too."""
    code = (
        "import sys; from pathlib import Path\n"
        "from szfacts.reading import compiled, loader\n"
        "data = Path(sys.argv[1]).read_bytes()\n"
        "kb = compiled.load(compiled.dump(data, loader.parse(data, 'f')), data)\n"
        f"print(kb.record({RECORD!r}).checked_by)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(world["with"])}
    done = subprocess.run([sys.executable, "-c", code, str(world["facts"])], capture_output=True,
                          text=True, env=env, check=False, timeout=60)  # fmt: skip
    assert done.stdout.strip() == "Desk 7", done.stderr
