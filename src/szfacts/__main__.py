"""`python -m szfacts`: the same as the `szfacts` command."""

from __future__ import annotations

from .cli import main

main()
