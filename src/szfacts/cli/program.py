"""The `szfacts` command line: the root group, its lazily loaded subcommands, exit codes.

Each subcommand lives in its own module of `szfacts.cli` and is imported and turned
into a Click command only when it is run, listed or completed: Click's documented
lazy-loading pattern, with the command table as a lazy mapping so that Typer's own listing
and "did you mean" suggestions keep working. A lookup therefore pays for one command, not
seven.

Errors are mapped to exit codes in one place, `SzfactsGroup.main`: every failure becomes one
line on stderr and a documented exit code, never a traceback.
"""

import contextlib
import os
import sys
from collections.abc import Iterable, Iterator, MutableMapping, Sequence
from importlib import import_module
from pathlib import Path
from typing import Annotated, Any, Final, NoReturn

import typer
from typer.core import TyperGroup

from szfacts.errors import (
    EXIT_BAD_FILE,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    EXIT_NO_RESULT,
    EXIT_OK,
    EXIT_PIPE_CLOSED,
    KnowledgeFileError,
    OutputClosed,
    SzfactsError,
)
from szfacts.version import __version__

from .common import EXIT_CODES_HELP, say
from .options import FactsOption, NoCacheOption, QuietOption

# Command name -> module whose `app` (a one-command Typer) defines it, in the order of --help.
COMMANDS: Final = {
    name: f"szfacts.cli.{name}"
    for name in (
        "rank",
        "indicator",
        "compare",
        "source",
        "search",
        "entity",
        "timeline",
        "why",
        "verify",
        "export",
        "check",
        "info",
    )
}


def reflowed(text: str) -> str:
    """A docstring's paragraphs as single lines, for --help to wrap at the terminal's width.

    Typer keeps a docstring's line breaks, so a paragraph written for 88 columns wraps
    raggedly at any other width. A break stays before an example (`szfacts ...`) or a list
    item (`- `), which read as lines of their own.
    """
    import inspect
    import re

    return re.sub(r"(?<=\S)\n(?!\n|szfacts |- )", " ", inspect.cleandoc(text))


class LazyCommands(MutableMapping[str, Any]):
    """The group's command table: each command is built on first use."""

    def __init__(self, modules: dict[str, str]) -> None:
        self._modules = modules
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in self._modules:
                raise KeyError(name)
            module = import_module(self._modules[name])
            command = typer.main.get_command(module.app)
            command.help = reflowed(command.help or "")
            self._built[name] = command
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        self._built.pop(name, None)
        self._modules.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        return iter(dict.fromkeys([*self._modules, *self._built]))

    def __len__(self) -> int:
        return len(set(self._modules) | set(self._built))


# The options every command takes, which may also stand before the command's name
# (`szfacts --facts F info`, as `git -C DIR log`): those that take a value, then flags.
SHARED_WITH_VALUE: Final = ("--facts", "--format", "-f")
SHARED_FLAGS: Final = ("--no-cache", "--quiet", "-q")


def hoisted(args: Sequence[str], commands: Iterable[str]) -> list[str]:
    """The arguments with the shared options given before a command moved just after it.

    Only a leading run of shared options followed by a command's name moves, in order, so
    an option given after the command still wins (Click keeps an option's last value).
    """
    moved: list[str] = []
    index = 0
    while index < len(args):
        arg = args[index]
        name = arg.split("=", 1)[0]
        if arg in SHARED_WITH_VALUE and index + 1 < len(args):
            moved += args[index : index + 2]
            index += 2
        elif (name in SHARED_WITH_VALUE and "=" in arg) or arg in SHARED_FLAGS:
            moved.append(arg)
            index += 1
        elif arg.startswith("-f") and not arg.startswith("--") and len(arg) > 2:
            moved.append(arg)  # -fjson
            index += 1
        else:
            break
    if moved and index < len(args) and args[index] in set(commands):
        return [args[index], *moved, *args[index + 1 :]]
    return list(args)


class SzfactsGroup(TyperGroup):
    """Typer's group, with lazy subcommands and szfacts' error handling."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(dict(COMMANDS))

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:  # Typer's bundled Context
        """Parse the root's arguments, after moving shared options next to the command."""
        for index, arg in enumerate(args):  # for --version, which acts before any other
            if arg == "--facts" and index + 1 < len(args):
                ctx.meta["szfacts.facts"] = args[index + 1]
            elif arg.startswith("--facts="):
                ctx.meta["szfacts.facts"] = arg.partition("=")[2]
        return super().parse_args(ctx, hoisted(args, self.commands))

    def main(  # type: ignore[override]
        self, args: Sequence[str] | None = None, prog_name: str | None = None, **extra: Any
    ) -> NoReturn:
        """Run the command line and exit with szfacts' exit code for what happened."""
        extra.pop("standalone_mode", None)
        _escape_unencodable_output()
        stdout_was = _identity(1)
        try:
            result = super().main(
                args=args, prog_name=prog_name or "szfacts", standalone_mode=False, **extra
            )
            code = result if isinstance(result, int) else EXIT_OK
        except KnowledgeFileError as error:
            lines = error.lines()
            for line in lines[:20]:
                say(line)
            if len(lines) > 20:
                say(f"... and {len(lines) - 20} more problems; run `szfacts check` for all")
            code = EXIT_BAD_FILE
        except OutputClosed:
            _silence_stdout()
            code = EXIT_PIPE_CLOSED
        except SzfactsError as error:
            say(str(error))
            code = error.exit_code
        except typer.TyperException as error:  # Click's errors: usage, bad parameter, ...
            context = getattr(error, "ctx", None)
            hint = f"; see `{context.command_path} --help`" if context is not None else ""
            say(error.format_message().replace("\n", " ") + hint)
            code = error.exit_code
        except typer.Abort:
            code = EXIT_INTERRUPTED
        except SystemExit as done:
            # Click, and Rich drawing Typer's help, end with exit 1 when their own text meets
            # a closed pipe: Click after wrapping the streams, Rich after pointing stdout at
            # the null device. Either is the reader going away.
            wrapped = "PacifyFlushWrapper" in type(sys.stdout).__name__ + type(sys.stderr).__name__
            nulled = _identity(1) != stdout_was and _identity(1) == _identity(os.devnull)
            code = EXIT_PIPE_CLOSED if wrapped or nulled else _exit_code(done)
        except KeyboardInterrupt:
            say("interrupted")
            code = EXIT_INTERRUPTED
        except BrokenPipeError:
            _silence_stdout()
            code = EXIT_PIPE_CLOSED
        except Exception as error:  # noqa: BLE001 - a traceback shown to a user is a bug
            say(f"internal error: {type(error).__name__}: {error}; please report it")
            code = EXIT_INTERNAL
        try:
            sys.stdout.flush()
        except (BrokenPipeError, ValueError):
            _silence_stdout()
            code = EXIT_PIPE_CLOSED
        sys.exit(code)


def _identity(file: int | str) -> tuple[int, int] | None:
    """What a descriptor or path is (device, inode), to see stdout redirected behind our back."""
    try:
        found = Path(file).stat() if isinstance(file, str) else os.fstat(file)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _exit_code(done: SystemExit) -> int:
    return done.code if isinstance(done.code, int) else EXIT_OK if done.code is None else 1


def _escape_unencodable_output() -> None:
    # With PYTHONIOENCODING=ascii (or another narrow encoding) a Chinese name cannot be
    # written as is: write it as a backslash escape (深 becomes \u6df1, still valid inside
    # JSON strings) instead of failing. UTF-8 streams are unaffected.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _silence_stdout() -> None:
    # The reader went away: point stdout at /dev/null so that the interpreter's own
    # flush at exit does not raise again (the recipe in Python's signal docs).
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


app = typer.Typer(
    cls=SzfactsGroup,
    name="szfacts",
    help="Sourced facts about Shenzhen's digital economy.\n\n"
    "--facts, --no-cache, --format and --quiet may stand before the command's name as well as "
    "after it: `szfacts --facts my.toml info` is `szfacts info --facts my.toml`.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(ctx: typer.Context, value: bool) -> None:
    if value:
        from szfacts.output.info import identity_line

        from .common import knowledge_source

        facts = ctx.meta.get("szfacts.facts") or os.environ.get("SZFACTS_FACTS") or None
        name, data, kb = knowledge_source(facts)
        sys.stdout.write(f"szfacts {__version__}\n{identity_line(kb, name, data)}\n")
        raise typer.Exit


@app.callback()
def _root(
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            show_default=False,
            help="Output format, as each command's --help lists them.",
        ),
    ] = None,
    quiet: QuietOption = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=_version,
            is_eager=True,
            help="Print the version and the knowledge file in use (--facts, SZFACTS_FACTS or "
            "shipped).",
        ),
    ] = False,
) -> None:
    """Sourced facts about Shenzhen's digital economy (the app's help is the text shown)."""
    # The shared options are moved to the command by SzfactsGroup.parse_args; --version
    # acts in its callback.
    del facts, no_cache, fmt, quiet, version


def run() -> NoReturn:
    """Run the command line on sys.argv and exit (the program starts in __main__.main)."""
    command = typer.main.get_command(app)
    command.main(prog_name="szfacts")
    raise SystemExit(EXIT_NO_RESULT)  # pragma: no cover - run() always exits
