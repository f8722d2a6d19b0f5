"""What each start-up shortcut that stands in for a library still gains, measured today.

    uv run python bench/shortcuts.py              # every shortcut, 15 rounds (about 10 minutes)
    uv run python bench/shortcuts.py --rounds 5   # a quick look

Several places do in plain Python, or avoid, what a library would do, to spare
the start-up of every command: the offer's shape checked without pydantic, the
coordinator's folder found without platformdirs on Linux, openpyxl imported
without numpy, plain e-mail addresses accepted without email-validator, the
packaged calendars found without importlib.resources; and, for throughput,
offer files written without tomli-w's character loop. Each is kept only while
it pays. (Printable text shown without the escaping patterns was measured here
too, and removed: its gain was within the noise.)

Each command is run in three arms, alternated round after round: the code as it
is, the same with the shortcut disabled (the function's code replaced by the
library's way, in the process, before the command starts), and the code as it is
again (an A/A control: the ratio between two identical arms is the noise of this
machine at this hour). Every arm starts through the same small launcher, which
imports the shortcut's module in all three, so that only the disabled code differs.

Times are the CPU time of the child process (user + system, from ``wait4``),
not wall time: the machine this runs on is shared, and CPU time is what
another job's load disturbs least. Wall medians are shown beside them. A
shortcut pays when the 95 % bootstrap interval of its ratio (without / with)
lies above 1 and the gain exceeds the A/A control's distance from 1.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate

# The launcher: import the shortcut's module, replace the function's code with
# the library's way when asked (every reference to the function sees it, even
# one imported by name), then run the command as the installed script does.
LAUNCHER = """
import importlib, sys
module, function, replacement, *argv = sys.argv[1:]
loaded = importlib.import_module(module)
if replacement:
    made = {}
    exec(replacement, loaded.__dict__, made)
    getattr(loaded, function).__code__ = made[function].__code__
sys.argv = ["inet-stages", *argv]
from inet_stages.cli import main
main()
"""


@dataclass(frozen=True)
class Shortcut:
    """A shortcut: where it is, and the function that, replaced, disables it."""

    name: str
    where: str
    module: str
    function: str
    #: The function written the library's way (same name and signature).
    replacement: str
    #: Commands that pass through it: name -> arguments after ``inet-stages``.
    commands: dict[str, list[str]] = field(default_factory=dict)
    #: Rounds for these commands (None: the --rounds given).
    rounds: int | None = None


def shortcuts(scratch: Path) -> list[Shortcut]:
    """Every shortcut and the commands that measure it."""
    one = str(generate(1, scratch / "one", seed=2026, error_rate=0.0)[0])
    hundred = scratch / "hundred"
    generate(200, hundred, seed=2026, error_rate=0.0)
    validate_one = ["validate", "--today", "2027-06-01", one]
    validate_many = ["validate", "--today", "2027-06-01", str(hundred)]
    deadlines = ["deadlines", "--today", "2026-11-28"]
    return [
        Shortcut(
            "offer shape without pydantic",
            "offer/shape.py conforms",
            "inet_stages.offer.shape",
            "conforms",
            "def conforms(data):\n    return False\n",
            {"validate one offer": validate_one, "validate 200 offers": validate_many},
        ),
        Shortcut(
            "folder without platformdirs (Linux)",
            "cli/common.py default_folder",
            "inet_stages.cli.common",
            "default_folder",
            "def default_folder():\n"
            "    from platformdirs import user_config_dir\n"
            "    return Path(user_config_dir('inet-stages', appauthor=False, roaming=True))\n",
            {"deadlines": deadlines},
        ),
        Shortcut(
            "openpyxl without numpy",
            "io/tabular.py import_openpyxl",
            "inet_stages.io.tabular",
            "import_openpyxl",
            "def import_openpyxl():\n    import openpyxl\n    return openpyxl\n",
            {"form": ["form", "-o", str(scratch / "form.xlsx"), "--force"]},
        ),
        Shortcut(
            "plain addresses without email-validator",
            "rules/tutor.py _plainly_valid",
            "inet_stages.rules.tutor",
            "_plainly_valid",
            "def _plainly_valid(address):\n    return False\n",
            {"validate one offer": validate_one, "validate 200 offers": validate_many},
        ),
        Shortcut(
            "packaged calendars without importlib.resources",
            "calendar/files.py packaged_folder",
            "inet_stages.calendar.files",
            "packaged_folder",
            "def packaged_folder():\n"
            "    import importlib.resources\n"
            "    installed = Path(str(importlib.resources.files('inet_stages') / 'data'))\n"
            "    if installed.is_dir():\n"
            "        return installed\n"
            "    return _PACKAGE.parent.parent / 'data'\n",
            {"deadlines": deadlines},
        ),
        Shortcut(
            "offer files without tomli-w's character loop",
            "intake/rows.py dumps",
            "inet_stages.intake.rows",
            "dumps",
            "def dumps(document):\n"
            "    import tomli_w\n"
            "    return tomli_w.dumps(document, multiline_strings=True)\n",
            {"import 300 rows": import_rows(scratch, 300)},
            rounds=7,
        ),
    ]


def import_rows(scratch: Path, count: int) -> list[str]:
    """``import`` of a CSV of ``count`` offers, into a folder replaced at each run."""
    csv = scratch / "offres.csv"
    rows = [
        f"thematique;administrateurs;Diagnostic {n};Un diagnostic du territoire;2026-01-10;"
        f"Ville {n};commune;"
        f"Camille Martin;Directrice générale des services;camille.martin{n}@ville.example.fr"
        for n in range(count)
    ]
    csv.write_text(
        "offer.internship;offer.tracks;offer.title;offer.description;offer.submitted;"
        "host.name;host.kind;"
        "tutor.name;tutor.position;tutor.email\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    output = str(scratch / "imported")
    return ["import", str(csv), "-o", output, "--force", "--today", "2026-01-20"]


def present(shortcut: Shortcut) -> bool:
    """The shortcut's function exists in this version of the code."""
    import importlib

    try:
        return hasattr(importlib.import_module(shortcut.module), shortcut.function)
    except ImportError:
        return False


@dataclass(frozen=True)
class Run:
    """One run: CPU seconds (user + system) and wall seconds."""

    cpu: float
    wall: float


def run(command: list[str]) -> Run:
    """Run ``command``, output discarded; its own CPU time from ``wait4``."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        sys.exit(f"failed: {' '.join(command[:8])}…")
    return Run(usage.ru_utime + usage.ru_stime, wall)


def bootstrap(with_: list[float], without: list[float], draws: int = 2000) -> tuple[float, float]:
    """95 % interval of median(without) / median(with), resampling each arm."""
    rng = random.Random(2026)
    ratios = sorted(
        statistics.median(rng.choices(without, k=len(without)))
        / statistics.median(rng.choices(with_, k=len(with_)))
        for _ in range(draws)
    )
    return ratios[int(draws * 0.025)], ratios[int(draws * 0.975) - 1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=15, help="rounds per command (15)")
    parser.add_argument(
        "--only", help="shortcuts whose name contains one of these texts (comma-separated)"
    )
    args = parser.parse_args()

    # The coordinator's folder is looked for only without INET_STAGES_HOME.
    os.environ.pop("INET_STAGES_HOME", None)
    import compileall
    import sysconfig

    # Compiled bytecode on every side, as an install has it (see bench/run.py).
    folders = {sysconfig.get_paths()["purelib"], str(Path(__file__).resolve().parents[1] / "src")}
    folders |= {entry for entry in sys.path if entry.endswith("site-packages")}
    for folder in sorted(folders):
        if Path(folder).is_dir():
            compileall.compile_dir(folder, quiet=2)

    scratch = Path(tempfile.mkdtemp(prefix="inet-stages-shortcuts-"))
    lines: list[str] = []
    try:
        for shortcut in shortcuts(scratch):
            if args.only and not any(part in shortcut.name for part in args.only.split(",")):
                continue
            if not present(shortcut):
                print(f"{shortcut.name}: not in this version ({shortcut.where})", flush=True)
                continue
            for what, argv in shortcut.commands.items():
                arms = {
                    "with": ["", *argv],
                    "without": [shortcut.replacement, *argv],
                    "with again": ["", *argv],
                }
                launch = [sys.executable, "-c", LAUNCHER, shortcut.module, shortcut.function]
                commands = {name: [*launch, *rest] for name, rest in arms.items()}
                for command in commands.values():
                    run(command)  # warm-up: disk caches
                results: dict[str, list[Run]] = {name: [] for name in commands}
                for _ in range(shortcut.rounds or args.rounds):
                    for name, command in commands.items():
                        results[name].append(run(command))
                cpu = {n: [r.cpu for r in runs] for n, runs in results.items()}
                wall = {n: statistics.median(r.wall for r in runs) for n, runs in results.items()}
                on, off, again = (statistics.median(cpu[n]) for n in commands)
                ratio, control = off / on, again / on
                low, high = bootstrap(cpu["with"], cpu["without"])
                pays = low > 1.0 and ratio - 1 > abs(control - 1)
                line = (
                    f"{shortcut.name:<46} {what:<20} {on * 1000:>6.0f} {off * 1000:>6.0f} "
                    f"{(off - on) * 1000:>+6.0f} {ratio:>5.2f} [{low:.2f}–{high:.2f}] "
                    f"{control:>5.2f} {wall['with'] * 1000:>6.0f} {wall['without'] * 1000:>6.0f}  "
                    f"{'pays' if pays else 'NOISE'}"
                )
                print(line, flush=True)
                lines.append(line)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print()
    print(
        f"{'shortcut':<46} {'command':<20} {'with':>6} {'w/out':>6} {'gain':>6} {'ratio':>5} "
        f"{'95 % interval':<13} {'A/A':>5} {'wall':>6} {'w/out':>6}"
    )
    print(f"{'':<46} {'':<20} {'CPU ms (median)':>20}")
    for line in lines:
        print(line)
    load = os.getloadavg()
    print(f"\nload average: {load[0]:.1f} {load[1]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
