"""Render the pictures of README.md and docs/: SVGs of real runs on a 100-column terminal.

    python scripts/doc_pictures.py          write docs/img/*.svg
    python scripts/doc_pictures.py --check  exit 1 if a picture no longer shows what the
                                             command prints

Like every example under docs/, they run on the frozen knowledge file
(tests/data/frozen-facts.toml), so that a change of data redraws no picture.

Each command runs in a subprocess with colour forced on; Rich turns its output into an
SVG. The SVG starts with a comment holding the plain text of the run: --check compares that
text, so a new Rich release that draws SVGs differently does not fail the check, but a
change in what szfacts prints does.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from rich.console import Console
from rich.text import Text

ROOT = Path(__file__).resolve().parent.parent
PICTURES = ROOT / "docs" / "img"
WIDTH = 100
EXAMPLES = {
    "rank-2018": ["rank", "2018"],
    "indicator-5g-density": ["indicator", "5g-density"],
    "compare-cities": ["compare", "shenzhen", "beijing", "shanghai", "guangzhou"],
    "compare-periods": ["compare", "shenzhen", "--indicator", "5g-base-stations"],
}


def capture(args: list[str]) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("NO_COLOR", "SZFACTS_FACTS")}
    env.update(FORCE_COLOR="1", COLUMNS=str(WIDTH), TERM="xterm-256color",
               SZFACTS_FACTS="tests/data/frozen-facts.toml")  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", *args, "--format", "table"],
        capture_output=True, text=True, encoding="utf-8", env=env, check=True, timeout=60,
        cwd=ROOT,
    )  # fmt: skip
    return done.stdout


def picture(args: list[str]) -> str:
    """The SVG of a run, led by a comment with its plain text."""
    ansi = capture(args)
    text = Text.from_ansi(ansi)
    plain = "\n".join(line.rstrip() for line in text.plain.splitlines()).strip("\n")
    console = Console(record=True, width=WIDTH, file=io.StringIO(), force_terminal=True)
    console.print(text, soft_wrap=True)  # the run is already laid out: keep every space
    title = "szfacts " + " ".join(args)
    svg = console.export_svg(title=title)
    comment = f"{title}\n{plain}".replace("--", "- -")  # XML comments hold no "--"
    return f"<!-- {comment}\n-->\n{svg}"


def main() -> int:
    check = "--check" in sys.argv[1:]
    stale = []
    for name, args in EXAMPLES.items():
        path = PICTURES / f"{name}.svg"
        svg = picture(args)
        if check:
            current = path.read_text(encoding="utf-8") if path.exists() else ""
            if not current.startswith(svg.split("-->", 1)[0]):
                stale.append(path.name)
        else:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(svg, encoding="utf-8")
    if stale:
        print(f"pictures out of date: {', '.join(stale)}; run python scripts/doc_pictures.py")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
