"""`szfacts search`: records by words, best first."""

from __future__ import annotations

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
