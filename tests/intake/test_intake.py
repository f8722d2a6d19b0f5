"""``inet-stages form`` and ``inet-stages import``: the spreadsheet way in, round trip."""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.calendar import load_calendar
from inet_stages.ids import INTERNSHIP_LABELS, TRACK_LABELS, slug
from inet_stages.intake.cells import Vocabulary
from inet_stages.intake.columns import match_columns
from inet_stages.intake.rows import convert_row, file_stem, unique_names
from inet_stages.io.tabular import Table, TableRow
from inet_stages.text.frtypo import typeset
from inet_stages.text.vocabulary import HOST_KIND_LABELS
from tests.conftest import REPO, Run, fr

CALENDAR = load_calendar()
TODAY = "2026-02-12"
DESCRIPTION = (
    "L'élève conduira un diagnostic partagé avec les services, rencontrera les élus et les "
    "partenaires, puis proposera à la direction générale un plan d'action chiffré."
)


def make_form(cli: Run, folder: Path) -> Path:
    path = folder / "offre.xlsx"
    result = cli("form", "-o", str(path), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    return path


# --- form ------------------------------------------------------------------------------


def test_form_sheets_headers_and_layout(cli: Run, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make_form(cli, tmp_path))
    assert book.sheetnames == ["Offres", "Instructions", "Listes"]
    assert book["Listes"].sheet_state == "hidden"
    offers = book["Offres"]
    headers = [c.value for c in offers[1]]
    assert headers[:4] == ["Stage", "Filière 1", "Filière 2", "Filière 3"]
    for label in (
        "Intitulé de la mission",
        "Date de dépôt",
        "Structure d'accueil",
        "Nature de la structure",
        "Nombre d'habitants",
        "Courriel du tuteur ou de la tutrice",
        "Participation de 4\u00a0000\u00a0€ acceptée (projets collectifs)",
    ):
        assert label in headers
    assert offers.freeze_panes == "A2"
    column = headers.index("Date de dépôt") + 1
    assert offers.cell(row=2, column=column).number_format == "DD/MM/YYYY"
    assert offers.column_dimensions["F"].width == 45


def _list_values(book: Any, formula: str) -> list[str]:
    assert not formula.startswith("=")  # Excel writes the bare reference in the file
    sheet_name, area = formula.split("!")
    return [c.value for row in book[sheet_name][area.replace("$", "")] for c in row]


def test_form_drop_down_lists(cli: Run, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make_form(cli, tmp_path))
    offers = book["Offres"]
    headers = {c.value: c.column_letter for c in offers[1]}
    lists = {
        str(rule.sqref): _list_values(book, rule.formula1)
        for rule in offers.data_validations.dataValidation
        if rule.type == "list"
    }
    assert lists[f"{headers['Stage']}2:{headers['Stage']}301"] == list(INTERNSHIP_LABELS.values())
    for n in (1, 2, 3):
        letter = headers[f"Filière {n}"]
        assert lists[f"{letter}2:{letter}301"] == [t.short for t in CALENDAR.tracks]
    letter = headers["Nature de la structure"]
    assert lists[f"{letter}2:{letter}301"] == [
        label.split(" (")[0] for label in HOST_KIND_LABELS.values()
    ]
    # Wide enough for the longest value of its list (the arrow takes about 3).
    assert (
        offers.column_dimensions[headers["Stage"]].width
        >= max(len(label) for label in INTERNSHIP_LABELS.values()) + 3
    )
    letter = headers["Participation de 4\u00a0000\u00a0€ acceptée (projets collectifs)"]
    assert lists[f"{letter}2:{letter}301"] == ["oui", "non"]
    kinds = {str(r.sqref): r.type for r in offers.data_validations.dataValidation}
    letter = headers["Date de dépôt"]
    assert kinds[f"{letter}2:{letter}301"] == "date"
    letter = headers["Nombre d'habitants"]
    assert kinds[f"{letter}2:{letter}301"] == "whole"


def test_form_instructions_come_from_the_calendar(cli: Run, tmp_path: Path) -> None:
    book = openpyxl.load_workbook(make_form(cli, tmp_path))
    rows = [r for r in book["Instructions"].iter_rows(values_only=True) if any(r)]
    text = "\n".join(" | ".join(str(v) for v in r if v is not None) for r in rows)
    assert "calendrier 2026-2027" in text
    for window in CALENDAR.windows:
        internship = CALENDAR.internship(window.internship).label
        track = CALENDAR.track(window.track).label
        found = [r for r in rows if r[0] == internship and r[1] == track]
        assert len(found) == 1, (internship, track)
        start, end, deadline = found[0][3], found[0][4], found[0][6]
        assert start == datetime.combine(window.start, datetime.min.time())
        assert end == datetime.combine(window.end, datetime.min.time())
        if window.offers_deadline is None:
            assert deadline == "non publiée"
        else:
            assert deadline == datetime.combine(window.offers_deadline, datetime.min.time())
    # Thousands grouped as everywhere else: a non-breaking space.
    assert "plus de 40 000 habitants" not in text
    assert "Collectivité de plus de 40\u00a0000\u00a0habitants" in text
    assert "participation forfaitaire de 4\u00a0000\u00a0€ aux frais" in text
    # The words, whatever spaces the typesetting chose.
    plain = text.replace("\u00a0", " ")
    assert "la coordination des stages n'accepte pas un adjoint ou une adjointe" in plain
    assert "du 30 ou 31 mars au 17 ou 18 avril 2026" in plain  # as the brochure prints it
    assert "avant la date limite" not in plain
    assert CALENDAR.contact.email in plain
    assert CALENDAR.contact.name in plain


def test_form_is_never_overwritten_without_force(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.xlsx"
    path.write_bytes(b"mon classeur")
    result = cli("form", "-o", str(path), "--today", TODAY)
    assert result.exit_code == 2
    assert fr("existe déjà ; ajoutez --force") in result.stderr
    assert path.read_bytes() == b"mon classeur"
    assert cli("form", "-o", str(path), "--force", "--today", TODAY).exit_code == 0
    assert openpyxl.load_workbook(path).sheetnames[0] == "Offres"


def test_form_default_name(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert cli("form", "--today", TODAY).exit_code == 0
    assert (tmp_path / "offre.xlsx").is_file()


# --- import: the form filled in --------------------------------------------------------

ROWS: list[dict[str, object]] = [
    {
        "Stage": "Stage thématique",
        "Filière 1": TRACK_LABELS["administrateurs"],
        "Intitulé de la mission": "Diagnostic et plan de lutte contre l'absentéisme",
        "Description de la mission": DESCRIPTION,
        "Date de dépôt": datetime(2026, 2, 10),
        "Structure d'accueil": "Ville de Colmar",
        "Nature de la structure": HOST_KIND_LABELS["commune"],
        "Nombre d'habitants": 67000,
        "Ville": "Colmar",
        "Tuteur ou tutrice : prénom et nom": "Camille Martin",
        "Fonction du tuteur ou de la tutrice": "Directrice générale des services",
        "Courriel du tuteur ou de la tutrice": "camille.martin@colmar.example.fr",
    },
    {
        "Stage": "Projets collectifs (inter-filières)",
        "Intitulé de la mission": "Schéma de mutualisation des services",
        "Description de la mission": DESCRIPTION + "\n\nLivrable : un rapport et une soutenance.",
        "Date de dépôt": "11/02/2026",
        "Structure d'accueil": "Eurométropole de Strasbourg",
        "Nature de la structure": "EPCI",
        "Nombre d'habitants": "505 000",
        "Tuteur ou tutrice : prénom et nom": "Marc Weber",
        "Fonction du tuteur ou de la tutrice": "Directeur général des services",
        "Courriel du tuteur ou de la tutrice": "marc.weber@strasbourg.example.eu",
        "Participation de 4\u00a0000\u00a0€ acceptée (projets collectifs)": "oui",
    },
]


def fill_form(path: Path, rows: list[dict[str, object]]) -> Path:
    book = openpyxl.load_workbook(path)
    sheet = book["Offres"]
    columns = {c.value: c.column for c in sheet[1]}
    for number, row in enumerate(rows, start=2):
        for header, value in row.items():
            # The form's headers are typeset (« Tuteur ou tutrice : prénom et nom »).
            sheet.cell(row=number, column=columns[typeset(header)], value=value)
    filled = path.with_name("rempli.xlsx")
    book.save(filled)
    return filled


def run_import(cli: Run, *args: str) -> tuple[int, dict[str, Any], str]:
    result = cli("import", *args, "--today", TODAY, "--format", "json")
    return result.exit_code, json.loads(result.stdout), result.stderr


def assert_validates(cli: Run, folder: Path) -> None:
    result = cli("validate", str(folder), "--today", TODAY)
    assert result.exit_code == 0, result.stdout


def test_import_the_filled_form(cli: Run, tmp_path: Path) -> None:
    filled = fill_form(make_form(cli, tmp_path), ROWS)
    out = tmp_path / "offres"
    code, document, _ = run_import(cli, str(filled), "-o", str(out))
    assert code == 0, document
    assert document["version"] == 1
    assert document["calendar"] == "2026-2027"
    assert [(r["row"], Path(r["file"]).name, r["status"]) for r in document["rows"]] == [
        (2, "ville-de-colmar-thematique.toml", "valid"),
        (3, "eurometropole-de-strasbourg-projet-collectif.toml", "valid"),
    ]
    assert document["summary"]["written"] == 2
    colmar = tomli.loads((out / "ville-de-colmar-thematique.toml").read_text("utf-8"))
    assert colmar["offer"]["submitted"] == date(2026, 2, 10)
    assert colmar["offer"]["tracks"] == ["administrateurs"]
    assert colmar["host"] == {
        "name": "Ville de Colmar",
        "kind": "commune",
        "population": 67000,
        "city": "Colmar",
    }
    text = (out / "eurometropole-de-strasbourg-projet-collectif.toml").read_text("utf-8")
    assert text.startswith("# Offre importée de rempli.xlsx, ligne 3")
    collective = tomli.loads(text)
    assert collective["host"]["population"] == 505000
    assert collective["host"]["kind"] == "epci"
    assert collective["collective_project"] == {"fee_accepted": True}
    assert collective["offer"]["description"].endswith(
        "\n\nLivrable : un rapport et une soutenance."
    )
    assert "tracks" not in collective["offer"]
    assert_validates(cli, out)


def test_import_finds_the_offers_sheet_wherever_it_stands(cli: Run, tmp_path: Path) -> None:
    # A host added a sheet of his own in front of « Offres »: the form is still read.
    filled = fill_form(make_form(cli, tmp_path), ROWS[:1])
    book = openpyxl.load_workbook(filled)
    book.create_sheet("Bonjour", 0)["A1"] = "Merci de votre appel"
    book.save(filled)
    code, document, _ = run_import(cli, str(filled), "-o", str(tmp_path / "offres"))
    assert code == 0, document
    assert [r["status"] for r in document["rows"]] == ["valid"]


def test_import_text_summary(cli: Run, tmp_path: Path) -> None:
    filled = fill_form(make_form(cli, tmp_path), ROWS[:1])
    result = cli("import", str(filled), "-o", str(tmp_path / "o"), "--today", TODAY)
    assert result.exit_code == 0
    assert fr("rempli.xlsx\u00a0: 1 ligne d'offre") in result.stdout
    assert fr("ville-de-colmar-thematique.toml") in result.stdout
    assert fr("valide") in result.stdout
    assert fr("Bilan\u00a0: 1 ligne, 1 offre écrite") in result.stdout


def test_a_broken_row_among_good_ones(cli: Run, tmp_path: Path) -> None:
    broken = dict(ROWS[0])
    broken.update(
        {
            "Structure d'accueil": "Ville de Mulhouse",
            "Date de dépôt": "31/02/2026",
            "Nombre d'habitants": "beaucoup",
            "Filière 1": "Conservateurs du patrimoine",
        }
    )
    filled = fill_form(make_form(cli, tmp_path), [ROWS[0], broken, ROWS[1]])
    out = tmp_path / "offres"
    code, document, _ = run_import(cli, str(filled), "-o", str(out))
    assert code == 1
    statuses = [(r["row"], r["status"]) for r in document["rows"]]
    # All or nothing: the good rows wait for the broken one, no orphan is left.
    assert statuses == [(2, "not_written"), (3, "rejected"), (4, "not_written")]
    assert "tant que la ligne 3 n'est pas corrigée" in document["rows"][0]["reason"]
    problems = {p["column"]: p["message"] for p in document["rows"][1]["problems"]}
    assert problems["Date de dépôt"] == typeset("« 31/02/2026 » : cette date n'existe pas.")
    assert "un nombre d'habitants est attendu" in problems["Nombre d'habitants"]
    assert "INP" in problems["Filière 1"]
    assert document["rows"][1]["file"] is None
    assert not list(out.iterdir())
    text = cli("import", str(filled), "-o", str(tmp_path / "o2"), "--today", TODAY)
    assert (
        fr("rempli.xlsx, ligne 3, colonne « Date de dépôt »\u00a0: « 31/02/2026 »") in text.stdout
    )


@pytest.mark.parametrize(
    ("rows", "said"),
    [
        ([3], "la ligne 3"),
        ([3, 6, 8], "les lignes 3, 6 et 8"),
        (list(range(2, 14)), "les lignes 2, 3, 4, 5, 6, 7, 8, 9, … et 13 (12 lignes)"),
    ],
)
def test_rows_held_are_named_in_agreement(rows: list[int], said: str) -> None:
    from inet_stages.intake.run import _NOT_CORRECTED, _rows_named

    assert _rows_named(rows) == said
    assert _NOT_CORRECTED[len(rows) > 1] == (
        "n'est pas corrigée" if len(rows) == 1 else "ne sont pas corrigées"
    )


def test_an_invalid_offer_is_written_and_reported(cli: Run, tmp_path: Path) -> None:
    deputy = dict(ROWS[0])
    deputy.update({"Stage": "Stage d'observation", "Fonction du tuteur ou de la tutrice": "DGA"})
    deputy["Date de dépôt"] = datetime(2025, 11, 20)
    filled = fill_form(make_form(cli, tmp_path), [deputy])
    code, document, _ = run_import(cli, str(filled), "-o", str(tmp_path / "o"))
    assert code == 1
    row = document["rows"][0]
    assert row["status"] == "invalid"
    assert row["internship"] == "observation"
    assert "T001" in [d["code"] for d in row["diagnostics"]]


def test_no_overwrite_without_force(cli: Run, tmp_path: Path) -> None:
    filled = fill_form(make_form(cli, tmp_path), ROWS[:1])
    out = tmp_path / "offres"
    assert run_import(cli, str(filled), "-o", str(out))[0] == 0
    target = out / "ville-de-colmar-thematique.toml"
    target.write_text("# corrigé à la main\n", encoding="utf-8")
    code, document, _ = run_import(cli, str(filled), "-o", str(out))
    assert code == 1
    assert document["rows"][0]["status"] == "not_written"
    assert typeset("existe déjà ; ajoutez --force") in document["rows"][0]["reason"]
    assert target.read_text("utf-8") == "# corrigé à la main\n"
    code, document, _ = run_import(cli, str(filled), "-o", str(out), "--force")
    assert code == 0
    assert "Ville de Colmar" in target.read_text("utf-8")


def test_a_second_import_names_every_file_already_there(cli: Run, tmp_path: Path) -> None:
    # Every row is held (all or nothing), and the reason names all the files there,
    # not the first one for every row.
    filled = fill_form(make_form(cli, tmp_path), ROWS)
    out = tmp_path / "offres"
    assert run_import(cli, str(filled), "-o", str(out))[0] == 0
    code, document, _ = run_import(cli, str(filled), "-o", str(out))
    assert code == 1
    names = sorted(p.name for p in out.iterdir())
    reasons = {r["reason"] for r in document["rows"]}
    assert len(reasons) == 1
    (reason,) = reasons
    assert all(name in reason for name in names) and "existent déjà" in reason


def test_same_host_twice_gets_numbered_names(cli: Run, tmp_path: Path) -> None:
    second = dict(ROWS[0])
    second["Intitulé de la mission"] = "Refonte du schéma directeur informatique"
    filled = fill_form(make_form(cli, tmp_path), [ROWS[0], second])
    code, document, _ = run_import(cli, str(filled), "-o", str(tmp_path / "o"))
    assert code == 0
    assert [Path(r["file"]).name for r in document["rows"]] == [
        "ville-de-colmar-thematique.toml",
        "ville-de-colmar-thematique-2.toml",
    ]


# --- import: CSV files -----------------------------------------------------------------


def test_import_utf8_csv_with_dotted_keys(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offres.csv"
    path.write_text(
        "offer.internship,offer.tracks,offer.title,offer.description,offer.submitted,"
        "host.name,host.kind,tutor.name,tutor.position,tutor.email\n"
        f'thematique,"administrateurs, conservateurs",Atlas de la biodiversité,"{DESCRIPTION}",'
        "2026-01-28,Ville de Sélestat,commune,Léa Roth,Directrice générale des services,"
        "lea.roth@selestat.example.fr\n",
        encoding="utf-8",
    )
    out = tmp_path / "offres"
    code, document, _ = run_import(cli, str(path), "-o", str(out))
    assert code == 0, document
    written = tomli.loads((out / "ville-de-selestat-thematique.toml").read_text("utf-8"))
    assert written["offer"]["tracks"] == ["administrateurs", "conservateurs"]
    assert written["host"]["name"] == "Ville de Sélestat"
    assert_validates(cli, out)


def test_import_windows_1252_csv_with_french_dates(cli: Run, tmp_path: Path) -> None:
    lines = [
        "Stage;Filière 1;Intitulé de la mission;Description de la mission;Date de dépôt;"
        "Premier jour du stage;Dernier jour du stage;Structure d'accueil;Nature de la structure;"
        "Nombre d'habitants;Tuteur ou tutrice : prénom et nom;Fonction du tuteur ou de la tutrice;"
        "Courriel du tuteur ou de la tutrice",
        f"Thématique;Administrateurs;Plan vélo;{DESCRIPTION};10/02/2026;26/05/2026;10/07/2026;"
        "Ville de Haguenau;Commune;35\xa0000;Éric Schmitt;DGS;eric.schmitt@haguenau.example.fr",
    ]
    path = tmp_path / "offres.csv"
    path.write_bytes("\r\n".join(lines).encode("cp1252"))
    out = tmp_path / "offres"
    code, document, _ = run_import(cli, str(path), "-o", str(out))
    assert code == 0, document
    written = tomli.loads((out / "ville-de-haguenau-thematique.toml").read_text("utf-8"))
    assert written["offer"]["submitted"] == date(2026, 2, 10)
    assert written["offer"]["start"] == date(2026, 5, 26)
    assert written["offer"]["end"] == date(2026, 7, 10)
    assert written["host"]["population"] == 35000
    assert written["tutor"]["name"] == "Éric Schmitt"
    assert_validates(cli, out)


ONLINE_EXPORT = (
    "Horodateur,Votre collectivité,Quel stage proposez-vous ?,Pour quelle(s) filière(s) ?,"
    "Intitulé du stage,Décrivez la mission,Nom du tuteur,Sa fonction,Adresse e-mail,"
    "Nature de la structure,Commentaires\n"
    f'10/02/2026 14:32:05,Ville de Colmar,Stage thématique,Administrateurs,Plan climat,"{DESCRIPTION}",'
    "Camille Martin,Directrice générale des services,camille.martin@colmar.example.fr,"
    "Commune,Merci\n"
)


def test_import_online_form_export_with_a_mapping(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "reponses.csv"
    path.write_text(ONLINE_EXPORT, encoding="utf-8-sig")
    mapping = tmp_path / "correspondance.toml"
    mapping.write_text(
        "[columns]\n"
        '"Votre collectivité" = "host.name"\n'
        '"Quel stage proposez-vous ?" = "offer.internship"\n'
        '"Pour quelle(s) filière(s) ?" = "offer.tracks"\n'
        '"Décrivez la mission" = "offer.description"\n'
        '"Sa fonction" = "tutor.position"\n'
        '"Commentaires" = ""\n',
        encoding="utf-8",
    )
    out = tmp_path / "offres"
    code, document, _ = run_import(cli, str(path), "-o", str(out), "--mapping", str(mapping))
    assert code == 0, document
    source = document["sources"][0]
    assert source["columns"]["Horodateur"] == "offer.submitted"
    assert source["columns"]["Intitulé du stage"] == "offer.title"
    assert source["columns"]["Adresse e-mail"] == "tutor.email"
    assert source["ignored_columns"] == [
        {"header": "Commentaires", "reason": "laissée de côté par la correspondance"}
    ]
    written = tomli.loads((out / "ville-de-colmar-thematique.toml").read_text("utf-8"))
    assert written["offer"]["submitted"] == date(2026, 2, 10)
    assert written["tutor"]["position"] == "Directrice générale des services"
    assert_validates(cli, out)


def test_without_the_mapping_the_unknown_columns_are_named(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "reponses.csv"
    path.write_text(ONLINE_EXPORT, encoding="utf-8")
    out = tmp_path / "o"
    result = cli("import", str(path), "-o", str(out), "--today", TODAY)
    # Stop rather than guess: no host name, no internship column recognised, nothing written.
    assert result.exit_code == 2
    err = result.stderr
    assert (
        fr("colonne nécessaire non reconnue\u00a0: nom de la structure d'accueil (host.name)")
        in err
    )
    assert fr("stage (offer.internship)") in err
    assert fr("rien n'est importé de ce fichier") in err
    assert fr("« Votre collectivité »\u00a0: non reconnue\u00a0; la plus proche\u00a0:") in err
    assert fr('    "Votre collectivité" = "host.name"') in err
    assert not any(out.iterdir())


def test_a_bad_mapping_is_a_usage_error(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "reponses.csv"
    path.write_text(ONLINE_EXPORT, encoding="utf-8")
    mapping = tmp_path / "correspondance.toml"
    mapping.write_text('[columns]\n"Votre collectivité" = "host.nom"\n', encoding="utf-8")
    result = cli("import", str(path), "-o", str(tmp_path / "o"), "--mapping", str(mapping))
    assert result.exit_code == 2
    assert fr("Vouliez-vous dire « host.name » ?") in result.stderr
    assert not (tmp_path / "o").exists() or not any((tmp_path / "o").iterdir())


def test_an_unreadable_file_is_exit_2_and_the_others_are_imported(cli: Run, tmp_path: Path) -> None:
    filled = fill_form(make_form(cli, tmp_path), ROWS[:1])
    broken = tmp_path / "abime.xlsx"
    broken.write_bytes(b"PK\x03\x04 tronque")
    out = tmp_path / "offres"
    code, document, stderr = run_import(cli, str(broken), str(filled), "-o", str(out))
    assert code == 2
    assert fr("abime.xlsx : ce n'est pas un classeur Excel lisible") in stderr
    assert "Traceback" not in stderr
    assert document["sources"][0]["readable"] is False
    assert document["rows"][0]["status"] == "valid"


def test_output_must_be_a_folder(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offres.csv"
    path.write_text("offer.title\nx\n", encoding="utf-8")
    result = cli("import", str(path), "-o", str(path), "--today", TODAY)
    assert result.exit_code == 2
    assert fr("c'est un fichier") in result.stderr


# --- names -----------------------------------------------------------------------------


def test_slug_and_unique_names() -> None:
    assert slug("Communauté d'agglomération Sœur-Île") == "communaute-d-agglomeration-soeur-ile"
    assert unique_names(["a", "b", "a", "a"]) == ["a.toml", "b.toml", "a-2.toml", "a-3.toml"]


def test_file_stem_without_host() -> None:
    from inet_stages.intake.rows import Converted

    row = Converted(row=2, document={"offer": {"internship": "ouverture"}}, problems=())
    assert file_stem(row) == "offre-ouverture"


# --- the guide's example ---------------------------------------------------------------

GUIDE = REPO / "docs" / "guide" / "formulaire-et-import.md"


def _blocks(language: str) -> list[str]:
    text = GUIDE.read_text(encoding="utf-8")
    return [b.split("\n", 1)[1] for b in text.split("```")[1::2] if b.startswith(language + "\n")]


def test_the_guide_example_is_what_the_tool_prints(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "reponses.csv").write_text(_blocks("csv")[0], encoding="utf-8")
    (tmp_path / "correspondance.toml").write_text(_blocks("toml")[0], encoding="utf-8")
    example = next(b for b in _blocks("text") if b.startswith("$ inet-stages import reponses"))
    command, expected = example.split("\n", 1)
    result = cli(*command.removeprefix("$ inet-stages ").split())
    assert result.exit_code == 1
    assert result.stdout == expected


def test_form_calendar_text_is_never_a_formula(
    cli: Run, tmp_path: Path, hostile_calendar: Path
) -> None:
    path = tmp_path / "offre.xlsx"
    result = cli("--calendar", str(hostile_calendar), "form", "-o", str(path), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    book = openpyxl.load_workbook(path)
    cells = [
        c
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for c in row
        if isinstance(c.value, str) and c.value.startswith("=HYPERLINK")
    ]
    assert cells, "the hostile label is shown"
    assert all(c.data_type == "s" for c in cells)
    assert not any(
        "\x1b" in str(c.value) for s in book.worksheets for r in s.iter_rows() for c in r
    )


def test_a_table_that_is_not_offers_is_refused_whole(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "eleves.csv"
    path.write_text("Élève;Vœu 1;Vœu 2\nAlice;colmar;lunel\n", encoding="utf-8")
    out = tmp_path / "offres"
    result = cli("import", str(path), "-o", str(out), "--today", TODAY)
    assert result.exit_code == 2
    assert fr("eleves.csv : aucune colonne reconnue (« Élève », « Vœu 1 », « Vœu 2 »)") in (
        result.stderr
    )
    assert not any(out.iterdir())


def test_a_row_with_only_unrecognised_cells_writes_nothing(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offres.csv"
    path.write_text("Intitulé;Stage;Structure;Remarques\n;;;à rappeler\n", encoding="utf-8")
    out = tmp_path / "offres"
    code, document, _ = run_import(cli, str(path), "-o", str(out))
    assert code == 1
    assert document["rows"][0]["status"] == "rejected"
    assert (
        "aucune valeur dans les colonnes reconnues" in document["rows"][0]["problems"][0]["message"]
    )
    assert not any(out.iterdir())


# --- no cell makes the conversion crash ------------------------------------------------

_HEADERS = (
    "stage",
    "filiere_1",
    "date_de_depot",
    "nombre_d_habitants",
    "nature_de_la_structure",
    "participation_aux_frais",
    "telephone",
    "description_de_la_mission",
)
_CELLS = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**20), max_value=10**20),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(_CELLS, min_size=len(_HEADERS), max_size=len(_HEADERS)))
def test_any_cells_give_a_document_or_problems(cells: list[object]) -> None:
    table = Table(
        name="t.csv",
        headers=_HEADERS,
        columns={h: h for h in _HEADERS},
        rows=(TableRow(number=2, cells=dict(zip(_HEADERS, cells, strict=True))),),
    )
    columns = match_columns(table)
    converted = convert_row(table.rows[0], columns, table, Vocabulary(CALENDAR), date(2026, 2, 12))
    assert (converted.document is None) == bool(converted.problems)
    for problem in converted.problems:
        assert problem.message.endswith(".")


def test_the_form_is_typeset_as_french(cli: Run, tmp_path: Path) -> None:
    # The host reads it: no plain space before « : » or « ; », none inside « », none in
    # « 40 000 » — in the cells, the headers' notes and the drop-downs' prompts.
    book = openpyxl.load_workbook(make_form(cli, tmp_path))
    texts = [
        str(cell.value)
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str)
    ]
    offers = book["Offres"]
    texts += [cell.comment.text for cell in offers[1] if cell.comment is not None]
    texts += [f"{v.promptTitle} {v.prompt}" for v in offers.data_validations.dataValidation]
    assert any("Tuteur ou tutrice\u00a0: prénom et nom" in t for t in texts)
    bad = re.compile(r" [:;!?»]|« |\d \d{3}\b")
    assert [t for t in texts if bad.search(t)] == []


def test_form_prints_and_wraps(cli: Run, tmp_path: Path) -> None:
    """On paper: landscape, one page wide, header row on every page; wrapped rows get heights."""
    book = openpyxl.load_workbook(make_form(cli, tmp_path))
    offers = book["Offres"]
    assert offers.page_setup.orientation == "landscape"
    assert offers.page_setup.fitToWidth == 1
    assert offers.page_setup.fitToHeight == 0
    assert offers.sheet_properties.pageSetUpPr.fitToPage is True
    assert offers.print_title_rows == "$1:$1"
    instructions = book["Instructions"]
    heights = {
        row[0].row: instructions.row_dimensions[row[0].row].height
        for row in instructions.iter_rows()
        if row[1].value and len(str(row[1].value)) > 120
    }
    assert heights and all(h is not None and h >= 30 for h in heights.values())
    headers = [c.value for c in offers[1]]
    mission = headers.index("Nature de la mission") + 1
    note = offers.cell(row=1, column=mission).comment.text
    assert "Seulement pour un stage de professionnalisation" in note
    assert "Laissez vide pour les autres stages" in note
    civility = headers.index("Civilité du tuteur ou de la tutrice") + 1
    assert civility < headers.index(typeset("Tuteur ou tutrice : prénom et nom")) + 1


def test_civility_is_imported(cli: Run, tmp_path: Path) -> None:
    row = dict(ROWS[0])
    row["Civilité du tuteur ou de la tutrice"] = "Mme"
    filled = fill_form(make_form(cli, tmp_path), [row])
    out = tmp_path / "offres"
    run_import(cli, str(filled), "-o", str(out))
    offer = tomli.loads((out / "ville-de-colmar-thematique.toml").read_text("utf-8"))
    assert offer["tutor"]["civility"] == "Madame"
    assert next(iter(offer["tutor"])) == "civility"


_VALUES = st.one_of(
    st.text(max_size=40),
    st.integers(min_value=-(10**9), max_value=10**9),
    st.booleans(),
    st.dates(),
    st.lists(st.text(max_size=10), max_size=3),
)


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from(["offer", "host", "tutor", "collective_project", "a b"]),
        st.dictionaries(st.sampled_from(["title", "population", "x-y", "clé"]), _VALUES),
    )
)
def test_dumps_is_tomli_w(document: dict[str, dict[str, Any]]) -> None:
    """The import's writer gives tomli-w's text exactly (it writes faster)."""
    import tomli_w

    from inet_stages.intake.rows import dumps

    assert dumps(document) == tomli_w.dumps(document, multiline_strings=True)
