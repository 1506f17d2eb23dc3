"""Formulas of derived values: + - * / and brackets over named inputs, nothing else.

Parsed with `ast` and walked by hand against a short list of node types, so that a
knowledge file can never make szfacts run code.
"""

from __future__ import annotations

import ast
import operator
from collections.abc import Callable, Mapping
from typing import Any, Final, TypeVar

T = TypeVar("T")

_MAX_LENGTH: Final = 500
_BINARY: Final[dict[type[ast.operator], Callable[[Any, Any], Any]]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.Div: operator.truediv,
}


class FormulaError(ValueError):
    """A formula that is not plain arithmetic over its inputs."""


def _parse(formula: str) -> ast.expr:
    if len(formula) > _MAX_LENGTH:
        raise FormulaError(f"formula is longer than {_MAX_LENGTH} characters")
    try:
        tree = ast.parse(formula, mode="eval")
    except (SyntaxError, ValueError):
        raise FormulaError(
            f"{formula!r} is not a formula; use names, numbers, + - * / and ( )"
        ) from None
    for node in ast.walk(tree):
        allowed = (
            ast.Expression,
            ast.BinOp,
            ast.UnaryOp,
            ast.USub,
            ast.Name,
            ast.Load,
            ast.Constant,
        )
        if not isinstance(node, allowed) and type(node) not in _BINARY:
            raise FormulaError(f"{formula!r} may use only names, numbers, + - * / and ( )")
        if isinstance(node, ast.Constant) and (
            isinstance(node.value, bool) or not isinstance(node.value, int | float)
        ):
            raise FormulaError(f"{formula!r} may use only names, numbers, + - * / and ( )")
    return tree.body


def names_in(formula: str) -> set[str]:
    """The input names a formula uses; raises FormulaError if it is not plain arithmetic."""
    return {node.id for node in ast.walk(_parse(formula)) if isinstance(node, ast.Name)}


def evaluate(formula: str, values: Mapping[str, T], constant: Callable[[float], T]) -> T:
    """Evaluate a formula over values that support + - * / (floats, intervals)."""

    def walk(node: ast.expr) -> Any:
        if isinstance(node, ast.BinOp):
            return _BINARY[type(node.op)](walk(node.left), walk(node.right))
        if isinstance(node, ast.UnaryOp):
            return -walk(node.operand)
        if isinstance(node, ast.Name):
            return values[node.id]
        assert isinstance(node, ast.Constant)
        assert isinstance(node.value, int | float)
        return constant(float(node.value))

    result: T = walk(_parse(formula))
    return result


class _Dimension:
    """A value's dimension while a formula is checked.

    Adding or subtracting two known, different dimensions is an error; a product or a
    quotient has no single dimension.
    """

    __slots__ = ("name",)

    def __init__(self, name: str | None) -> None:
        self.name = name

    def _same(self, other: _Dimension, verb: str) -> _Dimension:
        if self.name is not None and other.name is not None and self.name != other.name:
            raise FormulaError(f"{verb} {other.name} and {self.name}: different dimensions")
        return _Dimension(self.name or other.name)

    def __add__(self, other: _Dimension) -> _Dimension:
        return self._same(other, "adds")

    def __sub__(self, other: _Dimension) -> _Dimension:
        return self._same(other, "subtracts")

    def __mul__(self, other: _Dimension) -> _Dimension:
        return _Dimension(None)

    def __truediv__(self, other: _Dimension) -> _Dimension:
        return _Dimension(None)

    def __neg__(self) -> _Dimension:
        return self


def dimension_of(formula: str, dimensions: Mapping[str, str | None]) -> str | None:
    """The dimension of a formula's result over inputs of the dimensions given.

    None when the result mixes dimensions by * or / (a ratio, a density) or an input's
    dimension is None (unknown, and so not checked). Raises
    FormulaError when it adds or subtracts numbers of different dimensions.
    """
    names = {name: _Dimension(dimension) for name, dimension in dimensions.items()}
    return evaluate(formula, names, lambda _: _Dimension(None)).name
