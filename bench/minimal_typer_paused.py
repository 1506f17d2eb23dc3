"""The minimal Typer app, started the way szfacts starts (see szfacts/__main__.py).

The cyclic garbage collector is paused while Typer and the app are imported, the imported
objects are moved to the permanent generation, and the collector is turned back on. Against
bench/minimal_typer.py it shows how much of szfacts' start-up margin that alone buys.
"""

import gc

gc.disable()
from minimal_typer import app  # noqa: E402 - imported with the collector paused, the point

gc.freeze()
gc.enable()

if __name__ == "__main__":
    app()
