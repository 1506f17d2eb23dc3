"""szfacts: sourced facts about Shenzhen's digital economy.

>>> import szfacts
>>> kb = szfacts.load()
>>> [o.value for o in kb.observations_of("5g-density", "shenzhen")]
[28.5]
"""

from __future__ import annotations

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

__version__ = "0.1.0"

__all__ = [
    "Entity",
    "Indicator",
    "KnowledgeBase",
    "KnowledgeFileError",
    "LookupFailed",
    "NoResult",
    "Observation",
    "Period",
    "Problem",
    "Ranking",
    "RankingEntry",
    "Source",
    "Statement",
    "SzfactsError",
    "__version__",
    "load",
    "parse",
]
