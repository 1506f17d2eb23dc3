"""`szfacts search`: records by words, best first."""

from __future__ import annotations

import json
from collections.abc import Callable

from tests.conftest import Run, tsv


def test_search_best_first(cli: Callable[..., Run]) -> None:
    assert tsv(cli("search", "深圳").stdout)[0]["id"] == "shenzhen"
    assert tsv(cli("search", "sz").stdout)[0]["id"] == "shenzhen"
    first = tsv(cli("search", "5g", "density").stdout)[0]
    assert (first["kind"], first["id"]) == ("indicator", "5g-density")
    kinds = {r["kind"] for r in tsv(cli("search", "internet", "plus").stdout)}
    assert {"indicator", "ranking", "statement", "source"} <= kinds


def test_search_nothing(cli: Callable[..., Run]) -> None:
    run = cli("search", "zzzz")
    assert run.code == 1
    assert "nothing matches 'zzzz'" in run.stderr


def test_search_finds_chinese_words_inside_names(cli: Callable[..., Run]) -> None:
    ids = [r["id"] for r in json.loads(cli("search", "数字经济", "-f", "json").stdout)]
    assert "core-digital-economy-value" in ids
    assert "digital-economy-size-national" in ids
    mixed = json.loads(cli("search", "深圳5G基站", "-f", "json").stdout)
    assert mixed[0]["kind"] in ("indicator", "observation", "entity")
    assert any(r["id"] == "5g-base-stations-shenzhen-2021-end" for r in mixed)


def test_search_ranks_a_record_holding_every_word_first(cli: Callable[..., Run]) -> None:
    run = cli("search", "digital", "economy", "share", "of", "GDP", "-f", "json")
    hits = json.loads(run.stdout)
    assert hits[0]["id"] == "core-digital-economy-gdp-share"
    observations = [h["id"] for h in hits if h["kind"] == "observation"]
    assert "core-digital-economy-gdp-share-shenzhen-2021" in observations
