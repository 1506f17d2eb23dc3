"""Layers point one way, and start-up imports only what a command needs."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import szfacts
from szfacts.loader import shipped_bytes

ROOT = Path(__file__).resolve().parent.parent


def _modules_after(code: str) -> set[str]:
    done = subprocess.run(
        [sys.executable, "-c", code + "\nimport sys; print('\\n'.join(sys.modules))"],
        capture_output=True, text=True, check=True, timeout=60,
    )  # fmt: skip
    return set(done.stdout.split())


def test_library_layers_import_neither_typer_nor_rich() -> None:
    modules = _modules_after(
        "import szfacts, szfacts.model, szfacts.loader, szfacts.query, szfacts.checks, "
        "szfacts.render\nszfacts.load()"
    )
    assert not {m for m in modules if m.split(".")[0] in ("typer", "rich", "click")}
    assert "szfacts.cli" not in modules


def test_piped_output_does_not_import_rich() -> None:
    modules = _modules_after(
        "import sys\nfrom szfacts.cli import app\nfrom typer.main import get_command\n"
        "sys.argv = ['szfacts', 'indicator', '5g-density', '--format', 'json']\n"
        "try:\n    get_command(app).main(prog_name='szfacts')\nexcept SystemExit:\n    pass"
    )
    assert "szfacts.render" in modules
    assert not {m for m in modules if m.split(".")[0] == "rich"}


def test_no_module_imports_the_cli() -> None:
    for path in (ROOT / "src" / "szfacts").glob("*.py"):
        if path.name not in ("cli.py", "__main__.py"):
            text = path.read_text(encoding="utf-8")
            assert "from .cli" not in text, path.name
            assert "import szfacts.cli" not in text, path.name


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
    assert "15 observations, 2 rankings" in identity


def test_a_command_loads_only_its_own_module() -> None:
    modules = _modules_after(
        "import sys\nfrom szfacts.__main__ import main\n"
        "sys.argv = ['szfacts', 'rank', '2018', '--format', 'tsv']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    loaded = {m for m in modules if m.startswith("szfacts.commands.")}
    assert loaded == {"szfacts.commands.rank", "szfacts.commands.common"}
    assert "szfacts.checks" not in modules


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
    code = "import gc\nimport szfacts.cli\nprint(gc.isenabled(), gc.get_freeze_count())"
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
