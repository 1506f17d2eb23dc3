"""szfacts: sourced facts about Shenzhen's digital economy.

>>> import szfacts
>>> kb = szfacts.load()
>>> [o.value for o in kb.observations_of("5g-density", "shenzhen")]
[28.5]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .errors import KnowledgeFileError, LookupFailed, NoResult, Problem, SzfactsError
from .loader import load, parse
from .model import (
    Entity,
    Indicator,
    KnowledgeBase,
    Observation,
    Ranking,
    RankingEntry,
    Source,
    Statement,
)
from .periods import Period

if TYPE_CHECKING:
    from .analysis import (
        ComparisonRow,
        Explanation,
        Profile,
        SearchHit,
        TimelineEvent,
        TrendPoint,
    )
    from .lookup import RankingsFound

__version__ = "0.1.0"

# The answer types of the query methods are exported too, but imported only when first
# used: defining them costs a few milliseconds that a plain lookup does not need.
_LAZY = {
    "ComparisonRow": "analysis", "Explanation": "analysis", "Profile": "analysis",
    "SearchHit": "analysis", "TimelineEvent": "analysis", "TrendPoint": "analysis",
    "RankingsFound": "lookup",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'szfacts' has no attribute {name!r}")


__all__ = [
    "ComparisonRow",
    "Entity",
    "Explanation",
    "Indicator",
    "KnowledgeBase",
    "KnowledgeFileError",
    "LookupFailed",
    "NoResult",
    "Observation",
    "Period",
    "Problem",
    "Profile",
    "Ranking",
    "RankingEntry",
    "RankingsFound",
    "SearchHit",
    "Source",
    "Statement",
    "SzfactsError",
    "TimelineEvent",
    "TrendPoint",
    "__version__",
    "load",
    "parse",
]
