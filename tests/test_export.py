"""`szfacts export`: the whole knowledge base, resolved, in each format."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from tests.conftest import ROOT, Run, tsv


def test_export_json_has_every_section_resolved(cli: Callable[..., Run]) -> None:
    document = json.loads(cli("export", "-f", "json").stdout)
    assert list(document) == [
        "sources", "entities", "indicators", "observations", "rankings", "statements", "units",
    ]  # fmt: skip
    observation = next(
        o for o in document["observations"] if o["id"] == "5g-base-stations-shenzhen-2021-end"
    )
    assert observation["value"] == 51000
    assert isinstance(observation["value"], int)
    assert observation["entity_name"] == "Shenzhen"
    for records in document.values():
        assert all(list(r) == list(records[0]) for r in records)


def test_export_flat_formats_default_to_observations(cli: Callable[..., Run]) -> None:
    rows = tsv(cli("export").stdout)
    assert len(rows) == (ROOT / "facts.toml").read_text(encoding="utf-8").count("[[observations]]")
    assert "value" in rows[0]
    assert tsv(cli("export", "--section", "rankings").stdout)[0]["position"] == "1"
    assert cli("export", "--section", "cities").code == 2


def test_export_jsonl_tags_sections(cli: Callable[..., Run]) -> None:
    lines = [json.loads(line) for line in cli("export", "-f", "jsonl").stdout.splitlines()]
    assert {line["section"] for line in lines} == {
        "sources", "entities", "indicators", "observations", "rankings", "statements", "units",
    }  # fmt: skip


def test_a_key_declared_once_is_in_every_machine_format(
    cli: Callable[..., Run], monkeypatch: pytest.MonkeyPatch
) -> None:
    # One line in OBSERVATION_FIELDS: the key is in JSON, JSON Lines, CSV and TSV, of every
    # command that gives observations, with no other edit.
    from szfacts.output import records

    extra = records.Field("id_length", lambda s: len(s.obs.id))
    monkeypatch.setattr(records, "OBSERVATION_FIELDS", [*records.OBSERVATION_FIELDS, extra])
    wanted = len("5g-density-shenzhen-2021-end")
    for args in (("export", "--section", "observations"), ("indicator", "5g-density")):
        found = json.loads(cli(*args, "-f", "json").stdout)
        rows = found["observations"] if isinstance(found, dict) else found
        row = next(r for r in rows if r["id"] == "5g-density-shenzhen-2021-end")
        assert row["id_length"] == wanted
        lines = cli(*args, "-f", "jsonl").stdout.splitlines()
        assert all("id_length" in json.loads(line) for line in lines)
        for fmt, separator in (("tsv", "\t"), ("csv", ",")):
            header, *body = cli(*args, "-f", fmt).stdout.splitlines()
            assert header.split(separator)[-1] == "id_length"
            assert any(line.endswith(f"{separator}{wanted}") for line in body)
