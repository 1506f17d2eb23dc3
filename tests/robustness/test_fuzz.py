"""Mutated copies of facts.toml through `check` and `export`: answers or one-line refusals.

The default run is quick: a few hundred mutations in-process and a few dozen through the
real executable. SZFACTS_FUZZ_RUNS=N runs N of each (e.g. 2000 for a long run).
"""

from __future__ import annotations

import os
import random
from pathlib import Path

from typer.testing import CliRunner

from szfacts.cli.program import app
from szfacts.reading.loader import shipped_bytes
from tests.robustness.conftest import Outcome, Sandbox, assert_clean

SHIPPED = shipped_bytes()
RUNS = int(os.environ.get("SZFACTS_FUZZ_RUNS", "0"))
IN_PROCESS = RUNS or 300
REAL = RUNS or 24


def mutate(rng: random.Random) -> bytes:
    """Flip bytes, delete or duplicate lines, or swap values between lines."""
    data = bytearray(SHIPPED)
    lines = bytes(data).split(b"\n")
    for _ in range(rng.randint(1, 4)):
        action = rng.choice(["flip", "delete", "duplicate", "swap", "truncate"])
        if action == "flip":
            raw = bytearray(b"\n".join(lines))
            for _ in range(rng.randint(1, 8)):
                raw[rng.randrange(len(raw))] = rng.randrange(256)
            lines = bytes(raw).split(b"\n")
        elif action == "delete" and len(lines) > 1:
            del lines[rng.randrange(len(lines))]
        elif action == "duplicate":
            lines.insert(rng.randrange(len(lines)), lines[rng.randrange(len(lines))])
        elif action == "swap":
            values = [i for i, line in enumerate(lines) if b" = " in line]
            if len(values) < 2:
                continue
            first, second = rng.sample(values, 2)
            a_key, _, a_value = lines[first].partition(b" = ")
            b_key, _, b_value = lines[second].partition(b" = ")
            lines[first], lines[second] = a_key + b" = " + b_value, b_key + b" = " + a_value
        else:
            lines = lines[: rng.randrange(1, len(lines))]
    return b"\n".join(lines)


def test_mutations_in_process(tmp_path: Path) -> None:
    rng = random.Random(20221)
    runner = CliRunner()
    path = tmp_path / "facts.toml"
    codes: dict[int, int] = {}
    for _ in range(IN_PROCESS):
        path.write_bytes(mutate(rng))
        for args in (
            ["check", str(path)],
            ["export", "-f", "json", "--facts", str(path), "--no-cache"],
        ):
            result = runner.invoke(app, args, catch_exceptions=False)
            outcome = Outcome(result.exit_code, result.stdout, result.stderr)
            assert_clean(outcome, {0, 1, 3})
            codes[outcome.code] = codes.get(outcome.code, 0) + 1
    assert codes.get(3, 0) > 0  # the mutations do break files...
    assert codes.get(0, 0) > 0  # ...and some survive as valid ones


def test_mutations_through_the_executable(sandbox: Sandbox) -> None:
    rng = random.Random(7)
    path = sandbox.work / "facts.toml"
    for _ in range(REAL):
        data = mutate(rng)
        path.write_bytes(data)
        for args in (("check", str(path)), ("export", "-f", "jsonl", "--facts", str(path))):
            sandbox.run(*args, expect={0, 1, 3})
        assert path.read_bytes() == data  # the user's file is never touched
