"""The loader: the shipped file loads; every kind of bad file is refused precisely."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

import szfacts
from szfacts import KnowledgeFileError
from tests.conftest import replace_once

MINIMAL = """\
format = 1

[[sources]]
id = "s"
title = "A source"
kind = "news item"
publisher = "Someone"
published = "2020-01"
origin = "A bureau"
language = "en"
paragraphs = 3

[[entities]]
id = "sz"
kind = "city"
name = "Shenzhen"

[[indicators]]
id = "size"
name = "Size"
unit = "RMB trillion"
definition = "How big."

[[observations]]
id = "size-2020"
indicator = "size"
entity = "sz"
period = "2020"
value = 1.50
unit = "RMB trillion"
source = "s"
paragraphs = [2]
"""


def refused(path: Path) -> KnowledgeFileError:
    with pytest.raises(KnowledgeFileError) as caught:
        szfacts.load(path)
    return caught.value


def test_shipped_file_loads_with_every_section() -> None:
    kb = szfacts.load()
    assert len(kb.sources) >= 25
    assert {"shenzhen", "guangzhou", "beijing", "china"} <= {e.id for e in kb.entities}
    assert len(kb.observations) >= 150
    assert len(kb.rankings) >= 4
    assert len(kb.statements) >= 20
    assert len(kb.units) >= 1


def test_minimal_file_keeps_printed_decimals(facts_file: Callable[[str], Path]) -> None:
    kb = szfacts.load(facts_file(MINIMAL))
    (obs,) = kb.observations
    assert obs.value == 1.5
    assert obs.decimals == 2
    assert obs.digits() == "1.50"


def test_entity_found_by_id_name_chinese_name_and_alias() -> None:
    kb = szfacts.load()
    for name in ("shenzhen", "Shenzhen", "SHENZHEN", "深圳", "sz", " SZ "):
        assert kb.entity(name).id == "shenzhen"


def test_syntax_error_names_file_line_and_column(facts_file: Callable[[str], Path]) -> None:
    path = facts_file(MINIMAL.replace('title = "A source"', 'title = "A source'))
    error = refused(path)
    assert str(error).startswith(f"{path}:5:")
    assert "invalid TOML" in str(error)


def test_wrong_type_names_record_and_field(facts_file: Callable[[str], Path]) -> None:
    error = refused(facts_file(MINIMAL.replace("value = 1.50", 'value = "1.50"')))
    assert "observations[size-2020].value: must be a number, not a string" in str(error)
    assert error.problems[0].line == 25  # the line of id = "size-2020"


def test_missing_required_field(facts_file: Callable[[str], Path]) -> None:
    error = refused(facts_file(MINIMAL.replace('unit = "RMB trillion"\nsource', "source")))
    assert "observations[size-2020].unit: is required but missing" in str(error)


def test_unknown_field_is_refused_not_ignored(facts_file: Callable[[str], Path]) -> None:
    error = refused(facts_file(MINIMAL.replace("value = 1.50", "value = 1.50\nvalu = 2")))
    assert "observations[size-2020].valu: is not a field of observations" in str(error)


def test_duplicate_id(facts_file: Callable[[str], Path]) -> None:
    text = MINIMAL + '\n[[entities]]\nid = "size-2020"\nkind = "city"\nname = "X"\n'
    error = refused(facts_file(text))
    assert "duplicate id 'size-2020', already used in" in str(error)


def test_dangling_reference(facts_file: Callable[[str], Path]) -> None:
    error = refused(facts_file(MINIMAL.replace('entity = "sz"', 'entity = "gz"')))
    assert "observations[size-2020].entity: refers to entity 'gz', which is not defined" in str(
        error
    )


def test_unit_must_match_indicator(facts_file: Callable[[str], Path]) -> None:
    text = MINIMAL.replace('value = 1.50\nunit = "RMB trillion"', 'value = 1.50\nunit = "RMB"')
    error = refused(facts_file(text))
    assert "differs from the unit of indicator 'size'" in str(error)


def test_paragraph_past_end_of_source(facts_file: Callable[[str], Path]) -> None:
    error = refused(facts_file(MINIMAL.replace("paragraphs = [2]", "paragraphs = [4]")))
    assert "paragraph 4 is past the end of source 's', which has 3" in str(error)


@pytest.mark.parametrize(
    ("paragraphs", "accepted"),
    [("[1]", True), ("[3]", True), ("[1, 3]", True), ("[0]", False), ("[]", False),
     ("[4]", False), ("[2, 0]", False), ("[-1]", False)],
)  # fmt: skip
@pytest.mark.parametrize("path", ["fast", "precise"])
def test_paragraphs_at_their_bounds(
    facts_file: Callable[[str], Path], paragraphs: str, accepted: bool, path: str
) -> None:
    """Paragraphs are 1 to the source's count, at least one: on both paths of the loader."""
    text = MINIMAL.replace("paragraphs = [2]", f"paragraphs = {paragraphs}")
    if path == "precise":  # value_words sends a figure to the precise path
        text = text.replace("value = 1.50\n", 'value = 1.50\nvalue_words = "one and a half"\n')
    if accepted:
        assert szfacts.load(facts_file(text)).observations[0].paragraphs == tuple(
            int(p) for p in paragraphs.strip("[]").split(",")
        )
    else:
        message = str(refused(facts_file(text)))
        assert "paragraphs" in message or "paragraph" in message


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2021-13", "month 13 does not exist"),
        ("2021-02-30", "is not a date in the calendar"),
        ("21", "is not a period"),
        ("2021/2020", "ends before it starts"),
    ],
)
def test_bad_periods(facts_file: Callable[[str], Path], period: str, expected: str) -> None:
    error = refused(facts_file(MINIMAL.replace('period = "2020"', f'period = "{period}"')))
    assert expected in str(error)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e400", "1" + "0" * 400])
def test_non_finite_or_huge_values(facts_file: Callable[[str], Path], value: str) -> None:
    error = refused(facts_file(MINIMAL.replace("value = 1.50", f"value = {value}")))
    assert "observations[size-2020].value" in str(error)


def test_duplicate_rank_in_a_ranking(facts_file: Callable[[str], Path], shipped_text: str) -> None:
    text = replace_once(
        shipped_text, 'entity = "guangzhou"\nrank = 2', 'entity = "guangzhou"\nrank = 1'
    )
    error = refused(facts_file(text))
    assert "rank 1 is already held by 'shenzhen'" in str(error)


def test_band_and_rank_are_exclusive(facts_file: Callable[[str], Path], shipped_text: str) -> None:
    text = replace_once(shipped_text, 'band = "top 10"', 'band = "top 10"\nrank = 10')
    error = refused(facts_file(text))
    assert "give either a numeric `rank` or a `band`" in str(error)


def test_every_problem_is_collected(facts_file: Callable[[str], Path]) -> None:
    text = MINIMAL.replace('entity = "sz"', 'entity = "gz"').replace(
        'kind = "city"', 'kind = "town"'
    )
    error = refused(facts_file(text))
    assert len(error.problems) == 2
    assert "(and 1 more problem)" in str(error)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert "no such file" in str(refused(tmp_path / "nope.toml"))
    assert "is a directory" in str(refused(tmp_path))


def test_invalid_utf8_names_position(facts_file: Callable[[str], Path]) -> None:
    path = facts_file(MINIMAL)
    path.write_bytes(path.read_bytes().replace(b"A source", b"A \xff source"))
    error = refused(path)
    assert str(error) == f"{path}:5:12: is not valid UTF-8 text"


def test_derived_value_needs_inputs_that_exist(facts_file: Callable[[str], Path]) -> None:
    text = MINIMAL + (
        '\n[[observations]]\nid = "size-2019"\nindicator = "size"\nentity = "sz"\n'
        'period = "2019"\nvalue = 1.0\nunit = "RMB trillion"\nformula = "a / 2"\n'
        'inputs = { a = "size-2030" }\n'
    )
    error = refused(facts_file(text))
    assert "input 'a' refers to observation 'size-2030', which is not defined" in str(error)


def test_formula_cannot_run_code(facts_file: Callable[[str], Path]) -> None:
    text = MINIMAL + (
        '\n[[observations]]\nid = "size-2019"\nindicator = "size"\nentity = "sz"\n'
        'period = "2019"\nvalue = 1.0\nunit = "RMB trillion"\n'
        "formula = \"__import__('os').system('true')\"\ninputs = { a = \"size-2020\" }\n"
    )
    error = refused(facts_file(text))
    assert "may use only names, numbers" in str(error)


@pytest.mark.parametrize(
    ("literal", "decimals"),
    [("26.70", 2), ("1.5e1", 0), ("1.25e1", 1), ("2e-3", 3), ("1_000.5", 1)],
)
def test_decimals_of_float_literals(
    facts_file: Callable[[str], Path], literal: str, decimals: int
) -> None:
    kb = szfacts.load(facts_file(MINIMAL.replace("value = 1.50", f"value = {literal}")))
    assert kb.observations[0].decimals == decimals
    assert kb.observations[0].value == float(literal.replace("_", ""))


@pytest.mark.parametrize("literal", ["3.5", "inf", "nan"])
def test_a_float_is_never_taken_for_a_string(
    facts_file: Callable[[str], Path], literal: str
) -> None:
    error = refused(facts_file(MINIMAL.replace('title = "A source"', f"title = {literal}")))
    assert "sources[s].title: must be a string, not a number" in str(error)


def test_float_in_messages_reads_as_written(facts_file: Callable[[str], Path]) -> None:
    error = refused(facts_file(MINIMAL.replace("format = 1", "format = 1.0")))
    assert "format: must be 1, not 1.0" in str(error)
    error = refused(facts_file(MINIMAL.replace("value = 1.50", "value = nan")))
    assert "value: must be a finite number, not nan" in str(error)


def test_parsing_leaves_the_collector_as_it_was() -> None:
    """The collector is paused while a file is parsed, and restored even when it is refused."""
    import gc

    from szfacts.reading.loader import shipped_bytes, validate

    assert gc.isenabled()
    validate(b"[[sources]]\nid = 1\n")  # invalid records
    validate(b"= not toml")  # a parse error raised inside the pause
    validate(shipped_bytes())
    assert gc.isenabled()
    gc.disable()
    try:
        validate(shipped_bytes())
        assert not gc.isenabled()
    finally:
        gc.enable()
