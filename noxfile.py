"""Sessions for developers: tests on each Python, lint, docs and benchmarks.

nox -s tests      the test suite on Python 3.11, 3.12 and 3.13 (those installed)
nox -s lint       ruff check, ruff format --check, mypy --strict src tests
nox -s docs       the documentation site, warnings as errors
nox -s bench      the start-up and scale benchmarks (bench/run.py)
nox -s mutation   mutation testing of the checking rules (mutmut; scores in tests/mutation/)
"""

from __future__ import annotations

import nox

nox.options.sessions = ["tests", "lint", "docs"]
nox.options.error_on_missing_interpreters = False  # a Python that is not installed is skipped


@nox.session(python=["3.11", "3.12", "3.13"])
def tests(session: nox.Session) -> None:
    """The whole test suite, in a fresh environment of each Python."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "pytest", *session.posargs)


@nox.session(python="3.11")
def lint(session: nox.Session) -> None:
    """Ruff and mypy, as CI runs them."""
    session.install("-e", ".[test]")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy", "--strict", "src", "tests")


@nox.session(python="3.11")
def docs(session: nox.Session) -> None:
    """The MkDocs site of docs/, warnings as errors."""
    session.install("-e", ".[docs]")
    session.run("mkdocs", "build", "--strict", "--site-dir", str(session.create_tmp() + "/site"))


@nox.session(python="3.11")
def bench(session: nox.Session) -> None:
    """The benchmarks, on a non-editable install (an editable one starts slower)."""
    session.install(".")
    session.run("python", "bench/run.py", *(session.posargs or ["--runs", "7"]))


MUTATED = (
    "szfacts.knowledge.intervals*", "szfacts.knowledge.periods*", "szfacts.knowledge.formulas*",
    "szfacts.questions.check*", "szfacts.questions.reports*",
)  # fmt: skip


@nox.session(python="3.11")
def mutation(session: nox.Session) -> None:
    """Mutation testing of the rules checks stand on, then their scores (tests/mutation/).

    Not in CI: about four minutes on two cores. Run it before calling an issue that touches
    knowledge/ or questions/check.py or reports.py resolved. Configured in pyproject.toml.
    """
    session.install("-e", ".[test]", "mutmut==3.8.1")
    session.run("rm", "-rf", "mutants", external=True)  # a fresh run: no stale results
    session.run("mutmut", "run", *(session.posargs or MUTATED))
    session.run("python", "scripts/mutation_scores.py", "--check")
