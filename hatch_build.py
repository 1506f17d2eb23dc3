"""Wheel build hook: compile the shipped knowledge file (see src/szfacts/reading/compiled.py).

The wheel gets `szfacts/_shipped.marshal`: the validated records of facts.toml together
with its exact bytes, so that an installed szfacts starts without importing tomli or
validating a file that cannot change; and `szfacts/knowledge/_records_methods.py`, the
record classes' methods written once rather than by @dataclass at every start (see
src/szfacts/knowledge/prebuilt.py). Editable installs and sdists get no compiled form
and parse facts.toml as usual; a facts.toml that fails validation fails the build.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileKnowledgeFile(BuildHookInterface):  # type: ignore[misc]
    """Adds the compiled form of facts.toml to the wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        """Compile facts.toml into the wheel (not into editable installs)."""
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "src"))
        try:
            from szfacts.knowledge import records
            from szfacts.knowledge.prebuilt import MODULE, methods_source
            from szfacts.reading.compiled import FILE_NAME, dump
            from szfacts.reading.loader import parse
        finally:
            sys.path.pop(0)
        built = Path(tempfile.mkdtemp(prefix="szfacts-build-"))
        data = (Path(self.root) / "facts.toml").read_bytes()
        (built / FILE_NAME).write_bytes(dump(data, parse(data, "facts.toml")))
        build_data["force_include"][str(built / FILE_NAME)] = f"szfacts/{FILE_NAME}"
        methods = methods_source(records.RECORD_CLASSES)
        (built / f"{MODULE}.py").write_text(methods, encoding="utf-8")
        build_data["force_include"][str(built / f"{MODULE}.py")] = f"szfacts/knowledge/{MODULE}.py"
