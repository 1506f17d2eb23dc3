"""`szfacts export --format sqlite`: a database with keys, full-text search and views.

Read back with the standard library's sqlite3, and served by Datasette on 127.0.0.1.
"""

from __future__ import annotations

import json
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import Run


def export(cli: Callable[..., Run], out: Path, *more: str) -> Run:
    return cli("export", "--format", "sqlite", "--out", str(out), *more)


@pytest.fixture(scope="module")
def database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("export") / "facts.db"
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", "export", "--format", "sqlite", "--out", str(out)],
        capture_output=True, text=True, check=False, timeout=60,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert done.stderr == f"szfacts: wrote {out} and {out.with_name('facts.metadata.json')}\n"
    return out


def test_counts_match_info(cli: Callable[..., Run], database: Path) -> None:
    (info,) = json.loads(cli("info", "-f", "json").stdout)
    with sqlite3.connect(database) as db:
        counts = {
            table: db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("sources", "entities", "indicators", "observations", "rankings",
                          "ranking_entries", "statements", "units")
        }  # fmt: skip
    for table, count in counts.items():
        assert count == info[table], table


def test_foreign_keys_hold_and_are_declared(database: Path) -> None:
    with sqlite3.connect(database) as db:
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []
        keys = {row[2] for row in db.execute("PRAGMA foreign_key_list(observations)")}
        assert keys == {"indicators", "entities", "sources"}
        db.execute("PRAGMA foreign_keys = ON")
        with pytest.raises(sqlite3.IntegrityError):
            db.execute(
                "INSERT INTO observations (id, indicator, entity, value, value_text, unit, "
                "status, derived, paragraphs, conflicts) VALUES "
                "('x', 'no-such-indicator', 'shenzhen', 1, '1', 'u', 'actual', 0, '[]', '[]')"
            )


def test_full_text_search(database: Path) -> None:
    with sqlite3.connect(database) as db:
        found = {
            row[0]
            for row in db.execute("SELECT id FROM search WHERE search MATCH 'gigabit'").fetchall()
        }
        assert {"gigabit-fiber-households", "gigabit-broadband-adoption"} <= found
        (hit,) = db.execute("SELECT kind FROM search WHERE search MATCH '深圳'").fetchall()
        assert hit == ("entity",)


def test_views_join_observations_to_entity_indicator_and_source(database: Path) -> None:
    with sqlite3.connect(database) as db:
        db.row_factory = sqlite3.Row
        row = db.execute(
            "SELECT * FROM observations_resolved WHERE id = '5g-base-stations-shenzhen-2021-end'"
        ).fetchone()
        assert (row["entity_name"], row["indicator_name"], row["value"]) == (
            "Shenzhen", "5G base stations", 51000
        )  # fmt: skip
        assert row["source_url"].startswith("https://www.nowshenzhen.com/")
        target = db.execute(
            "SELECT status FROM observations WHERE id = '5g-density-shenzhen-2023-end-target'"
        ).fetchone()
        assert target["status"] == "target"
        entry = db.execute(
            "SELECT * FROM ranking_entries_resolved WHERE id = ?",
            ("ccid-digitalized-cities-2020-shenzhen",),
        ).fetchone()
        assert (entry["position"], entry["edition"]) == (1, 2020)  # an integer, not '1'


def test_one_scale_orders_reports_given_in_different_units(database: Path) -> None:
    with sqlite3.connect(database) as db:
        gdp = db.execute(
            "SELECT id, value, unit, value_in_unit, indicator_unit FROM observations "
            "WHERE indicator = 'gdp' AND entity = 'shenzhen' AND period IN ('2017', '2018') "
            "ORDER BY value_in_unit DESC"
        ).fetchall()
        # By value alone 2,249.01 (RMB billion, 2017) would sort above 2.42 (RMB trillion, 2018).
        assert [row[0] for row in gdp] == [
            "gdp-shenzhen-2018-hktdc", "gdp-shenzhen-2018-scmp", "gdp-shenzhen-2018-asiatimes",
            "gdp-shenzhen-2017-hktdc", "gdp-shenzhen-2017-chinadailyhk",
        ]  # fmt: skip
        assert {row[4] for row in gdp} == {"RMB trillion"}
        billions = {row[0]: row[3] for row in gdp if row[2] == "RMB billion"}
        assert billions["gdp-shenzhen-2017-hktdc"] == 2.24901
        five_g = db.execute(
            "SELECT value, unit, value_in_unit FROM observations_resolved "
            "WHERE indicator = '5g-base-stations' AND entity = 'china' ORDER BY value_in_unit"
        ).fetchall()
        scaled = [row[2] for row in five_g]
        assert scaled == sorted(scaled)
        assert any(row[1] != "base stations" for row in five_g)  # some given in millions
        ranks = db.execute(
            "SELECT position FROM ranking_entries WHERE ranking = 'ccid-digitalized-cities-2020' "
            "AND typeof(position) = 'integer' ORDER BY position"
        ).fetchall()
        assert [r[0] for r in ranks] == sorted(r[0] for r in ranks)


def test_metadata_describes_every_table_and_column(database: Path) -> None:
    metadata = json.loads(database.with_name("facts.metadata.json").read_text(encoding="utf-8"))
    assert metadata["title"].startswith("szfacts")
    assert {"license", "source", "description"} <= set(metadata)
    tables = metadata["databases"]["facts"]["tables"]
    with sqlite3.connect(database) as db:
        query = (
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'search_%' AND name NOT LIKE 'sqlite_%'"
        )
        for (table,) in db.execute(query):
            assert tables[table]["description"], table
            if "columns" in tables[table]:
                columns = [row[1] for row in db.execute(f"PRAGMA table_info({table})")]
                assert set(columns) == set(tables[table]["columns"]), table


def test_refuses_to_replace_what_is_not_an_export(cli: Callable[..., Run], tmp_path: Path) -> None:
    mine = tmp_path / "notes.db"
    mine.write_text("my notes", encoding="utf-8")
    run = export(cli, mine)
    assert run.code == 2
    assert len(run.stderr.splitlines()) == 1
    assert "exists and is not an szfacts export" in run.stderr
    assert mine.read_text(encoding="utf-8") == "my notes"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]
    assert export(cli, mine, "--force").code == 0
    with sqlite3.connect(mine) as db:
        assert db.execute("SELECT value FROM szfacts_export WHERE key = 'format'").fetchone()


def test_replaces_an_earlier_export_atomically(cli: Callable[..., Run], tmp_path: Path) -> None:
    out = tmp_path / "facts.db"
    assert export(cli, out).code == 0
    assert export(cli, out).code == 0  # an export may replace an export
    assert sorted(p.name for p in tmp_path.iterdir()) == ["facts.db", "facts.metadata.json"]


@pytest.mark.parametrize(
    ("where", "says"),
    [
        ("missing/facts.db", "no such directory"),
        ("/proc/szfacts-test.db", "cannot write"),
    ],
)
def test_unwritable_places_leave_nothing_behind(
    cli: Callable[..., Run], tmp_path: Path, where: str, says: str
) -> None:
    out = Path(where) if where.startswith("/") else tmp_path / where
    run = export(cli, out)
    assert run.code == 2
    assert len(run.stderr.splitlines()) == 1
    assert says in run.stderr
    assert "Traceback" not in run.stderr
    assert not out.exists()
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (("export", "--format", "sqlite"), "give --out FILE"),
        (("export", "--format", "tsv", "--out", "x.db"), "--out goes with --format sqlite"),
    ],
)
def test_sqlite_options_go_together(
    cli: Callable[..., Run], args: tuple[str, ...], says: str
) -> None:
    run = cli(*args)
    assert run.code == 2
    assert says in run.stderr


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def test_datasette_serves_the_export(database: Path) -> None:
    pytest.importorskip("datasette")  # a test dependency: installed by the [test] extra
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "datasette", "serve", str(database), "--metadata",
         str(database.with_name("facts.metadata.json")), "--host", "127.0.0.1",
         "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        url = (
            f"http://127.0.0.1:{port}/facts/observations.json"
            "?id=5g-base-stations-shenzhen-2021-end&_shape=array"
        )
        rows = None
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    rows = json.loads(response.read())
                break
            except OSError:
                if server.poll() is not None:
                    break
                time.sleep(0.2)
        assert rows is not None, server.stderr.read() if server.stderr else ""
        (row,) = rows
        assert (row["value"], row["unit"], row["source"]) == (
            51000,
            "base stations",
            "sz-daily-2022",
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_csv_export_orders_by_one_scale(cli: Callable[..., Run]) -> None:
    import csv
    import io

    frozen = str(Path(__file__).parent / "data" / "frozen-facts.toml")  # data that stays put
    rows = list(csv.DictReader(io.StringIO(cli("export", "-f", "csv", "--facts", frozen).stdout)))
    with sqlite3.connect(":memory:") as db:
        db.execute("CREATE TABLE o (id TEXT, indicator TEXT, entity TEXT, value REAL, v REAL)")
        db.executemany(
            "INSERT INTO o VALUES (?, ?, ?, ?, ?)",
            [(r["id"], r["indicator"], r["entity"], r["value"], r["value_in_unit"]) for r in rows],
        )
        by_scale = [i for (i,) in db.execute(
            "SELECT id FROM o WHERE indicator = '5g-base-stations' AND entity = 'china' "
            "AND id NOT LIKE '%target%' ORDER BY v"
        )]  # fmt: skip
    # 410,000 (mid-2020) first, then the counts given in millions: 1.3, 1.43, 1.7 million.
    assert by_scale[0] == "5g-base-stations-china-2020-06-end"
    assert by_scale[-1] == "5g-base-stations-china-2022-05"


def test_a_column_declared_once_is_created_filled_and_described(
    cli: Callable[..., Run], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # One declaration makes the column, fills it and describes it: no second list to edit.
    from szfacts.output import database_schema
    from szfacts.output.database_schema import Col

    observations = database_schema.TABLES["observations"]
    extra = Col("id_length", "INTEGER", "How long the id is (a test's column)",
                lambda r, _: len(r.id))  # fmt: skip
    monkeypatch.setitem(
        database_schema.TABLES, "observations",
        observations._replace(columns=[*observations.columns, extra]),
    )  # fmt: skip
    out = tmp_path / "extra.db"
    assert export(cli, out).code == 0
    with sqlite3.connect(out) as db:
        found = db.execute(
            "SELECT id_length, id FROM observations WHERE id = '5g-density-shenzhen-2021-end'"
        ).fetchone()
    assert found == (len("5g-density-shenzhen-2021-end"), "5g-density-shenzhen-2021-end")
    described = json.loads(out.with_name("extra.metadata.json").read_text(encoding="utf-8"))
    columns = described["databases"]["extra"]["tables"]["observations"]["columns"]
    assert columns["id_length"] == "How long the id is (a test's column)"
