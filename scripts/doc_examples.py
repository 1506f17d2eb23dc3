"""Regenerate the example output in README.md and docs/ from real runs of szfacts.

Each example is a fenced block preceded by a marker line:

    <!-- example: rank 2018 -->            szfacts rank 2018, output as in a pipe
    <!-- example: rank 2018 | terminal --> as drawn on a 100-column terminal (a table)
    <!-- example: rank 2031 | exit -->     also shows the exit status
    <!-- example: indicator gdp -f json | jq length -->   piped into another program
    <!-- exit-codes: ... --> ... <!-- /exit-codes -->   the table of szfacts.errors.ExitCode

README.md's examples run on the shipped knowledge file; those under docs/ on the frozen copy
in tests/data/frozen-facts.toml, so that a change of data changes no page of the reference.

    python scripts/doc_examples.py          rewrite README.md and docs/*.md in place
    python scripts/doc_examples.py --check  exit 1 if any of them is out of date
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FROZEN = ROOT / "tests" / "data" / "frozen-facts.toml"
MARKER = re.compile(
    r"^<!-- example: (?P<args>.+?)(?: \| (?P<flags>[a-z ]+))? -->\n```console\n.*?^```\n",
    re.MULTILINE | re.DOTALL,
)


EXIT_CODES = re.compile(
    r"^(<!-- exit-codes:.*?-->)\n.*?^(<!-- /exit-codes -->)", re.MULTILINE | re.DOTALL
)


def run_example(args: str, flags: set[str], facts: Path | None = None) -> str:
    env = {
        k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "NO_COLOR", "SZFACTS_FACTS")
    }
    env["COLUMNS"] = "100"
    if facts is not None:  # relative, so that a run in another checkout prints the same
        env["SZFACTS_FACTS"] = str(facts.relative_to(ROOT))
    shown = f"$ szfacts {args}"
    command, _, pipe = args.partition(" | ")
    run_argv = shlex.split(command) + (["--format", "table"] if "terminal" in flags else [])
    program = shlex.join([sys.executable, "-m", "szfacts", *run_argv])
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", f"{program} | {pipe}" if pipe else program],
        capture_output=True, text=True, encoding="utf-8", env=env, check=False, timeout=60,
        cwd=ROOT,
    )  # fmt: skip
    lines = [line.rstrip() for line in (done.stdout + done.stderr).splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    if "exit" in flags:
        shown += '; echo "exit $?"'
        lines.append(f"exit {done.returncode}")
    elif done.returncode != 0:
        raise SystemExit(
            f"example `szfacts {args}` failed with exit {done.returncode}: {done.stderr}"
        )
    return "\n".join([shown, *lines])


def regenerate(text: str, facts: Path | None = None) -> str:
    def replace(match: re.Match[str]) -> str:
        flags = set((match["flags"] or "").split())
        head = match.group(0).split("\n", 1)[0]
        return f"{head}\n```console\n{run_example(match['args'], flags, facts)}\n```\n"

    text = MARKER.sub(replace, text)
    # The exit codes' table comes from the one list of them in the code.
    from szfacts.errors import exit_codes_table

    return EXIT_CODES.sub(lambda m: f"{m.group(1)}\n{exit_codes_table()}{m.group(2)}", text)


def pages() -> list[tuple[Path, Path | None]]:
    """Every page with examples, and the knowledge file its examples run on."""
    docs = sorted((ROOT / "docs").rglob("*.md"))
    return [(README, None), *((page, FROZEN) for page in docs)]


def main() -> int:
    stale = []
    for page, facts in pages():
        current = page.read_text(encoding="utf-8")
        fresh = regenerate(current, facts)
        if fresh != current:
            stale.append(str(page.relative_to(ROOT)))
            if "--check" not in sys.argv[1:]:
                page.write_text(fresh, encoding="utf-8")
    if stale and "--check" in sys.argv[1:]:
        print(f"examples out of date in {', '.join(stale)}: run python scripts/doc_examples.py")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
