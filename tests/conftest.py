"""Shared fixtures: run the CLI as a user would, and write knowledge files to play with."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from szfacts.cli.program import app
from szfacts.reading.loader import shipped_bytes

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
# The knowledge file as it stood with the two seed documents only: tests of the machinery
# that pin exact answers read it, so that growing the shipped file does not move them.
SEED = DATA / "seed-facts.toml"
FROZEN = DATA / "frozen-facts.toml"  # the shipped file as the docs show it: data that stays put
SHIPPED = (ROOT / "facts.toml").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Run:
    code: int
    stdout: str
    stderr: str


@pytest.fixture(autouse=True)
def _clean_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Rich trusts these over isatty(); a developer's shell must not change test results.
    for name in ("FORCE_COLOR", "TTY_COMPATIBLE", "NO_COLOR", "SZFACTS_FACTS", "COLUMNS"):
        monkeypatch.delenv(name, raising=False)
    # Compiled forms go to a cache of the test's own, never to the developer's ~/.cache.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("cache")))
    # parse_period keeps its answers: a test must not pass on one an earlier test cached
    # (under mutation testing, from code that has since changed).
    from szfacts.knowledge.periods import parse_period

    parse_period.cache_clear()


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Path:
    """Answer from the frozen copy of the shipped file: for tests whose expectations are data."""
    monkeypatch.setenv("SZFACTS_FACTS", str(FROZEN))
    return FROZEN


@pytest.fixture
def cli() -> Callable[..., Run]:
    """Run szfacts in-process through Typer's CliRunner; stdout is not a terminal."""
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Run:
        result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
        return Run(result.exit_code, result.stdout, result.stderr)

    return invoke


@pytest.fixture
def szfacts() -> Callable[..., Run]:
    """Run the real `szfacts` entry point in a subprocess."""

    def run(*args: str, env: dict[str, str] | None = None, cwd: Path | None = None) -> Run:
        full_env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR")}
        full_env.update(env or {})
        done = subprocess.run(
            [sys.executable, "-m", "szfacts", *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=full_env,
            cwd=cwd,
            timeout=60,
            check=False,
        )
        return Run(done.returncode, done.stdout, done.stderr)

    return run


@pytest.fixture(scope="session")
def shipped_text() -> str:
    return shipped_bytes().decode("utf-8")


@pytest.fixture
def facts_file(tmp_path: Path, shipped_text: str) -> Callable[[str], Path]:
    """Write a knowledge file: the shipped one with `old` replaced by `new`, or any text."""

    def write(text: str) -> Path:
        path = tmp_path / "facts.toml"
        path.write_text(text, encoding="utf-8")
        return path

    return write


def generated_facts(count: int, out: Path) -> Path:
    """A valid synthetic knowledge file of `count` observations (bench/generate.py)."""
    subprocess.run(
        [
            sys.executable,
            str(ROOT / "bench" / "generate.py"),
            "--facts",
            str(count),
            "--out",
            str(out),
        ],
        check=True,
    )
    return out


def replace_once(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, f"test setup: {old!r} not in the shipped file"
    return text.replace(old, new, 1)


def tsv(text: str) -> list[dict[str, str]]:
    """TSV output as dicts, one a record, keyed by the header row."""
    lines = text.splitlines()
    header = lines[0].split("\t")
    return [dict(zip(header, line.split("\t"), strict=True)) for line in lines[1:]]
