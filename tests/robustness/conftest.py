"""The robustness harness: the real `szfacts` in a subprocess, inside a sandbox of its own.

Every run gets its own working directory, HOME and XDG_CACHE_HOME. After the run the
harness checks what a user would: the exit code is a documented one, stderr holds no
traceback and each of its lines is one message, the user's files are byte for byte as
before, and nothing was written anywhere but the cache directory.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

import pytest

DOCUMENTED_EXIT_CODES = {0, 1, 2, 3, 70, 130, 141}


@dataclass(frozen=True)
class Outcome:
    code: int
    stdout: str
    stderr: str


def _snapshot(root: Path, skip: Path) -> dict[str, str]:
    found = {}
    for path in sorted(root.rglob("*")):
        if skip in path.parents or path == skip:
            continue
        if path.is_file():
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
        else:
            found[str(path.relative_to(root))] = "dir"
    return found


@dataclass
class Sandbox:
    root: Path

    @property
    def work(self) -> Path:
        return self.root / "work"

    @property
    def home(self) -> Path:
        return self.root / "home"

    @property
    def cache(self) -> Path:
        return self.root / "cache"

    def file(self, name: str, data: bytes | str) -> Path:
        path = self.work / name
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return path

    def run(
        self,
        *args: str,
        env: dict[str, str] | None = None,
        expect: Iterable[int] = DOCUMENTED_EXIT_CODES,
        timeout: float = 120,
    ) -> Outcome:
        full_env = {
            k: v for k, v in os.environ.items()
            if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE", "SZFACTS_FACTS", "COLUMNS")
        }  # fmt: skip
        full_env.update({"HOME": str(self.home), "XDG_CACHE_HOME": str(self.cache)})
        full_env.update(env or {})
        before = _snapshot(self.root, self.cache)
        done = subprocess.run(
            [sys.executable, "-m", "szfacts", *args],
            capture_output=True, env=full_env, cwd=self.work, timeout=timeout, check=False,
        )  # fmt: skip
        after = _snapshot(self.root, self.cache)
        stderr = done.stderr.decode("utf-8", "replace")
        outcome = Outcome(done.returncode, done.stdout.decode("utf-8", "replace"), stderr)
        assert after == before, "szfacts changed files outside its cache directory"
        assert_clean(outcome, set(expect))
        return outcome


def assert_clean(outcome: Outcome, expect: set[int]) -> None:
    """A documented exit code, no traceback, and stderr made of one-line messages."""
    assert outcome.code in expect, (outcome.code, outcome.stderr[-2000:])
    assert "Traceback" not in outcome.stderr, outcome.stderr[-4000:]
    for line in outcome.stderr.splitlines():
        assert line.startswith("szfacts: "), line[:300]
    if outcome.code not in (0, 141):
        assert outcome.stderr.strip(), "a failure must say why on stderr"


@pytest.fixture
def sandbox(tmp_path: Path) -> Sandbox:
    box = Sandbox(tmp_path)
    for folder in (box.work, box.home):
        folder.mkdir()
    return box


@pytest.fixture
def write_facts(sandbox: Sandbox) -> Callable[[str], Path]:
    def write(text: str) -> Path:
        return sandbox.file("facts.toml", text)

    return write
