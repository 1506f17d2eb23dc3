"""Provenance never drops: citations of sources, and a source on every row of every command."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

import szfacts
from tests.conftest import Run

SOURCE_IDS = {s.id for s in szfacts.load().sources}

COMMANDS = [
    ("rank", "2018"), ("rank",), ("indicator", "5g-density"), ("indicator",),
    ("indicator", "internet-plus-index"), ("compare", "sz", "gz"),
    ("compare", "china", "-i", "digital-economy-size"), ("source",),
    ("source", "sz-commerce-2018"), ("search", "internet"), ("entity", "shenzhen"),
    ("timeline",), ("why", "internet-plus-index-china-2016"),
    *(("export", "--section", s) for s in ("sources", "entities", "indicators", "observations",
                                          "rankings", "statements")),
]  # fmt: skip


@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_every_json_row_names_its_sources(cli: Callable[..., Run], args: tuple[str, ...]) -> None:
    document = json.loads(cli(*args, "--format", "json").stdout)
    if isinstance(document, dict):  # {"source": ..., "records": [...]} or {"section": [...]}
        rows = document["records"] if "records" in document else next(iter(document.values()))
    else:
        rows = document
    assert rows
    for row in rows:
        if "title" in row and args[0] in ("source", "export"):
            continue  # a source itself
        assert "source" in row or "sources" in row, row
        named = row.get("source") or row.get("sources") or []
        names = named.split(",") if isinstance(named, str) else named
        assert set(names) <= SOURCE_IDS, row
        # Only a definition with no facts about it (population, a publisher) cites nothing.
        assert names or args[-1] in ("entities", "indicators") or args == ("indicator",), row


def test_every_csv_row_names_its_sources(cli: Callable[..., Run]) -> None:
    for args in COMMANDS:
        header = cli(*args, "--format", "csv").stdout.splitlines()[0]
        assert {"source", "sources"} & set(header.split(",")) or "title" in header, args


def test_bibtex_of_one_source(cli: Callable[..., Run]) -> None:
    run = cli("source", "sz-daily-2022", "--format", "bibtex")
    assert run.code == 0
    assert run.stdout.startswith("@article{sz-daily-2022,\n")
    assert "  title = {SZ Takes the Lead in China in Digital Economy},\n" in run.stdout
    assert "  journal = {Shenzhen Daily},\n" in run.stdout
    assert "  year = 2022,\n  month = jan,\n  date = {2022-01-24},\n" in run.stdout
    assert "Shenzhen Municipal Industry and Information Technology Bureau" in run.stdout
    assert run.stdout.count("{") == run.stdout.count("}")


def test_bibtex_of_a_source_known_to_the_month(cli: Callable[..., Run]) -> None:
    run = cli("source", "sz-commerce-2018", "--format", "bibtex")
    assert run.stdout.startswith("@misc{sz-commerce-2018,\n")
    assert "  year = 2018,\n  month = apr,\n" in run.stdout
    assert "date = " not in run.stdout  # only the month is known


def test_csl_json(cli: Callable[..., Run]) -> None:
    items = json.loads(cli("source", "--format", "csl-json").stdout)
    assert [i["id"] for i in items][:2] == ["sz-daily-2022", "sz-commerce-2018"]
    assert len(items) == len(SOURCE_IDS)
    assert all("URL" in i for i in items if i["id"] != "sz-commerce-2018")
    assert items[0]["type"] == "article-newspaper"
    assert items[0]["issued"] == {"date-parts": [[2022, 1, 24]]}
    assert items[1]["issued"] == {"date-parts": [[2018, 4]]}
    assert items[1]["author"] == [{"literal": "Commerce Bureau of Shenzhen Municipality"}]


def test_citation_of_unknown_source(cli: Callable[..., Run]) -> None:
    run = cli("source", "nope", "--format", "bibtex")
    assert run.code == 2
    assert "unknown source 'nope'" in run.stderr
