"""Checks across records: references, region loops, derivation cycles, shared names."""

from __future__ import annotations

from szfacts.errors import Problem
from szfacts.knowledge.formulas import FormulaError, dimension_of

from .registry import Registry


def check_links(reg: Registry) -> None:
    """Every cross-reference check; problems go to the registry."""
    _check_entity_links(reg)
    _check_indicator_links(reg)
    _check_derivations(reg)
    _check_names(reg)


def _check_entity_links(reg: Registry) -> None:
    for entity in reg.entities.values():
        for key, targets in (("region", (entity.region,)), ("members", entity.members)):
            for target in targets:
                if target is not None and target not in reg.entities:
                    reg.problems.append(
                        Problem(
                            f"refers to entity {target!r}, which is not defined",
                            "entities",
                            entity.id,
                            key,
                        )
                    )
    for entity in reg.entities.values():  # a region chain must end, not loop
        seen, current = {entity.id}, entity.region
        while current is not None and current in reg.entities:
            if current in seen:
                reg.problems.append(Problem("regions form a loop", "entities", entity.id, "region"))
                break
            seen.add(current)
            current = reg.entities[current].region


def _check_indicator_links(reg: Registry) -> None:
    for ind in reg.indicators.values():
        refs = [("change_of", ind.change_of)]
        if ind.ratio is not None:
            refs += [("ratio", ind.ratio.numerator), ("ratio", ind.ratio.denominator)]
        for key, target in refs:
            if target is not None and target not in reg.indicators:
                reg.problems.append(
                    Problem(
                        f"refers to indicator {target!r}, which is not defined",
                        "indicators",
                        ind.id,
                        key,
                    )
                )
            elif target == ind.id:
                reg.problems.append(
                    Problem("an indicator cannot refer to itself", "indicators", ind.id, key)
                )


def _check_derivations(reg: Registry) -> None:
    for obs in reg.observations.values():
        if obs.derivation is None:
            continue
        for name, target in obs.derivation.inputs:
            if reg.ids.get(target) != "observations":
                reg.problems.append(
                    Problem(
                        f"input {name!r} refers to observation {target!r}, which is not defined",
                        "observations",
                        obs.id,
                        "inputs",
                    )
                )
    for obs in reg.observations.values():
        if _in_cycle(reg, obs.id, set()):
            reg.problems.append(
                Problem("derived from itself through its inputs", "observations", obs.id, "inputs")
            )
    _check_dimensions(reg)


def _check_dimensions(reg: Registry) -> None:
    """A formula adds and subtracts only numbers of one dimension, and gives its value's.

    Only declared units have a dimension to check: a file without [[units]] loads as before.
    """
    derived = [o for o in reg.observations.values() if o.derivation is not None]
    if not derived:
        return
    units = {row[0]: row[7] for row in reg.observation_rows}

    def dimension(unit: str) -> str | None:
        declared = reg.units.get(unit)
        return declared.dimension if declared is not None else None

    for obs in derived:
        assert obs.derivation is not None
        inputs = {name: units.get(target) for name, target in obs.derivation.inputs}
        if any(unit is None for unit in inputs.values()):
            continue  # an undefined input, reported above
        try:
            result = dimension_of(
                obs.derivation.formula,
                {n: dimension(u) for n, u in inputs.items() if u is not None},
            )
        except FormulaError as error:
            reg.problems.append(Problem(str(error), "observations", obs.id, "formula"))
            continue
        own = dimension(obs.unit)
        if result is not None and own is not None and result != own:
            reg.problems.append(
                Problem(
                    f"gives a value in {result}, but the unit {obs.unit!r} is {own}",
                    "observations",
                    obs.id,
                    "formula",
                )
            )


def _in_cycle(reg: Registry, start: str, path: set[str], current: str | None = None) -> bool:
    node = reg.observations.get(current or start)
    if node is None or node.derivation is None:
        return False
    for _, target in node.derivation.inputs:
        if target == start:
            return True
        if target not in path:
            path.add(target)
            if _in_cycle(reg, start, path, target):
                return True
    return False


def _check_names(reg: Registry) -> None:
    owners: dict[str, str] = {}
    for entity in reg.entities.values():
        for name in {
            n.casefold() for n in (entity.id, entity.name, entity.name_zh, *entity.aliases) if n
        }:
            other = owners.setdefault(name, entity.id)
            if other != entity.id:
                reg.problems.append(
                    Problem(
                        f"name or alias {name!r} is also used by entity {other!r}",
                        "entities",
                        entity.id,
                        "aliases",
                    )
                )
