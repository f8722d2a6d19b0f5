"""Bounded workbooks: hostile files refused, before calamine builds them, with a French message.

Each case names the file and the limit. No timing assertion here: the timings are in
bench/intake.py; a case that regressed would take minutes and gigabytes, and be seen.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from inet_stages.io import tabular
from inet_stages.io.tabular import TableError, read_table
from tests.conftest import Run, fr

_TYPES = b"""<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="xml" ContentType="application/xml"/>
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>
<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>
</Types>"""
_RELS = b"""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"""
_BOOK = b"""<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<sheets><sheet name="Offres" sheetId="1" r:id="rId1"/></sheets></workbook>"""
_BOOK_RELS = b"""<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"""
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def _xlsx(path: Path, rows: str, strings: list[str] | None = None) -> Path:
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>{rows}</sheetData></worksheet>'
    )
    shared = "".join(f"<si><t>{s}</t></si>" for s in strings or [])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", _TYPES)
        archive.writestr("_rels/.rels", _RELS)
        archive.writestr("xl/workbook.xml", _BOOK)
        archive.writestr("xl/_rels/workbook.xml.rels", _BOOK_RELS)
        archive.writestr("xl/worksheets/sheet1.xml", sheet)
        archive.writestr(
            "xl/sharedStrings.xml",
            f'<?xml version="1.0"?><sst xmlns="{_MAIN}">{shared}</sst>',
        )
    return path


def _refused(path: Path, *expected: str) -> str:
    with pytest.raises(TableError) as caught:
        read_table(path)
    message = caught.value.message
    assert message.startswith(path.name + " : ")
    for part in expected:
        assert part in message
    return message


def test_the_hand_made_workbook_reads(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "petit.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2"><v>3</v></c></row>',
        ["Nom"],
    )
    assert [dict(r.cells) for r in read_table(path).rows] == [{"nom": 3}]


def test_a_50_mb_shared_string_in_a_small_workbook(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "chaine.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        ["a" * 50_000_000],
    )
    assert path.stat().st_size < 100_000  # about 52 KB
    _refused(path, "32\u00a0767 caractères", "limite d'une cellule")


def test_a_million_rows_with_a_cell_at_xfd(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "million.xlsx",
        '<row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c></row>'
        '<row r="1000000"><c r="XFD1000000"><v>1</v></c></row>',
    )
    _refused(path, "50\u00a0000 lignes")


def test_16384_columns(tmp_path: Path) -> None:
    cells = "".join(f"<c><v>{n}</v></c>" for n in range(16_384))
    path = _xlsx(tmp_path / "colonnes.xlsx", f'<row r="1">{cells}</row>')
    _refused(path, "colonne KO", "au plus 300 colonnes")


def test_one_cell_at_xfd(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "xfd.xlsx", '<row r="1"><c r="A1"><v>1</v></c><c r="XFD1"><v>2</v></c></row>'
    )
    _refused(path, "colonne XFD (n°\u00a016\u00a0384)", "au plus 300 colonnes")


def test_total_text_and_cells(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabular, "MAX_TEXT", 100)
    path = _xlsx(
        tmp_path / "texte.xlsx",
        '<row r="1"><c r="A1" t="s"><v>0</v></c></row>',
        ["x" * 60, "y" * 60],
    )
    _refused(path, "100 caractères de texte en tout")
    monkeypatch.setattr(tabular, "MAX_CELLS", 3)
    cells = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(1, 6))
    _refused(_xlsx(tmp_path / "cellules.xlsx", cells), "plus de 3 cellules")


def test_entities_are_refused(tmp_path: Path) -> None:
    path = _xlsx(tmp_path / "entites.xlsx", "")
    bomb = tmp_path / "rires.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(bomb, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/sharedStrings.xml":
                data = (
                    b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
                    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><sst><si><t>&b;</t></si></sst>'
                )
            target.writestr(item, data)
    _refused(bomb, "entités")


# --- OpenDocument ------------------------------------------------------------------------

_ODS_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
)


def _ods(path: Path, rows: str) -> Path:
    content = (
        f'<?xml version="1.0"?><office:document-content {_ODS_NS}><office:body>'
        f'<office:spreadsheet><table:table table:name="Offres">{rows}</table:table>'
        "</office:spreadsheet></office:body></office:document-content>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content)
        archive.writestr(
            "META-INF/manifest.xml",
            '<?xml version="1.0"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
            'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry '
            'manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.'
            'spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" '
            'manifest:media-type="text/xml"/></manifest:manifest>',
        )
    return path


_HEADER = '<table:table-row><table:table-cell office:value-type="string"><text:p>Nom</text:p></table:table-cell></table:table-row>'


def test_ods_trailing_repeats_are_not_rows(tmp_path: Path) -> None:
    # LibreOffice's own ending: empty cells to column 1024, empty rows to 1 048 576.
    rows = (
        _HEADER.replace(
            "</table:table-row>",
            '<table:table-cell table:number-columns-repeated="1023"/></table:table-row>',
        )
        + '<table:table-row table:number-rows-repeated="1048575"><table:table-cell '
        'table:number-columns-repeated="1024"/></table:table-row>'
    )
    table = read_table(_ods(tmp_path / "libre.ods", rows))
    assert table.headers == ("Nom",)


def test_ods_a_million_rows_and_16384_columns(tmp_path: Path) -> None:
    far = (
        '<table:table-row table:number-rows-repeated="999998"><table:table-cell/></table:table-row>'
        '<table:table-row><table:table-cell table:number-columns-repeated="16383"/>'
        '<table:table-cell office:value-type="float" office:value="1"/></table:table-row>'
    )
    _refused(_ods(tmp_path / "loin.ods", _HEADER + far), "colonne XFD")
    wide = (
        '<table:table-row><table:table-cell office:value-type="float" office:value="1" '
        'table:number-columns-repeated="16384"/></table:table-row>'
    )
    _refused(_ods(tmp_path / "large.ods", wide), "au plus 300 colonnes")
    long_ = (
        '<table:table-row table:number-rows-repeated="1000000"><table:table-cell '
        'office:value-type="float" office:value="1"/></table:table-row>'
    )
    _refused(_ods(tmp_path / "long.ods", long_), "50\u00a0000 lignes")


def test_csv_with_16384_columns(tmp_path: Path) -> None:
    path = tmp_path / "large.csv"
    path.write_text(";".join(["x"] * 16_384) + "\n", encoding="utf-8")
    _refused(path, "colonne XFD", "au plus 300 colonnes")
    path = tmp_path / "cellule.csv"
    path.write_text("Nom\n" + "a" * 200_000 + "\n", encoding="utf-8")
    _refused(path, "32\u00a0767 caractères")


def test_import_names_the_file_and_the_limit(cli: Run, tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "chaine.xlsx", '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', ["a" * 5_000_000]
    )
    result = cli("import", str(path), "-o", str(tmp_path / "o"), "--today", "2026-02-12")
    assert result.exit_code == 2
    assert fr("chaine.xlsx : une cellule de plus de 32\u00a0767 caractères") in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_openpyxl_parses_through_defusedxml() -> None:
    from openpyxl.xml import DEFUSEDXML

    assert DEFUSEDXML is True
    assert openpyxl.__version__


def test_a_sheet_the_relations_do_not_name_is_measured_too(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "sans-relation.xlsx",
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="900000"><c r="A900000"><v>2</v></c></row>',
    )
    broken = tmp_path / "relations.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(broken, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = data.replace(b"worksheets/sheet1.xml", b"worksheets/autre.xml")
            target.writestr(item, data)
    _refused(broken, "50\u00a0000 lignes")


# --- Excel 97-2003 ---------------------------------------------------------------------

WORKBOOKS = Path(__file__).parent.parent / "data" / "workbooks"


def test_xls_with_a_cell_at_iv65536_is_refused_before_calamine() -> None:
    """loin.xls (5 KB, written by LibreOffice): one cell at IV65536, 16 million cells for
    calamine (1 GB) if it were read; its BIFF records are measured first."""
    path = WORKBOOKS / "loin.xls"
    assert path.stat().st_size < 10_000
    _refused(path, "50\u00a0000 lignes")


@pytest.mark.parametrize("cut", [600, 1500, 3000])
def test_damaged_xls_is_a_french_error(tmp_path: Path, cut: int) -> None:
    data = (WORKBOOKS / "offre.xls").read_bytes()
    path = tmp_path / "abime.xls"
    path.write_bytes(data[:cut] + bytes(range(256)) * 4)
    with pytest.raises(TableError) as caught:
        read_table(path)
    assert caught.value.message.startswith("abime.xls : ")
