"""One offer saved in every workbook format reads the same: dates, numbers and text.

The fixtures in tests/data/workbooks/ are written by make.py beside them: openpyxl (an
Excel-compatible writer) fills the form, LibreOffice saves it as .ods, .xls and its own
.xlsx.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import tomli

from inet_stages.io.tabular import read_table
from tests.conftest import Run

HERE = Path(__file__).parent.parent / "data" / "workbooks"
FORMATS = ("offre.xlsx", "offre.xlsm", "offre.xls", "offre.ods", "offre-libreoffice.xlsx")


def _cells(name: str) -> dict[str, object]:
    table = read_table(HERE / name)
    assert len(table.rows) == 1, name
    assert table.rows[0].number == 2
    return {k: v for k, v in table.rows[0].cells.items() if v is not None}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_gives_the_same_cells(name: str) -> None:
    cells = _cells(name)
    assert cells == _cells("offre.xlsx")
    assert cells["date_de_depot"] == date(2026, 2, 10)
    assert cells["nombre_d_habitants"] == 67000
    assert isinstance(cells["nombre_d_habitants"], int)
    assert cells["intitule_de_la_mission"] == "Diagnostic de la politique « jeunesse »"
    assert str(cells["description_de_la_mission"]).endswith("\nLivrable : un rapport.")


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_imports_the_same_offer(cli: Run, tmp_path: Path, name: str) -> None:
    out = tmp_path / "offres"
    result = cli("import", str(HERE / name), "-o", str(out), "--today", "2026-02-12", "-f", "json")
    document = json.loads(result.stdout)
    assert result.exit_code == 0, document
    [row] = document["rows"]
    assert row["status"] == "valid"
    offer = tomli.loads(Path(row["file"]).read_text("utf-8"))
    assert offer["offer"]["submitted"] == date(2026, 2, 10)
    assert offer["host"]["population"] == 67000
    assert offer["tutor"]["phone"] == "03 89 20 68 68"
    reference = tmp_path / "ref"
    cli("import", str(HERE / "offre.xlsx"), "-o", str(reference), "--today", "2026-02-12")
    assert offer == tomli.loads((reference / Path(row["file"]).name).read_text("utf-8"))
