"""Defects found by trying the tool as its users would, each pinned by a test."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path

from tests.conftest import REPO, Run, fr


def _body(path: Path) -> str:
    message = email.message_from_bytes(path.read_bytes(), policy=policy.default)
    body = message.get_body(preferencelist=("plain",))
    assert body is not None
    return str(body.get_content())


def test_retained_collective_project_letter_says_des_filieres(cli: Run, tmp_path: Path) -> None:
    """French contracts « de les filières » into « des filières »."""
    out = tmp_path / "lettres"
    offer = REPO / "examples" / "strasbourg-projet-collectif.toml"
    result = cli("report", str(offer), "--today", "2026-05-01", "--letters", str(out))
    assert result.exit_code == 0, result.stderr
    body = _body(out / "strasbourg-projet-collectif.eml")
    assert "Votre offre est retenue" in body
    assert "de les " not in body


def test_report_help_says_existing_letters_are_kept(cli: Run) -> None:
    """The help once said both « rien n'est écrit » and « gardées » for existing letters."""
    result = cli("report", "--help")
    assert "rien n'est écrit si l'une existe" not in result.stdout
    assert "gardées" in result.stdout


def test_call_counts_refused_rows_not_problems(cli: Run, tmp_path: Path) -> None:
    """Row 7 of the contacts has two problems: one row refused, both problems listed."""
    contacts = REPO / "tests" / "data" / "contacts.csv"
    result = cli("call", "-c", str(contacts), "-o", str(tmp_path / "a"), "--today", "2025-09-15")
    assert result.exit_code == 1
    assert fr("Ligne refusée : 1") in result.stdout
    assert "Lignes refusées" not in result.stdout
    assert result.stdout.count("ligne 7, colonne") == 2


def test_assign_output_folder_is_named_a_folder(cli: Run, tmp_path: Path) -> None:
    """-o on a folder: « c'est un dossier », not « existe déjà ; ajoutez --force »."""
    data = REPO / "tests" / "data" / "affectation"
    result = cli(
        "assign",
        str(data / "thematique"),
        "-s",
        str(data / "eleves-thematique.csv"),
        "-i",
        "thematique",
        "--today",
        "2026-02-20",
        "-o",
        str(tmp_path),
    )
    assert result.exit_code == 2
    assert fr("c'est un dossier ; donnez un nom de fichier.") in result.stderr
    assert "--force" not in result.stderr


def test_assign_csv_cell_with_spaces_before_a_formula_is_neutralised() -> None:
    """FOUND 7, in assign's CSV: « \u00a0=1+1 » is a formula for some spreadsheets."""
    from inet_stages.render.assign import _spreadsheet

    assert _spreadsheet(" =1+1").startswith("'")
    assert _spreadsheet("\u00a0@SUM(A1)").startswith("'")
    assert _spreadsheet("Camille Durand") == "Camille Durand"


def test_import_of_a_folder_says_it_is_a_folder(cli: Run, tmp_path: Path) -> None:
    """A folder given as a spreadsheet: « c'est un dossier », not « type non reconnu »."""
    folder = tmp_path / "retours"
    folder.mkdir()
    result = cli("import", str(folder), "-o", str(tmp_path / "offres"), "--today", "2026-01-12")
    assert result.exit_code == 2
    assert fr("retours : c'est un dossier, sans e-mail (.eml, .msg), classeur") in result.stderr
    assert "type de fichier non reconnu" not in result.stderr


def test_an_unknown_command_is_quoted_the_french_way(cli: Run) -> None:
    result = cli("nope")
    assert result.exit_code == 2
    assert fr("commande inconnue « nope »") in result.stderr
    assert "'nope'" not in result.stderr
