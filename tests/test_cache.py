"""The compiled form in the cache: never stale, never trusted blindly, never required.

A file of up to cache.SMALL_FILE bytes is kept as a marshal snapshot, a larger one as an
SQLite index; the tests that hold for both run on both (the index by lowering the limit).
"""

from __future__ import annotations

import json
import marshal
import os
import re
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from szfacts.reading.stored import SCHEMA
from tests.conftest import Run, generated_facts

LOOKUP = ("indicator", "bench-7", "--entity", "e-7", "--format", "json")


@pytest.fixture(params=["snapshot", "index"])
def form(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """The compiled form under test: the small file's snapshot, or the large file's index."""
    from szfacts.reading import cache as store

    if request.param == "index":
        monkeypatch.setattr(store, "SMALL_FILE", 0)
    return str(request.param)


@pytest.fixture
def big_file(tmp_path: Path, form: str) -> Path:
    path = tmp_path / "facts-2000.toml"
    generated_facts(2000, path)
    return path


@pytest.fixture
def index(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only the SQLite index: the test is about hashing or SQL."""
    from szfacts.reading import cache as store

    monkeypatch.setattr(store, "SMALL_FILE", 0)


def cache_files() -> list[Path]:
    directory = Path(os.environ["XDG_CACHE_HOME"]) / "szfacts"
    if not directory.exists():
        return []
    return sorted([*directory.glob("*.sqlite3"), *directory.glob("*.marshal")])


def values(run: Run) -> list[float]:
    assert run.code == 0, run.stderr
    return [row["value"] for row in json.loads(run.stdout)]


def test_warm_answer_equals_parsed_answer(cli: Callable[..., Run], big_file: Path) -> None:
    parsed = cli(*LOOKUP, "--facts", str(big_file), "--no-cache")
    assert cache_files() == []  # --no-cache writes nothing
    cold = cli(*LOOKUP, "--facts", str(big_file))
    assert len(cache_files()) == 1
    warm = cli(*LOOKUP, "--facts", str(big_file))
    assert parsed.stdout == cold.stdout == warm.stdout
    assert values(warm)


@pytest.mark.parametrize(
    "args",
    [
        ("rank", "2018"), ("indicator", "5g-density"), ("indicator", "internet-plus-index"),
        ("compare", "sz", "gz"), ("compare", "china", "-i", "digital-economy-size"),
        ("source", "sz-commerce-2018"), ("search", "gigabit"), ("export", "-f", "json"),
        ("indicator",), ("indicator", "5g-density", "--entity", "深圳", "--period", "2021"),
    ],
)  # fmt: skip
def test_every_command_answers_the_same_from_the_cache(
    cli: Callable[..., Run],
    facts_file: Callable[[str], Path],
    shipped_text: str,
    args: tuple[str, ...],
) -> None:
    path = facts_file(shipped_text)
    parsed = cli(*args, "--facts", str(path), "--no-cache", "-f", "json")
    cli(*args, "--facts", str(path))  # compiles
    warm = cli(*args, "--facts", str(path), "-f", "json")
    assert len(cache_files()) == 1
    assert (warm.code, warm.stdout, warm.stderr) == (parsed.code, parsed.stdout, parsed.stderr)


def test_same_size_edit_in_the_same_second_is_seen(cli: Callable[..., Run], big_file: Path) -> None:
    first = values(cli(*LOOKUP, "--facts", str(big_file)))
    before = big_file.stat()
    text = big_file.read_text(encoding="utf-8")
    marker = 'id = "obs-7"\nindicator = "bench-7"\nentity = "e-7"\nperiod = "2017"\nvalue = '
    start = text.index(marker) + len(marker)
    old_value = text[start : text.index("\n", start)]
    new_value = "1" * len(old_value.split(".")[0]) + "." + "2" * len(old_value.split(".")[1])
    assert len(new_value) == len(old_value)
    assert new_value != old_value
    big_file.write_text(text[:start] + new_value + text[start + len(old_value) :], encoding="utf-8")
    os.utime(big_file, ns=(before.st_atime_ns, before.st_mtime_ns))  # same size, same time
    assert big_file.stat().st_size == before.st_size
    second = values(cli(*LOOKUP, "--facts", str(big_file)))
    assert second[0] == float(new_value) != first[0]
    assert len(cache_files()) == 1  # the compiled form of the old content is gone


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other-schema"])
def test_damaged_cache_falls_back_and_heals(
    cli: Callable[..., Run], big_file: Path, damage: str
) -> None:
    expected = values(cli(*LOOKUP, "--facts", str(big_file)))
    (compiled,) = cache_files()
    if damage == "truncate":
        data = compiled.read_bytes()
        compiled.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        compiled.write_bytes(os.urandom(compiled.stat().st_size))
    elif damage == "empty":
        compiled.write_bytes(b"")
    elif compiled.suffix == ".marshal":
        magic, _, *rest = marshal.loads(compiled.read_bytes())
        compiled.write_bytes(marshal.dumps((magic, 999, *rest)))
    else:
        with sqlite3.connect(compiled) as connection:
            connection.execute("UPDATE meta SET value = '999' WHERE key = 'schema'")
        connection.close()
    run = cli(*LOOKUP, "--facts", str(big_file))
    assert values(run) == expected
    assert run.stderr == ""
    (healed,) = cache_files()
    assert values(cli(*LOOKUP, "--facts", str(big_file))) == expected
    if healed.suffix == ".marshal":
        assert marshal.loads(healed.read_bytes())[1] != 999
        return
    with sqlite3.connect(healed) as connection:
        schema = connection.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        assert schema == (str(SCHEMA),)
    connection.close()


def test_unusable_cache_directory_still_answers(
    cli: Callable[..., Run], big_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-directory"
    blocker.write_text("a file where the cache directory should be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    run = cli(*LOOKUP, "--facts", str(big_file))
    assert values(run)
    assert run.stderr == ""


def test_directory_writable_by_others_is_not_trusted(
    cli: Callable[..., Run], big_file: Path
) -> None:
    expected = values(cli(*LOOKUP, "--facts", str(big_file)))
    directory = Path(os.environ["XDG_CACHE_HOME"]) / "szfacts"
    assert directory.stat().st_mode & 0o777 == 0o700  # created private
    (compiled,) = cache_files()
    _plant_a_false_fact(compiled, big_file)
    directory.chmod(0o777)
    assert values(cli(*LOOKUP, "--facts", str(big_file))) == expected
    directory.chmod(0o700)
    compiled.chmod(0o666)
    assert values(cli(*LOOKUP, "--facts", str(big_file))) == expected
    (rewritten,) = cache_files()
    assert rewritten.stat().st_mode & 0o777 == 0o600


def _plant_a_false_fact(compiled: Path, facts: Path) -> None:
    """Someone else rewrites the compiled form: a well-formed one with every value 0."""
    if compiled.suffix == ".marshal":
        from szfacts.reading import compiled as snapshot
        from szfacts.reading.loader import parse

        data = facts.read_bytes()
        false = re.sub(rb"(?m)^value = .*$", b"value = 0", data)
        compiled.write_bytes(snapshot.dump(data, parse(false, "false.toml")))
        return
    with sqlite3.connect(compiled) as connection:
        connection.execute("UPDATE observations SET value = 0")
    connection.close()


@pytest.mark.parametrize("size", [2000, 6000])  # a snapshot, an index (over a mebibyte)
def test_concurrent_first_runs(tmp_path: Path, size: int) -> None:
    big_file = generated_facts(size, tmp_path / f"facts-{size}.toml")
    command = [sys.executable, "-m", "szfacts", *LOOKUP, "--facts", str(big_file)]
    processes = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(8)
    ]
    outputs = [p.communicate(timeout=120) for p in processes]
    assert all(p.returncode == 0 for p in processes), outputs
    assert len({out for out, _ in outputs}) == 1
    assert all(err == "" for _, err in outputs)
    assert len(cache_files()) == 1
    directory = Path(os.environ["XDG_CACHE_HOME"]) / "szfacts"
    assert not list(directory.glob(".*.tmp"))


def test_abandoned_temporary_files_are_removed(cli: Callable[..., Run], big_file: Path) -> None:
    cli(*LOOKUP, "--facts", str(big_file))
    (compiled,) = cache_files()
    abandoned = compiled.with_name(f".{compiled.name}.99999.tmp")
    abandoned.write_bytes(b"half a database")
    old = time.time() - 3600
    os.utime(abandoned, (old, old))
    big_file.write_text(big_file.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    assert values(cli(*LOOKUP, "--facts", str(big_file)))
    assert not abandoned.exists()


def test_shipped_file_needs_no_cache(cli: Callable[..., Run]) -> None:
    assert cli("indicator", "5g-density").code == 0
    assert cache_files() == []


def test_invalid_file_is_refused_even_with_a_cache(cli: Callable[..., Run], big_file: Path) -> None:
    cli(*LOOKUP, "--facts", str(big_file))
    big_file.write_text(
        big_file.read_text(encoding="utf-8") + "\n[[observations]]\nid = 3\n", encoding="utf-8"
    )
    run = cli(*LOOKUP, "--facts", str(big_file))
    assert run.code == 3
    assert "observations[#2001].id: must be a string, not a number" in run.stderr


@pytest.mark.usefixtures("index")
def test_file_edited_between_hashing_and_reading_is_named_by_what_was_compiled(
    big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A miss reads the file again; the compiled form must carry the hash of those bytes."""
    import hashlib

    from szfacts.reading import cache as store

    hashed = big_file.read_bytes()  # what the file held when it was hashed
    big_file.write_bytes(hashed.replace(b'id = "obs-7"', b'id = "obs-7-edited"', 1))
    stale = hashlib.sha256(hashed).hexdigest()
    with monkeypatch.context() as patched:
        patched.setattr(store, "file_sha256", lambda _path: stale)
        kb = store.load_cached(str(big_file))
    assert kb.record("obs-7-edited") is not None
    (compiled,) = cache_files()
    assert stale not in compiled.name
    assert hashlib.sha256(big_file.read_bytes()).hexdigest() in compiled.name
    # The next run on the content first hashed compiles it afresh: it was never cached.
    big_file.write_bytes(hashed)
    assert store.load_cached(str(big_file)).record("obs-7-edited") is None


@pytest.mark.usefixtures("index")
def test_warm_lookup_hashes_the_file_without_reading_it_whole(
    cli: Callable[..., Run], big_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from szfacts.reading import cache as store

    expected = values(cli(*LOOKUP, "--facts", str(big_file)))  # compiles

    def whole(_path: object) -> bytes:
        raise AssertionError("a warm lookup read the whole file")

    monkeypatch.setattr(store, "read_file", whole)
    assert values(cli(*LOOKUP, "--facts", str(big_file))) == expected


def test_compiling_leaves_the_collector_as_it_was(big_file: Path) -> None:
    import gc

    from szfacts.reading import cache as store

    assert gc.isenabled()
    kb = store.load_cached(str(big_file))  # cold: parsed, validated, written
    assert gc.isenabled()
    assert len(cache_files()) == 1
    assert kb.count_observations() == 2000


def test_a_small_file_is_a_snapshot_read_without_sqlite_or_hashing(tmp_path: Path) -> None:
    """Up to a mebibyte the warm path reads the snapshot: neither sqlite3 nor hashlib."""
    small = generated_facts(2000, tmp_path / "small.toml")
    assert small.stat().st_size <= 1 << 20
    probe = (
        "import sys\nfrom szfacts.reading.cache import load_cached\n"
        "kb = load_cached(sys.argv[1])\n"
        "print(kb.count_observations(), 'sqlite3' in sys.modules, 'hashlib' in sys.modules)"
    )
    runs = [subprocess.run([sys.executable, "-c", probe, str(small)], capture_output=True,
                           text=True, check=True, timeout=120).stdout.split()
            for _ in range(2)]  # fmt: skip
    assert runs[1] == ["2000", "False", "False"]
    assert [p.suffix for p in cache_files()] == [".marshal"]
    big = generated_facts(6000, tmp_path / "big.toml")
    assert big.stat().st_size > 1 << 20
    subprocess.run([sys.executable, "-c", probe, str(big)], check=True, timeout=120)
    assert sorted(p.suffix for p in cache_files()) == [".marshal", ".sqlite3"]
