"""szfacts: sourced facts about Shenzhen's digital economy.

>>> import szfacts
>>> facts = szfacts.load()
>>> [o.value for o in facts.observations_of("5g-density", "shenzhen") if not o.target]
[28.5]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .api import Facts, load, parse
from .errors import KnowledgeFileError, LookupFailed, NoResult, Problem, SzfactsError
from .knowledge.base import KnowledgeBase
from .knowledge.periods import Period
from .knowledge.records import (
    Entity,
    Indicator,
    Observation,
    Ranking,
    RankingEntry,
    Source,
    Statement,
)
from .version import __version__

if TYPE_CHECKING:
    from .questions.compare import ComparisonRow, SeriesRow, TrendPoint
    from .questions.entity import Profile
    from .questions.matching import Claim
    from .questions.rank import RankingsFound
    from .questions.search import SearchHit
    from .questions.timeline import TimelineEvent
    from .questions.verify import Checked
    from .questions.why import Explanation

# The answer types of the questions are exported too, but imported only when first used:
# defining them costs a few milliseconds that a plain lookup does not need.
_LAZY = {
    "ComparisonRow": "compare", "SeriesRow": "compare", "TrendPoint": "compare",
    "Profile": "entity",
    "RankingsFound": "rank", "SearchHit": "search", "TimelineEvent": "timeline",
    "Explanation": "why", "Checked": "verify", "Claim": "matching",
}  # fmt: skip


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        return getattr(import_module(f".questions.{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'szfacts' has no attribute {name!r}")


__all__ = [
    "Checked",
    "Claim",
    "ComparisonRow",
    "Entity",
    "Explanation",
    "Facts",
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
    "SeriesRow",
    "Source",
    "Statement",
    "SzfactsError",
    "TimelineEvent",
    "TrendPoint",
    "__version__",
    "load",
    "parse",
]
