"""Shell completion of ids, names, years and formats, through Click's completion protocol.

Each test runs the real entry point with the environment a shell's completion script sets
(`_SZFACTS_COMPLETE=complete_bash` and COMP_WORDS, or `complete_zsh` / `complete_fish` and
_TYPER_COMPLETE_ARGS), as `szfacts --install-completion` arranges.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from szfacts.reading.loader import shipped_bytes
from tests.conftest import FROZEN


def complete(shell: str, line: str, env: dict[str, str] | None = None) -> list[str]:
    full = {k: v for k, v in os.environ.items() if k != "SZFACTS_FACTS"}
    full["_SZFACTS_COMPLETE"] = f"complete_{shell}"
    if shell == "bash":
        words = line.split(" ")
        full.update(COMP_WORDS=line, COMP_CWORD=str(len(words) - 1))
    else:
        full.update(_TYPER_COMPLETE_ARGS=line, _TYPER_COMPLETE_FISH_ACTION="get-args")
    full.update(env or {})
    done = subprocess.run(
        [sys.executable, "-m", "szfacts"], capture_output=True, text=True, env=full,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return [line for line in done.stdout.splitlines() if line]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            "szfacts indicator 5g",
            [
                "5g-base-stations",
                "5g-density",
                "5g-coverage-key-venues",
                "5g-base-stations-added",
                "5g-density-area",
                "5g-users",
            ],
        ),
        ("szfacts indicator 5g-density --entity shen", ["shenzhen", "shenzhen-data-exchange"]),
        ("szfacts compare 深", ["深圳", "深圳市工业和信息化局", "深圳市商务局", "深圳数据交易所"]),
        ("szfacts compare sz gu", ["guangdong", "guangzhou"]),
        ("szfacts source sz-", ["sz-daily-2022", "sz-commerce-2018"]),
        ("szfacts rank ", ["2017", "2018", "2019", "2020"]),
        ("szfacts rank 2018 --scope ", ["city", "province"]),
        ("szfacts rank 2018 --format j", ["json", "jsonl"]),
        ("szfacts source --format b", ["bibtex"]),
        ("szfacts export --section ob", ["observations"]),
        ("szfacts in", ["indicator", "info"]),
    ],
)
def test_bash(line: str, expected: list[str]) -> None:
    # on the frozen copy of the shipped file: data commits do not change these expectations
    assert complete("bash", line, {"SZFACTS_FACTS": str(FROZEN)}) == expected


def test_zsh_and_fish_with_descriptions() -> None:
    assert complete("zsh", "szfacts indicator 5g-density-") == [
        """_arguments '*: :(("5g-density-area":"5G base stations per square kilometre"))'"""
    ]
    assert complete("fish", "szfacts source sz-c") == [
        "sz-commerce-2018\tShenzhen leads Chinese cities in development of digital economy"
    ]


def test_values_come_from_the_knowledge_file_in_use(tmp_path: Path) -> None:
    text = (
        shipped_bytes().decode("utf-8").replace('id = "5g-density"', 'id = "5g-coverage-density"')
    )
    text = text.replace('indicator = "5g-density"', 'indicator = "5g-coverage-density"')
    facts = tmp_path / "facts.toml"
    facts.write_text(text, encoding="utf-8")
    assert complete("bash", f"szfacts indicator --facts {facts} 5g-c") == [
        "5g-coverage-density", "5g-coverage-key-venues",
    ]  # fmt: skip
    assert complete("bash", "szfacts indicator 5g-c", {"SZFACTS_FACTS": str(facts)}) == [
        "5g-coverage-density", "5g-coverage-key-venues",
    ]  # fmt: skip


def test_an_unreadable_knowledge_file_completes_nothing_quietly(tmp_path: Path) -> None:
    assert (
        complete("bash", "szfacts indicator 5g", {"SZFACTS_FACTS": str(tmp_path / "no.toml")}) == []
    )


def test_show_completion_script() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", "--show-completion", "bash"],
        capture_output=True, text=True, timeout=60, check=False,
        env={**os.environ, "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"},
    )  # fmt: skip
    assert done.returncode == 0
    assert "_SZFACTS_COMPLETE=complete_bash" in done.stdout
