"""Real processes: a table under a pseudo-terminal, plain text in a pipe, a pipe closed early."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from collections.abc import Callable

import pytest

from tests.conftest import FROZEN, Run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def run_in_terminal(*args: str, env: dict[str, str] | None = None, width: int = 100) -> str:
    """Run szfacts with stdout on a pseudo-terminal `width` columns wide; return what it drew."""
    import fcntl
    import struct
    import termios

    controller, terminal = pty.openpty()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 50, width, 0, 0))
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("NO_COLOR", "FORCE_COLOR", "TTY_COMPATIBLE")
    }
    full_env.update({"COLUMNS": str(width), "TERM": "xterm-256color", **(env or {})})
    process = subprocess.Popen(
        [sys.executable, "-m", "szfacts", *args],
        stdout=terminal, stderr=subprocess.PIPE, env=full_env,
    )  # fmt: skip
    os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # the terminal closed: the process is done writing
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    assert process.wait(timeout=60) == 0
    return b"".join(chunks).decode("utf-8")


def test_terminal_gets_a_rich_table_by_default() -> None:
    # the frozen file, whose density figures fit a table at 100 columns
    drawn = run_in_terminal("indicator", "5g-density", env={"SZFACTS_FACTS": str(FROZEN)})
    assert "─" in drawn  # box drawing
    assert "\x1b[" in drawn  # styles on a terminal
    assert "28.5" in drawn
    assert "end of 2021" in drawn
    assert "sz-daily-2022 ¶4" in drawn
    assert "\t" not in drawn


def test_no_color_on_a_terminal_means_no_colour() -> None:
    drawn = run_in_terminal("rank", "2018", env={"NO_COLOR": "1"})
    assert "Shenzhen" in drawn
    assert "\x1b[3" not in drawn  # no foreground colour codes
    assert "\x1b[38;" not in drawn


def test_pipe_gets_tsv_by_default(szfacts: Callable[..., Run]) -> None:
    run = szfacts("rank", "2018")
    assert run.code == 0
    assert run.stdout.splitlines()[0].startswith("ranking\tposition\tentity\t")
    assert "─" not in run.stdout


def test_table_headers_and_titles_are_text_not_markup_or_emoji_codes() -> None:
    import io

    from szfacts.output.render import render
    from szfacts.output.rows import Column, Table

    rows = Table(
        kind="example",
        keys=("name", "value"),
        columns=(Column("name", "[bold]name[/bold]"), Column("value", ":smile: value", True)),
        records=[{"name": "[red]x[/red] :cn:", "value": 1, "group": ":thumbs_up:"}],
        group_key="group",
    )
    out = io.StringIO()
    render(rows, "table", out)
    text = out.getvalue()
    for literal in ("[bold]name[/bold]", ":smile: value", "[red]x[/red] :cn:", ":thumbs_up:"):
        assert literal in text
