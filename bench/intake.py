"""Importing offers from a workbook against reading that workbook with openpyxl alone.

    uv run python bench/intake.py            # 1 000 rows, 5 rounds
    uv run python bench/intake.py --rows 200 --rounds 3
    uv run python bench/intake.py --folder /dev/shm   # without the disk

Target (issue 15, "Speed"): importing 1 000 rows — reading the form, turning
each row into an offer, writing it with tomli-w, validating every written
file — costs at most 3x reading the same workbook with openpyxl alone
(``load_workbook(read_only=True)`` and every row's values). Both run in this
one process, alternated round after round so that a busy machine slows both
alike; medians are compared. Each round imports into a fresh folder (no file
is overwritten).

Since issue 26 the workbook is read by calamine (python-calamine), its
limits measured first (a regular expression over the sheet's XML, expat over
the shared strings): ``tabular.read_table`` is about 0.3x openpyxl alone,
against 1.0-1.3x when openpyxl read it. The bench prints that figure too.
The rest (conversion, tomli-w, writing 1 000 files atomically with one
``os.sync``, the validator) is unchanged; ``os.sync`` flushes the whole
machine's disk, so that on a machine shared with other jobs the disk figure
varies with their writes: ``--folder /dev/shm`` leaves it out.
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

TARGET = 3.0
TODAY = date(2026, 2, 12)
DESCRIPTION = (
    "L'élève conduira un diagnostic partagé avec les services, rencontrera les élus et les "
    "partenaires, puis proposera à la direction générale un plan d'action chiffré."
)


def make_workbook(path: Path, rows: int) -> None:
    """The form of ``inet-stages form``, filled with ``rows`` offers of various hosts."""
    import openpyxl

    from inet_stages.calendar import load_calendar
    from inet_stages.ids import TRACK_LABELS
    from inet_stages.render.form import render_form

    book = openpyxl.load_workbook(io.BytesIO(render_form(load_calendar(), TODAY)))
    sheet = book["Offres"]
    columns = {c.value: c.column for c in sheet[1]}
    for n in range(rows):
        values: dict[str, object] = {
            "Stage": "Stage thématique",
            "Filière 1": TRACK_LABELS["administrateurs"],
            "Intitulé de la mission": f"Mission numéro {n}",
            "Description de la mission": DESCRIPTION,
            "Date de dépôt": date(2026, 2, 10),
            "Structure d'accueil": f"Ville numéro {n}",
            "Nature de la structure": "Commune",
            "Nombre d'habitants": 10_000 + n,
            "Ville": f"Ville {n}",
            "Tuteur ou tutrice : prénom et nom": "Camille Martin",
            "Fonction du tuteur ou de la tutrice": "Directrice générale des services",
            "Courriel du tuteur ou de la tutrice": f"dgs{n}@ville.example.fr",
        }
        for header, value in values.items():
            sheet.cell(row=n + 2, column=columns[header], value=value)
    book.save(path)


def read_alone(path: Path) -> int:
    """The baseline: openpyxl reads every row's values."""
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    count = sum(1 for _ in book.worksheets[0].iter_rows(values_only=True))
    book.close()
    return count


def main() -> int:
    """Run the comparison and print the ratio next to its target; 1 when above it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--folder",
        type=Path,
        default=None,
        help="where the workbook and offers go (default: the system's temporary folder); "
        "/dev/shm leaves the disk out of the measure",
    )
    args = parser.parse_args()

    from inet_stages.calendar import load_calendar
    from inet_stages.cli.intake_cmd import run_import

    calendar = load_calendar()
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        root = Path(folder)
        workbook = root / "offres.xlsx"
        make_workbook(workbook, args.rows)
        # Warm: imports, caches, the validator's compiled model.
        read_alone(workbook)
        run_import([workbook], root / "warm", calendar, TODAY, mapping=None, force=False)
        from inet_stages.io.tabular import read_table

        reads, tables, imports = [], [], []
        for round_number in range(args.rounds):
            start = time.perf_counter()
            read_alone(workbook)
            reads.append(time.perf_counter() - start)
            start = time.perf_counter()
            read_table(workbook)
            tables.append(time.perf_counter() - start)
            output = root / f"round{round_number}"
            output.mkdir()
            start = time.perf_counter()
            result = run_import([workbook], output, calendar, TODAY, mapping=None, force=False)
            imports.append(time.perf_counter() - start)
            valid = result.count("valid")
            if valid != args.rows:
                print(f"only {valid} of {args.rows} rows imported valid", file=sys.stderr)
                return 2
    read, imported = statistics.median(reads), statistics.median(imports)
    table = statistics.median(tables)
    ratio = imported / read
    print(f"openpyxl alone, {args.rows} rows          : {read * 1000:8.1f} ms")
    print(
        f"read_table (calamine + limits), {args.rows} : {table * 1000:8.1f} ms"
        f" ({table / read:.2f}x)"
    )
    print(f"import, {args.rows} rows                  : {imported * 1000:8.1f} ms")
    verdict = "ok" if ratio <= TARGET else "AU-DESSUS"
    print(f"ratio {ratio:.2f}x (cible <= {TARGET:.0f}x) : {verdict}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
