"""Layers point one way, and start-up imports only what a command needs."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

import szfacts
from szfacts.reading.loader import shipped_bytes

ROOT = Path(__file__).resolve().parent.parent


SOURCE = ROOT / "src" / "szfacts"

# What each layer may import (besides itself). The top package and api.py form the public
# API; errors.py and version.py import nothing of szfacts.
ALLOWED: dict[str, set[str]] = {
    "errors": set(),
    "version": set(),
    "knowledge": {"errors"},
    "reading": {"knowledge", "errors", "version"},
    "questions": {"knowledge", "errors"},
    "api": {"reading", "questions", "knowledge", "errors", "version"},
    "output": {"questions", "knowledge", "errors", "version"},
    "cli": {"output", "questions", "reading", "knowledge", "errors", "version"},
    "main": {"cli", "reading"},
}


def _module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _layer(module: str) -> str:
    parts = module.split(".")
    if len(parts) == 1 or parts[1] == "api":
        return "api"
    if parts[1] == "__main__":
        return "main"
    return parts[1]


def import_graph(root: Path = SOURCE) -> dict[str, set[str]]:
    """Every szfacts module and the szfacts modules it imports anywhere in its source.

    Imports inside functions and under TYPE_CHECKING count like any other: a lazy import is
    still a dependency.
    """
    modules = {_module_name(p, root): p for p in sorted(root.rglob("*.py"))}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    anchor = package[: len(package) - node.level + 1]
                    base = ".".join([*anchor, *([node.module] if node.module else [])])
                else:
                    base = node.module or ""
                targets = [base, *(f"{base}.{alias.name}" for alias in node.names)]
            for target in targets:
                # `from a.b import c` names module a.b.c, or attribute c of module a.b
                module = target
                while module and module not in modules:
                    module = module.rpartition(".")[0]
                if module and module != name:
                    found.add(module)
        graph[name] = found
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The import cycles of a graph, each as the path that closes it."""
    found: list[list[str]] = []
    state: dict[str, int] = {}  # 1 on the current path, 2 done

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in sorted(graph.get(node, ())):
            if state.get(target) == 1:
                found.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target, [*path, target])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def layer_violations(graph: dict[str, set[str]]) -> list[str]:
    """Each import that points against the layer order, as 'importer (layer) -> imported'."""
    wrong = []
    for module, targets in sorted(graph.items()):
        mine = _layer(module)
        for target in sorted(targets):
            theirs = _layer(target)
            if theirs != mine and theirs not in ALLOWED[mine]:
                wrong.append(f"{module} ({mine}) -> {target} ({theirs})")
    return wrong


def test_the_package_has_no_import_cycle() -> None:
    assert cycles(import_graph()) == []


def test_every_import_follows_the_layer_order() -> None:
    graph = import_graph()
    assert {_layer(m) for m in graph} == set(ALLOWED)
    assert layer_violations(graph) == []


def test_the_layers_are_folders() -> None:
    folders = {p.name for p in SOURCE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert folders == {"knowledge", "reading", "questions", "output", "cli"}


def test_the_graph_sees_lazy_and_type_checking_imports(tmp_path: Path) -> None:
    """The checks can fail: a cycle through a lazy import, an import against the order."""
    package = tmp_path / "szfacts"
    for folder in ("knowledge", "questions"):
        (package / folder).mkdir(parents=True)
        (package / folder / "__init__.py").write_text("")
    (package / "__init__.py").write_text("")
    (package / "knowledge" / "base.py").write_text(
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from ..questions.rank import RankingsFound\n"
    )
    (package / "questions" / "rank.py").write_text(
        "def f():\n    from szfacts.knowledge import base\n"
    )
    graph = import_graph(package)
    assert graph["szfacts.knowledge.base"] == {"szfacts.questions.rank"}
    assert graph["szfacts.questions.rank"] == {"szfacts.knowledge.base", "szfacts.knowledge"}
    assert cycles(graph) == [
        ["szfacts.knowledge.base", "szfacts.questions.rank", "szfacts.knowledge.base"]
    ]
    assert layer_violations(graph) == [
        "szfacts.knowledge.base (knowledge) -> szfacts.questions.rank (questions)"
    ]


def test_no_module_over_about_400_lines() -> None:
    long = {
        _module_name(p, SOURCE): n
        for p in SOURCE.rglob("*.py")
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > 420
    }
    assert long == {}


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return set(done.stdout.split())


def test_library_layers_import_neither_typer_nor_rich() -> None:
    modules = _modules_after(
        "import szfacts, szfacts.knowledge.base, szfacts.reading.loader, szfacts.reading.cache, "
        "szfacts.questions.check, szfacts.questions.why, szfacts.output.render, "
        "szfacts.output.why\nszfacts.load()"
    )
    assert not {m for m in modules if m.split(".")[0] in ("typer", "rich", "click")}
    assert not {m for m in modules if m.startswith("szfacts.cli")}


def test_piped_output_does_not_import_rich() -> None:
    modules = _modules_after(
        "import sys\nfrom szfacts.cli.program import app\nfrom typer.main import get_command\n"
        "sys.argv = ['szfacts', 'indicator', '5g-density', '--format', 'json']\n"
        "try:\n    get_command(app).main(prog_name='szfacts')\nexcept SystemExit:\n    pass"
    )
    assert "szfacts.output.render" in modules
    assert not {m for m in modules if m.split(".")[0] == "rich"}


def test_model_records_are_frozen() -> None:
    obs = szfacts.load().observations[0]
    with pytest.raises(AttributeError):
        obs.value = 1  # type: ignore[misc]


def test_package_data_is_the_top_level_file() -> None:
    """An editable install reads facts.toml at the top of the checkout, as the wheel does."""
    top = ROOT / "facts.toml"
    if not top.exists():
        pytest.skip("not running from a checkout")
    assert shipped_bytes() == top.read_bytes()


def test_version_is_printed() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "szfacts", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    version, identity = done.stdout.splitlines()
    assert version == f"szfacts {szfacts.__version__}"
    assert identity.startswith("knowledge file: facts.toml (shipped), sha256 ")
    text = (ROOT / "facts.toml").read_text(encoding="utf-8")
    counts = (text.count("\n[[observations]]\n"), text.count("\n[[rankings]]\n"))
    assert f"{counts[0]} observations, {counts[1]} rankings" in identity


def test_a_command_loads_only_its_own_module() -> None:
    modules = _modules_after(
        "import sys\nfrom szfacts.__main__ import main\n"
        "sys.argv = ['szfacts', 'rank', '2018', '--format', 'tsv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = {m for m in modules if m.startswith("szfacts.cli.")}
    assert loaded == {"szfacts.cli.program", "szfacts.cli.common", "szfacts.cli.options",
                      "szfacts.cli.rank"}  # fmt: skip
    questions = {m for m in modules if m.startswith("szfacts.questions.")}
    assert questions == {"szfacts.questions.rank"}
    output = {m for m in modules if m.startswith("szfacts.output.")}
    assert output == {
        "szfacts.output.render", "szfacts.output.rows", "szfacts.output.records",
        "szfacts.output.rank", "szfacts.output.rankings",
    }  # fmt: skip


def test_program_pauses_the_collector_only_while_importing() -> None:
    """No collection runs while the program imports the command line; it is on afterwards."""
    code = (
        "import gc, sys\nruns = []\nat_freeze = []\n"
        "gc.callbacks.append(lambda phase, info: runs.append(phase) if phase == 'start' else 0)\n"
        "freeze = gc.freeze\n"
        "gc.freeze = lambda: (at_freeze.append(len(runs)), freeze())\n"
        "from szfacts.__main__ import main\n"
        "before = len(runs)\n"
        "sys.argv = ['szfacts', 'info', '--format', 'tsv']\n"
        "try:\n    main()\nexcept SystemExit as exit:\n"
        "    print(exit.code, before == at_freeze[0], gc.isenabled(), gc.get_freeze_count() > 0,"
        " file=sys.stderr)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stderr.split() == ["0", "True", "True", "True"]


def test_importing_the_library_leaves_the_collector_alone() -> None:
    # Python 3.12.1 starts with some objects frozen already: count what the import adds.
    code = (
        "import gc\nbefore = gc.get_freeze_count()\nimport szfacts.cli.program\n"
        "print(gc.isenabled(), gc.get_freeze_count() - before)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == ["True", "0"]


def test_program_keeps_a_disabled_collector_disabled() -> None:
    code = (
        "import gc, sys\ngc.disable()\nfrom szfacts.__main__ import main\n"
        "sys.argv = ['szfacts', 'info', '--format', 'tsv']\n"
        "try:\n    main()\nexcept SystemExit:\n    print(gc.isenabled())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.splitlines()[-1] == "False"


def test_charts_and_exports_import_nothing_on_other_paths() -> None:
    modules = _modules_after(
        "import sys\nfrom szfacts.__main__ import main\n"
        "sys.argv = ['szfacts', 'indicator', '5g-density', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    drawn = {"szfacts.output.chart", "szfacts.output.vegalite", "szfacts.output.figures",
             "szfacts.output.database", "szfacts.output.database_schema"}  # fmt: skip
    assert not drawn & modules
    assert "sqlite3" not in modules


def test_reports_that_print_the_same_figure_need_no_comparison() -> None:
    """5G density's two reports of China's 2023 target print the same figure: no comparison."""
    modules = _modules_after(
        "import sys\nfrom szfacts.__main__ import main\n"
        "sys.argv = ['szfacts', 'indicator', '5g-density', '--format', 'json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    assert "szfacts.questions.reports" not in modules
