"""Write a valid szfacts knowledge file of N synthetic observations, for benchmarks.

    python bench/generate.py --facts 100000 --out /tmp/facts-100k.toml [--json PATH]

Indicators bench-0 ... bench-499, entities e-0 ... e-350, periods 2010 to 2021, two sources,
a ranking and some statements. Observation k is of bench-(k mod 500), e-(k mod 351), year
2010 + (k mod 12), so `szfacts indicator bench-7 --entity e-7` always has an answer.
--json also writes the same observations as a JSON array, for comparing with jq.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

INDICATORS = 500
ENTITIES = 351
YEARS = 12


def observation(k: int, rng: random.Random) -> dict[str, object]:
    return {
        "id": f"obs-{k}",
        "indicator": f"bench-{k % INDICATORS}",
        "entity": f"e-{k % ENTITIES}",
        "period": str(2010 + k % YEARS),
        "value": f"{rng.uniform(0, 10000):.2f}",
        "unit": "points",
        "source": f"bench-source-{k % 2}",
        "paragraphs": [1 + k % 9],
    }


def write(count: int, out: Path, json_out: Path | None) -> None:
    rng = random.Random(count)
    parts = ["# Synthetic knowledge file for szfacts benchmarks.\nformat = 1\n"]
    parts.extend(
        f'\n[[sources]]\nid = "bench-source-{s}"\ntitle = "Benchmark source {s}"\n'
        f'kind = "dataset"\npublisher = "szfacts benchmarks"\npublished = "2022-01-0{s + 1}"\n'
        f'origin = "bench/generate.py"\nlanguage = "en"\nparagraphs = 9\n'
        for s in range(2)
    )
    parts.extend(
        f'\n[[entities]]\nid = "e-{e}"\nkind = "city"\nname = "Entity {e}"\n'
        for e in range(ENTITIES)
    )
    parts.extend(
        f'\n[[indicators]]\nid = "bench-{i}"\nname = "Benchmark indicator {i}"\n'
        f'unit = "points"\ndefinition = "Synthetic indicator number {i}."\n'
        for i in range(INDICATORS)
    )
    records = []
    for k in range(count):
        obs = observation(k, rng)
        records.append(obs)
        parts.append(
            f'\n[[observations]]\nid = "{obs["id"]}"\nindicator = "{obs["indicator"]}"\n'
            f'entity = "{obs["entity"]}"\nperiod = "{obs["period"]}"\nvalue = {obs["value"]}\n'
            f'unit = "points"\nsource = "{obs["source"]}"\nparagraphs = {obs["paragraphs"]}\n'
        )
    parts.append(
        '\n[[rankings]]\nid = "bench-ranking"\nname = "Benchmark ranking"\nscope = "city"\n'
        'measure = "Benchmark score"\nreport = "Benchmark report (2021)"\nedition = 2021\n'
        'period = "2020"\nuniverse = 351\nsource = "bench-source-0"\nparagraphs = [1]\n'
    )
    parts.extend(
        f'\n[[rankings.entries]]\nid = "bench-ranking-e-{e}"\nentity = "e-{e}"\nrank = {e + 1}\n'
        for e in range(10)
    )
    parts.extend(
        f'\n[[statements]]\nid = "statement-{s}"\nkind = "finding"\n'
        f'entities = ["e-{s % ENTITIES}"]\ntext = "Synthetic statement {s}."\n'
        f'period = "{2010 + s % YEARS}"\nsource = "bench-source-1"\nparagraphs = [2]\n'
        for s in range(max(1, count // 100))
    )
    out.write_text("".join(parts), encoding="utf-8")
    if json_out is not None:
        for record in records:
            record["value"] = float(str(record["value"]))
        json_out.write_text(json.dumps(records), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--facts", type=int, required=True, help="number of observations")
    parser.add_argument("--out", type=Path, required=True, help="knowledge file to write")
    parser.add_argument("--json", type=Path, help="also write the observations as JSON")
    args = parser.parse_args()
    write(args.facts, args.out, args.json)


if __name__ == "__main__":
    main()
