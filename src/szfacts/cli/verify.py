"""`szfacts verify`."""

import sys
from pathlib import Path
from typing import Annotated, Final

import typer

from szfacts.errors import EXIT_NO_RESULT, UsageProblem, quoted

from .common import EXIT_CODES_HELP, knowledge, show
from .options import FactsOption, NoCacheOption, NoHeaderOption, QuietOption, format_option

app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

# The largest text verify reads: a long report is a few hundred kilobytes.
LIMIT: Final = 10 * 1024 * 1024


@app.command(name="verify", epilog=EXIT_CODES_HELP)
def verify(
    file: Annotated[
        str | None,
        typer.Argument(
            metavar="[FILE | -]",
            help="Text or Markdown file to check; - (or nothing, in a pipe) reads standard input.",
            show_default=False,
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option("--explain", help="Also show how each sentence was read, step by step."),
    ] = False,
    facts: FactsOption = None,
    no_cache: NoCacheOption = False,
    fmt: Annotated[str | None, format_option("verify")] = None,
    no_header: NoHeaderOption = False,
    quiet: QuietOption = False,
) -> None:
    """Check the figures and ranks in a text against the knowledge base.

    Each figure (with its words: over, nearly, about, million, percent ...) is read with the
    place, quantity and period its sentence names and whether it is stated as achieved or as
    a plan, then given a verdict: supported, truncated (agrees if digits were cut off rather
    than rounded), contradicted, target-as-achievement, achievement-as-target, other-period
    (agrees with another period), not-stated (a position where the source gives only a band)
    or not-found. Each verdict names the records and sources behind it; --explain shows the
    reading. Years, "5G" and units such as "per 10,000 people" are not claims.
    Exit 0 when no claim is contradicted or mistaken, 1 when one is: `szfacts verify draft.md
    && publish` publishes only a text that passes.

    Examples: szfacts verify draft.md;
    szfacts verify draft.md --explain;
    szfacts verify - --format json < draft.md | jq '.[] | select(.verdict != "supported")'
    """
    from szfacts.output.verify import verify_answer
    from szfacts.questions.verify import MISTAKES
    from szfacts.questions.verify import verify as check_text

    text = read_text(file)
    kb = knowledge(facts, no_cache)
    checked = check_text(kb, text)
    show(verify_answer(kb, checked, text, explain), "verify", fmt, no_header, quiet)
    if any(item.verdict in MISTAKES for item in checked):
        raise typer.Exit(EXIT_NO_RESULT)


def read_text(file: str | None) -> str:
    """The text to verify, from a file or standard input; a usage error names what is wrong.

    Refused: a missing file, a directory, anything over 10 MB, binary data (a NUL byte), and
    bytes that are not UTF-8 (a byte-order mark is dropped).
    """
    if file is None and sys.stdin.isatty():
        raise UsageProblem("give a text file to verify, or - to read standard input")
    if file in (None, "-"):
        name = "standard input"
        data = sys.stdin.buffer.read(LIMIT + 1)
    else:
        assert file is not None
        name = quoted(file)
        path = Path(file)
        if path.is_dir():
            raise UsageProblem(f"{name} is a directory; give a text or Markdown file")
        try:
            with path.open("rb") as stream:
                data = stream.read(LIMIT + 1)
        except FileNotFoundError:
            raise UsageProblem(f"{name}: no such file; give a text file, or - for standard "
                               "input") from None  # fmt: skip
        except OSError as error:
            raise UsageProblem(f"{name} cannot be read: {error.strerror or error}") from None
    if len(data) > LIMIT:
        raise UsageProblem(f"{name} is over {LIMIT // 1024 // 1024} MB; verify reads texts of "
                           "up to 10 MB (split a longer one)")  # fmt: skip
    nul = data.find(b"\0")
    if nul >= 0:
        raise UsageProblem(f"{name} holds binary data (a NUL byte at offset {nul:,}); give "
                           "plain text or Markdown")  # fmt: skip
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        where = f"byte 0x{data[error.start]:02x} at offset {error.start:,}"
        hint = "convert it, e.g. with iconv -t UTF-8"
        raise UsageProblem(f"{name} is not UTF-8 text ({where}); {hint}") from None
