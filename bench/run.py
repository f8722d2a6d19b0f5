"""Measure inet-stages against baselines taken in the same run, and print each ratio.

    uv run --with check-jsonschema python bench/run.py            # everything
    uv run python bench/run.py --quick                            # fewer rounds, no 10 000

Each measure alternates the command and its baseline, round after round, so
that a busy machine slows both alike; medians are compared. Ratios are of CPU
time (user + system of each child process, from ``wait4``; ``process_time`` in
one process), which the other jobs of a shared machine disturb far less than
wall time; wall times and their ratio are shown beside. Targets:

- start-up against `python -c "import typer"`: --version <= 1.3x, deadlines
  <= 1.8x, validate of one offer <= 3x, and each newer command (form, import,
  fix, report --letters) next to its own target; the season's commands
  (status, init, decide, letters init) at report's target, <= 4x, and shown
  against report --letters itself (issue « status »: start-up like report's);
- validating 1 000 offers <= 3x parsing them with the TOML parser alone (in
  one process) and <= 0.5x check-jsonschema with the offer schema, on the
  usual corpus (one offer in six wrong) and on the error-path corpus (half
  wrong, every family of mistake);
- 10 000 offers <= 11x the time of 1 000; peak memory for 10 000 <= 150 MB;
- 10 000 copies of one offer <= 1.3x 10 000 distinct offers (duplicates are
  grouped by key, never compared pairwise).
"""

from __future__ import annotations

import argparse
import functools
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

# The same comparison inside one warm process, start-up left out on both sides.
IN_PROCESS = """
import pathlib, sys, time, statistics
from datetime import date
import tomli
from inet_stages.calendar import load_calendar
from inet_stages.batch.check import check_files, collect
folder = sys.argv[1]
calendar = load_calendar()
targets = collect([folder]).targets
check_files(targets, calendar, date(2027, 6, 1))  # warm: imports, caches
parse, check = [], []
for _ in range(5):
    start = time.process_time()
    for path in sorted(pathlib.Path(folder).rglob("*.toml")):
        try:
            tomli.loads(path.read_bytes().decode("utf-8"))
        except (tomli.TOMLDecodeError, UnicodeDecodeError):
            pass  # a Word slip: the parse alone stops there too
    parse.append(time.process_time() - start)
    start = time.process_time()
    check_files(collect([folder]).targets, calendar, date(2027, 6, 1))
    check.append(time.process_time() - start)
print(statistics.median(check), statistics.median(parse))
"""

# Files that do not parse (Word slips in the error-path corpus) are skipped,
# not fatal: the baseline must read the whole batch, as validate does.
PARSE_ONLY = """
import pathlib, sys, tomli
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.toml")):
    try:
        tomli.loads(path.read_bytes().decode("utf-8"))
    except (tomli.TOMLDecodeError, UnicodeDecodeError):
        pass
"""


@dataclass(frozen=True)
class Run:
    """One run of a command: wall seconds, CPU seconds and peak resident memory (bytes)."""

    seconds: float
    cpu: float
    max_rss: int


def run(command: list[str], cwd: Path | None = None) -> Run:
    """Run ``command`` with its output discarded; its wall and CPU time, its own peak memory.

    The CPU time is the child's user + system time as ``wait4`` reports it.
    """
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=cwd
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def alternate(
    commands: dict[str, list[str]], rounds: int, cwd: dict[str, Path] | None = None
) -> dict[str, list[Run]]:
    """Run each command once per round, in turn, after one warm-up of each.

    ``cwd`` gives the folder some commands run in (the season's commands).
    """
    where = cwd or {}
    for name, command in commands.items():
        run(command, where.get(name))
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            results[name].append(run(command, where.get(name)))
    return results


def median(runs: list[Run]) -> float:
    """Median wall time in seconds."""
    return statistics.median(r.seconds for r in runs)


def cpu(runs: list[Run]) -> float:
    """Median CPU time (user + system) in seconds."""
    return statistics.median(r.cpu for r in runs)


def compare(what: str, ours: list[Run], base: list[Run], target: float | None) -> Line:
    """A line comparing two commands on CPU time, with their wall times beside."""
    mine, theirs = cpu(ours), cpu(base)
    unit, scale = ("ms", 1000) if theirs < 1 else ("s", 1)
    digits = 0 if unit == "ms" else 2
    return Line(
        what,
        f"{mine * scale:.{digits}f} {unit} / {theirs * scale:.{digits}f} {unit}",
        mine / theirs,
        target,
        median(ours) / median(base),
    )


@dataclass(frozen=True)
class Line:
    """One line of the report."""

    what: str
    value: str
    ratio: float
    target: float | None
    #: The same ratio on wall time, when the line compares CPU times.
    wall: float | None = None

    @property
    def ok(self) -> bool:
        """The ratio meets its target (a line without a target is information)."""
        return self.target is None or self.ratio <= self.target


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer rounds, no 10 000 run")
    parser.add_argument("--rounds", type=int, default=15, help="rounds for start-up (15)")
    args = parser.parse_args()

    bindir = Path(sys.executable).parent
    exe = shutil.which("inet-stages", path=str(bindir)) or shutil.which("inet-stages")
    if exe is None:
        sys.exit("inet-stages is not installed in this environment: run it with `uv run`.")
    python = sys.executable
    rounds = 5 if args.quick else args.rounds
    # An installed tool runs from compiled bytecode (pip and `uv tool install`
    # compile at install time); an editable checkout, with
    # PYTHONDONTWRITEBYTECODE set, would recompile every module on every run,
    # the baseline's typer included. Compile both sides once, as an install does.
    # Every site-packages on the path: under `uv run --with`, the project's
    # environment (Typer, Rich, pydantic…) is not the overlay's purelib.
    import compileall
    import sysconfig

    folders = {sysconfig.get_paths()["purelib"], str(Path(__file__).resolve().parents[1] / "src")}
    folders |= {entry for entry in sys.path if entry.endswith("site-packages")}
    for folder in sorted(folders):
        if Path(folder).is_dir():
            compileall.compile_dir(folder, quiet=2)
    lines: list[Line] = []

    scratch = Path(tempfile.mkdtemp(prefix="inet-stages-start-"))
    one = generate(1, scratch / "one", seed=2026, error_rate=0.0)[0]
    startup_commands: dict[str, list[str]] = {
        "baseline": [python, "-c", "import typer"],
        "version": [exe, "--version"],
        "deadlines": [exe, "deadlines", "--today", "2026-11-28"],
        "validate one offer": [exe, "validate", "--today", "2027-06-01", str(one)],
    }
    targets = {"version": 1.3, "deadlines": 1.8, "validate one offer": 3.0}
    # The newer commands, each with its target: what it imports beyond the
    # usual (openpyxl, Jinja2, tomlkit) is paid only by it.
    helps = subprocess.run([exe, "--help"], capture_output=True, text=True, check=False).stdout
    if " form " in helps:
        startup_commands["form"] = [exe, "form", "-o", str(scratch / "f.xlsx"), "--force"]
        targets["form"] = 5.0
    if " import " in helps:
        csv = scratch / "offres.csv"
        csv.write_text(
            "offer.internship;offer.tracks;offer.title;offer.submitted;host.name;host.kind\n"
            "thematique;administrateurs;Diagnostic;2026-01-10;Ville de Colmar;commune\n",
            encoding="utf-8",
        )
        startup_commands["import"] = [
            *[exe, "import", str(csv), "-o", str(scratch / "imported"), "--force"],
            *["--today", "2026-01-20"],
        ]
        targets["import"] = 5.0
    if " fix " in helps:
        startup_commands["fix --diff"] = [exe, "fix", "--diff", str(one)]
        targets["fix --diff"] = 3.0
    startup_commands["report --letters"] = [
        *[exe, "report", str(one), "--today", "2027-06-01"],
        *["--letters", str(scratch / "letters"), "--force"],
    ]
    targets["report --letters"] = 4.0
    # The season's commands (issue « status »: start-up like report's), each
    # where it runs: status and decide inside a season folder made by init,
    # with the one offer and the contacts of the tests.
    season_commands = season(exe, scratch, one, helps)
    startup_commands |= {name: command for name, (command, _) in season_commands.items()}
    targets |= dict.fromkeys(season_commands, 4.0)
    startup = alternate(
        startup_commands,
        rounds,
        {name: where for name, (_, where) in season_commands.items() if where is not None},
    )
    for name, target in targets.items():
        lines.append(compare(f"{name} / import typer", startup[name], startup["baseline"], target))
    for name in season_commands:
        report = startup["report --letters"]
        lines.append(compare(f"  {name} / report --letters", startup[name], report, None))
    shutil.rmtree(scratch, ignore_errors=True)

    with tempfile.TemporaryDirectory(prefix="inet-stages-bench-") as tmp:
        root = Path(tmp)
        schema = root / "offer.schema.json"
        with schema.open("w", encoding="utf-8") as out:
            subprocess.run([exe, "schema", "offer"], stdout=out, check=True)
        # A day after every offer was deposited: the "deposited in the future"
        # warning stays for offers that really are.
        validate = [exe, "validate", "--format", "json", "--today", "2027-06-01"]
        batch_rounds = 3 if args.quick else 5
        errors = root / "errors"
        generate(1000, errors, seed=2026, error_rate=0.5)
        measure = functools.partial(
            batch_lines,
            schema=schema,
            validate=validate,
            python=python,
            bindir=bindir,
            rounds=batch_rounds,
        )
        lines += measure("half wrong: ", errors)[0]
        thousand = root / "1000"
        generate(1000, thousand, seed=2026)
        found, v1000 = measure("", thousand)
        lines += found
        if not args.quick:
            ten = root / "10000"
            generate(10_000, ten, seed=2026)
            big = [run([*validate, str(ten)]) for _ in range(3)]
            lines.append(compare("validate 10 000 / validate 1 000", big, v1000, 11.0))
            peak = max(r.max_rss for r in big) / 1e6
            lines.append(Line("peak memory, 10 000 (MB) / 150", f"{peak:.0f} MB", peak / 150, 1.0))
        # Duplicates: 10 000 copies of one offer against 10 000 distinct valid
        # offers (no other finding on either side, so only grouping differs).
        count = 2_000 if args.quick else 10_000
        same, distinct = root / "same", root / "distinct"
        generate(count, same, seed=2026, identical=True)
        generate(count, distinct, seed=2026, error_rate=0.0)
        dup = alternate(
            {"same": [*validate, str(same)], "distinct": [*validate, str(distinct)]},
            3,
        )
        what = f"{count:,} copies / {count:,} distinct".replace(",", " ")
        lines.append(compare(what, dup["same"], dup["distinct"], 1.3))

    print(f"{'measure':<40} {'CPU, median':>22} {'ratio':>7} {'target':>7}  {'':<6} {'wall':>5}")
    for line in lines:
        verdict = ("ok" if line.ok else "MISSED") if line.target is not None else "(info)"
        shown = f"{line.target:>7.2f}" if line.target is not None else " " * 7
        wall = f"{line.wall:>5.2f}" if line.wall is not None else ""
        print(f"{line.what:<40} {line.value:>22} {line.ratio:>7.2f} {shown}  {verdict:<6} {wall}")
    load = os.getloadavg()
    print(f"load average {load[0]:.1f}, {load[1]:.1f}, {load[2]:.1f} on {os.cpu_count()} cores")
    return 0 if all(line.ok for line in lines) else 1


def season(
    exe: str, scratch: Path, offer: Path, helps: str
) -> dict[str, tuple[list[str], Path | None]]:
    """The season's commands present in this version: name -> (command, folder to run in)."""
    today = ["--today", "2026-01-20"]
    commands: dict[str, tuple[list[str], Path | None]] = {}
    if " init " not in helps:
        return commands
    folder = scratch / "saison"
    subprocess.run([exe, "init", str(folder), *today], capture_output=True, check=True)
    shutil.copy(offer, folder / "offres" / "offre.toml")
    contacts = Path(__file__).resolve().parents[1] / "tests" / "data" / "contacts.csv"
    if contacts.is_file():
        shutil.copy(contacts, folder / "contacts.csv")
    commands["init"] = ([exe, "init", str(scratch / "autre"), "--force", *today], None)
    if " status " in helps:
        commands["status"] = ([exe, "status", *today], folder)
    if " decide " in helps:
        refuse = ["--refuse", "--reason", "Doublon"]
        commands["decide"] = ([exe, "decide", "offres/offre.toml", *refuse, *today], folder)
    if " letters " in helps:
        home = str(scratch / "home")
        commands["letters init"] = ([exe, "letters", "init", home, "--force"], None)
    return commands


def batch_lines(
    prefix: str,
    folder: Path,
    *,
    schema: Path,
    validate: list[str],
    python: str,
    bindir: Path,
    rounds: int,
) -> tuple[list[Line], list[Run]]:
    """validate of a 1 000-offer folder against the parse alone and check-jsonschema."""
    lines: list[Line] = []
    commands = {
        "parse": [python, "-c", PARSE_ONLY, str(folder)],
        "validate": [*validate, str(folder)],
    }
    checker = shutil.which("check-jsonschema", path=str(bindir)) or shutil.which("check-jsonschema")
    if checker:
        files = sorted(str(p) for p in folder.rglob("*.toml"))
        commands["check-jsonschema"] = [checker, "--schemafile", str(schema), *files]
    batch = alternate(commands, rounds)
    # Whole commands against a parse-only process: shown, not a target (the
    # fixed start-up of a validating command is most of it; see BENCHMARKS.md).
    lines.append(
        compare(prefix + "validate 1 000 / parse 1 000", batch["validate"], batch["parse"], None)
    )
    done = subprocess.run(
        [python, "-c", IN_PROCESS, str(folder)], capture_output=True, text=True, check=True
    )
    check_time, parse_time = map(float, done.stdout.split())
    lines.append(
        Line(
            "  " + prefix + "same, in one process",
            f"{check_time:.2f} s / {parse_time:.2f} s",
            check_time / parse_time,
            3.0,
        )
    )
    if checker:
        lines.append(
            compare(
                prefix + "validate 1 000 / check-jsonschema",
                batch["validate"],
                batch["check-jsonschema"],
                0.5,
            )
        )
    else:
        print("check-jsonschema absent: run with `uv run --with check-jsonschema`.")
    return lines, batch["validate"]


if __name__ == "__main__":
    sys.exit(main())
