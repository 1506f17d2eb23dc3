"""Why Typer is held below 0.29: time the minimal Typer app under 0.28 and under 0.29.

    python bench/typer_versions.py [--runs 9] [--newer 0.29.2]

Creates two throwaway virtual environments (needs the package index), installs each Typer
version, and runs bench/minimal_typer.py in each, in turn; prints the medians and the ratio.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent


def environment(root: Path, typer_version: str) -> Path:
    venv.create(root, with_pip=True)
    python = root / "bin" / "python"
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", f"typer=={typer_version}"], check=True
    )
    return python


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--held", default="0.28.0")
    parser.add_argument("--newer", default="0.29.2")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as work:
        pythons = {v: environment(Path(work) / v, v) for v in (args.held, args.newer)}
        times: dict[str, list[float]] = {v: [] for v in pythons}
        for round_number in range(args.runs + 2):
            for version, python in pythons.items():
                start = time.perf_counter()
                subprocess.run([str(python), str(HERE / "minimal_typer.py"), "x"],
                               check=True, capture_output=True)  # fmt: skip
                if round_number > 1:
                    times[version].append(time.perf_counter() - start)
    held, newer = (statistics.median(times[v]) for v in (args.held, args.newer))
    ratios = [b / a for a, b in zip(times[args.held], times[args.newer], strict=True)]
    print(f"minimal Typer app, typer {args.held}: {held * 1000:.1f} ms (median)")
    print(f"minimal Typer app, typer {args.newer}: {newer * 1000:.1f} ms (median)")
    print(f"{args.newer} / {args.held}: {statistics.median(ratios):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
