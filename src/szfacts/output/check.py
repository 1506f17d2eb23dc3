"""The report of `szfacts check`: one line per problem or finding, then a summary line."""

from __future__ import annotations

from szfacts.errors import KnowledgeFileError, Problem
from szfacts.knowledge.base import KnowledgeBase
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
    reports = dict.fromkeys(("ok", "warning"), 0)
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
        extra += (
            f"; reports of one quantity: {reports['ok']} agreeing, {reports['warning']} conflicting"
        )
    if counts["met"] or counts["missed"]:
        extra += f"; targets: {counts['met']} met, {counts['missed']} missed"
    lines.append(
        f"{name}: {records} records valid; consistency checks: {tally}, "
        f"{counts['skipped']} skipped{extra}"
    )
    return lines, counts["error"] > 0
