"""Time `szfacts verify` on a 2,000-word article: the whole command and the check alone.

    python bench/verify.py [--runs 15] [--words 2000]

The article is made of the claim sentences written for the tests
(tests/data/verify-claims.toml) between sentences of plain prose, repeated to the length
asked: about one figure every 25 words, denser than most news. The whole command is timed
as a user runs it (median wall time of --runs runs, after a warm-up), beside `szfacts info`
(start-up and loading alone); the check alone is timed in-process with timeit. The target:
well under a second for the whole command (limit 0.5 s). Exit 1 when it is missed.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
import timeit
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 0.5  # seconds, the whole command

PROSE = (
    "The city has spent the past decade courting technology companies and their suppliers.",
    "Officials describe the programme as a way to modernise older industrial districts.",
    "Analysts caution that official statistics are often revised once census data arrive.",
    "Several firms have moved research teams to the new science parks along the coast.",
    "The report's authors say comparisons between cities depend on how the sector is defined.",
)


def article(words: int) -> str:
    """A text of about `words` words: claim sentences and prose, in paragraphs of four."""
    cases = tomllib.loads((ROOT / "tests" / "data" / "verify-claims.toml").read_text("utf-8"))
    claims = [case["text"] for case in cases["cases"]]
    sentences: list[str] = []
    count = 0
    index = 0
    while count < words:
        sentence = claims[index % len(claims)] if index % 2 == 0 else PROSE[index % len(PROSE)]
        sentences.append(sentence)
        count += len(sentence.split())
        index += 1
    paragraphs = [" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4)]
    return "\n\n".join(paragraphs) + "\n"


def wall(argv: list[str], runs: int) -> float:
    """Median wall seconds of a command, after one warm-up run."""
    subprocess.run(argv, capture_output=True, check=False)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--words", type=int, default=2000)
    options = parser.parse_args()
    text = article(options.words)
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "article.md"
        path.write_text(text, encoding="utf-8")
        szfacts = [sys.executable, "-m", "szfacts"]
        command = wall([*szfacts, "verify", str(path), "--format", "json"], options.runs)
        floor = wall([*szfacts, "info", "--format", "json"], options.runs)
    import szfacts as package

    facts = package.load()
    found = facts.verify(text)
    alone = min(timeit.repeat(lambda: facts.verify(text), number=1, repeat=options.runs))
    verdicts: dict[str, int] = {}
    for checked in found:
        verdicts[checked.verdict] = verdicts.get(checked.verdict, 0) + 1
    print(f"article: {len(text.split()):,} words, {len(found)} claims "
          f"({', '.join(f'{n} {v}' for v, n in sorted(verdicts.items()))})")  # fmt: skip
    print(f"szfacts verify (whole command, median of {options.runs}): {command * 1000:.0f} ms")
    print(f"szfacts info (start-up and loading alone):      {floor * 1000:.0f} ms")
    print(f"the check alone, in-process (best of {options.runs}):      {alone * 1000:.0f} ms")
    verdict = "met" if command < LIMIT else "MISSED"
    print(f"target: the whole command under {LIMIT * 1000:.0f} ms: {verdict}")
    return 0 if command < LIMIT else 1


if __name__ == "__main__":
    sys.exit(main())
