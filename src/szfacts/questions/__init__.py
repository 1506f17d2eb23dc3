"""The questions layer: pure functions from a knowledge base to typed answers.

A module is named as the command that asks it (`rank`, `indicator`, `compare`, `source`,
`search`, `entity`, `timeline`, `why`, `check`); the functions carry the Python API's names
(`rankings_for`, `find`, `compare`, `trend`, `citing`, `search`, `profile`, `timeline`,
`explain`, `run_checks`). They never print.

May import: `szfacts.knowledge`, `szfacts.errors`, and each other without a cycle. Imports no
reader, output or command line.
"""
