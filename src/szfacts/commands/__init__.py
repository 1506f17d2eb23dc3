"""The subcommands of `szfacts`, one module each, imported only when run (see cli.py)."""
