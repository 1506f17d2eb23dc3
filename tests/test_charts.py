"""Series and comparisons as pictures: a bar chart on the terminal, a Vega-Lite specification.

The chart is drawn on an 80-column pseudo-terminal and read back; the Vega-Lite output is
validated against the official Vega-Lite v5 JSON Schema (tests/data/vega-lite).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from tests.conftest import DATA, Run
from tests.test_terminal import run_in_terminal

MANY = DATA / "many-sources.toml"
VALIDATOR = jsonschema.Draft7Validator(
    json.loads((DATA / "vega-lite" / "vega-lite-v5.schema.json").read_text(encoding="utf-8"))
)
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


def chart_lines(*args: str) -> list[str]:
    drawn = ANSI.sub("", run_in_terminal(*args, env={"COLUMNS": "80"}))
    lines = drawn.replace("\r", "").splitlines()
    return lines[next(i for i, line in enumerate(lines) if "█" in line or "░" in line) - 1 :]


def test_series_chart_marks_bounds_targets_and_conflicts(tmp_path: Path) -> None:
    # Two reports of the end of 2022 that conflict, a bound, and a target.
    text = MANY.read_text(encoding="utf-8").replace(
        'value = 65000\nqualifier = "over"\n', "value = 62000\n"
    )
    facts = tmp_path / "facts.toml"
    facts.write_text(text, encoding="utf-8")
    lines = chart_lines("indicator", "stations", "--entity", "city", "--facts", str(facts))
    assert all(len(line) <= 80 for line in lines)
    bound = next(line for line in lines if "over 64,000" in line)
    assert "▶" in bound  # a bound is drawn as a bound, not a bar that simply stops
    conflicting = [line for line in lines if "≠" in line and "end of 2022" in line]
    assert len(conflicting) == 2  # both reports, side by side, each marked
    # A target's bar, not the legend's entry for targets (which starts with its mark).
    targets = [line for line in lines if "target" in line and "░" in line[1:]]
    assert len(targets) == 2
    assert lines.index(targets[0]) > max(lines.index(line) for line in conflicting)  # apart, below
    # Every hollow bar is a target's; no achievement is drawn hollow.
    assert all("target" in line for line in lines if "░" in line and ":" not in line)
    legend = " ".join(lines[lines.index(targets[-1]) + 1 :])
    for words in ("a lower bound", "never an achievement", "disagrees"):
        assert words in legend


def test_series_chart_converts_to_one_unit() -> None:
    lines = chart_lines("compare", "city", "--indicator", "core-value", "--facts", str(MANY))
    bars = {line.split("█")[0].strip(): line.count("█") for line in lines if "█" in line}
    # 844.6 RMB billion is drawn as 0.8446 trillion beside 0.95 trillion: shorter, not longer.
    assert bars["2020"] < bars["2021"]


def test_piped_output_has_no_chart(szfacts: Callable[..., Run]) -> None:
    run = szfacts("compare", "city", "-i", "stations", "--facts", str(MANY))
    assert run.code == 0
    assert "█" not in run.stdout
    assert "░" not in run.stdout


def vega_lite(cli: Callable[..., Run], *args: str) -> dict[str, Any]:
    run = cli(*args, "--format", "vega-lite")
    assert run.code == 0, run.stderr
    spec: dict[str, Any] = json.loads(run.stdout)
    errors = [error.message for error in VALIDATOR.iter_errors(spec)]
    assert errors == [], errors[:3]
    return spec


@pytest.mark.parametrize(
    "args",
    [
        ("compare", "shenzhen", "--indicator", "5g-base-stations"),
        ("compare", "shenzhen", "--indicator", "gdp"),
        ("indicator", "5g-base-stations", "--entity", "shenzhen"),
        ("compare", "shenzhen", "guangzhou", "shanghai"),
        ("compare", "shenzhen", "beijing", "--indicator", "5g-base-stations"),
        ("compare", "shenzhen", "beijing", "shanghai", "guangzhou"),
    ],
    ids=" ".join,
)
def test_vega_lite_validates_against_the_official_schema(
    cli: Callable[..., Run], args: tuple[str, ...]
) -> None:
    spec = vega_lite(cli, *args)
    assert spec["$schema"] == "https://vega.github.io/schema/vega-lite/v5.json"
    values = spec["data"]["values"]
    assert values
    for value in values:
        assert {"shown", "unit", "status", "qualifier", "source", "record"} <= set(value)
        assert isinstance(value["value"], int | float)


def test_the_schema_catches_a_broken_specification() -> None:
    assert list(VALIDATOR.iter_errors({"mark": "barr", "data": {"values": []}}))


def test_vega_lite_keeps_provenance_status_and_bounds(cli: Callable[..., Run]) -> None:
    spec = vega_lite(cli, "compare", "city", "-i", "stations", "--facts", str(MANY))
    values = {v["record"]: v for v in spec["data"]["values"]}
    target = values["stations-target-2023"]
    assert (target["status"], target["source"], target["value"]) == ("target", "agency", 80000)
    bound = values["stations-daily"]
    assert (bound["qualifier"], bound["bound"], bound["shown"]) == ("over", True, "over 64,000")
    tooltip = {t["field"] for t in spec["layer"][0]["encoding"]["tooltip"]}
    assert {"source", "unit", "status", "qualifier"} <= tooltip
    scaled = vega_lite(cli, "compare", "city", "-i", "core-value", "--facts", str(MANY))
    first = scaled["data"]["values"][0]
    assert (first["value"], first["unit"], first["shown"]) == (
        0.8446,
        "RMB trillion",
        "844.6 RMB billion",
    )


def test_vega_lite_is_refused_where_there_is_nothing_to_draw(cli: Callable[..., Run]) -> None:
    run = cli("rank", "2018", "--format", "vega-lite")
    assert run.code == 2
    assert "this command has no format 'vega-lite'" in run.stderr
    assert run.stdout == ""
    run = cli("indicator", "gdp", "--format", "vega-lite")  # several entities: no one series
    assert run.code == 2
    assert "vega-lite draws series and comparisons" in run.stderr
    assert run.stdout == ""


SPECS = [
    ("compare", "shenzhen", "--indicator", "5g-base-stations"),
    ("compare", "china", "--indicator", "digital-economy-size"),
    ("compare", "shenzhen", "beijing", "--indicator", "5g-base-stations"),
    ("indicator", "gdp", "-e", "shenzhen", "-e", "guangzhou", "-e", "beijing"),
    ("compare", "shenzhen", "beijing", "shanghai", "guangzhou"),
    ("compare", "shenzhen", "guangzhou", "--period", "2021"),
]


@pytest.mark.parametrize("args", SPECS, ids=" ".join)
def test_vega_lite_renders_at_a_sane_size_with_every_value(
    cli: Callable[..., Run], args: tuple[str, ...]
) -> None:
    import html

    vl_convert = pytest.importorskip("vl_convert")
    spec = vega_lite(cli, *args)
    svg = vl_convert.vegalite_to_svg(spec)
    size = re.search(r'<svg[^>]* width="([\d.]+)" height="([\d.]+)"', svg)
    assert size is not None
    width, height = float(size.group(1)), float(size.group(2))
    panel = spec.get("spec", spec)
    band, offset = panel["encoding"]["y"]["field"], panel["encoding"]["yOffset"]["field"]
    values = spec["data"]["values"]
    places = len({v[band] for v in values}) * len({v[offset] for v in values})
    assert width < 1000
    # A bar's step (14 px) for each place a bar can stand, plus titles, axes and each
    # panel's header and padding: never thousands of pixels for a few dozen values.
    panels = len({v["unit"] for v in values}) if "facet" in spec else 1
    assert height < 100 * panels + 20 * places
    texts = {html.unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)}
    for value in spec["data"]["values"]:
        assert value["shown"] in texts, value["shown"]  # each bar says its value
    for name in {value["group"] for value in values if len({v["group"] for v in values}) > 1}:
        assert name in texts  # each series or indicator is named, in a legend or an axis
    assert panel["encoding"]["x"]["title"]  # the axis says its unit


def test_two_series_are_two_colours(cli: Callable[..., Run]) -> None:
    spec = vega_lite(cli, "compare", "shenzhen", "beijing", "--indicator", "5g-base-stations")
    colour = spec["layer"][0]["encoding"]["color"]
    assert colour["field"] == "group"
    assert {v["group"] for v in spec["data"]["values"]} == {"Shenzhen", "Beijing"}
    assert spec["encoding"]["x"]["title"] == "base stations"


def test_a_comparison_has_panels_only_where_units_differ(cli: Callable[..., Run]) -> None:
    spec = vega_lite(cli, "compare", "shenzhen", "beijing", "shanghai", "guangzhou")
    units = {v["unit"] for v in spec["data"]["values"]}
    assert len(units) > 1
    assert spec["facet"]["row"]["field"] == "unit"
    one = vega_lite(cli, "compare", "shenzhen", "guangzhou", "--period", "2021")
    if len({v["unit"] for v in one["data"]["values"]}) == 1:
        assert "facet" not in one
