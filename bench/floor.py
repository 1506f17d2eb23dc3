"""The floor of a lookup: the minimal Typer app, plus importing szfacts' model.

It loads nothing and queries nothing: it shows what the package's import (the frozen
dataclasses of the model, the loader without tomli) costs before any work, against
bench/minimal_typer.py. Like that app, it imports with the garbage collector on.
"""

from minimal_typer import app

import szfacts.knowledge.records  # noqa: F401 - imported for its cost

if __name__ == "__main__":
    app()
