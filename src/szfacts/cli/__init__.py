"""The command-line layer: the Typer program, its lazy command table, one module per command.

`program` holds the root group, the table of commands (each imported only when run) and
the one place that maps errors to exit codes; `options` the parameters every command shares
and their shell completion; `common` loading the knowledge file and printing an answer. A
command module parses its arguments, asks its question, and hands the answer to `output`.

May import every layer below it. Nothing imports it but `szfacts.__main__`.
"""
