"""Typed reads of one record's fields: each problem names the section, record and field."""

from __future__ import annotations

import math
import re
from typing import Any, Final

from szfacts.errors import Problem
from szfacts.knowledge.periods import Period, parse_period
from szfacts.knowledge.records import Source

ID_PATTERN: Final = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_EXACT_INT: Final = 2**53 - 1  # the largest integer a JSON reader keeps exactly


# tomli's parse_float: each float literal is kept as the bytes of its text. A parsed TOML
# document holds no other bytes, so a float stays distinguishable from a string, and 26.70
# keeps the digits that say how the source rounded. (str.encode runs in C: a str subclass
# made loading 100,000 observations 0.1 s slower.)
parse_float: Final = str.encode
FloatLiteral = bytes


def float_decimals(literal: bytes) -> int:
    """Digits after the decimal point of a float literal, allowing for an exponent."""
    mantissa, _, exponent = literal.lower().partition(b"e")
    fraction = mantissa.partition(b".")[2]
    shift = int(exponent) if exponent.lstrip(b"+-").isdigit() else 0
    return max(0, len(fraction) - shift)


def is_text(value: object) -> bool:
    """A TOML string."""
    return isinstance(value, str)


def is_url(text: str) -> bool:
    """Whether a text is an http or https address with a host and no white space."""
    from urllib.parse import urlsplit

    if any(c.isspace() for c in text):
        return False
    try:
        parts = urlsplit(text)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _type_name(value: object) -> str:
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | FloatLiteral):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "a table"
    return "a date or time"


class Fields:
    """Typed reads of one record's fields; every problem names section, record and field."""

    def __init__(
        self, problems: list[Problem], section: str, table: dict[str, Any], label: str
    ) -> None:
        self.problems = problems
        self.section = section
        self.table = table
        self.record = label
        self.ok = True
        self._seen: set[str] = set()

    def problem(self, field: str | None, message: str) -> None:
        """Record a problem with this record's field."""
        self.ok = False
        self.problems.append(Problem(message, self.section, self.record, field))

    def get(self, key: str, required: bool) -> Any:
        """The raw value of a field, marking it as known."""
        self._seen.add(key)
        if key not in self.table:
            if required:
                self.problem(key, "is required but missing")
            return None
        return self.table[key]

    def text(self, key: str, required: bool = True) -> str | None:
        """A non-empty string field."""
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, str):
            self.problem(key, f"must be a string, not {_type_name(value)}")
            return None
        if not value.strip():
            self.problem(key, "must not be empty")
            return None
        return value

    def identifier(self, key: str = "id", required: bool = True) -> str | None:
        """A kebab-case id field."""
        value = self.text(key, required)
        if value is not None and not ID_PATTERN.match(value):
            self.problem(key, f"{value!r} is not a kebab-case id (like 'shenzhen' or '5g-density')")
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...], required: bool = True) -> str | None:
        """A string field that must be one of the choices."""
        value = self.text(key, required)
        if value is not None and value not in choices:
            self.problem(key, f"{value!r} is not one of: {', '.join(choices)}")
            return None
        return value

    def integer(self, key: str, required: bool = True, minimum: int = 1) -> int | None:
        """A whole-number field within range."""
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.problem(key, f"must be a whole number, not {_type_name(value)}")
            return None
        if not minimum <= value <= MAX_EXACT_INT:
            self.problem(key, f"must be between {minimum} and {MAX_EXACT_INT}, not {value}")
            return None
        return value

    def flag(self, key: str, required: bool = False) -> bool | None:
        """A true-or-false field."""
        value = self.get(key, required)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.problem(key, f"must be true or false, not {_type_name(value)}")
            return None
        return value

    def number(self, key: str, required: bool = True) -> tuple[int | float, int] | None:
        """A finite number and its count of printed decimals."""
        value = self.get(key, required)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | FloatLiteral):
            self.problem(key, f"must be a number, not {_type_name(value)}")
            return None
        if isinstance(value, int):
            if abs(value) > MAX_EXACT_INT:
                self.problem(key, f"{value} is too large; numbers must be within ±{MAX_EXACT_INT}")
                return None
            return value, 0
        number = float(value)
        if value.lstrip(b"+-") in (b"inf", b"nan"):
            self.problem(key, f"must be a finite number, not {value.decode()}")
            return None
        if not math.isfinite(number) or abs(number) > 1e300:
            self.problem(key, f"{value.decode()} is out of range")
            return None
        return number, min(float_decimals(value), 15)

    def texts(self, key: str, required: bool = False, ids: bool = False) -> tuple[str, ...]:
        """An array of non-empty strings (of ids, with ids=True)."""
        value = self.get(key, required)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(is_text(v) and v.strip() for v in value):
            self.problem(key, "must be an array of non-empty strings")
            return ()
        if ids:
            for item in value:
                if not ID_PATTERN.match(item):
                    self.problem(key, f"{item!r} is not a kebab-case id")
                    return ()
        return tuple(value)

    def url(self, key: str = "url", required: bool = False) -> str | None:
        """A web address: http or https, a host, no spaces."""
        value = self.text(key, required)
        if value is not None and not is_url(value):
            self.problem(key, f"{value!r} is not a web address; write it as https://host/path")
            return None
        return value

    def urls(self, key: str) -> tuple[str, ...]:
        """An array of web addresses (see `url`)."""
        values = self.texts(key)
        for value in values:
            if not is_url(value):
                self.problem(key, f"{value!r} is not a web address; write it as https://host/path")
                return ()
        return values

    def paragraphs(self, source: Source | None, required: bool = True) -> tuple[int, ...]:
        """Paragraph numbers, each within the source's count."""
        value = self.get("paragraphs", required)
        if value is None:
            return ()
        if (
            not isinstance(value, list)
            or not value
            or not all(isinstance(v, int) and not isinstance(v, bool) and v >= 1 for v in value)
        ):
            self.problem("paragraphs", "must be a non-empty array of paragraph numbers (1, 2, ...)")
            return ()
        if source is not None:
            beyond = [v for v in value if v > source.paragraphs]
            if beyond:
                self.problem(
                    "paragraphs",
                    f"paragraph {beyond[0]} is past the end of source {source.id!r}, "
                    f"which has {source.paragraphs}",
                )
                return ()
        return tuple(value)

    def period(self, key: str = "period", required: bool = False) -> Period | None:
        """A period field, parsed."""
        value = self.text(key, required)
        if value is None:
            return None
        try:
            return parse_period(value)
        except ValueError as error:
            self.problem(key, str(error))
            return None

    def table_of(self, key: str) -> dict[str, Any] | None:
        """A table field, or None when absent."""
        value = self.get(key, False)
        if value is None:
            return None
        if not isinstance(value, dict):
            self.problem(key, f"must be a table, not {_type_name(value)}")
            return None
        return value

    def others(self, kind: type[Any], read_elsewhere: frozenset[str]) -> dict[str, Any]:
        """The optional text, whole-number and true-or-false fields of a class not read elsewhere.

        A field added to a record class with one of these types and a default is read from
        the knowledge file by this, with no other edit; a field of another type names the
        place where it must be read instead.
        """
        import dataclasses

        values: dict[str, Any] = {}
        for field in dataclasses.fields(kind):
            if field.name in read_elsewhere:
                continue
            read = _READERS.get(str(field.type))
            if read is None or field.default is dataclasses.MISSING:
                raise TypeError(
                    f"{kind.__name__}.{field.name} ({field.type}) cannot be read by "
                    "Fields.others: read it where the rest of the record is read"
                )
            value = read(self, field.name)
            values[field.name] = field.default if value is None else value
        return values

    def finish(self) -> bool:
        """Report unknown fields; whether the record is free of problems."""
        unknown = sorted(set(self.table) - self._seen)
        for key in unknown:
            known = ", ".join(sorted(self._seen))
            self.problem(key, f"is not a field of {self.section}; known fields: {known}")
        return self.ok


_READERS: Final = {
    "str | None": lambda f, key: f.text(key, False),
    "int | None": lambda f, key: f.integer(key, False, minimum=0),
    "bool": lambda f, key: f.flag(key),
}
