"""The shipped knowledge file says what the two sources say: no more, no less.

Expected values here were read off the source documents by a person, not computed by szfacts.
"""

from __future__ import annotations

import re

import pytest

import szfacts
from szfacts.reading.loader import shipped_bytes

# ruff: noqa: E501  (the table of expected figures reads best one figure a line)

KB = szfacts.load()

# (observation id, value, unit, period, qualifier, source, paragraph)
STATED = [
    ("core-digital-economy-gdp-share-shenzhen", 30, "percent of GDP", None, None, "sz-daily-2022", 1),
    ("new-digital-enterprises-growth-shenzhen-2021-q1-q3", 80, "percent", "2021-Q1/2021-Q3", "over", "sz-daily-2022", 2),
    ("5g-base-stations-shenzhen-2021-end", 51000, "base stations", "2021-end", None, "sz-daily-2022", 4),
    ("5g-density-shenzhen-2021-end", 28.5, "base stations per 10,000 people", "2021-end", None, "sz-daily-2022", 4),
    ("smart-poles-shenzhen-2021-end", 15000, "poles", "2021-end", None, "sz-daily-2022", 4),
    ("5g-coverage-key-venues-shenzhen", 91, "percent", None, None, "sz-daily-2022", 5),
    ("gigabit-fiber-households-shenzhen", 100, "percent of households", None, "all", "sz-daily-2022", 5),
    ("internet-plus-index-china-2017", 348.69, "index points", "2017", None, "sz-commerce-2018", 3),
    ("internet-plus-index-change-china-2017", 126.16, "index points", "2017", None, "sz-commerce-2018", 3),
    ("digital-economy-size-china-2017", 26.70, "RMB trillion", "2017", None, "sz-commerce-2018", 3),
    ("digital-economy-size-china-2016", 22.77, "RMB trillion", "2016", None, "sz-commerce-2018", 3),
    ("digital-economy-growth-china-2017", 17.24, "percent", "2017", None, "sz-commerce-2018", 3),
    ("digital-economy-gdp-share-change-china-2017", 1.67, "percentage points", "2017", None, "sz-commerce-2018", 3),
    ("internet-plus-index-share-gd-js-zj-2017", 33.1, "percent", "2017", None, "sz-commerce-2018", 4),
]  # fmt: skip


@pytest.mark.parametrize(
    ("obs_id", "value", "unit", "period", "qualifier", "source", "para"), STATED
)
def test_stated_figures(
    obs_id: str,
    value: float,
    unit: str,
    period: str | None,
    qualifier: str | None,
    source: str,
    para: int,
) -> None:
    obs = KB.record(obs_id)
    assert isinstance(obs, szfacts.Observation)
    assert (obs.value, obs.unit, obs.qualifier, obs.source) == (value, unit, qualifier, source)
    assert (obs.period.text if obs.period else None) == period
    assert para in obs.paragraphs
    assert not obs.derived


def test_printed_precision_is_kept() -> None:
    obs = KB.record("digital-economy-size-china-2017")
    assert isinstance(obs, szfacts.Observation)
    assert obs.digits() == "26.70"


def test_the_only_derived_value_is_marked_and_sourced_through_its_inputs() -> None:
    derived = [o for o in KB.observations if o.derived]
    assert [o.id for o in derived] == ["internet-plus-index-china-2016"]
    (obs,) = derived
    assert obs.value == 222.53  # 348.69 - 126.16
    assert obs.source is None
    assert KB.sources_of(obs) == ("sz-commerce-2018",)


def test_every_stated_record_cites_a_source_and_paragraph() -> None:
    for obs in KB.observations:
        assert obs.derived or (obs.source and obs.paragraphs), obs.id
    for ranking in KB.rankings:
        assert ranking.source
        for entry in ranking.entries:
            assert entry.paragraphs, entry.id
    for statement in KB.statements:
        assert statement.source
        assert statement.paragraphs, statement.id


def test_city_ranking_2018() -> None:
    cities = KB.record("internet-plus-cities-2018")
    assert isinstance(cities, szfacts.Ranking)
    positions = {e.entity: e.position() for e in cities.entries}
    assert positions == {"shenzhen": "1", "guangzhou": "2", "beijing": "3", "changsha": "top 10"}
    assert cities.universe == 351
    assert cities.period is not None
    assert cities.period.text == "2017"
    changsha = next(e for e in cities.entries if e.entity == "changsha")
    assert changsha.rank is None  # the source gives only the band


def test_province_ranking_2018() -> None:
    (provinces,) = KB.rankings_in(2018, "province")
    assert [e.entity for e in provinces.entries] == [
        "guangdong", "jiangsu", "zhejiang", "beijing", "shandong",
    ]  # fmt: skip
    assert provinces.universe is None  # the source does not say how many were ranked


def test_sources_dates_and_origins() -> None:
    daily = KB.source("sz-daily-2022")
    assert (daily.published.text, daily.published.precision) == ("2022-01-24", "day")
    assert "Industry and Information Technology Bureau" in daily.origin
    commerce = KB.source("sz-commerce-2018")
    assert (commerce.published.text, commerce.published.precision) == ("2018-04", "month")
    assert "Tencent Research Institute" in commerce.origin


@pytest.mark.parametrize(
    ("statement", "period"),
    [
        ("shenzhen-leads-digital-economy-2022", "2022-01-19"),  # "Wednesday" before Mon 24 Jan
        ("shenzhen-data-company-registered", "2021-end"),  # "end of last year"
        ("internet-plus-summit-2018", "2018-04-12/2018-04-13"),
        ("china-electronics-headquarters-move", None),  # undated in the source: no invented date
    ],
)
def test_statement_periods(statement: str, period: str | None) -> None:
    found = KB.record(statement)
    assert isinstance(found, szfacts.Statement)
    assert (found.period.text if found.period else None) == period


def test_qualitative_facts_are_present() -> None:
    texts = " ".join(s.text for s in KB.statements)
    for needle in (
        "China Electronics", "Gigabit City", "four-year plan", "data exchange", "Li Hongguang",
        "Yu Xiquan", "Chongqing", "Pony Ma", "three years in a row", "Changsha", "12 sub-forums",
        "Changan", "western and central", "healthcare",
    ):  # fmt: skip
        assert needle in texts, needle


def test_no_advertisement_text_from_the_scraped_page() -> None:
    text = shipped_bytes().decode("utf-8")
    for spam in ("米乐", "m6", "体育", "官方下载", "app"):
        assert not re.search(rf"\b{re.escape(spam)}\b" if spam.isascii() else spam, text), spam


def test_ids_are_kebab_case_and_unique() -> None:
    ids = [
        r.id
        for group in (
            KB.sources,
            KB.entities,
            KB.indicators,
            KB.observations,
            KB.rankings,
            KB.statements,
        )
        for r in group
    ]
    ids += [e.id for r in KB.rankings for e in r.entries]
    assert len(ids) == len(set(ids))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)
