"""The README is tested: its examples are real output, its Quick start is what CI runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_readme_examples_are_current_output() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_examples.py"), "--check"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_quick_start_is_two_command_lines() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = block.group(1).strip().splitlines()
    assert len(lines) == 2
    assert "szfacts rank 2018" in lines[0]
    assert "pytest" in lines[1]


def test_python_api_example_runs_and_shows_what_it_says() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Python API", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.DOTALL)
    assert block is not None
    namespace: dict[str, object] = {}
    lines = block.group(1).splitlines()
    for number, line in enumerate(lines):
        code = line.split("  #", 1)[0].rstrip()
        if code and not code.startswith("#"):
            exec(code, namespace)
        shown = line.split("# ", 1)[1] if line.startswith("# ") else None
        if shown is not None:  # a comment line shows the value of the line above it
            above = lines[number - 1].split("  #", 1)[0].rstrip()
            assert repr(eval(above, namespace)) == shown, above


def test_readme_pictures_show_what_the_commands_print() -> None:
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "readme_pictures.py"), "--check"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
