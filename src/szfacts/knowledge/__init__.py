"""The knowledge layer: what a knowledge file holds, once read.

Owns the frozen records (`records`), periods (`periods`), the formulas of derived values
(`formulas`), what a printed figure stands for (`intervals`), and the `KnowledgeBase`
container with its indexes and by-id look-ups (`base`).

May import: `szfacts.errors` and the standard library only. Imports no reader, question,
output or command line; every other layer imports it.
"""
