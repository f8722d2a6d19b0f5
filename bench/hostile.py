"""Run the CLI on each hostile input and check it against 2 s and 200 MB.

    uv run python bench/hostile.py                 # the installed entry point of .venv
    uv run python bench/hostile.py --cmd "inet-stages"

Each hostile file is written to a temporary folder, then given to the command
that reads it (``validate`` for offers, ``--calendar`` and ``calendar check``
for calendars) in a subprocess; the wall time and the peak resident memory
of that process (``os.wait4``) are measured and compared to the limits of
docs/reference/limits.md ("no input file makes the CLI use more than 200 MB or take more than
2 s"). It also checks that the exit code is one of docs/reference/README.md's and that no
traceback or « erreur interne » was printed.

Not a test: timings depend on the machine, and timed assertions do not
belong in the suite (the suite checks the same shapes for behaviour).
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from inet_stages.io.tomlsafe import MAX_BYTES  # noqa: E402

LIMIT_SECONDS = 2.0
LIMIT_BYTES = 200 * 1024 * 1024

OFFER = """[offer]
internship = "thematique"
tracks = ["administrateurs"]
title = TITLE
description = \"\"\"Diagnostic de l'absentéisme dans les services de la ville, entretiens avec
les directions, plan d'action chiffré et présentation au comité de direction.\"\"\"
submitted = 2026-02-10

[host]
name = "Ville de Colmar"
kind = "commune"
population = POPULATION

[tutor]
name = "Camille Martin"
position = "Directrice générale des services"
email = "camille.martin@example.fr"
"""


def offer(title: str = '"Diagnostic"', population: str = "67000") -> str:
    """A valid offer with one value replaced by raw TOML text."""
    return OFFER.replace("TITLE", title).replace("POPULATION", population)


def fill(line: Callable[[int], str], budget: int = MAX_BYTES - 1_000) -> str:
    """Lines ``line(0)``, ``line(1)``… up to ``budget`` bytes: as big as the cap allows."""
    parts: list[str] = []
    size = 0
    index = 0
    while True:
        text = line(index)
        if size + len(text.encode("utf-8")) > budget:
            return "".join(parts)
        parts.append(text)
        size += len(text.encode("utf-8"))
        index += 1


HUGE_HEX = "0x" + "f" * 5_000

#: name -> content (text is written as UTF-8, bytes as they are), built when
#: used: the parent process must stay small, since the peak memory the kernel
#: reports for a child counts what it shared with its parent before exec.
SHAPES: dict[str, Callable[[], str | bytes]] = {
    "dotted key, 20 000 parts": lambda: "a" + ".a" * 20_000 + " = 1\n",
    "dotted keys, 999 parts, to the cap": lambda: fill(lambda i: f"k{i}" + ".a" * 998 + " = 1\n"),
    "dotted keys, 32 parts, to the cap": lambda: fill(lambda i: f"k{i}" + ".a" * 31 + " = 1\n"),
    "tables, 32 parts, to the cap": lambda: fill(lambda i: f"[k{i}" + ".a" * 31 + "]\n"),
    "600 nested arrays": lambda: "x = " + "[" * 600 + "]" * 600 + "\n",
    "600 nested inline tables": lambda: "x = " + "{a = " * 600 + "1" + "}" * 600 + "\n",
    "399 nested arrays, to the cap": lambda: fill(
        lambda i: f"x{i} = " + "[" * 399 + "]" * 399 + "\n"
    ),
    "5 000-digit integer": lambda: offer(population="9" * 5_000),
    "5 000-digit hex integer (population)": lambda: offer(population=HUGE_HEX),
    "5 000-digit hex integer (title)": lambda: offer(title=HUGE_HEX),
    "4 000-digit negative integer": lambda: offer(population="-" + "1" * 4_000),
    "hex integers, to the cap": lambda: fill(lambda i: f"x{i} = 0x" + "f" * 4_000 + "\n"),
    "nan population": lambda: offer(population="nan"),
    "-inf population": lambda: offer(population="-inf"),
    "Latin-1 bytes": lambda: offer(title='"Diagnostic énergétique"').encode("latin-1"),
    "UTF-16": lambda: offer().encode("utf-16"),
    "random-looking bytes": lambda: bytes(range(256)) * 100,
    "unknown keys, to the cap": lambda: "[offer]\n" + fill(lambda i: f"clé_{i} = {i}\n"),
    "unknown tables, to the cap": lambda: fill(lambda i: f"[t{i}]\n"),
    "array of tables, to the cap": lambda: fill(lambda _i: "[[offer.tracks]]\n"),
    "inline tables, to the cap": lambda: fill(lambda i: f"t{i} = {{ a = 1, b = [1, 2] }}\n"),
    "one huge string": lambda: offer(title='"' + "x" * (MAX_BYTES - 2_000) + '"'),
    "escapes in a string, to the cap": lambda: (
        'x = "' + fill(lambda _i: "\\u001b", MAX_BYTES - 100) + '"\n'
    ),
    "markup and controls": lambda: offer(
        title='"[link=http://e.x]I[/link] [/] :warning: \\u001b]8;;x\\u0007 \\u202e"'
    ),
    "a valid line of « [ » and spaces": lambda: "x = [\n[" + " " * (MAX_BYTES - 100) + "\n1]]\n",
    "a valid line of spaces before « = »": lambda: "x" + " " * (MAX_BYTES - 100) + "= 1\n[offer]\n",
    "a key of 100 000 characters": lambda: offer() + '"' + "k" * (MAX_BYTES - 2_000) + '" = 1\n',
    "just over the cap": lambda: "# " + "x" * MAX_BYTES + "\n",
    "empty": lambda: "",
}


PACKAGED = ROOT / "data" / "calendar_2026_27.toml"
ROOM = MAX_BYTES - 20_000  # what the packaged calendar leaves under the cap


def calendar(old: str, new: str) -> str:
    """The packaged calendar with ``old`` replaced by ``new``: it loads, with a hostile text."""
    text = PACKAGED.read_text(encoding="utf-8")
    assert old in text, old
    return text.replace(old, new, 1)


#: Calendars that load, their texts hostile: for the commands that show them.
CALENDAR_SHAPES: dict[str, Callable[[], str]] = {
    "an e-mail of 100 000 dots": lambda: calendar(
        'email = "stages.inet@cnfpt.fr"', 'email = "a@' + "." * ROOM + ' "'
    ),
    "a label of 100 000 characters": lambda: calendar(
        'short = "Ingénieurs"', 'short = "' + "Ingé\\u001b[31m " * (ROOM // 20) + '"'
    ),
    "a key of 100 000 characters": lambda: calendar(
        "[contact]", '"' + "k" * ROOM + '" = 1\n[contact]'
    ),
}


#: Calendars that ``calendar check`` must refuse, and every command with it
#: (they used to pass the check, then crash or run for seconds).
HEAD = """format = 1
school_year = "2026-2027"
[contact]
name = "Coordination"
email = "stages@example.fr"
"""
WINDOW = """[internships.observation.windows.administrateurs]
start = START
end = END
weeks = 4
offers_deadline = DEADLINE
"""


def small_calendar(school: str, start: str, end: str, deadline: str, months: str = "") -> str:
    """One track, one window: the dates as given (raw TOML)."""
    schooling = f"schooling = {{ start = 2026-01-05, end = {school} }}\n"
    track = f"[tracks.administrateurs]\n{months}{schooling}"
    window = WINDOW.replace("START", start).replace("END", end).replace("DEADLINE", deadline)
    return HEAD + track + window


CALENDAR_SHAPES.update(
    {
        "no track, no window": lambda: HEAD + "[tracks]\n[internships.observation.windows]\n",
        "dates up to 9999-12-31": lambda: small_calendar(
            "9999-12-31", "2026-03-30", "9999-12-24", "2025-11-24"
        ),
        "dates from year 1": lambda: small_calendar(
            "2027-07-30", "0001-01-05", "2026-04-24", "0001-01-01"
        ),
        "schooling end typed 2207": lambda: small_calendar(
            "2207-07-30", "2026-03-30", "2026-04-24", "2025-11-24", "months = 18\n"
        ),
        "misspelt table header": lambda: (
            HEAD
            + "[tracks.ingenieurs]\nschooling = { start = 2026-01-05, end = 2027-07-30 }\n"
            + "[internships.perfectionement.windows.ingenieurs]\n"
            + "start = 2026-03-30\nend = 2026-04-24\nweeks = 4\n"
        ),
    }
)


def _good_offer(folder: Path, name: str = "bonne.toml") -> Path:
    path = folder / name
    path.write_text(offer(), encoding="utf-8")
    return path


def deep_tree(folder: Path) -> list[str]:
    """A tree 1 000 folders deep (an offer at the bottom) beside a good file."""
    level = folder / "profond"
    level.mkdir()
    for _ in range(1_000):
        level = level / "d"
        level.mkdir()
    _good_offer(level, "cache.toml")
    return [str(folder / "profond"), str(_good_offer(folder))]


def link_out(folder: Path) -> list[str]:
    """An offers folder holding a link to a file outside it."""
    secret = folder / "Confidentiel" / "note.toml"
    secret.parent.mkdir()
    secret.write_text('secret = "ne pas diffuser"\n', encoding="utf-8")
    tree = folder / "archive"
    tree.mkdir()
    _good_offer(tree)
    (tree / "piege.toml").symlink_to(secret)
    return [str(tree)]


def long_name(folder: Path) -> list[str]:
    """An offer whose name is 239 bytes long."""
    tree = folder / "offres"
    tree.mkdir()
    _good_offer(tree, "é" * 60 + "b" * 114 + ".toml")
    return [str(tree)]


def many_twins(folder: Path) -> list[str]:
    """100 offers of the same name in 100 folders (W002 and letter names by hash).

    A batch costs a few milliseconds per file: 500 files take longer than
    2 s on a busy machine, and are a batch, not a hostile input.
    """
    for index in range(100):
        sub = folder / f"lot{index}"
        sub.mkdir()
        _good_offer(sub, "colmar.toml")
    return [str(folder)]


#: Scenes of several files: name -> builder of the paths to give.
TREE_SHAPES: dict[str, Callable[[Path], list[str]]] = {
    "1 000-deep tree beside a good file": deep_tree,
    "a file link out of the tree": link_out,
    "a 239-byte offer name": long_name,
    "100 offers of one name": many_twins,
}


def remove_tree(folder: Path) -> None:
    """Remove ``folder`` without recursion (shutil.rmtree recurses: 1 000 levels break it)."""
    stack = [folder]
    while stack:
        current = stack[-1]
        children = list(os.scandir(current))
        folders = [c for c in children if c.is_dir(follow_symlinks=False)]
        for child in children:
            if not child.is_dir(follow_symlinks=False):
                os.unlink(child.path)
        if folders:
            stack.extend(Path(c.path) for c in folders)
        else:
            os.rmdir(current)
            stack.pop()


@dataclass(frozen=True)
class Measure:
    """One run: exit code, wall seconds, peak resident memory, whether it misbehaved."""

    code: int
    seconds: float
    max_rss: int
    problem: str


def measure(command: list[str]) -> Measure:
    """Run ``command``; time it and read its peak memory from the kernel."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        process = subprocess.Popen(command, stdout=out, stderr=err, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        found = scan(out) | scan(err)
    code = os.waitstatus_to_exitcode(status)
    problem = ""
    if b"Traceback" in found:
        problem = "traceback"
    elif b"erreur interne" in found:
        problem = "erreur interne"
    elif code not in (0, 1, 2):
        problem = f"exit {code}"
    elif b"\x1b" in found:
        problem = "ESC printed"
    return Measure(code, elapsed, usage.ru_maxrss * 1024, problem)


WATCHED = (b"Traceback", b"erreur interne", b"\x1b")


def scan(stream: IO[bytes]) -> set[bytes]:
    """Which of :data:`WATCHED` the output holds, read by chunks (it may be large)."""
    stream.seek(0)
    found: set[bytes] = set()
    tail = b""
    while chunk := stream.read(1 << 16):
        window = tail + chunk
        found.update(word for word in WATCHED if word in window)
        tail = window[-32:]
    return found


def report_line(name: str, label: str, result: Measure) -> int:
    """Print one row of the table; 1 when it is over a limit or misbehaved."""
    over = []
    if result.seconds > LIMIT_SECONDS:
        over.append("> 2 s")
    if result.max_rss > LIMIT_BYTES:
        over.append("> 200 MB")
    if result.problem:
        over.append(result.problem)
    print(
        f"{name[:40]:<40} {label:<15} {result.code:>4} {result.seconds:>6.2f}s "
        f"{result.max_rss / 2**20:>6.0f}MB  {', '.join(over) or 'ok'}"
    )
    return 1 if over else 0


def run_trees(base: list[str], on_trees: dict[str, Callable[[list[str], Path], list[str]]]) -> int:
    """Build each scene of :data:`TREE_SHAPES` and run the commands on it; how many failed."""
    failed = 0
    for name, build in TREE_SHAPES.items():
        for label, command in on_trees.items():
            folder = Path(tempfile.mkdtemp())
            try:
                paths = build(folder)
                failed += report_line(name, label, measure(command(paths, folder)))
            finally:
                remove_tree(folder)
    # An output path longer than the system allows: a French error, at once.
    if not TREE_SHAPES:
        return failed
    folder = Path(tempfile.mkdtemp())
    try:
        target = folder.joinpath(*["d" * 200] * 25, "x.csv")
        failed += report_line(
            "an over-long -o", "export csv", measure([*base, "export", "csv", "-o", str(target)])
        )
    finally:
        remove_tree(folder)
    return failed


def default_command() -> str:
    """The project's own entry point when it is installed in .venv, else the one on PATH."""
    local = ROOT / ".venv" / "bin" / "inet-stages"
    if local.exists():
        return str(local)
    return shutil.which("inet-stages") or "inet-stages"


def main() -> int:
    """Write every shape, run every command on it, print the table; 1 if anything is over."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cmd", default=default_command(), help="how to run the tool")
    parser.add_argument("--only", default="", help="only the inputs whose name holds this text")
    args = parser.parse_args()
    for shapes in (SHAPES, CALENDAR_SHAPES, TREE_SHAPES):
        for name in [n for n in shapes if args.only not in n]:
            del shapes[name]
    base = shlex.split(args.cmd)
    commands: dict[str, Callable[[Path], list[str]]] = {
        "validate": lambda p: [*base, "validate", "--today", "2026-01-10", str(p)],
        "validate json": lambda p: [*base, "validate", "-f", "json", str(p)],
        "--calendar": lambda p: [*base, "--calendar", str(p), "calendar"],
        "calendar check": lambda p: [*base, "calendar", "check", str(p)],
    }
    on_calendars: dict[str, Callable[[Path], list[str]]] = {
        "calendar": lambda p: [*base, "--calendar", str(p), "calendar"],
        "deadlines": lambda p: [*base, "--calendar", str(p), "deadlines", "--all"],
        "template": lambda p: [*base, "--calendar", str(p), "template", "observation"],
        "export html": lambda p: [*base, "--calendar", str(p), "export", "html"],
        "export ics": lambda p: [*base, "--calendar", str(p), "export", "ics"],
        "export csv": lambda p: [*base, "--calendar", str(p), "export", "csv"],
        "calendar check": lambda p: [*base, "calendar", "check", str(p)],
        "calendar diff": lambda p: [*base, "calendar", "diff", "2026-2027", str(p)],
        "calendar roll": lambda p: [*base, "calendar", "roll", str(p)],
    }
    on_trees: dict[str, Callable[[list[str], Path], list[str]]] = {
        "validate": lambda ps, _o: [*base, "validate", "--today", "2026-01-10", *ps],
        "report letters": lambda ps, o: [
            *base,
            "report",
            "--today",
            "2026-01-10",
            *ps,
            "--letters",
            str(o / "lettres"),
        ],
    }
    failed = 0
    header = f"{'input':<40} {'command':<15} {'exit':>4} {'time':>7} {'peak':>8}  verdict"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory() as folder:
        runs = [(name, build, commands) for name, build in SHAPES.items()]
        runs += [(name, build, on_calendars) for name, build in CALENDAR_SHAPES.items()]
        for name, build, which in runs:
            path = Path(folder) / "hostile.toml"
            content = build()
            if isinstance(content, bytes):
                path.write_bytes(content)
            else:
                path.write_text(content, encoding="utf-8")
            del content
            for label, command in which.items():
                failed += report_line(name, label, measure(command(path)))
        failed += run_trees(base, on_trees)
    print(
        f"\n{failed} over the limits (2 s, 200 MB) or misbehaving; files up to {MAX_BYTES} bytes."
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
