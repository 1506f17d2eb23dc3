"""Every bad input gets a clear answer; nothing crashes; nothing of the user's is lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from szfacts.reading.loader import shipped_bytes
from tests.conftest import generated_facts
from tests.robustness.conftest import Outcome, Sandbox, assert_clean

SHIPPED = shipped_bytes().decode("utf-8")
ONE_LINE = 1


def one_line(outcome: Outcome, *needles: str) -> None:
    lines = outcome.stderr.splitlines()
    assert len(lines) == ONE_LINE, outcome.stderr
    for needle in needles:
        assert needle in lines[0], lines[0]


# --- the knowledge file ----------------------------------------------------------------


@pytest.mark.parametrize(  # one case a line: the file's damage, then what the message says
    ("content", "expected"),
    [
        (b"", "format: is required"),
        (b"\xff\xfe not utf-8", "is not valid UTF-8 text"),
        (SHIPPED.replace('title = "SZ Takes', "title = SZ Takes", 1).encode(), "invalid TOML"),
        (SHIPPED.replace("value = 28.5", 'value = "high"').encode(), "must be a number, not a string"),  # noqa: E501
        (SHIPPED.replace('unit = "poles"\n', "", 1).encode(), "unit: is required but missing"),
        (SHIPPED.replace('id = "guangzhou"', 'id = "shenzhen"').encode(), "duplicate id 'shenzhen'"),  # noqa: E501
        (SHIPPED.replace('entity = "changsha"', 'entity = "nowhere"').encode(), "refers to entity 'nowhere'"),  # noqa: E501
        (SHIPPED.replace("value = 28.5", "value = nan").encode(), "must be a finite number, not nan"),  # noqa: E501
        (SHIPPED.replace("value = 28.5", "value = inf").encode(), "must be a finite number, not inf"),  # noqa: E501
        (SHIPPED.replace("value = 28.5", "value = 1e400").encode(), "1e400 is out of range"),
        (SHIPPED.replace("value = 51000", "value = 1" + "0" * 400).encode(), "is too large"),
    ],
    ids=["empty", "invalid-utf8", "syntax", "wrong-type", "missing-field", "duplicate-id",
         "dangling-reference", "nan", "infinite", "1e400", "10^400"],
)  # fmt: skip
def test_bad_knowledge_files(sandbox: Sandbox, content: bytes, expected: str) -> None:
    path = sandbox.file("facts.toml", content)
    for args in (("rank", "2018"), ("check",), ("export", "-f", "json")):
        outcome = sandbox.run(*args, "--facts", str(path), expect={3})
        assert expected in outcome.stderr + outcome.stdout
        if args[0] != "check":
            assert outcome.stderr.splitlines()[0].startswith(f"szfacts: {path}")


def test_syntax_error_has_line_and_column(sandbox: Sandbox) -> None:
    text = SHIPPED.replace('title = "SZ Takes', "title = SZ Takes", 1)
    line = text.splitlines().index('title = SZ Takes the Lead in China in Digital Economy"') + 1
    path = sandbox.file("facts.toml", text)
    outcome = sandbox.run("rank", "2018", "--facts", str(path), expect={3})
    one_line(outcome, f"{path}:{line}:9: invalid TOML")


def test_missing_file_and_directory(sandbox: Sandbox) -> None:
    one_line(
        sandbox.run("rank", "--facts", "missing.toml", expect={3}), "missing.toml: no such file"
    )
    one_line(sandbox.run("rank", "--facts", str(sandbox.work), expect={3}), "is a directory")
    missing = str(sandbox.work / "gone.toml")
    one_line(
        sandbox.run("indicator", env={"SZFACTS_FACTS": missing}, expect={3}),
        "gone.toml: no such file",
    )


def test_ten_megabyte_string(sandbox: Sandbox) -> None:
    big = "x" * (10 * 1024 * 1024)
    path = sandbox.file("facts.toml", SHIPPED.replace("Pony Ma is chairman", big, 1))
    outcome = sandbox.run("search", "pony", "--facts", str(path), "-f", "tsv", expect={0})
    assert "pony-ma-tencent-chair" not in outcome.stdout or big[:100] in outcome.stdout
    sandbox.run("check", str(path), expect={0})


@pytest.mark.parametrize("depth", [5000, 100_000])
def test_thousands_of_nested_tables(sandbox: Sandbox, depth: int) -> None:
    nested = "x = " + "{ a = " * depth + "1" + " }" * depth + "\n"
    path = sandbox.file("facts.toml", "format = 1\n" + nested)
    outcome = sandbox.run("check", str(path), expect={3})
    assert "nested too deeply" in outcome.stdout or "not a section" in outcome.stdout
    dotted = "format = 1\n[" + ".".join(["t"] * depth) + "]\n"
    sandbox.run("rank", "--facts", str(sandbox.file("dotted.toml", dotted)), expect={3})


def test_file_that_changes_while_being_read(sandbox: Sandbox) -> None:
    path = sandbox.file("facts.toml", SHIPPED)
    broken = SHIPPED.replace("format = 1", "format = ", 1)
    stop = threading.Event()

    def flip() -> None:
        while not stop.is_set():
            for text in (SHIPPED, broken, SHIPPED[: len(SHIPPED) // 2]):
                path.write_text(text, encoding="utf-8")

    writer = threading.Thread(target=flip)
    writer.start()
    try:
        outcomes = []
        for _ in range(10):
            done = subprocess.run(
                [sys.executable, "-m", "szfacts", "rank", "2018", "--facts", str(path)],
                capture_output=True, text=True, timeout=60, check=False,
                env={**os.environ, "XDG_CACHE_HOME": str(sandbox.cache)},
            )  # fmt: skip
            outcomes.append(Outcome(done.returncode, done.stdout, done.stderr))
    finally:
        stop.set()
        writer.join()
    for outcome in outcomes:
        assert_clean(outcome, {0, 3})
        if outcome.code == 0:
            assert "shenzhen" in outcome.stdout


# --- arguments -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("args", "code", "needle"),
    [
        (("rank", "abc"), 2, "'abc' is not a valid int"),
        (("rank", "-5"), 2, "-5"),
        (("rank", "9" * 20), 1, "no rankings for 99999999999999999999"),
        (("rank", "2018", "--format", "xml"), 2, "unknown format 'xml'"),
        (("indicator", ""), 2, "unknown indicator ''"),
        (("indicator", "5g-density", "--entity", ""), 2, "unknown entity ''"),
        (("indicator", "$(rm -rf ~)`;|&*?"), 2, "unknown indicator '$(rm -rf ~)`;|&*?'"),
        (("indicator", "\x1b[31mred\x07"), 2, "'\\x1b[31mred\\x07'"),
        (("indicator", "\u202eytisned-g5\u0301"), 2, "unknown indicator"),
        (("search", "\u202e\u0301"), 1, "nothing matches"),
        (("source", "sz\tdaily\r2022"), 2, "unknown source 'sz\\tdaily\\r2022'"),
        (("compare", "深圳"), 2, "name two or more entities"),
        (("nonsense",), 2, "No such command"),
    ],
)
def test_bad_arguments(sandbox: Sandbox, args: tuple[str, ...], code: int, needle: str) -> None:
    one_line(sandbox.run(*args, expect={code}), needle)


def test_surrounding_whitespace_is_forgiven(sandbox: Sandbox) -> None:
    # As from `id=$(cat file)`: a trailing newline or spaces around an id still find it.
    outcome = sandbox.run(
        "indicator",
        " 5g-density\n",
        "--entity",
        "shenzhen ",
        "--period",
        " 2021",
        "-f",
        "value",
        expect={0},
    )
    assert outcome.stdout == "28.5\n"


def test_hundred_thousand_character_argument(sandbox: Sandbox) -> None:
    started = time.perf_counter()
    outcome = sandbox.run("indicator", "q" * 100_000, expect={2})
    assert time.perf_counter() - started < 20
    one_line(outcome, "unknown indicator 'qqqq", "(100,000 characters)")
    assert len(outcome.stderr) < 300


# --- environment -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [
        {"NO_COLOR": "1"},
        {"TERM": "dumb"},
        {"COLUMNS": "20"},
        {"COLUMNS": "300"},
        {"PYTHONIOENCODING": "ascii"},
        {"LC_ALL": "C", "LANG": "C"},
        {"PYTHONIOENCODING": "latin-1", "LC_ALL": "C"},
    ],
    ids=lambda e: ",".join(f"{k}={v}" for k, v in e.items()),
)
@pytest.mark.parametrize("fmt", ["table", "tsv", "json", "markdown"])
def test_environments(sandbox: Sandbox, env: dict[str, str], fmt: str) -> None:
    outcome = sandbox.run("rank", "2018", "--format", fmt, env=env, expect={0})
    assert "Shenzhen" in outcome.stdout
    assert "深圳" in outcome.stdout or "\\u6df1\\u5733" in outcome.stdout


def test_ascii_output_keeps_json_valid(sandbox: Sandbox) -> None:
    import json

    outcome = sandbox.run(
        "rank", "2018", "-f", "json", env={"PYTHONIOENCODING": "ascii"}, expect={0}
    )
    assert json.loads(outcome.stdout)[0]["entity_name_zh"] == "深圳"


def test_read_only_home_and_cache(sandbox: Sandbox, tmp_path: Path) -> None:
    facts = sandbox.file("facts.toml", SHIPPED)
    blocked = sandbox.file("cache-is-a-file", "not a directory")
    outcome = sandbox.run(
        "indicator", "5g-density", "-e", "sz", "-p", "2021", "--facts", str(facts), "-f", "value",
        env={"XDG_CACHE_HOME": str(blocked), "HOME": "/nonexistent/home"}, expect={0},
    )  # fmt: skip
    assert outcome.stdout == "28.5\n"
    if os.getuid() != 0:  # root ignores permission bits
        sandbox.home.chmod(0o500)
        try:
            outcome = sandbox.run(
                "indicator", "5g-density", "-e", "sz", "-p", "2021", "--facts", str(facts),
                "-f", "value", env={"XDG_CACHE_HOME": ""}, expect={0},
            )  # fmt: skip
            assert outcome.stdout == "28.5\n"
        finally:
            sandbox.home.chmod(0o700)


# --- the process -----------------------------------------------------------------------

COMMANDS = [
    ("rank", "2018"), ("rank",), ("indicator", "5g-density"), ("indicator",),
    ("compare", "sz", "gz"), ("compare", "china", "-i", "digital-economy-size"),
    ("source",), ("source", "sz-commerce-2018"), ("search", "internet"), ("export",),
    ("check",),
]  # fmt: skip
# Answers whose records have no single number: --format value is a usage error (exit 2).
NO_VALUE = {("rank",), ("indicator",), ("compare", "sz", "gz"), ("source",),
            ("source", "sz-commerce-2018"), ("search", "internet"), ("export",)}  # fmt: skip


@pytest.mark.parametrize("fmt", ["table", "tsv", "csv", "json", "jsonl", "markdown", "value"])
@pytest.mark.parametrize("args", COMMANDS, ids=" ".join)
def test_output_closed_early(args: tuple[str, ...], fmt: str) -> None:
    options = "" if args[0] == "check" else f" --format {fmt}"
    command = f"{sys.executable} -m szfacts {' '.join(args)}{options} | head -c 1 >/dev/null"
    done = subprocess.run(
        ["bash", "-c", f"{command}; echo ${{PIPESTATUS[0]}}"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert "Traceback" not in done.stderr
    assert all(line.startswith("szfacts: ") for line in done.stderr.splitlines())
    refused = fmt == "value" and args in NO_VALUE
    assert done.stdout.strip() in (("2",) if refused else ("0", "141"))


def _interruptible() -> None:
    """Ctrl-C as a terminal delivers it: a suite started in the background (`cmd &`, nohup)
    runs with SIGINT ignored, and a child would inherit that and never be interrupted."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_interrupt_during_a_large_export(sandbox: Sandbox) -> None:
    facts = sandbox.work / "big.toml"
    generated_facts(20000, facts)
    env = {**os.environ, "XDG_CACHE_HOME": str(sandbox.cache)}
    command = [
        sys.executable,
        "-m",
        "szfacts",
        "export",
        "-f",
        "jsonl",
        "--facts",
        str(facts),
        "--no-cache",
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        preexec_fn=_interruptible,  # noqa: PLW1509 - it only resets a signal: thread-safe
    )  # fmt: skip
    assert process.stdout is not None
    process.stdout.read(100)  # it has started writing
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130
    assert b"Traceback" not in stderr


def test_interrupt_while_compiling_leaves_no_half_cache(sandbox: Sandbox) -> None:
    facts = sandbox.work / "big.toml"
    generated_facts(50000, facts)
    env = {**os.environ, "XDG_CACHE_HOME": str(sandbox.cache)}
    process = subprocess.Popen(
        [sys.executable, "-m", "szfacts", "indicator", "bench-7", "--facts", str(facts)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
        preexec_fn=_interruptible,  # noqa: PLW1509 - it only resets a signal: thread-safe
    )  # fmt: skip
    time.sleep(0.6)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode in (0, 130)
    assert b"Traceback" not in stderr
    leftovers = (
        list((sandbox.cache / "szfacts").glob(".*.tmp"))
        if (sandbox.cache / "szfacts").exists()
        else []
    )
    assert leftovers == []
    outcome = sandbox.run(
        "indicator", "bench-7", "--entity", "e-7", "--facts", str(facts), "-f", "value", expect={0}
    )
    assert outcome.stdout.strip()


def test_cache_owned_by_another_user_is_not_trusted(sandbox: Sandbox) -> None:
    if os.getuid() != 0:
        pytest.skip("giving a file to another user needs root")
    facts = sandbox.file("facts.toml", SHIPPED)
    args = (
        "indicator",
        "5g-density",
        "-e",
        "sz",
        "-p",
        "2021",
        "--facts",
        str(facts),
        "-f",
        "value",
    )
    assert sandbox.run(*args, expect={0}).stdout == "28.5\n"
    (compiled,) = (sandbox.cache / "szfacts").glob("*.marshal")  # a small file's snapshot
    from szfacts.reading import compiled as snapshot
    from szfacts.reading.loader import parse

    data = facts.read_bytes()
    false = data.replace(b"value = 28.5\n", b"value = 99\n")
    assert false != data
    compiled.write_bytes(snapshot.dump(data, parse(false, "false.toml")))
    assert sandbox.run(*args, expect={0}).stdout == "99\n"  # ours: trusted, so this is read
    compiled.write_bytes(snapshot.dump(data, parse(false, "false.toml")))
    os.chown(compiled, 65534, 65534)
    assert sandbox.run(*args, expect={0}).stdout == "28.5\n"
    os.chown(sandbox.cache / "szfacts", 65534, 65534)
    assert sandbox.run(*args, expect={0}).stdout == "28.5\n"
