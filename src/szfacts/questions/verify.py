"""`szfacts verify`: the figures and ranks of a text, checked against the knowledge base.

matching.py reads each claim of a text (its figure, place, quantity, period and mood); this
module gives it a verdict with the records behind it, by the interval arithmetic `check`
uses. Deterministic, and explained step by step: a claim that matches nothing with
confidence is `not-found`, never `supported`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Final, NamedTuple

from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.intervals import (
    Interval,
    meets_cut,
    scaled,
    stated_interval,
    truncated_interval,
)
from szfacts.knowledge.records import Indicator, Observation, RankingEntry

from .claims import Rank
from .matching import Claim, read_claims
from .reports import in_unit

# Verdicts, in the order the better one wins when a figure could be read several ways.
VERDICTS: Final = (
    "supported", "truncated", "target-as-achievement", "achievement-as-target",
    "other-period", "not-stated", "contradicted", "not-found",
)  # fmt: skip
# Verdicts that say the text is wrong: `verify` exits 1 when any claim has one.
MISTAKES: Final = frozenset(
    {"contradicted", "target-as-achievement", "achievement-as-target", "other-period",
     "not-stated"}
)  # fmt: skip


class Checked(NamedTuple):
    """A claim's verdict, the records behind it and what they say."""

    claim: Claim
    verdict: str
    records: tuple[Observation | RankingEntry, ...]
    said: str  # what the knowledge base says, in words
    explanation: tuple[str, ...]


def verify(kb: KnowledgeBase, text: str) -> list[Checked]:
    """Every claim of a text, read and checked, in text order."""
    return [check(kb, claim) for claim in read_claims(kb, text)]


# --- verdicts ---------------------------------------------------------------------------


def check(kb: KnowledgeBase, claim: Claim) -> Checked:
    """A claim's verdict, with the records behind it."""
    if claim.rank is not None:
        return _check_rank(kb, claim)
    return _check_figure(kb, claim)


def _claimed(kb: KnowledgeBase, claim: Claim, indicator: Indicator) -> tuple[Interval, Interval]:
    """What the claim's figure stands for in the indicator's unit: as rounded, as truncated."""
    figure = claim.figure
    assert figure is not None
    factor = figure.scale / kb.unit(indicator.unit).factor
    rounded = stated_interval(figure.value, figure.decimals, figure.qualifier, not claim.target)
    assert rounded is not None  # a text's qualifiers all give a range ("all" is not read)
    truncated = rounded
    if figure.qualifier is None:
        truncated = truncated_interval(figure.value, figure.decimals)
    return scaled(rounded, factor), scaled(truncated, factor)


def _agrees(
    kb: KnowledgeBase, claimed: Interval, obs: Observation, unit: str, face: bool = False,
    cut: bool = False,
) -> bool:  # fmt: skip
    """Whether a report's interval meets the claim's.

    face: the report's printed number alone; cut: the claim's figure read as truncated,
    its upper end excluded.
    """
    if face:
        stated = stated_interval(float(obs.value), obs.decimals, None)
        assert stated is not None
        return scaled(stated, kb.unit(obs.unit).factor / kb.unit(unit).factor).meets(claimed)
    found = in_unit(kb, obs, unit)
    if found is None:
        return False
    return meets_cut(found, claimed) if cut else found.meets(claimed)


def _check_figure(kb: KnowledgeBase, claim: Claim) -> Checked:
    steps = list(claim.explanation)
    if not claim.quantities or claim.place is None:
        missing = " and ".join(
            what for what, absent in (("quantity", not claim.quantities),
                                      ("place", claim.place is None)) if absent
        )  # fmt: skip
        reason = f"verdict: no {missing} of the knowledge base read in the text"
        return Checked(claim, "not-found", (), "", (*steps, reason))
    place = claim.place
    records = [o for i in claim.quantities for o in kb.observations_of(i.id, place.id)]
    if not records:
        names = ", ".join(i.id for i in claim.quantities)
        reason = f"verdict: the knowledge base has no {names} for {place.name}"
        return Checked(claim, "not-found", (), "", (*steps, reason))
    unit_of = {i.id: i.unit for i in claim.quantities}
    intervals = {i.id: _claimed(kb, claim, i) for i in claim.quantities}
    wanted = "target" if claim.target else "actual"

    def same_period(obs: Observation) -> bool:
        if claim.period is None or obs.period is None:
            return True
        return obs.period.overlaps(claim.period)

    def agreeing(group: list[Observation], how: str = "") -> list[Observation]:
        """The reports that state the claim's figure.

        `how`: truncated (digits cut off), face (a target's own number, "at least 4"
        restated as "4").
        """
        which = 1 if how == "truncated" else 0
        return [o for o in group if (how == "face" or _implies(kb, o, claim, intervals[
                    o.indicator][0], unit_of[o.indicator])) and
                _agrees(kb, intervals[o.indicator][which], o, unit_of[o.indicator],
                        face=how == "face", cut=how == "truncated")]  # fmt: skip

    here = [o for o in records if same_period(o)]
    mine = _precise_first([o for o in here if o.status == wanted])
    other_mood = _precise_first([o for o in here if o.status != wanted])
    # Another period's figure tells only when it and the claim are exact figures: "over
    # 46,000" in 2020 says nothing of 61,000 in 2021, nor 7.1 in 2021 of "about 7.25".
    open_claim = claim.figure is not None and claim.figure.qualifier is not None
    elsewhere = [] if open_claim else [
        o for o in records
        if not same_period(o) and o.status == wanted and o.qualifier is None
    ]  # fmt: skip
    for verdict, group, how in (
        ("supported", mine, ""),
        ("truncated", mine, "truncated"),
        ("target-as-achievement" if wanted == "actual" else "achievement-as-target",
         other_mood, "face"),
        ("other-period", elsewhere, ""),
    ):  # fmt: skip
        hits = agreeing(group, how)
        if hits:
            return Checked(claim, verdict, tuple(hits), _said(hits),
                           (*steps, _why(verdict, hits, claim)))  # fmt: skip
    meeting = [o for o in mine
               if _agrees(kb, intervals[o.indicator][0], o, unit_of[o.indicator])]  # fmt: skip
    if meeting:
        reason = ("verdict: the knowledge base holds only a bound, which the figure does not "
                  "contradict but which does not state it")  # fmt: skip
        return Checked(claim, "not-found", tuple(meeting), _said(meeting), (*steps, reason))
    if mine and (claim.period is not None or any(o.period is None for o in mine)):
        reason = (f"verdict: none of the {len(mine)} reports of this quantity and period agrees"
                  if len(mine) > 1 else "verdict: the report of this quantity and period "
                  "disagrees")  # fmt: skip
        return Checked(claim, "contradicted", tuple(mine), _said(mine), (*steps, reason))
    shown = mine or other_mood or elsewhere
    reason = ("the text names no period, and no report of any period agrees"
              if claim.period is None else
              "the knowledge base holds only other periods or a target for this one, none "
              "agreeing")  # fmt: skip
    return Checked(claim, "not-found", tuple(shown), _said(shown), (*steps, f"verdict: {reason}"))


_OPEN: Final = frozenset({"over", "under", "at-least", "at-most"})
_UP: Final = frozenset({"over", "at-least"})


def _implies(
    kb: KnowledgeBase, obs: Observation, claim: Claim, claimed: Interval, unit: str
) -> bool:
    """Whether a report can state a claim's figure.

    A bound ("over 46,000") states only a bound the same way and at least as strong ("over
    40,000", not "over 50,000"), never a figure ("56,400") that merely lies within it.
    """
    if obs.qualifier not in _OPEN:
        return True
    said = claim.figure.qualifier if claim.figure else None
    if said not in _OPEN or (said in _UP) != (obs.qualifier in _UP):
        return False
    found = in_unit(kb, obs, unit)
    if found is None:
        return False
    return found.lo >= claimed.lo if obs.qualifier in _UP else found.hi <= claimed.hi


def _precise_first(reports: list[Observation]) -> list[Observation]:
    """Of several reports of one quantity, those that state it exactly, if any do.

    "about 3 trillion" and 3.07 trillion both report Shenzhen's GDP in 2021; a claim of 3.5
    agrees with the first only because it is loose, and the exact report says otherwise.
    """
    exact = [o for o in reports if o.qualifier is None and o.value_words is None]
    return exact or reports


def _said(records: Sequence[Observation]) -> str:
    return "; ".join(
        f"{o.display(grouped=True)} {o.unit}, "
        f"{o.period.label() if o.period else 'period not stated'}"
        f"{' (target)' if o.target else ''}{' (derived)' if o.derived else ''}"
        for o in records
    )


def _why(verdict: str, hits: list[Observation], claim: Claim) -> str:
    ids = ", ".join(o.id for o in hits)
    if verdict == "supported":
        return f"verdict: agrees with {ids}"
    if verdict == "truncated":
        return f"verdict: agrees with {ids} only if the text cut digits off instead of rounding"
    if verdict == "target-as-achievement":
        return f"verdict: stated as achieved, but the knowledge base holds it as a target ({ids})"
    if verdict == "achievement-as-target":
        return f"verdict: stated as a target, but the knowledge base holds it as achieved ({ids})"
    period = claim.period.label() if claim.period else "?"
    return f"verdict: agrees with {ids}, of another period than the text's {period}"


def _check_rank(kb: KnowledgeBase, claim: Claim) -> Checked:
    rank = claim.rank
    assert rank is not None
    assert claim.place is not None
    steps = list(claim.explanation)
    entries = [(r, e) for r in claim.rankings for e in r.entries if e.entity == claim.place.id]
    if not claim.rankings or not entries:
        held = [(r, e) for r in kb.rankings for e in r.entries if e.entity == claim.place.id]
        said = "; ".join(f"{e.position()} in {r.name}, edition {r.edition}" for r, e in held)
        reason = ("no ranking edition is named" if not claim.rankings
                  else f"{claim.place.name} is not in that ranking")  # fmt: skip
        return Checked(claim, "not-found", tuple(e for _, e in held), said,
                       (*steps, f"verdict: {reason}"))  # fmt: skip
    outcomes = [(_rank_verdict(rank, e), r, e) for r, e in entries]
    best = min(outcomes, key=lambda item: VERDICTS.index(item[0]))
    verdict = best[0]
    chosen = [(r, e) for v, r, e in outcomes if v == verdict]
    said = "; ".join(f"{e.position()} in {r.name}, edition {r.edition}" for r, e in chosen)
    ids = ", ".join(e.id for _, e in chosen)
    positions = ", ".join(e.position() for _, e in chosen)
    reason = {
        "supported": f"agrees with {ids}",
        "contradicted": f"the ranking puts it at {positions}",
        "not-stated": f"the source gives only a band ({positions}), no position",
    }[verdict]
    return Checked(claim, verdict, tuple(e for _, e in chosen), said,
                   (*steps, f"verdict: {reason}"))  # fmt: skip


def _rank_verdict(rank: Rank, entry: RankingEntry) -> str:
    """A position or band against an entry that states a position or only a band."""
    if rank.position is not None:
        if entry.rank is not None:
            return "supported" if entry.rank == rank.position else "contradicted"
        top = entry.band_top or 0
        return "not-stated" if rank.position <= top else "contradicted"
    band = rank.band or 0
    if entry.rank is not None:
        return "supported" if entry.rank <= band else "contradicted"
    return "supported" if (entry.band_top or math.inf) <= band else "not-stated"
