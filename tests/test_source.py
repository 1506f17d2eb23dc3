"""`szfacts source`: the sources, and everything that cites one."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Run, tsv


def test_source_list(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("source").stdout)
    assert [r["id"] for r in rows][:2] == ["sz-daily-2022", "sz-commerce-2018"]
    assert rows[1]["published"] == "2018-04"
    assert all(r["url"] or r["url_note"] for r in rows)


def test_source_detail_lists_everything_citing_it(cli: Callable[..., Run]) -> None:
    document = json.loads(cli("source", "sz-commerce-2018", "-f", "json").stdout)
    assert document["source"]["publisher"] == "Commerce Bureau of Shenzhen Municipality"
    ids = {r["id"] for r in document["records"]}
    assert "internet-plus-cities-2018-shenzhen" in ids
    assert "digital-economy-growth-china-2017" in ids
    assert "internet-plus-index-china-2016" in ids  # derived from its figures
    assert "internet-plus-summit-2018" in ids
    assert "5g-density-shenzhen-2021-end" not in ids


def test_source_unknown(cli: Callable[..., Run]) -> None:
    run = cli("source", "sz-daily")
    assert run.code == 2
    assert "did you mean sz-daily-2022" in run.stderr
