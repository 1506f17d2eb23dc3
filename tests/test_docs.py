"""The README and docs/ are tested: their examples are real output, on the shipped file for
the README and on the frozen copy for docs/; the Quick start is what CI runs."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FROZEN = ROOT / "tests" / "data" / "frozen-facts.toml"


def check_script(name: str) -> None:
    """Run one of scripts/ with --check: it fails when what it writes is out of date."""
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / name), "--check"],
        capture_output=True, text=True, check=False, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def test_examples_are_current_output() -> None:
    check_script("doc_examples.py")


def test_quick_start_is_two_command_lines() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```\w*\n(.*?)```", section, re.DOTALL)
    assert block is not None
    lines = block.group(1).strip().splitlines()
    assert len(lines) == 2
    assert "szfacts rank 2018" in lines[0]
    assert "pytest" in lines[1]


def test_python_api_example_runs_and_shows_what_it_says(monkeypatch: pytest.MonkeyPatch) -> None:
    import szfacts

    # Like every example under docs/, on the frozen knowledge file.
    load = szfacts.load
    monkeypatch.setattr(szfacts, "load", lambda path=None: load(path or FROZEN))
    page = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    block = re.search(r"```python\n(.*?)```", page, re.DOTALL)
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


def test_pictures_show_what_the_commands_print() -> None:
    check_script("doc_pictures.py")


def test_readme_is_short_and_the_reference_is_in_docs() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert len(readme.splitlines()) <= 300
    from szfacts.cli.program import COMMANDS

    for command in COMMANDS:
        page = ROOT / "docs" / "commands" / f"{command}.md"
        assert page.exists(), page
        assert f"](docs/commands/{command}.md)" in readme  # linked from the README
    navigation = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    pages = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert all(page in navigation for page in pages)  # every page is in the site's menu


def test_docs_examples_run_on_the_frozen_file_not_the_shipped_one() -> None:
    # A data commit must change no page of docs/: their examples name the frozen file.
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import doc_examples  # type: ignore[import-not-found]
    finally:
        sys.path.pop(0)
    kinds = {page.relative_to(ROOT).parts[0]: facts for page, facts in doc_examples.pages()}
    assert kinds["README.md"] is None
    assert kinds["docs"] == FROZEN
    assert FROZEN.read_bytes() != b""
