"""The floor of a lookup: the minimal Typer app, plus importing szfacts' model.

It loads nothing and queries nothing: it shows what the package's import (tomli, the frozen
dataclasses of the model) costs before any work, against bench/minimal_typer.py.
"""

import typer

import szfacts.model  # noqa: F401 - imported for its cost

app = typer.Typer()


@app.command()
def main(name: str) -> None:
    print(name)


if __name__ == "__main__":
    app()
