"""The report of `szfacts check`: one line per problem or finding, then a summary line."""

from __future__ import annotations

import math

from szfacts.errors import KnowledgeFileError, Problem
from szfacts.knowledge.base import KnowledgeBase
from szfacts.knowledge.records import Observation
from szfacts.questions.findings import SHOWN, VERDICTS, Finding


def check_report(
    name: str,
    kb: KnowledgeBase | None,
    problems: list[Problem],
    findings: list[Finding],
    verbose: bool = False,
) -> tuple[list[str], bool]:
    """The lines `szfacts check` prints, and whether the file failed.

    Validation problems come first and stop there; otherwise every consistency finding is
    counted, and warnings and errors (with verbose, passes and skips too) are listed.
    """
    if kb is None:
        lines = KnowledgeFileError(name, problems).lines()
        plural = "s" if len(problems) != 1 else ""
        lines.append(f"{name}: {len(problems)} error{plural}; not a valid knowledge file")
        return lines, True
    counts = dict.fromkeys(VERDICTS, 0)
    reports = dict.fromkeys(("ok", "truncated", "warning"), 0)
    lines = []
    for finding in findings:
        if finding.check == "agreement" and finding.verdict in reports:
            reports[finding.verdict] += 1
        counts[finding.verdict] += 1
        if verbose or finding.verdict in SHOWN:
            lines.append(f"{name}: {finding.verdict}: {finding.message}")
    sections = (kb.sources, kb.entities, kb.indicators, kb.observations, kb.rankings, kb.statements)
    records = sum(len(section) for section in sections)
    tally = ", ".join(
        f"{counts[verdict]} {word}{'s' if counts[verdict] != 1 and word != 'passed' else ''}"
        for verdict, word in (("ok", "passed"), ("warning", "warning"), ("error", "error"))
    )
    extra = ""
    if any(reports.values()):
        cut = f", {reports['truncated']} agreeing if truncated" if reports["truncated"] else ""
        extra += (
            f"; reports of one quantity: {reports['ok']} agreeing{cut}, "
            f"{reports['warning']} conflicting"
        )
    if counts["met"] or counts["missed"]:
        extra += f"; targets: {counts['met']} met, {counts['missed']} missed"
    lines.append(
        f"{name}: {records} records valid; consistency checks: {tally}, "
        f"{counts['skipped']} skipped{extra}"
    )
    return lines, counts["error"] > 0


def check_document(
    name: str, kb: KnowledgeBase | None, problems: list[Problem], findings: list[Finding]
) -> dict[str, object]:
    """`szfacts check --format json`: the file's verdict, its problems, every finding.

    Each finding names its check, verdict, the record checked (`subject`) and those it was
    checked against (`inputs`), each with its value, unit, period and sources, and the
    range the inputs allow (`implied_low`, `implied_high`; null for an open end) beside
    what they give at face value (`face_value`).
    """
    counts = dict.fromkeys(VERDICTS, 0)
    for finding in findings:
        counts[finding.verdict] += 1
    return {
        "file": name,
        "valid": kb is not None,
        "failed": kb is None or counts["error"] > 0,
        "counts": counts,
        "problems": [
            {"line": p.line, "column": p.column, "section": p.section, "record": p.record,
             "field": p.field, "message": p.message}
            for p in problems
        ],
        "findings": [_finding(kb, f) for f in findings] if kb is not None else [],
    }  # fmt: skip


def _finite(number: float) -> float | None:
    # An open end of a range (a bound: "over 80" has no upper end) is null in JSON.
    return round(number, 9) if math.isfinite(number) else None


def _finding(kb: KnowledgeBase, finding: Finding) -> dict[str, object]:
    records = []
    for record_id in (finding.subject, *finding.inputs):
        obs = kb.record(record_id)
        if isinstance(obs, Observation):
            records.append({
                "id": obs.id, "value": obs.value, "qualifier": obs.qualifier, "unit": obs.unit,
                "period": obs.period.text if obs.period else None, "status": obs.status,
                "sources": list(kb.sources_of(obs)),
            })  # fmt: skip
    implied = finding.implied
    return {
        "check": finding.check, "verdict": finding.verdict, "subject": finding.subject,
        "inputs": list(finding.inputs), "message": finding.message,
        "implied_low": None if implied is None else _finite(implied.lo),
        "implied_high": None if implied is None else _finite(implied.hi),
        "face_value": None if finding.face_value is None else _finite(finding.face_value),
        "records": records,
    }  # fmt: skip
