"""The figures taken from the public web pages, pinned to their sources and paragraphs.

Each expected value was read off the stored page by a person (value, wording, period,
paragraph), not computed by szfacts: an accidental edit to facts.toml fails here.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import szfacts
from tests.conftest import ROOT, SHIPPED
from tests.test_docs import check_script

# ruff: noqa: E501  (the table of expected figures reads best one figure a line)

KB = szfacts.load()

# (observation id, value text as printed, unit, period, qualifier, status, source, paragraph)
PINNED = [
    ("core-digital-economy-value-shenzhen-2020", "844.6", "RMB billion", "2020", None, "actual", "szdaily-2021-08-26", 2),
    ("core-digital-economy-gdp-share-shenzhen-2020", "30.5", "percent of GDP", "2020", None, "actual", "szdaily-2021-08-26", 2),
    ("core-digital-economy-value-shenzhen-2021", "9000", "RMB 100 million", "2021", "over", "actual", "jiwei-2022-06-13", 3),
    ("core-digital-economy-gdp-share-shenzhen-2021", "30.6", "percent of GDP", "2021", None, "actual", "jiwei-2022-06-13", 3),
    ("5g-base-stations-shenzhen-2020-end", "47600", "base stations", "2020-end", None, "actual", "szdaily-2021-08-26", 9),
    ("5g-base-stations-shenzhen-2020-08-14", "46480", "base stations", "2020-08-14", None, "actual", "nowshenzhen-2020-08-19", 1),
    ("5g-base-stations-shenzhen-2020-08-target", "45000", "base stations", "2020-08", None, "target", "qradio-2020-08-sz-5g", 2),
    ("5g-base-stations-shenzhen-2022-end-rcr", "64000", "base stations", "2022-end", "over", "actual", "rcr-2023-02-20", 3),
    ("5g-base-stations-shenzhen-2022-end-scmp", "64000", "base stations", "2022-end", "over", "actual", "scmp-2023-02-sz-5g-plan", 3),
    ("5g-density-shenzhen-2023-end-target", "42", "base stations per 10,000 people", "2023-end", None, "target", "xinhua-2023-sz-5g-plan", 2),
    ("5g-density-area-shenzhen-2023-end-target", "37", "base stations per km²", "2023-end", None, "target", "xinhua-2023-sz-5g-plan", 2),
    ("5g-base-stations-shanghai-2022-04-end", "51716", "base stations", "2022-04-30", None, "actual", "xinhua-2022-06-11-shanghai-5g", 1),
    ("5g-base-stations-beijing-2021-end", "56400", "base stations", "2021-end", None, "actual", "rcr-2022-01-10-beijing-5g", 1),
    ("5g-base-stations-beijing-2024-04", "114500", "base stations", "2024-04", "about", "actual", "beijing-gov-2024-05-20", 1),
    ("5g-base-stations-guangdong-2022-01-20", "170000", "base stations", "2022-01-20", None, "actual", "xinhua-2022-01-20-guangdong-5g", 1),
    ("5g-base-stations-guangzhou-2019-end-target", "14600", "base stations", "2019-end", None, "target", "pingwest-2019-07-11", 1),
    ("5g-base-stations-china-2021-end-cgtn", "1.43", "million base stations", "2021-end", "nearly", "actual", "cgtn-2022-02-13", 1),
    ("5g-base-stations-china-2025-end-target", "3.64", "million base stations", "2025-end", None, "target", "rcr-2022-01-28", 8),
    ("population-shenzhen-2020", "17.56", "million people", "2020", None, "actual", "szgov-2021-05-17", 1),
    ("population-shenzhen-2022", "17.6618", "million people", "2022", None, "actual", "thats-2023-05-10", 3),
    ("population-change-shenzhen-2022", "-19800", "people", "2022", None, "actual", "thats-2023-05-10", 3),
    ("gdp-shenzhen-2017-hktdc", "2249.01", "RMB billion", "2017", None, "actual", "hktdc-shenzhen-profile", 1),
    ("gdp-shenzhen-2021", "3.07", "RMB trillion", "2021", None, "actual", "hkcd-2022-04-12", 1),
    ("gdp-shenzhen-2022", "3.24", "RMB trillion", "2022", "nearly", "actual", "szdaily-2023-01-30", 1),
    ("gdp-shenzhen-2023", "3.46", "RMB trillion", "2023", None, "actual", "govcn-2024-01-31", 1),
    ("gdp-growth-shenzhen-2022-target", "6", "percent", "2022", "about", "target", "hkcd-2022-04-12", 4),
    ("gdp-growth-shenzhen-2018-asiatimes", "7.5", "percent", "2018", None, "actual", "asiatimes-2019-01", 2),
    ("gdp-hkd-hong-kong-2018", "2.85", "HKD trillion", "2018", None, "actual", "scmp-2019-02-27", 1),
    ("digital-economy-size-national-china-2021-cidr", "45.5", "RMB trillion", "2021", None, "actual", "ecns-2022-11-10", 1),
    ("digital-economy-size-national-china-2021-ecns", "45", "RMB trillion", "2021", "over", "actual", "ecns-2022-07-06", 1),
    ("digital-economy-gdp-share-national-china-2012-ecns", "21.6", "percent of GDP", "2012", None, "actual", "ecns-2022-07-06", 1),
    ("digital-economy-gdp-share-national-china-2012-caict", "20.9", "percent of GDP", "2012", None, "actual", "chinadaily-2022-07-31-caict", 2),
    ("digital-economy-size-usd-china-2021", "7.1", "USD trillion", "2021", None, "actual", "chinadaily-2022-07-31-caict", 1),
    ("digital-economy-gdp-share-china-2016", "30.61", "percent of GDP", "2016", None, "actual", "huanqiu-2018-04-13", 1),
    ("5g-base-stations-guangzhou-2023-end", "91700", "base stations", "2023-end", None, "actual", "xinhua-2024-01-15-guangzhou", 3),
    ("core-digital-economy-gdp-share-guangzhou-2023", "13", "percent of GDP", "2023", None, "actual", "xinhua-2024-01-15-guangzhou", 3),
    ("data-exchange-trading-value-shenzhen-trial", "1.1", "RMB billion", "2021-12/2022-11", None, "actual", "scmp-2022-11-sz-data-exchange", 2),
    ("data-exchange-trades-shenzhen-trial", "415", "trades", "2021-12/2022-11", None, "actual", "scmp-2022-11-sz-data-exchange", 2),
    ("data-exchange-cross-border-value-shenzhen", "11", "RMB million", "2022-11-15/2023-01-06", None, "actual", "chinadaily-2023-01-06-data-trading", 4),
]  # fmt: skip


# The second reading list (issue 20): one or more figures of each new source, read off the page.
PINNED_2 = [
    ("digital-economy-size-caict-china-2016", "22.6", "RMB trillion", "2016", None, "actual", "xinhua-2017-07-20-caict-2016", 2),
    ("digital-economy-gdp-share-caict-china-2016", "30.3", "percent of GDP", "2016", None, "actual", "xinhua-2017-07-20-caict-2016", 4),
    ("digital-economy-size-caict-china-2020-forecast-2017", "32", "RMB trillion", "2020", None, "target", "xinhua-2017-07-20-caict-2016", 8),
    ("digital-economy-size-caict-china-2017", "27.2", "RMB trillion", "2017", None, "actual", "chinabankingnews-2018-12-17-caict", 6),
    ("digital-economy-gdp-share-caict-china-2018", "34.8", "percent of GDP", "2018", None, "actual", "digitaltimes-2019-04-caict-2018", 2),
    ("digital-economy-size-caict-china-2019", "35.8", "RMB trillion", "2019", None, "actual", "technologytimes-2020-07-06-caict-2019", 1),
    ("digital-economy-gdp-share-caict-china-2020", "38.6", "percent of GDP", "2020", None, "actual", "scmp-2021-04-27-caict-2020", 3),
    ("digital-economy-growth-caict-china-2021", "16.2", "percent", "2021", None, "actual", "xinhua-2022-07-09-caict-2021", 2),
    ("digital-economy-size-caict-china-2022", "50.2", "RMB trillion", "2022", None, "actual", "caict-2023-04-28-report-2023", 4),
    ("digital-economy-growth-caict-china-2023", "7.39", "percent", "2023", None, "actual", "zj-jxt-2024-09-12-caict-2024", 6),
    ("digital-economy-gdp-share-national-china-2022-xinhua-april", "41.5", "percent of GDP", "2022", None, "actual", "xinhua-2023-04-27-digital-china-2022", 2),
    ("5g-base-stations-china-2022-end", "2.31", "million base stations", "2022-end", None, "actual", "xinhua-2023-04-27-digital-china-2022", 3),
    ("gdp-guangzhou-2020", "2.5", "RMB trillion", "2020", "over", "actual", "xinhua-2021-02-01-guangzhou", 1),
    ("5g-base-stations-guangzhou-2019-07", "5000", "base stations", "2019-07", None, "actual", "rcr-2019-07-12", 2),
    ("5g-base-stations-china-2023-05", "2.84", "million base stations", "2023-05", "over", "actual", "xinhua-2023-07-06-china-5g", 1),
    ("5g-base-stations-china-2023-end-target", "2.9", "million base stations", "2023-end", None, "target", "xinhua-2023-04-20-china-5g", 4),
    ("5g-base-stations-china-2023-end", "3.377", "million base stations", "2023-end", None, "actual", "c114-2024-01-19-china-5g", 3),
    ("5g-base-stations-china-2024-08", "4.04", "million base stations", "2024-08", "over", "actual", "xinhua-2024-09-25-china-5g", 1),
    ("5g-base-stations-china-2025-08", "4.65", "million base stations", "2025-08", "nearly", "actual", "xinhua-2025-09-23-china-5g", 1),
    ("5g-base-stations-added-china-2025-01-09", "455000", "base stations", "2025-01/2025-09", None, "actual", "xinhua-2025-10-27-china-5g", 2),
    ("gdp-beijing-2023", "4.38", "RMB trillion", "2023", None, "actual", "chinadaily-2024-01-21-beijing-2023", 1),
    ("gdp-beijing-2022", "41610.9", "RMB 100 million", "2022", None, "actual", "chinanews-2023-03-21-beijing-2022", 2),
    ("5g-base-stations-beijing-2020-06-xinhua", "21086", "base stations", "2020-06", None, "actual", "asiatoday-2020-06-12-beijing-5g", 1),
    ("5g-base-stations-beijing-2022-07", "63000", "base stations", "2022-07", None, "actual", "rcr-2022-12-09-shanghai-5g", 7),
    ("5g-base-stations-shanghai-2023-08", "88000", "base stations", "2023-08", None, "actual", "mobileworldlive-2023-10-09-shanghai-5g", 1),
    ("5g-base-stations-shenzhen-2023-10", "65000", "base stations", "2023-10", "about", "actual", "mobileworldlive-2023-10-09-shanghai-5g", 5),
    ("5g-base-stations-shanghai-2024-03", "92000", "base stations", "2024-03", None, "actual", "xinhua-2024-03-29-shanghai-5g", 1),
    ("gdp-shanghai-2023", "4.72", "RMB trillion", "2023", "over", "actual", "chinadaily-2024-01-29-shanghai-gdp", 1),
    ("gdp-shanghai-2024", "5.39", "RMB trillion", "2024", None, "actual", "shanghai-gov-2025-01-30-gdp-2024", 1),
    ("gdp-hangzhou-2023", "2", "RMB trillion", "2023", "over", "actual", "hangzhou-2024-01-25-gdp-2023", 1),
    ("gdp-hangzhou-2023-zjdaily", "20059", "RMB 100 million", "2023", None, "actual", "zjdaily-2024-01-25-hangzhou-gdp-2023", 1),
    ("gdp-hangzhou-2022", "1875.3", "RMB billion", "2022", None, "actual", "hangzhou-gov-2023-02-23-work-report", 1),
    ("gdp-shenzhen-2024", "3.68", "RMB trillion", "2024", None, "actual", "szdaily-2025-12-19-shenzhen-14th-fyp", 1),
    ("trade-volume-shenzhen-2024", "4.5", "RMB trillion", "2024", None, "actual", "szdaily-2025-12-19-shenzhen-14th-fyp", 1),
    ("digital-economy-size-national-china-2018-cidr", "31.3", "RMB trillion", "2018", None, "actual", "xinhua-2019-10-20-cidr-2019", 1),
    ("digital-economy-gdp-share-china-2016-fznews", "30.61", "percent of GDP", "2016", None, "actual", "fznews-2017-04-22-internet-plus-2017", 4),
    ("digital-economy-value-added-city-beijing-2023-h1", "918.05", "RMB billion", "2023-Q1/2023-Q2", None, "actual", "xinhua-2023-08-19-beijing-digital-economy", 1),
    ("rd-gdp-share-shanghai-2023", "4.4", "percent of GDP", "2023", None, "actual", "shine-2024-01-28-shanghai-2023", 6),
    ("5g-base-stations-china-2023-04", "2.73", "million base stations", "2023-04", None, "actual", "xinhua-2023-05-24-china-5g", 2),
    ("5g-base-stations-china-2023-10", "3.22", "million base stations", "2023-10", "nearly", "actual", "xinhua-2023-11-22-china-5g", 2),
    ("5g-users-china-2024-06", "927", "million users", "2024-06", None, "actual", "shine-2024-07-23-china-5g", 3),
    ("5g-density-china-2020-rcr-2021", "5", "base stations per 10,000 people", "2020", None, "actual", "rcr-2021-11-17-china-5g-plan", 2),
    ("5g-base-stations-china-2023-07", "3.055", "million base stations", "2023-07", None, "actual", "c114-2023-08-23-china-5g", 1),
    ("digital-economy-size-national-china-2020-cidr", "39.2", "RMB trillion", "2020", None, "actual", "xinhua-2021-09-26-cidr-2021", 1),
    ("5g-base-stations-china-2020-09", "480000", "base stations", "2020-09", "about", "actual", "cgtn-2020-11-24-cidr-2020", 5),
    ("5g-base-stations-china-2021-end-digital-china", "142.5", "10,000 base stations", "2021-end", None, "actual", "kczg-2022-07-25-digital-china-2021", 2),
    ("industrial-output-above-size-shenzhen-2022-szdaily-industry", "4.5", "RMB trillion", "2022", "over", "actual", "szdaily-2023-01-30-industry-2022", 2),
    ("gdp-growth-shenzhen-2023-target", "6", "percent", "2023", None, "target", "szdaily-2023-02-15-targets-2023", 1),
    ("5g-base-stations-china-2024-04", "374.8", "10,000 base stations", "2024-04", None, "actual", "bjdaily-2024-06-07-5g", 2),
    ("5g-base-stations-beijing-2024-06", "122000", "base stations", "2024-06", None, "actual", "cgtn-2024-08-05-beijing-digital-economy", 4),
    ("5g-base-stations-beijing-2024-07", "104000", "base stations", "2024-07", None, "actual", "bjdaily-2024-07-05-beijing-digital-report", 3),
    ("5g-base-stations-beijing-2020-05", "20429", "base stations", "2020-05", None, "actual", "people-2020-06-11-beijing-5g", 1),
    ("5g-base-stations-china-2019-end-daoinsights", "130000", "base stations", "2019-end", None, "actual", "daoinsights-2020-china-5g-400k", 1),
    ("5g-base-stations-china-2019-12", "126000", "base stations", "2019-12", None, "actual", "mic-2019-12-27-china-5g", 1),
    ("5g-density-china-2025-target-globaltimes", "26", "base stations per 10,000 people", "2025", None, "target", "globaltimes-2021-11-17-china-5g-plan", 2),
    ("5g-base-stations-china-2024-07", "3.84", "million base stations", "2024-07", None, "actual", "xinhua-2024-07-05-china-5g", 2),
]  # fmt: skip


@pytest.mark.parametrize(
    ("obs_id", "printed", "unit", "period", "qualifier", "status", "source", "para"),
    PINNED + PINNED_2,
)
def test_pinned_figures(
    obs_id: str, printed: str, unit: str, period: str, qualifier: str | None, status: str,
    source: str, para: int,
) -> None:  # fmt: skip
    obs = KB.record(obs_id)
    assert isinstance(obs, szfacts.Observation), obs_id
    assert (obs.digits(), obs.unit, obs.qualifier, obs.status, obs.source) == (
        printed, unit, qualifier, status, source
    )  # fmt: skip
    assert (obs.period.text if obs.period else None) == period
    assert para in obs.paragraphs


# (ranking id, edition, data year, universe, {entity: position as stated})
RANKINGS = [
    ("digital-china-index-provinces-2019", 2019, "2018", 31,
     {"guangdong": "1", "jiangsu": "2", "beijing": "3", "zhejiang": "4", "shandong": "5"}),
    ("digital-china-index-cities-2019", 2019, "2018", 351,
     {"beijing": "top 5", "shenzhen": "top 5", "shanghai": "top 5", "guangzhou": "top 5", "chengdu": "top 5"}),
    ("ccid-digitalized-cities-2020", 2020, None, 293,
     {"shenzhen": "1", "shanghai": "2", "beijing": "3", "guangzhou": "4", "hangzhou": "5", "dongguan": "6",
      "qingdao": "7", "chongqing": "8", "nanjing": "9", "tianjin": "10"}),
    ("cidr-internet-development-provinces-2020", 2020, None, 31,
     {"beijing": "1", "guangdong": "2", "shanghai": "3", "jiangsu": "top 10", "zhejiang": "top 10",
      "shandong": "top 10", "sichuan": "top 10", "fujian": "top 10", "tianjin": "top 10",
      "chongqing": "top 10"}),
    ("cidr-internet-development-provinces-2019", 2019, None, None,
     {"beijing": "top 5", "guangdong": "top 5", "shanghai": "top 5", "zhejiang": "top 5",
      "jiangsu": "top 5"}),
    ("digital-china-provinces-2021", 2021, "2021", 31,
     {"zhejiang": "1", "beijing": "top 10", "shanghai": "top 10", "guangdong": "top 10",
      "jiangsu": "top 10", "shandong": "top 10", "tianjin": "top 10", "fujian": "top 10",
      "hubei": "top 10", "sichuan": "top 10"}),
    ("caict-digital-competitiveness-cities-2020", 2020, "2019", None,
     dict.fromkeys(("beijing", "shanghai", "shenzhen", "guangzhou", "nanjing", "hangzhou", "tianjin",
                    "chengdu", "chongqing", "wuhan", "qingdao"), "top 15")),
    ("internet-plus-digital-economy-cities-2017", 2017, None, None,
     dict.fromkeys(("beijing", "shenzhen", "shanghai", "guangzhou", "chengdu", "hangzhou", "wuhan", "chongqing", "dongguan"), "top 10")),
]  # fmt: skip


@pytest.mark.parametrize(("ranking_id", "edition", "period", "universe", "places"), RANKINGS)
def test_pinned_rankings(
    ranking_id: str, edition: int, period: str | None, universe: int | None,
    places: dict[str, str],
) -> None:  # fmt: skip
    ranking = KB.record(ranking_id)
    assert isinstance(ranking, szfacts.Ranking)
    assert (ranking.edition, ranking.period.text if ranking.period else None) == (edition, period)
    assert ranking.universe == universe
    assert {e.entity: e.position() for e in ranking.entries} == places


def test_the_issue_targets_are_met() -> None:
    assert len(KB.sources) >= 25
    assert all(s.url for s in KB.sources if s.id != "sz-commerce-2018")
    assert len(KB.observations) >= 150
    assert len(KB.rankings) >= 4
    series = {
        o.period.text for o in KB.find("5g-base-stations", "shenzhen") if o.period and not o.target
    }
    assert len(series) >= 4
    shares = {
        o.period.text for o in KB.find("core-digital-economy-gdp-share", "shenzhen") if o.period
    }
    assert len(shares) >= 2
    cities = {o.entity for o in KB.find("5g-base-stations") if not o.target} - {"shenzhen"}
    assert len(cities & {e.id for e in KB.entities if e.kind in ("city", "municipality")}) >= 2
    assert {"beijing", "shanghai", "guangzhou"} <= cities


def test_the_second_reading_lists_targets_that_are_met() -> None:
    """Issue 20's targets for the shipped file."""
    assert len(KB.rankings) >= 12
    assert len([s for s in KB.sources if s.url]) >= 80
    assert len(KB.observations) >= 350

    def years(indicator: str, entity: str) -> set[int]:
        return {o.period.start.year for o in KB.observations
                if (o.indicator, o.entity) == (indicator, entity) and o.period and not o.target}  # fmt: skip

    assert len(years("digital-economy-size-caict", "china") & set(range(2016, 2024))) >= 7
    assert len(years("5g-base-stations", "china") & set(range(2019, 2025))) >= 4
    assert max(years("gdp", "shenzhen")) >= 2024
    both = [c for c in ("beijing", "shanghai", "guangzhou", "hangzhou")
            if len(years("gdp", c)) >= 2 and len(years("5g-base-stations", c)) >= 2]  # fmt: skip
    assert len(both) >= 3, both


def _check_lines() -> list[str]:
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", "check"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout
    return done.stdout.splitlines()


def test_every_conflict_is_explained_in_a_note() -> None:
    """A conflict check reports is explained in the note of a record it names."""
    conflicts = [line for line in _check_lines() if ": warning: " in line and "conflict" in line]
    assert conflicts  # the file has conflicts to explain (two reports of Shenzhen GDP, ...)
    for line in conflicts:
        named = re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", line.split(": warning: ", 1)[1])
        notes = [
            record.note for record in map(KB.record, named)
            if isinstance(record, szfacts.Observation) and record.note
        ]  # fmt: skip
        assert any("onflict" in note for note in notes), line


def test_every_target_with_an_outcome_is_judged() -> None:
    lines = _check_lines()
    assert any(": met: 5g-base-stations-shenzhen-2020-08-target" in line for line in lines)
    assert any(": missed: gdp-growth-shenzhen-2022-target" in line for line in lines)


def test_sources_page_is_current() -> None:
    check_script("sources_page.py")


def test_readme_opening_counts_what_the_file_holds() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    coverage = readme.split("<!-- coverage -->", 1)[1].split("<!-- /coverage -->", 1)[0]
    said = re.search(
        r"holds (\d+) sources .*? (\d+)\s+observations, (\d+) rankings and (\d+) statements about (\d+) places",
        " ".join(coverage.split()),
    )
    assert said is not None
    counted = tuple(
        SHIPPED.count(f"\n[[{s}]]\n")
        for s in ("sources", "observations", "rankings", "statements", "entities")
    )
    assert tuple(map(int, said.groups())) == counted
