"""The `szfacts` program: the console script and `python -m szfacts` both start here."""

from __future__ import annotations

import gc
from typing import NoReturn

from .reading.collector import paused


def main() -> NoReturn:
    """Import the command line with the cyclic garbage collector paused, then run it.

    Importing Typer, Click and the command line creates about 30,000 objects that live as
    long as the process. Left on, the collector walks them again and again while they are
    being created, which costs about 15 % of a lookup's time (see reading/collector.py). They are
    then moved to the permanent generation (`gc.freeze`, documented as a way "to speed up
    collection"), and the collector is turned back on for the command's own work.
    Library users (`import szfacts`) are not affected: this runs only as the program.
    """
    with paused():
        from .cli.program import run

        gc.freeze()
    run()


if __name__ == "__main__":
    main()
