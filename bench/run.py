"""Time szfacts against reference points and check the start-up and scale targets.

    python bench/run.py [--runs 7] [--sizes 1000,10000,100000] [--write bench/RESULTS.md]

Run it with the Python of a non-editable install (`pip install .`): an editable install
under PYTHONDONTWRITEBYTECODE=1 never caches bytecode and starts about 40 ms slower.
Each figure is the median wall time of --runs runs after a warm-up; the commands of a ratio
are run in turn (A B A B ...) and the ratio is the median of the round-by-round ratios, so
that a drifting machine affects both sides alike. Peak memory is the
largest resident set of a run (getrusage of the child). Needs jq for the jq reference.
"""

from __future__ import annotations

import argparse
import os
import platform
import pty
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
PYTHON = sys.executable
SZFACTS = (
    [str(Path(PYTHON).with_name("szfacts"))]
    if Path(PYTHON).with_name("szfacts").exists()
    else [PYTHON, "-m", "szfacts"]
)
LOOKUP = ["indicator", "bench-7", "--entity", "e-7", "--format", "json"]


@dataclass
class Timing:
    wall: list[float]
    peak_mib: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def peak(self) -> float:
        return max(self.peak_mib)

    def ratio(self, other: Timing) -> float:
        """Median of the run-by-run ratios: both were run in turn, round by round."""
        return statistics.median(a / b for a, b in zip(self.wall, other.wall, strict=True))


def run_once(argv: list[str], env: dict[str, str], terminal: bool = False) -> tuple[float, float]:
    """Wall seconds and peak MiB of one run; output is read and discarded."""
    full_env = {**os.environ, **env}
    start = time.perf_counter()
    if terminal:
        controller, slave = pty.openpty()
        process = subprocess.Popen(argv, stdout=slave, stderr=subprocess.DEVNULL, env=full_env)
        os.close(slave)
        while True:
            try:
                if not os.read(controller, 65536):
                    break
            except OSError:
                break
        os.close(controller)
    else:
        process = subprocess.Popen(
            argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=full_env
        )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(argv)} exited {process.returncode}")
    return wall, usage.ru_maxrss / 1024


def measure(
    pairs: dict[str, tuple[list[str], dict[str, str], bool]],
    runs: int,
    before_each: dict[str, object] | None = None,
) -> dict[str, Timing]:
    """Run each named command in turn, runs times after one warm-up."""
    results = {name: Timing([], []) for name in pairs}
    for round_number in range(runs + 2):
        for name, (argv, env, terminal) in pairs.items():
            hook = (before_each or {}).get(name)
            if callable(hook):
                hook()
            wall, peak = run_once(argv, env, terminal)
            if round_number > 1:  # two warm-up rounds
                results[name].wall.append(wall)
                results[name].peak_mib.append(peak)
    return results


def doubled(text: str) -> str:
    """A knowledge file with every source, figure, ranking and statement twice (ids: -twice)."""
    copies = [
        re.sub(r'(?m)^id = "([^"]+)"', r'id = "\1-twice"', block, count=1)
        for block in re.split(r"(?m)^(?=\[\[)", text)
        if block.startswith(("[[sources]]", "[[observations]]", "[[statements]]", "[[rankings"))
    ]
    return text.rstrip("\n") + "\n\n" + "".join(copies)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--write", type=Path, help="also write the results as Markdown here")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="szfacts-bench-"))
    cache = work / "cache"
    base_env = {"XDG_CACHE_HOME": str(cache), "COLUMNS": "100"}
    files = {}
    for size in sizes:
        files[size] = work / f"facts-{size}.toml"
        subprocess.run(
            [
                PYTHON,
                str(HERE / "generate.py"),
                "--facts",
                str(size),
                "--out",
                str(files[size]),
                "--json",
                str(work / f"facts-{size}.json"),
            ],
            check=True,
        )
    twice = work / "facts-twice.toml"
    twice.write_text(doubled((HERE.parent / "facts.toml").read_text(encoding="utf-8")), "utf-8")
    twice_env = {**base_env, "SZFACTS_FACTS": str(twice)}
    run_once([*SZFACTS, "info"], twice_env)  # compiled into the cache once: runs below are warm
    jq = shutil.which("jq")
    rows: list[tuple[str, float, float, str]] = []

    def row(label: str, timing: Timing, note: str = "") -> None:
        rows.append((label, timing.median, timing.peak, note))

    # Start-up on the shipped file, against a bare interpreter and a minimal Typer app.
    startup = measure(
        {
            "pass": ([PYTHON, "-c", "pass"], base_env, False),
            "floor": ([PYTHON, str(HERE / "floor.py"), "x"], base_env, False),
            "typer": ([PYTHON, str(HERE / "minimal_typer.py"), "x"], base_env, False),
            "paused": ([PYTHON, str(HERE / "minimal_typer_paused.py"), "x"], base_env, False),
            "shipped": ([*SZFACTS, "indicator", "5g-density", "--format", "json"], base_env, False),
            "twice": ([*SZFACTS, "indicator", "5g-density", "--format", "json"], twice_env, False),
        },
        args.runs,
    )
    row("python -c pass", startup["pass"])
    row("minimal Typer app", startup["typer"])
    row("minimal Typer app importing szfacts' model (bench/floor.py)", startup["floor"])
    row(
        "minimal Typer app started as szfacts starts (bench/minimal_typer_paused.py)",
        startup["paused"],
    )
    row("szfacts indicator 5g-density --format json (shipped)", startup["shipped"])
    row("the same, on a file twice the shipped one's size (cached)", startup["twice"])
    terminal = measure(
        {
            "typer": ([PYTHON, str(HERE / "minimal_typer.py"), "x"], base_env, True),
            "shipped": ([*SZFACTS, "indicator", "5g-density"], base_env, True),
            "twice": ([*SZFACTS, "indicator", "5g-density"], twice_env, True),
        },
        args.runs,
    )
    row("minimal Typer app, in a terminal", terminal["typer"])
    row("szfacts indicator 5g-density (table, in a terminal)", terminal["shipped"])
    row("the same, on a file twice the shipped one's size (cached)", terminal["twice"])

    warm: dict[int, Timing] = {}
    shipped_there: dict[int, Timing] = {}
    cold: dict[int, Timing] = {}
    parse: dict[int, Timing] = {}
    jq_times: dict[int, Timing] = {}
    for size in sizes:
        env = {**base_env, "SZFACTS_FACTS": str(files[size])}
        run_once([*SZFACTS, *LOOKUP], env)  # compile once: the warm runs find it
        commands = {
            "warm": ([*SZFACTS, *LOOKUP], env, False),
            "shipped": ([*SZFACTS, "indicator", "5g-density", "--format", "json"], base_env, False),
            "parse": (
                [
                    PYTHON,
                    "-c",
                    "import sys, tomli; tomli.load(open(sys.argv[1], 'rb'))",
                    str(files[size]),
                ],
                base_env,
                False,
            ),
        }
        if jq:
            commands["jq"] = (
                [
                    jq,
                    '.[] | select(.indicator == "bench-7" and .entity == "e-7")',
                    str(work / f"facts-{size}.json"),
                ],
                base_env,
                False,
            )
        timings = measure(commands, args.runs)
        warm[size], shipped_there[size] = timings["warm"], timings["shipped"]
        if jq:
            jq_times[size] = timings["jq"]

        def edit(path: Path = files[size], counter: list[int] = [0]) -> None:  # noqa: B006
            counter[0] += 1  # a new line each time: new content, so the compiled form is stale
            with path.open("a", encoding="utf-8") as handle:
                handle.write(f"# edit {counter[0]}\n")

        cold_group = measure(
            {"cold": ([*SZFACTS, *LOOKUP], env, False), "parse": commands["parse"]},
            args.runs,
            {"cold": edit},
        )
        cold[size], parse[size] = cold_group["cold"], cold_group["parse"]
        row(f"{size:,} observations: lookup, warm (compiled form present)", warm[size])
        row(f"{size:,} observations: lookup, cold (file just edited)", cold[size])
        row(f"{size:,} observations: tomli's bare parse", parse[size])
        if jq:
            row(f"{size:,} observations: jq on the same data as JSON", jq_times[size])

    biggest = max(sizes)
    middle = sorted(sizes)[-2] if len(sizes) > 1 else biggest
    checks = [
        ("shipped lookup / minimal Typer app", startup["shipped"].ratio(startup["typer"]), 1.1),
        (
            "lookup on a file twice the shipped size / minimal Typer app",
            startup["twice"].ratio(startup["typer"]),
            1.1,
        ),
        ("shipped lookup / python -c pass", startup["shipped"].ratio(startup["pass"]), 7.0),
        (
            "floor (model imported, nothing done) / minimal Typer app",
            startup["floor"].ratio(startup["typer"]),
            None,
        ),
        (
            "shipped lookup / minimal Typer app started as szfacts starts",
            startup["shipped"].ratio(startup["paused"]),
            None,
        ),
        (
            "table in a terminal / minimal Typer app in a terminal",
            terminal["shipped"].ratio(terminal["typer"]),
            1.4,
        ),
        (
            "table, file twice the shipped size / minimal Typer app in a terminal",
            terminal["twice"].ratio(terminal["typer"]),
            1.4,
        ),
        (f"{biggest:,} warm / shipped lookup", warm[biggest].ratio(shipped_there[biggest]), 1.5),
        (
            f"{biggest:,} cold / tomli's bare parse",
            cold[biggest].ratio(parse[biggest]),
            1.6,
        ),
        (
            f"{biggest:,} warm / {middle:,} warm (flat)",
            warm[biggest].median / warm[middle].median,
            None,
        ),
        (
            f"{biggest:,} cold / {middle:,} cold (linear: at most {biggest / middle:g})",
            cold[biggest].median / cold[middle].median,
            biggest / middle,
        ),
    ]
    if jq:
        checks.insert(4, (f"{biggest:,} warm / jq", warm[biggest].ratio(jq_times[biggest]), 0.5))
    peak_check = (f"{biggest:,} cold peak memory (MiB)", cold[biggest].peak, 300.0)

    lines = [
        (
            f"Measured {datetime.now(UTC):%Y-%m-%d %H:%M} UTC: {platform.platform()}, "
            f"Python {platform.python_version()}, {os.cpu_count()} CPUs; median of {args.runs} "
            f"runs after two warm-up rounds; szfacts run as `{' '.join(SZFACTS)}`."
        ),
        "",
        "| command | median wall (ms) | peak memory (MiB) |",
        "| --- | ---: | ---: |",
        *(f"| {label} | {median * 1000:.1f} | {peak:.0f} |" for label, median, peak, _ in rows),
        "",
        "| target | measured | limit | verdict |",
        "| --- | ---: | ---: | --- |",
    ]
    for label, value, limit in [*checks, peak_check]:
        verdict = "" if limit is None else ("met" if value <= limit else "MISSED")
        lines.append(
            f"| {label} | {value:.2f} | {'' if limit is None else f'{limit:g}'} | {verdict} |"
        )
    text = "\n".join(lines) + "\n"
    print(text)
    if args.write:
        args.write.write_text(
            "# Benchmark results\n\nProduced by `python bench/run.py --write bench/RESULTS.md`.\n\n"
            + text,
            encoding="utf-8",
        )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
