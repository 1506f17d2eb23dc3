"""The record classes' methods as Python source, written into the wheel when it is built.

`@dataclass` writes the methods of a class (`__init__`, `__repr__`, `__eq__`, `__hash__`,
and for a frozen class `__setattr__` and `__delattr__`) as text and compiles it each time
the class is defined: about 3 ms of every start for the seven record classes, a tenth of a
lookup's own time. The wheel's build hook (hatch_build.py) writes the same methods once as
a module, `knowledge/_records_methods.py`, which Python compiles at install time like any
other; `records.record` then takes them from there, and the fields and their metadata from
`dataclasses` itself, so each class is still a dataclass in every respect
(`dataclasses.fields`, `replace`, `asdict`, pickling, pattern matching).

The methods are used only when the class they were written for has exactly the fields it
has now (names, types and defaults: `signature`); an editable install, which has no such
module, or a class edited since, is made by `@dataclass` as usual. tests/test_prebuilt.py
checks that both ways make classes that behave alike.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Iterable
from typing import Any, Final

MODULE: Final = "_records_methods"  # its file name in knowledge/, without .py

Signature = tuple[tuple[str, str, str], ...]  # (name, annotation, repr of the default)


def signature(cls: type[Any]) -> Signature:
    """What the written methods depend on: each field's name, annotation and default.

    Read from the class body as written (before or after `@dataclass` has processed it).
    """
    if dataclasses.is_dataclass(cls):
        return tuple((f.name, str(f.type), _default(f.default)) for f in dataclasses.fields(cls))
    fields = []
    for name, annotation in inspect.get_annotations(cls).items():
        default = cls.__dict__.get(name, dataclasses.MISSING)
        if isinstance(default, dataclasses.Field):
            default = default.default
        fields.append((name, str(annotation), _default(default)))
    return tuple(fields)


def _default(value: object) -> str:
    return "required" if value is dataclasses.MISSING else repr(value)


def methods_source(classes: Iterable[type[Any]]) -> str:
    """The module of the methods of frozen, slotted dataclasses without default factories."""
    lines = [
        '"""Methods of the record classes, written by hatch_build.py (see prebuilt.py)."""',
        "",
        "from dataclasses import FrozenInstanceError",
        "",
        "CLASSES = {}  # filled by records.record: the class each method set belongs to",
    ]
    for cls in classes:
        lines += ["", "", *_methods(cls)]
    return "\n".join(lines) + "\n"


def _methods(cls: type[Any]) -> list[str]:
    fields = dataclasses.fields(cls)
    if any(f.default_factory is not dataclasses.MISSING or not f.init for f in fields):
        raise ValueError(f"{cls.__name__}: only fields with plain defaults can be written")
    name = cls.__name__
    names = [f.name for f in fields]
    params = ", ".join(  # annotated as @dataclass does: inspect.signature shows the same
        f"{f.name}: {str(f.type)!r}"
        + ("" if f.default is dataclasses.MISSING else f" = {f.default!r}")
        for f in fields
    )
    assigned = [f"        _set(self, {n!r}, {n})" for n in names] or ["        pass"]
    own = "".join(f"self.{n}, " for n in names)
    others = "".join(f"other.{n}, " for n in names)
    shown = ", ".join(f"{n}={{self.{n}!r}}" for n in names)
    return [
        f"class {name}:",
        f"    SIGNATURE = {signature(cls)!r}",
        f"    FIELDS = {tuple(names)!r}",
        "",
        f"    def __init__(self, {params}) -> None:",
        "        _set = object.__setattr__",
        *assigned,
        "",
        "    def __repr__(self):",
        f'        return self.__class__.__qualname__ + f"({shown})"',
        "",
        "    def __eq__(self, other):",
        "        if other.__class__ is self.__class__:",
        f"            return ({own}) == ({others})",
        "        return NotImplemented",
        "",
        "    def __hash__(self):",
        f"        return hash(({own}))",
        "",
        "    def __setattr__(self, name, value):",
        f"        cls = CLASSES[{name!r}]",
        f"        if type(self) is cls or name in {name}.FIELDS:",
        '            raise FrozenInstanceError(f"cannot assign to field {name!r}")',
        "        super(cls, self).__setattr__(name, value)",
        "",
        "    def __delattr__(self, name):",
        f"        cls = CLASSES[{name!r}]",
        f"        if type(self) is cls or name in {name}.FIELDS:",
        '            raise FrozenInstanceError(f"cannot delete field {name!r}")',
        "        super(cls, self).__delattr__(name)",
        "",
        "    def __getstate__(self):",
        f"        return [getattr(self, n) for n in {name}.FIELDS]",
        "",
        "    def __setstate__(self, state):",
        f"        for n, value in zip({name}.FIELDS, state):",
        "            object.__setattr__(self, n, value)",
    ]


def assemble(cls: type[Any], written: type[Any], classes: dict[str, type[Any]]) -> Any:
    """The frozen, slotted dataclass of a class body and its written methods, or None.

    None (make it with `@dataclass` instead) when the methods were written for other fields,
    or when this Python's `dataclasses` keeps its parameters in a form not known here.
    """
    if signature(cls) != written.SIGNATURE:
        return None
    # Fields, their metadata and __match_args__ from dataclasses itself, no methods written;
    # then the parameters said as they are: the class is frozen, with slots, init, repr, eq.
    dataclasses.dataclass(init=False, repr=False, eq=False)(cls)
    params = cls.__dict__["__dataclass_params__"]
    try:
        for flag in ("init", "repr", "eq", "frozen", "slots"):
            if flag != "slots" or hasattr(params, flag):
                setattr(params, flag, True)
    except AttributeError:  # a read-only form of the parameters
        return None
    names = written.FIELDS
    namespace = {
        key: value for key, value in cls.__dict__.items()
        if key not in names and key not in ("__dict__", "__weakref__")
    }  # fmt: skip
    namespace["__slots__"] = names
    for key in ("__init__", "__repr__", "__eq__", "__hash__", "__setattr__", "__delattr__",
                "__getstate__", "__setstate__"):  # fmt: skip
        namespace[key] = written.__dict__[key]
    made: type[Any] = type(cls.__name__, cls.__bases__, namespace)
    made.__qualname__ = cls.__qualname__
    classes[cls.__name__] = made
    return made
