"""``inet_stages.io.tabular``: workbooks and CSV files read as rows, never a traceback."""

from __future__ import annotations

import zipfile
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from inet_stages.io import tabular, workbook_limits
from inet_stages.io.tabular import TableError, normalize_header, read_table


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("Vœu 1", "voeu_1"),
        ("offer.title", "offer.title"),
        ("E-mail", "e_mail"),
        ("Nom de la structure d'accueil", "nom_de_la_structure_d_accueil"),
        ("  Courriel du tuteur :  ", "courriel_du_tuteur"),
        ("Intitulé\u00a0du stage", "intitule_du_stage"),
        ("host . name", "host.name"),
    ],
)
def test_normalize_header(header: str, expected: str) -> None:
    assert normalize_header(header) == expected


def test_utf8_csv_with_bom_and_commas(tmp_path: Path) -> None:
    path = tmp_path / "offres.csv"
    text = 'Intitulé,Ville\r\n"Diagnostic, phase 1",Colmar\r\n,\r\nÉtude,Sélestat\r\n'
    path.write_bytes("\ufeff".encode() + text.encode("utf-8"))
    table = read_table(path)
    assert table.headers == ("Intitulé", "Ville")
    assert table.columns == {"intitule": "Intitulé", "ville": "Ville"}
    # The empty line 3 is left out; numbers are the file's.
    assert [(r.number, dict(r.cells)) for r in table.rows] == [
        (2, {"intitule": "Diagnostic, phase 1", "ville": "Colmar"}),
        (4, {"intitule": "Étude", "ville": "Sélestat"}),
    ]


def test_windows_1252_csv_with_semicolons(tmp_path: Path) -> None:
    path = tmp_path / "offres.csv"
    text = (
        "Structure;Nombre d'habitants;Date de dépôt\r\nVille de Sélestat;19\xa0000;10/02/2026\r\n"
    )
    path.write_bytes(text.encode("cp1252"))
    table = read_table(path)
    assert table.rows[0].cells == {
        "structure": "Ville de Sélestat",
        "nombre_d_habitants": "19\xa0000",
        "date_de_depot": "10/02/2026",
    }


def test_duplicate_headers_are_both_kept(tmp_path: Path) -> None:
    path = tmp_path / "offres.csv"
    path.write_text("Nom;Nom;\na;b;c\n", encoding="utf-8")
    table = read_table(path)
    # The column without header is not read.
    assert table.rows[0].cells == {"nom": "a", "nom_2": "b"}


def test_workbook_dates_numbers_and_header_below_empty_rows(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["B3"] = "Date de dépôt"
    sheet["C3"] = "Habitants"
    sheet["B4"] = datetime(2026, 2, 10)
    sheet["C4"] = 67000
    sheet["B6"] = "  texte  "
    path = tmp_path / "offres.xlsx"
    book.save(path)
    table = read_table(path)
    assert table.headers == ("Date de dépôt", "Habitants")
    assert [(r.number, dict(r.cells)) for r in table.rows] == [
        (4, {"date_de_depot": date(2026, 2, 10), "habitants": 67000}),
        (6, {"date_de_depot": "texte", "habitants": None}),
    ]


def test_named_sheet(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active["A1"] = "premier"
    other = book.create_sheet("Élèves")
    other["A1"] = "Nom"
    other["A2"] = "Alice"
    path = tmp_path / "eleves.xlsx"
    book.save(path)
    assert read_table(path, sheet="Élèves").rows[0].cells == {"nom": "Alice"}
    with pytest.raises(TableError, match="pas de feuille « Absente »"):
        read_table(path, sheet="Absente")


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_a_preferred_sheet_is_read_when_there_and_nothing_else_is_measured(
    tmp_path: Path,
) -> None:
    # The form's « Offres » is read wherever it stands; a workbook without it is read
    # from its first sheet as before, and another sheet over a limit does not refuse it.
    path = tmp_path / "hote.xlsx"
    book = openpyxl.Workbook()
    first = book.active
    assert first is not None
    first.append(["nom", "ville"])
    first.append(["Mairie", "Colmar"])
    notes = book.create_sheet("Notes")
    notes.cell(row=1, column=400, value="x")  # past the 300 columns a sheet may have
    book.save(path)
    assert [r.cells["nom"] for r in read_table(path, prefer="Offres").rows] == ["Mairie"]
    offers = book.create_sheet("Offres", 0)
    offers.append(["nom"])
    offers.append(["Ville de Metz"])
    book.save(path)
    assert [r.cells["nom"] for r in read_table(path, prefer="Offres").rows] == ["Ville de Metz"]


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("abime.xlsx", b"PK\x03\x04 pas un zip", "pas un classeur Excel lisible"),
        ("texte.xlsx", b"Structure;Ville\n", "pas un classeur Excel lisible"),
        ("vieux.xls", b"\xd0\xcf\x11\xe0", "(.xls) illisible"),
        ("vieux.xlsb", b"PK", "format .xlsb non lu"),
        ("calc.ods", b"PK", "pas un classeur OpenDocument lisible"),
        ("notes.docx", b"PK", "type de fichier non reconnu"),
        ("vide.csv", b"", "le fichier est vide"),
        ("blanc.csv", b" \r\n\r\n", "le fichier est vide"),
        ("nul.csv", b"a;b\n\x00\x00;c\n", "octets nuls"),
    ],
)
def test_unreadable_files_name_the_file(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(TableError) as caught:
        read_table(path)
    assert caught.value.message.startswith(name + " : ")
    assert expected in caught.value.message


def test_zip_without_workbook_is_refused_without_traceback(tmp_path: Path) -> None:
    path = _zip(tmp_path / "faux.xlsx", {"[Content_Types].xml": b"<Types/>", "a.txt": b"x"})
    with pytest.raises(TableError, match="classeur Excel illisible"):
        read_table(path)


def test_damaged_sheet_is_refused(tmp_path: Path) -> None:
    good = tmp_path / "bon.xlsx"
    book = openpyxl.Workbook()
    book.active["A1"] = "Nom"
    book.save(good)
    with zipfile.ZipFile(good) as archive:
        members = {n: archive.read(n) for n in archive.namelist()}
    members["xl/worksheets/sheet1.xml"] = b"<worksheet><sheetData><row><c r="
    path = _zip(tmp_path / "casse.xlsx", members)
    with pytest.raises(TableError, match="illisible"):
        read_table(path)


def test_too_big_and_zip_bomb_are_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "gros.csv"
    path.write_text("a;b\n" + "1;2\n" * 100, encoding="utf-8")
    monkeypatch.setattr(tabular, "MAX_BYTES", 100)
    with pytest.raises(TableError, match="fichier trop gros"):
        read_table(path)
    monkeypatch.setattr(tabular, "MAX_BYTES", 20 * 1024 * 1024)
    monkeypatch.setattr(workbook_limits, "MAX_UNPACKED", 1000)
    bomb = _zip(tmp_path / "bombe.xlsx", {"xl/big.xml": b"0" * 5000})
    with pytest.raises(TableError, match="décompressé"):
        read_table(bomb)


def test_missing_file_and_header_only(tmp_path: Path) -> None:
    with pytest.raises(TableError, match=r"absent\.csv : fichier introuvable"):
        read_table(tmp_path / "absent.csv")
    path = tmp_path / "entetes.csv"
    path.write_text("Nom;Ville\n", encoding="utf-8")
    table = read_table(path)
    assert table.rows == ()
    assert table.headers == ("Nom", "Ville")


def test_openpyxl_is_imported_without_numpy_and_numpy_still_imports() -> None:
    """``form`` and ``import`` do not pay for numpy; ``assign`` can still use it afterwards."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from inet_stages.io.tabular import import_openpyxl\n"
        "import_openpyxl()\n"
        "print('numpy' in sys.modules)\n"
        "import numpy\n"
        "print(numpy.__name__)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "numpy"]
