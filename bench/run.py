"""Measure inet-stages against baselines taken in the same run, and print each ratio.

    uv run --with check-jsonschema python bench/run.py            # everything
    uv run python bench/run.py --quick                            # fewer rounds, no 10 000

Each measure alternates the command and its baseline, round after round, so
that a busy machine slows both alike; medians are compared. Targets (issue
"Speed"): --version <= 1.3x and deadlines <= 2x `python -c "import typer"`;
validating 1 000 offers <= 3x parsing them with the TOML parser alone and
<= 0.5x check-jsonschema with the offer schema; 10 000 offers <= 11x the time
of 1 000; peak memory for 10 000 <= 150 MB.
"""

from __future__ import annotations

import argparse
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
from inet_stages.validate import check_files, collect
folder = sys.argv[1]
calendar = load_calendar()
targets = collect([folder]).targets
check_files(targets, calendar, date(2027, 6, 1))  # warm: imports, caches
parse, check = [], []
for _ in range(5):
    start = time.perf_counter()
    for path in sorted(pathlib.Path(folder).rglob("*.toml")):
        tomli.loads(path.read_bytes().decode("utf-8"))
    parse.append(time.perf_counter() - start)
    start = time.perf_counter()
    check_files(collect([folder]).targets, calendar, date(2027, 6, 1))
    check.append(time.perf_counter() - start)
print(statistics.median(check), statistics.median(parse))
"""

PARSE_ONLY = """
import pathlib, sys, tomli
for path in sorted(pathlib.Path(sys.argv[1]).rglob("*.toml")):
    tomli.loads(path.read_bytes().decode("utf-8"))
"""


@dataclass(frozen=True)
class Run:
    """One run of a command: wall seconds and peak resident memory (bytes)."""

    seconds: float
    max_rss: int


def run(command: list[str]) -> Run:
    """Run ``command`` with its output discarded; time it and read its own peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    return Run(elapsed, usage.ru_maxrss * 1024)


def alternate(commands: dict[str, list[str]], rounds: int) -> dict[str, list[Run]]:
    """Run each command once per round, in turn, after one warm-up of each."""
    for command in commands.values():
        run(command)
    results: dict[str, list[Run]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, command in commands.items():
            results[name].append(run(command))
    return results


def median(runs: list[Run]) -> float:
    """Median wall time in seconds."""
    return statistics.median(r.seconds for r in runs)


@dataclass(frozen=True)
class Line:
    """One line of the report."""

    what: str
    value: str
    ratio: float
    target: float

    @property
    def ok(self) -> bool:
        """The ratio meets its target."""
        return self.ratio <= self.target


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
    import compileall
    import sysconfig

    for folder in (
        sysconfig.get_paths()["purelib"],
        str(Path(__file__).resolve().parents[1] / "src"),
    ):
        compileall.compile_dir(folder, quiet=1)
    lines: list[Line] = []

    startup = alternate(
        {
            "baseline": [python, "-c", "import typer"],
            "version": [exe, "--version"],
            "deadlines": [exe, "deadlines", "--today", "2026-11-28"],
        },
        rounds,
    )
    base = median(startup["baseline"])
    for name, target in (("version", 1.3), ("deadlines", 2.0)):
        value = median(startup[name])
        lines.append(
            Line(
                f"inet-stages {name} / import typer",
                f"{value * 1000:.0f} ms / {base * 1000:.0f} ms",
                value / base,
                target,
            )
        )

    with tempfile.TemporaryDirectory(prefix="inet-stages-bench-") as tmp:
        root = Path(tmp)
        thousand = root / "1000"
        generate(1000, thousand, seed=2026)
        schema = root / "offer.schema.json"
        with schema.open("w", encoding="utf-8") as out:
            subprocess.run([exe, "schema", "offer"], stdout=out, check=True)
        # A day after every offer was deposited: the "deposited in the future"
        # warning stays for offers that really are.
        validate = [exe, "validate", "--format", "json", "--today", "2027-06-01"]
        batch_rounds = 3 if args.quick else 5
        commands = {
            "parse": [python, "-c", PARSE_ONLY, str(thousand)],
            "validate": [*validate, str(thousand)],
        }
        checker = shutil.which("check-jsonschema", path=str(bindir)) or shutil.which(
            "check-jsonschema"
        )
        if checker:
            files = sorted(str(p) for p in thousand.rglob("*.toml"))
            commands["check-jsonschema"] = [checker, "--schemafile", str(schema), *files]
        batch = alternate(commands, batch_rounds)
        v1000 = median(batch["validate"])
        parse = median(batch["parse"])
        lines.append(
            Line(
                "validate 1 000 / parse 1 000", f"{v1000:.2f} s / {parse:.2f} s", v1000 / parse, 3.0
            )
        )
        done = subprocess.run(
            [python, "-c", IN_PROCESS, str(thousand)], capture_output=True, text=True, check=True
        )
        check_time, parse_time = map(float, done.stdout.split())
        lines.append(
            Line(
                "  same, in one process, no start-up",
                f"{check_time:.2f} s / {parse_time:.2f} s",
                check_time / parse_time,
                3.0,
            )
        )
        if checker:
            other = median(batch["check-jsonschema"])
            lines.append(
                Line(
                    "validate 1 000 / check-jsonschema",
                    f"{v1000:.2f} s / {other:.2f} s",
                    v1000 / other,
                    0.5,
                )
            )
        else:
            print("check-jsonschema absent: run with `uv run --with check-jsonschema`.")
        if not args.quick:
            ten = root / "10000"
            generate(10_000, ten, seed=2026)
            big = [run([*validate, str(ten)]) for _ in range(3)]
            v10000 = median(big)
            lines.append(
                Line(
                    "validate 10 000 / validate 1 000",
                    f"{v10000:.2f} s / {v1000:.2f} s",
                    v10000 / v1000,
                    11.0,
                )
            )
            peak = max(r.max_rss for r in big) / 1e6
            lines.append(Line("peak memory, 10 000 (MB) / 150", f"{peak:.0f} MB", peak / 150, 1.0))

    print(f"{'measure':<36} {'median':>22} {'ratio':>7} {'target':>7}  ")
    for line in lines:
        verdict = "ok" if line.ok else "MISSED"
        print(f"{line.what:<36} {line.value:>22} {line.ratio:>7.2f} {line.target:>7.2f}  {verdict}")
    return 0 if all(line.ok for line in lines) else 1


if __name__ == "__main__":
    sys.exit(main())
