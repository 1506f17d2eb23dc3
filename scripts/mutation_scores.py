"""Write tests/mutation/SCORES.md from the last mutation run (`nox -s mutation` runs both).

    python scripts/mutation_scores.py [--check]

Reads mutmut's results for the modules the checks stand on, leaves out the mutants judged
equivalent in tests/mutation/equivalent.toml (each with its reason), and writes, per module,
the mutants made, killed, survived and judged equivalent, and the share of the others
killed. --check exits 1 when a module is under the target of 90 %, when a mutant survives
that is not judged equivalent, or when a judged mutant is no longer made.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path

import tomli

ROOT = Path(__file__).resolve().parent.parent
MODULES = (
    "szfacts.knowledge.intervals", "szfacts.knowledge.periods", "szfacts.knowledge.formulas",
    "szfacts.questions.check", "szfacts.questions.reports",
)  # fmt: skip
TARGET = 0.90
EQUIVALENT = ROOT / "tests" / "mutation" / "equivalent.toml"
SCORES = ROOT / "tests" / "mutation" / "SCORES.md"


def results() -> dict[str, str]:
    """Each mutant of the modules and its status (killed, survived, timeout, ...)."""
    done = subprocess.run(
        [sys.executable, "-m", "mutmut", "results", "--all", "true"],
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    found = {}
    for line in done.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name.startswith(tuple(f"{m}.x" for m in MODULES)):
            found[name] = status
    return found


def module_of(name: str) -> str:
    return next(m for m in MODULES if name.startswith(f"{m}.x"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail under the target")
    args = parser.parse_args()
    status = results()
    judged = tomli.loads(EQUIVALENT.read_text(encoding="utf-8"))
    problems = [f"{name} is judged equivalent but no longer made" for name in judged
                if name not in status]  # fmt: skip
    counts: dict[str, Counter[str]] = {m: Counter() for m in MODULES}
    survivors = []
    for name, outcome in status.items():
        kind = "equivalent" if name in judged else outcome
        counts[module_of(name)][kind] += 1
        if kind not in ("killed", "equivalent"):
            survivors.append(f"{name}: {outcome}")
    lines = [
        "# Mutation scores of the checking rules",
        "",
        "Written by `python scripts/mutation_scores.py` after `mutmut run` (`nox -s mutation`",
        "runs both). A mutant is a small change to the code (`<` for `<=`, `+ 1` for `- 1`, a",
        "string or argument dropped); it is killed when a test fails on it. Equivalent mutants",
        "change nothing a program could observe; each is listed with its reason in",
        "`equivalent.toml` and left out of the score. Target: 90 % of the others killed.",
        "",
        "| module | mutants | killed | survived | equivalent | score |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for module in MODULES:
        count = counts[module]
        total = sum(count.values())
        others = total - count["equivalent"]
        score = count["killed"] / others if others else 1.0
        survived = others - count["killed"]
        lines.append(f"| `{module}` | {total} | {count['killed']} | {survived} | "
                     f"{count['equivalent']} | {score:.1%} |")  # fmt: skip
        if score < TARGET:
            problems.append(f"{module}: {score:.1%} of the mutants killed, under {TARGET:.0%}")
    lines += ["", "## Judged equivalent", ""]
    lines += [f"- `{name}`: {entry['reason']}" for name, entry in judged.items()]
    lines += ["", "## Surviving, not judged equivalent", ""]
    lines += [f"- `{line}`" for line in sorted(survivors)] or ["None."]
    SCORES.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines[8:15]))
    problems += [f"survives: {line}" for line in survivors]
    for problem in problems:
        print(f"mutation: {problem}", file=sys.stderr)
    return 1 if args.check and problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
