"""The reading layer: bytes to a validated knowledge base, and the forms that make it fast.

Owns parsing and validation (`loader`, `builder`, `fields`), the flat observation row
(`flat`), the compiled shipped snapshot (`compiled`), the SQLite cache of large files
(`cache`) and the garbage-collector pause used while reading (`collector`).

May import: `szfacts.knowledge`, `szfacts.errors`. Imports no question, output or command
line.
"""
