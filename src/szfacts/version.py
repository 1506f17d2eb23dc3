"""The version of szfacts: one line, read by the build and by `szfacts --version`."""

from __future__ import annotations

__version__ = "0.1.0"
