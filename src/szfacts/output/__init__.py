"""The output layer: answers to rows with stable keys, rows to every format.

One module per command turns that command's answer into rows (`rank.rank_answer`,
`why.why_answer`, ...); `records` holds the row of each kind of record shared by all of them;
`render` is the only place that knows table, TSV, CSV, JSON, JSON Lines, Markdown, bare
values and Vega-Lite (Rich is imported inside the table path only); `citation` writes BibTeX
and CSL-JSON; `chart` draws a series on the terminal, `vegalite` specifies its chart,
`database` (with `database_schema`) writes the SQLite export: each is imported only when
used. `figures` holds the chart points the answer builders hand over.

May import: `szfacts.questions` (their answer types), `szfacts.knowledge`, `szfacts.errors`,
`szfacts.version`. Never the command line, never a reader.
"""
