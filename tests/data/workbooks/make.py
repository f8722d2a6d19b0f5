"""Write the fixtures of tests/test_workbook_formats.py: one offer in every workbook format.

Run from the repository root: ``uv run python tests/data/workbooks/make.py``. It fills the
form (``inet-stages form``) with one offer through openpyxl (an Excel-compatible writer:
offre.xlsx, offre.xlsm), then has LibreOffice (headless) save it as .ods and .xls, and
save its own .xlsx (offre-libreoffice.xlsx). Needs ``soffice`` (Debian: libreoffice-calc).
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from datetime import date
from pathlib import Path

import openpyxl

from inet_stages.calendar import load_calendar
from inet_stages.render.form import render_form

HERE = Path(__file__).parent
ROW = {
    "Stage": "Stage thématique",
    "Filière 1": "Élèves administrateurs et administratrices territoriaux",
    "Intitulé de la mission": "Diagnostic de la politique « jeunesse »",
    "Description de la mission": (
        "L'élève conduira un diagnostic partagé avec les services, rencontrera les élus et "
        "les partenaires, puis proposera un plan d'action chiffré.\nLivrable : un rapport."
    ),
    "Date de dépôt": date(2026, 2, 10),
    "Structure d'accueil": "Ville de Colmar",
    "Nature de la structure": "Commune",
    "Nombre d'habitants": 67000,
    "Ville": "Colmar",
    "Tuteur ou tutrice : prénom et nom": "Camille Martin",
    "Fonction du tuteur ou de la tutrice": "Directrice générale des services",
    "Courriel du tuteur ou de la tutrice": "camille.martin@colmar.example.fr",
    "Téléphone du tuteur ou de la tutrice": "03 89 20 68 68",
}


def main() -> None:
    """Write offre.xlsx, offre.xlsm, offre.ods, offre.xls and offre-libreoffice.xlsx here."""
    with tempfile.TemporaryDirectory() as folder:
        form = Path(folder) / "form.xlsx"
        form.write_bytes(render_form(load_calendar(), date(2026, 2, 12)))
        book = openpyxl.load_workbook(form)
        sheet = book["Offres"]
        columns = {c.value: c.column for c in sheet[1]}
        for header, value in ROW.items():
            sheet.cell(row=2, column=columns[header], value=value)
        book.save(HERE / "offre.xlsx")
        shutil.copy(HERE / "offre.xlsx", HERE / "offre.xlsm")
        for target in ("ods", "xls"):
            subprocess.run(
                [
                    "soffice",
                    "--headless",
                    "--convert-to",
                    target,
                    "--outdir",
                    folder,
                    str(HERE / "offre.xlsx"),
                ],
                check=True,
                capture_output=True,
            )
            shutil.copy(Path(folder) / f"offre.{target}", HERE / f"offre.{target}")
        subprocess.run(
            [
                "soffice",
                "--headless",
                "--convert-to",
                "xlsx:Calc MS Excel 2007 XML",
                "--outdir",
                str(Path(folder) / "lo"),
                str(HERE / "offre.ods"),
            ],
            check=True,
            capture_output=True,
        )
        shutil.copy(Path(folder) / "lo" / "offre.xlsx", HERE / "offre-libreoffice.xlsx")


if __name__ == "__main__":
    main()
