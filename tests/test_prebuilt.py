"""The record classes made from methods written at build time behave as @dataclass makes them.

A copy of the package gets the module the wheel's build hook writes (knowledge/prebuilt.py);
the same probe runs against it and against the package as it is, and every answer must be
the same: reprs, equality, hashes, fields and their metadata, parameters, pickling,
replace, asdict, pattern matching, frozenness and slots, on every record of the frozen file.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import replace_once

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "data" / "frozen-facts.toml"

PROBE = r"""
import dataclasses, inspect, json, pickle, sys
from pathlib import Path
from szfacts.knowledge import records
from szfacts.reading.loader import parse

kb = parse(Path(sys.argv[1]).read_bytes(), "facts.toml")
every = [*kb.sources, *kb.entities, *kb.indicators, *kb.observations, *kb.rankings,
         *(e for r in kb.rankings for e in r.entries), *kb.statements]
out = {"written": sorted(c.__name__ for c in records.__dict__.values()
                         if isinstance(c, type) and getattr(c.__init__, "__module__", "")
                         .endswith("_records_methods"))}
for record in every:
    copy = pickle.loads(pickle.dumps(record))
    again = dataclasses.replace(record)
    out[type(record).__name__ + ":" + record.id] = [
        repr(record), copy == record, hash(copy) == hash(record), again == record,
        again is not record, record != object(), sorted(dataclasses.asdict(record)),
    ]
for cls in records.RECORD_CLASSES:
    params = cls.__dataclass_params__
    sample = next(r for r in every if type(r) is cls)
    try:
        sample.id = "changed"
    except dataclasses.FrozenInstanceError as error:
        frozen = str(error)
    try:
        del sample.id
    except dataclasses.FrozenInstanceError as error:
        frozen += "; " + str(error)
    try:  # refused by both; @dataclass's slotted class says so with a TypeError (a CPython
        sample.other = 1  # bug: its __setattr__ refers to the class before slots were added)
    except (AttributeError, TypeError):
        frozen += "; refused"
    match sample:
        case cls(first):
            matched = first
    out[cls.__name__] = [
        dataclasses.is_dataclass(cls), cls.__slots__, cls.__match_args__, cls.__doc__,
        cls.__qualname__, cls.__module__, str(inspect.signature(cls)), frozen, matched,
        [(f.name, str(f.type), "-" if f.default is dataclasses.MISSING else repr(f.default),
          dict(f.metadata), f.init, f.repr, f.compare,
          f.hash, f.kw_only) for f in dataclasses.fields(cls)],
        {k: getattr(params, k) for k in ("init", "repr", "eq", "order", "unsafe_hash",
                                          "frozen", "slots", "match_args") if hasattr(params, k)},
        hasattr(sample, "__dict__"), sorted(k for k in cls.__dict__ if not k.startswith("__")),
    ]
print(json.dumps(out, default=repr))
"""


def _probe(package: Path) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(package)}
    done = subprocess.run([sys.executable, "-c", PROBE, str(FROZEN)], capture_output=True,
                          text=True, env=env, check=False, timeout=120)  # fmt: skip
    assert done.returncode == 0, done.stderr
    answer: dict[str, object] = json.loads(done.stdout)
    return answer


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    from szfacts.knowledge import records
    from szfacts.knowledge.prebuilt import MODULE, methods_source

    tmp = tmp_path_factory.mktemp("prebuilt")
    made = {}
    for name in ("plain", "written", "stale"):
        skipped = shutil.ignore_patterns("__pycache__", "_records_methods.py")
        shutil.copytree(ROOT / "src" / "szfacts", tmp / name / "szfacts", ignore=skipped)
        made[name] = tmp / name
    source = methods_source(records.RECORD_CLASSES)
    for name in ("written", "stale"):
        (made[name] / "szfacts" / "knowledge" / f"{MODULE}.py").write_text(source, "utf-8")
    # "stale": the class was edited after the methods were written (a field added).
    stale = made["stale"] / "szfacts" / "knowledge" / "records.py"
    text = stale.read_text(encoding="utf-8")
    author = "    author: str | None = None"
    stale.write_text(replace_once(text, author, author + "\n    extra: str | None = None"), "utf-8")
    return made


def test_the_written_methods_are_taken_and_behave_as_dataclass_makes_them(
    packages: dict[str, Path],
) -> None:
    plain, written = _probe(packages["plain"]), _probe(packages["written"])
    assert plain.pop("written") == []
    assert written.pop("written") == ["Entity", "Indicator", "Observation", "Ranking",
                                      "RankingEntry", "Source", "Statement"]  # fmt: skip
    assert len(plain) > 300
    for key, value in plain.items():
        assert written[key] == value, key


def test_methods_written_for_other_fields_are_not_used(packages: dict[str, Path]) -> None:
    stale = _probe(packages["stale"])
    assert "Source" not in stale["written"]  # type: ignore[operator]
    assert "Observation" in stale["written"]  # type: ignore[operator]
