"""Finding the claims in a sentence: figures with their words, periods, positions and bands.

Deterministic rules over the text alone (matching.py reads what they find against the
knowledge base). Every offset is a character offset in the text as given. The rules, and
what is never a claim, are documented in docs/commands/verify.md.
"""

from __future__ import annotations

import re
from typing import Final, NamedTuple

from szfacts.knowledge.periods import Period, parse_period

SCALES: Final = {
    "thousand": 1e3, "million": 1e6, "mln": 1e6, "billion": 1e9, "bln": 1e9, "bn": 1e9,
    "trillion": 1e12, "trln": 1e12, "tn": 1e12, "万": 1e4, "亿": 1e8, "万亿": 1e12,
}  # fmt: skip
CURRENCIES: Final = {
    "rmb": "RMB", "cny": "RMB", "yuan": "RMB", "¥": "RMB", "元": "RMB", "人民币": "RMB",
    "us$": "USD", "$": "USD", "usd": "USD", "dollars": "USD", "美元": "USD",
    "hk$": "HKD", "hkd": "HKD", "港元": "HKD",
}  # fmt: skip
# The words before a figure that make it a bound or an approximation, as the knowledge file's
# qualifiers name them. Longest first, so that "no more than" is not read as "more than".
QUALIFIERS: Final = (
    ("at-most", ("no more than", "not more than", "up to", "at most", "最多", "不超过")),
    ("at-least", ("no less than", "not less than", "no fewer than", "at least", "至少", "不少于")),
    ("over", ("more than", "in excess of", "upwards of", "over", "above", "exceeding",
              "exceeded", "exceeds", "exceed", "surpassing", "surpassed", "surpasses",
              "surpass", "topping", "topped", "tops", "top", "超过", "逾", "超")),
    ("under", ("less than", "fewer than", "under", "below", "不到", "不足")),
    ("nearly", ("close to", "nearly", "almost", "接近", "将近", "近")),
    ("about", ("approximately", "an estimated", "roughly", "around", "about", "some", "约",
               "大约")),
)  # fmt: skip
MONTHS: Final = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
ORDINALS: Final = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "十": 10,
}  # fmt: skip
COUNTS: Final = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "twenty": 20, "fifty": 50, "hundred": 100,
}  # fmt: skip
_NUMBER: Final = re.compile(
    r"(?<![A-Za-z0-9_.,/-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)(?![A-Za-z0-9_]|,\d|\.\d|-\d)"
)
_SCALE: Final = re.compile(
    r"\s*(万亿|万|亿|thousand|million|mln|billion|bln|bn|trillion|trln|tn)\b"
    r"|\s*(万亿|万|亿)", re.IGNORECASE,
)  # fmt: skip
_PERCENT: Final = re.compile(
    r"\s*(?:(percentage points?|个百分点|pp\b)|(%|\uff05|percent\b|per cent\b|pct\b))",
    re.IGNORECASE,
)
_POINTS: Final = re.compile(r"\s*(?:index\s+)?points?\b", re.IGNORECASE)
_CURRENCY_AFTER: Final = re.compile(
    r"\s*(u\.s\. dollars|us dollars|dollars|yuan|rmb|usd|hkd|元|美元|港元)", re.IGNORECASE
)
_CURRENCY_BEFORE: Final = re.compile(r"(rmb|cny|us\$|hk\$|usd|hkd|\$|¥)\s*$", re.IGNORECASE)
_PER_BEFORE: Final = re.compile(r"(?:\bper|\bevery|\beach|每)\s*$", re.IGNORECASE)
_PER_PEOPLE_BEFORE: Final = re.compile(r"每万人[^,;\uff0c\uff1b\u3002]*$")
_PER_AFTER: Final = re.compile(
    r"^[^.,;。\uff0c]{0,40}?(?:per|every|each)\s+(10,000|10000|ten thousand)\s+"
    r"(?:people|residents|inhabitants|population|persons)"
    r"|^[^.,;。\uff0c]{0,40}?(?:per|every|each)\s+(?:square kilomet(?:er|re)|km²|km2|sq\.? km)"
    r"|^[^.,;。\uff0c]{0,6}?每万人",
    re.IGNORECASE,
)


class Figure(NamedTuple):
    """A number as the text writes it, with its qualifier, scale, unit kind and span."""

    start: int  # the whole figure's words: "over RMB 2.5 trillion"
    end: int
    number_start: int  # the digits alone
    number_end: int
    value: float  # the digits' value, before scale
    decimals: int
    digits: str  # as written, e.g. "51,000"
    scale: float  # 1e12 for "trillion"
    kind: str  # percent, points (percentage points), index, per-people, per-area, money, count
    currency: str | None  # RMB, USD or HKD for money
    qualifier: str | None  # over, at-least, under, at-most, nearly, about


class Found(NamedTuple):
    """A period named in a sentence, where, and how it was read."""

    period: Period
    start: int
    end: int
    how: str
    relative: bool = False  # "a year earlier": resolved against the sentence's main period


class Rank(NamedTuple):
    """A position or band claimed in a sentence: "ranked 2nd" (position), "top 10" (band)."""

    start: int
    end: int
    position: int | None
    band: int | None


def figures(text: str, start: int, end: int) -> list[Figure]:
    """The figures of one sentence (text[start:end]); years, units and dates are not figures.

    Not figures: a bare year (1900-2100 with no scale or percent after it), digits joined to
    letters ("5G", "14th"), a number after "per"/"every" ("per 10,000 people"), a day next to
    a month's name, parts of a range or date ("12-13", "2016-2020"), an ordinal.
    """
    found: list[Figure] = []
    for match in _NUMBER.finditer(text, start, end):
        digits = match.group(1)
        after = text[match.end() : end]
        before = text[max(start, match.start() - 30) : match.start()]
        scale_match = _SCALE.match(after)
        scale = (
            SCALES[scale_match.group(scale_match.lastindex or 1).lower()] if scale_match else 1.0
        )
        tail = match.end() + (scale_match.end() if scale_match else 0)
        percent = _PERCENT.match(text, tail, end)
        value = float(digits.replace(",", ""))
        if _is_year(digits, value) and scale_match is None and percent is None:
            continue
        if _PER_BEFORE.search(before) or _is_day(text, match.start(), match.end()):
            continue
        if re.search(r"\b(?:no|number)\.?\s*$", before, re.IGNORECASE):
            continue  # "No. 1": a rank, read by ranks()
        kind, currency = "count", None
        if percent is not None:
            kind = "points" if percent.group(1) else "percent"
            tail = percent.end()
        else:
            money = _CURRENCY_BEFORE.search(before)
            money_after = _CURRENCY_AFTER.match(text, tail, end)
            if money_after is not None:
                currency = CURRENCIES.get(money_after.group(1).lower(), "USD")
                tail = money_after.end()
            elif money is not None:
                currency = CURRENCIES[money.group(1).lower()]
            if currency is not None:
                kind = "money"
            elif (points := _POINTS.match(text, tail, end)) is not None:
                kind, tail = "index", points.end()
            elif _PER_PEOPLE_BEFORE.search(before):
                kind = "per-people"  # "每万人拥有5G基站28.5个"
            elif _PER_AFTER.match(text[tail:end]):
                kind = "per-area" if "km" in text[tail:end][:60].lower() or "kilomet" in \
                    text[tail:end][:60].lower() else "per-people"  # fmt: skip
        lead = match.start()
        money_before = _CURRENCY_BEFORE.search(before)
        if money_before is not None and kind == "money":
            lead -= len(before) - money_before.start()
        qualifier, lead = _qualifier(text, start, lead)
        _, _, fraction = digits.partition(".")
        found.append(Figure(lead, tail, match.start(), match.end(), value, len(fraction),
                            digits, scale, kind, currency, qualifier))  # fmt: skip
    return found


def _is_year(digits: str, value: float) -> bool:
    return len(digits) == 4 and digits.isdigit() and 1900 <= value <= 2100


def _is_day(text: str, start: int, end: int) -> bool:
    """A day of a date: "April 12", "12 April", "Dec. 31", "12日", "3月"."""
    months = "|".join(m[:3] for m in MONTHS)
    before = text[max(0, start - 12) : start].lower()
    after = text[end : end + 12].lower()
    return bool(
        re.search(rf"\b(?:{months})[a-z]*\.?\s*$", before)
        or re.match(rf"\s*(?:st|nd|rd|th)?\s*(?:of\s+)?(?:{months})", after)
        or re.match(r"\s*(?:日|月|号)", after)
    )


def _qualifier(text: str, floor: int, start: int) -> tuple[str | None, int]:
    before = text[max(floor, start - 24) : start].lower()
    for name, words in QUALIFIERS:
        for word in words:
            found = re.search(rf"(?:^|\W)({re.escape(word)})\s*$", before)
            if found is not None:
                if word in ("top", "tops") and re.search(r"\bthe\s+top\s*$", before):
                    continue
                return name, start - (len(before) - found.start(1))
    return None, start


def periods(text: str, start: int, end: int, edition_years: set[int] | None = None) -> list[Found]:
    """The periods a sentence names, each with its span and how it was read.

    "end of 2021" (and "by/as of the end of"), "2021年底" -> 2021-end; "the first three
    quarters of 2021" -> 2021-Q1/2021-Q3; "the first half of 2023" -> 2023-01/2023-06; "the
    third quarter of 2021", "Q3 2021" -> 2021-Q3; "August 2020", "2020年8月" -> 2020-08; a
    year alone -> that year, except a year in brackets after a title ("Report (2018)"),
    which is an edition. "a year earlier" / "the previous year" -> a year before the
    sentence's other period.
    """
    piece = text[start:end]
    found: list[Found] = []
    taken: list[tuple[int, int]] = []

    def add(match: re.Match[str], period_text: str, how: str) -> None:
        span = (start + match.start(), start + match.end())
        if any(a < span[1] and span[0] < b for a, b in taken):
            return
        try:
            period = parse_period(period_text)
        except ValueError:
            return
        taken.append(span)
        found.append(Found(period, span[0], span[1], how))

    quarters = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
                "4th": 4}  # fmt: skip
    months = "|".join(MONTHS)
    year_end = (
        r"(?:end[- ]of(?:\s+the\s+year)?|end-|year-end)\s*(\d{4})|(\d{4})\s*(?:年底|年末|year-end)"
    )
    for match in re.finditer(year_end, piece, re.IGNORECASE):
        year = match.group(1) or match.group(2)
        add(match, f"{year}-end", f"'{match.group()}': the end of {year}")
    for match in re.finditer(r"first\s+(two|three|2|3)\s+quarters\s+of\s+(\d{4})", piece,
                             re.IGNORECASE):  # fmt: skip
        last = {"two": 2, "three": 3, "2": 2, "3": 3}[match.group(1).lower()]
        year = match.group(2)
        add(match, f"{year}-Q1/{year}-Q{last}", f"'{match.group()}': Q1-Q{last} {year}")
    for match in re.finditer(r"(\d{4})\s*年?\s*前三季度|前三季度", piece):
        if match.group(1):
            add(match, f"{match.group(1)}-Q1/{match.group(1)}-Q3", f"'{match.group()}': Q1-Q3")
    for match in re.finditer(r"(?:first\s+half|\bH1)\s+(?:of\s+)?(\d{4})|(\d{4})\s*年?上半年",
                             piece, re.IGNORECASE):  # fmt: skip
        year = match.group(1) or match.group(2)
        add(match, f"{year}-01/{year}-06", f"'{match.group()}': January-June {year}")
    for match in re.finditer(r"(first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter\s+of\s+"
                             r"(\d{4})|\bQ([1-4])\s*(\d{4})|(\d{4})\s*-?Q([1-4])", piece,
                             re.IGNORECASE):  # fmt: skip
        if match.group(1):
            quarter, year = quarters[match.group(1).lower()], match.group(2)
        elif match.group(3):
            quarter, year = int(match.group(3)), match.group(4)
        else:
            quarter, year = int(match.group(6)), match.group(5)
        add(match, f"{year}-Q{quarter}", f"'{match.group()}': Q{quarter} {year}")
    for match in re.finditer(rf"\b({months})\.?\s+(?:(\d{{1,2}}),?\s+)?(\d{{4}})|(\d{{1,2}})\s+"
                             rf"({months})\s+(\d{{4}})|(\d{{4}})年(\d{{1,2}})月(?:(\d{{1,2}})日)?",
                             piece, re.IGNORECASE):  # fmt: skip
        if match.group(1):
            month, day, year = (
                MONTHS.index(match.group(1).lower()) + 1,
                match.group(2),
                match.group(3),
            )
        elif match.group(5):
            month, day, year = (
                MONTHS.index(match.group(5).lower()) + 1,
                match.group(4),
                match.group(6),
            )
        else:
            month, day, year = int(match.group(8)), match.group(9), match.group(7)
        text_of = f"{year}-{month:02d}" + (f"-{int(day):02d}" if day else "")
        add(match, text_of, f"'{match.group()}': {'a day' if day else 'a month'}")
    bare_year = r"(?<![\d,.])(\d{4})(?:\s*年(?!\d))?(?!\d|[,.]\d|\s*(?:%|万|亿|percent))"
    for match in re.finditer(bare_year, piece):
        year = int(match.group(1))
        if not 1900 <= year <= 2100:
            continue
        if re.search(r"\(\s*$", piece[: match.start()]) and re.match(
            r"\s*\)", piece[match.end() :]
        ):
            if edition_years is not None:
                edition_years.add(year)
            continue  # "Index Report (2018)": an edition's title, not a period
        if re.match(r"\s*[-\u2013/]\s*\d{4}", piece[match.end() :]) or re.search(
            r"\d{4}\s*[-\u2013/]\s*$", piece[: match.start()]
        ):
            continue  # "2016-2020": a span, say nothing rather than guess
        add(match, str(year), f"'{match.group()}': the year {year}")
    for match in re.finditer(r"\b(?:a|one)\s+year\s+(?:earlier|before|ago)|\bthe\s+(?:previous|"
                             r"prior|preceding)\s+year|\bthe\s+year\s+before|上年|去年同期", piece,
                             re.IGNORECASE):  # fmt: skip
        if re.search(r"\b(?:on|over|from|than|with|against|versus|vs\.?)\s*$",
                     piece[: match.start()], re.IGNORECASE):  # fmt: skip
            continue  # "up 5% on a year earlier": a comparison, not the figure's period
        span = (start + match.start(), start + match.end())
        absolute = [f for f in found if not f.relative and f.period.year is not None]
        if absolute:
            main = min(absolute, key=lambda f: abs(f.start - span[0]))
            year = main.period.year
            assert year is not None
            period = parse_period(str(year - 1))
            found.append(Found(period, span[0], span[1],
                               f"'{match.group()}': a year before {main.period.label()}",
                               relative=True))  # fmt: skip
    return sorted(found, key=lambda f: f.start)


_UNRESOLVED: Final = re.compile(
    r"\b(?:last|this|next|previous|past)\s+(?:year|month|quarter)\b|\bearlier this year\b"
    r"|\byear to date\b|去年|今年|上月|本月",
    re.IGNORECASE,
)


def unresolved(text: str, start: int, end: int) -> str | None:
    """A period a sentence gives relative to the text's own date ("last year"), if any."""
    found = _UNRESOLVED.search(text, start, end)
    return found.group() if found else None


def ranks(text: str, start: int, end: int) -> list[Rank]:
    """Positions and bands claimed in a sentence.

    Positions: "ranked 2nd", "No. 1", "first place", "came third", "排名第一"; bands:
    "top 10", "top three", "前十".
    """
    piece = text[start:end]
    found: list[Rank] = []
    ordinal = "|".join(w for w in ORDINALS if w.isascii())
    count = "|".join(COUNTS)
    patterns = (
        (
            (
                rf"\b(?:ranked|ranks|ranking|rank|placed|came|come|comes|finished|stood)\s+"
                rf"(?:(?:at\s+)?no\.?\s*(\d+)|(\d+)(?:st|nd|rd|th)?\b|({ordinal})\b)"
            ),
            "position",
        ),
        (r"\bno\.\s*(\d+)\b|\bnumber\s+(\d+)\s+(?:spot|position|place)", "position"),
        (rf"\b(?:(\d+)(?:st|nd|rd|th)|({ordinal}))\s+(?:place|position|spot)\b", "position"),
        (
            r"排名?第\s*(\d+|[一二三四五六七八九十])|位[居列]第\s*(\d+|[一二三四五六七八九十])",
            "position",
        ),
        (rf"\btop[- ](\d+|{count})\b", "band"),
        (r"前\s*(\d+|[一二三四五六七八九十])\s*(?:名|位|强)?", "band"),
    )
    for pattern, what in patterns:
        for match in re.finditer(pattern, piece, re.IGNORECASE):
            word = next(g for g in match.groups() if g)
            number = int(word) if word.isdigit() else ORDINALS.get(word.lower(), COUNTS.get(
                word.lower(), 0))  # fmt: skip
            span = (start + match.start(), start + match.end())
            if number <= 0 or any(r.start < span[1] and span[0] < r.end for r in found):
                continue
            found.append(Rank(span[0], span[1], number if what == "position" else None,
                              number if what == "band" else None))  # fmt: skip
    return sorted(found)
