"""``inet-stages assign`` through the real entry point: outputs, reasons, bad files, -o.

The offers are ``tests/data/affectation/`` (valid on 2026-11-28 for the 2026-2027 calendar):
four of the stage thématique (colmar open to administrateurs and conservateurs, lyon and metz
to administrateurs, rennes-bibliotheques to conservateurs) and three projets collectifs.
"""

from __future__ import annotations

import csv
import io
import json
import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from tests.conftest import REPO, Result, Run, fr

DATA = REPO / "tests" / "data" / "affectation"
THEMATIQUE = str(DATA / "thematique")
PROJETS = str(DATA / "projets")
TODAY = ("--today", "2026-11-28")
NB = "\u00a0"

GUIDE_STUDENTS = """nom;filière;vœu 1;vœu 2
Camille Durand;administrateurs;colmar-thematique;lyon-thematique
Jules Martin;administrateurs;colmar-thematique;metz-thematique
Inès Leroy;conservateurs;colmar-thematique;rennes-bibliotheques
Hugo Petit;administrateurs;colmar-thematique;
Léa Moreau;conservateurs;rennes-bibliotheques;
"""


def students_file(tmp_path: Path, text: str, name: str = "eleves.csv") -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_thematique(cli: Run, tmp_path: Path, text: str = GUIDE_STUDENTS, *extra: str) -> Result:
    return cli(
        "assign",
        THEMATIQUE,
        "--students",
        students_file(tmp_path, text),
        "--internship",
        "thematique",
        *TODAY,
        *extra,
    )


def test_table_shows_each_offer_ranks_and_unplaced(cli: Run, tmp_path: Path) -> None:
    result = run_thematique(cli, tmp_path)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert any(
        line.split()[:4] == ["colmar-thematique", "Jules", "Martin", "Administrateurs"]
        for line in lines
    )
    assert any(
        "metz-thematique" in line and "Hugo Petit" in line and "hors vœux" in line for line in lines
    )
    assert (
        f"Répartition{NB}: 1er vœu{NB}: 2{NB}élèves, 2e vœu{NB}: 1{NB}élève, "
        f"hors vœux{NB}: 1{NB}élève."
    ) in result.stdout
    assert f"Somme des rangs au carré{NB}: 10." in result.stdout
    flat = " ".join(result.stdout.split())
    assert "Inès Leroy (Conservateurs)" in flat
    assert "toutes les offres valides pour sa filière sont prises" in flat
    assert result.stderr == ""


def test_json_document(cli: Run, tmp_path: Path) -> None:
    result = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "--format", "json")
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert {
        "version",
        "internship",
        "assignments",
        "teams",
        "unplaced",
        "ranks",
        "objective",
    } <= set(doc)
    assert doc["version"] == 1
    assert doc["internship"] == "thematique"
    placed = {a["student"]: (a["offer"], a["rank"], a["track"]) for a in doc["assignments"]}
    assert placed == {
        "Jules Martin": ("colmar-thematique", 1, "administrateurs"),
        "Camille Durand": ("lyon-thematique", 2, "administrateurs"),
        "Hugo Petit": ("metz-thematique", 2, "administrateurs"),
        "Léa Moreau": ("rennes-bibliotheques", 1, "conservateurs"),
    }
    assert doc["teams"] == []
    assert [u["student"] for u in doc["unplaced"]] == ["Inès Leroy"]
    assert "moins de places que d'élèves" in doc["unplaced"][0]["reason"]
    assert doc["ranks"] == {"1": 2, "2": 1}
    assert doc["objective"] == {"placed": 4, "sum_rank_squared": 10}


def test_csv_for_the_spreadsheet(cli: Run, tmp_path: Path) -> None:
    text = GUIDE_STUDENTS + "=HYPERLINK(1);administrateurs;lyon-thematique;\n"
    result = run_thematique(cli, tmp_path, text, "--format", "csv")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == [
        "Élève",
        "Courriel",
        "Filière",
        "Offre",
        "Rang obtenu",
        "Vœu cité",
        "Remarque",
    ]
    assert len(rows) == 7  # header and six students, placed or not
    names = [r[0] for r in rows[1:]]
    assert "'=HYPERLINK(1)" in names  # never read as a formula
    assert not any(cell.startswith("=") for r in rows for cell in r)
    unplaced = [r for r in rows[1:] if not r[3]]
    assert len(unplaced) == 2
    assert all(r[6].startswith(f"non placé{NB}:") for r in unplaced)


def test_student_whose_track_has_no_offer(cli: Run, tmp_path: Path) -> None:
    text = GUIDE_STUDENTS + "Nora Haddad;ingénieurs;;\n"
    result = run_thematique(cli, tmp_path, text, "--format", "json")
    assert result.exit_code == 0, result.stderr
    reasons = {
        u["student"]: (u["code"], u["reason"]) for u in json.loads(result.stdout)["unplaced"]
    }
    assert reasons["Nora Haddad"] == ("no_offer_for_track", "aucune offre valide pour sa filière")
    assert reasons["Inès Leroy"][0] == "no_place_left"


def test_missing_column_is_a_usage_error(cli: Run, tmp_path: Path) -> None:
    result = run_thematique(cli, tmp_path, "nom;vœu 1\nCamille Durand;colmar-thematique\n")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert fr(f"eleves.csv{NB}: en-tête{NB}: colonne «{NB}track{NB}» absente") in result.stderr
    assert "Traceback" not in result.stderr


def test_bad_rows_are_reported_and_the_rest_placed(cli: Run, tmp_path: Path) -> None:
    text = (
        "nom;filière;vœu 1;vœu 2\n"
        "Camille Durand;administrateurs;colmarr-thematique;lyon-thematique\n"
        "Jules Martin;pompiers;colmar-thematique;\n"
        "Léa Moreau;conservateurs;lyon-thematique;rennes-bibliotheques\n"
        "Hugo Petit;administrateurs;metz-thematique;metz-thematique\n"
    )
    result = run_thematique(cli, tmp_path, text, "--format", "json")
    assert result.exit_code == 0, result.stderr
    err = result.stderr
    assert fr(f"eleves.csv{NB}: ligne 2, colonne «{NB}vœu 1{NB}»{NB}: offre inconnue") in err
    assert fr(f"Vouliez-vous dire «{NB}colmar-thematique{NB}»") in err
    assert fr(f"ligne 3, colonne «{NB}filière{NB}»") in err
    assert fr(f"ligne 4, colonne «{NB}vœu 1{NB}»") in err and "pas ouverte à la filière" in err
    assert fr(f"ligne 5, colonne «{NB}vœu 2{NB}»") in err and "déjà le vœu 1" in err
    placed = {
        a["student"]: (a["offer"], a["rank"]) for a in json.loads(result.stdout)["assignments"]
    }
    # The row with an unknown track is left out; the others are placed on what remains.
    assert placed == {
        "Camille Durand": ("lyon-thematique", 1),
        "Léa Moreau": ("rennes-bibliotheques", 1),
        "Hugo Petit": ("metz-thematique", 1),
    }


def test_output_file_is_not_overwritten_without_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "affectation.csv"
    target.write_text("à garder", encoding="utf-8")
    result = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "-f", "csv", "-o", str(target))
    assert result.exit_code == 2
    assert "--force" in result.stderr
    assert target.read_text(encoding="utf-8") == "à garder"
    result = run_thematique(
        cli, tmp_path, GUIDE_STUDENTS, "-f", "csv", "-o", str(target), "--force"
    )
    assert result.exit_code == 0, result.stderr
    assert target.read_bytes().startswith("\ufeffÉlève;".encode())


def test_table_written_to_a_file(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "affectation.txt"
    result = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "rennes-bibliotheques" in target.read_text(encoding="utf-8")


def test_projets_collectifs_are_mixed_teams(cli: Run) -> None:
    result = cli(
        "assign",
        PROJETS,
        "--students",
        str(DATA / "eleves-projets.csv"),
        "--internship",
        "projets collectifs",
        *TODAY,
        "--format",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["internship"] == "projet_collectif"
    assert sorted(len(t["students"]) for t in doc["teams"]) == [4, 5]
    assert all(t["mixed"] for t in doc["teams"])
    assert doc["unplaced"] == []
    assert doc["objective"]["placed"] == 9


def test_invalid_offer_is_not_a_place_and_is_named(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    shutil.copytree(THEMATIQUE, offers)
    broken = offers / "lyon-thematique.toml"
    broken.write_text(broken.read_text(encoding="utf-8").replace('kind = "epci"', 'kind = "x"'))
    result = cli(
        "assign",
        str(offers),
        "--students",
        students_file(tmp_path, GUIDE_STUDENTS),
        "--internship",
        "thematique",
        *TODAY,
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert (
        fr("1 offre invalide écartée") in result.stderr and "lyon-thematique.toml" in result.stderr
    )
    assert "n'est pas une offre valide" in result.stderr
    offers_taken = {a["offer"] for a in json.loads(result.stdout)["assignments"]}
    assert "lyon-thematique" not in offers_taken


def test_same_seed_same_placement_whatever_the_row_order(cli: Run, tmp_path: Path) -> None:
    header, *rows = GUIDE_STUDENTS.splitlines()
    first = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "-f", "json", "--seed", "3")
    again = run_thematique(
        cli, tmp_path, "\n".join([header, *reversed(rows)]) + "\n", "-f", "json", "--seed", "3"
    )
    assert first.exit_code == again.exit_code == 0
    assert json.loads(first.stdout)["assignments"] == json.loads(again.stdout)["assignments"]


def test_progress_note_on_a_terminal(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inet_stages.cli import offers_opt

    monkeypatch.setattr(offers_opt, "stderr_is_terminal", lambda: True)
    result = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "-f", "json")
    assert result.exit_code == 0
    assert fr(f"Calcul de l'affectation{NB}: 5 élèves, 4 offres") in result.stderr


def test_time_limit_message_gives_the_gap(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inet_stages.assign import solver as assign
    from inet_stages.assign.models import AssignResult, SolverStatus

    real = assign.assign_individual
    seen: dict[str, object] = {}

    def stopped(*args: object, **kwargs: object) -> AssignResult:
        seen.update(kwargs)
        return replace(real(*args, **kwargs), status=SolverStatus.TIME_LIMIT, gap=0.032)  # type: ignore[arg-type]

    monkeypatch.setattr(assign, "assign_individual", stopped)
    result = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "--time-limit", "5")
    assert result.exit_code == 0
    assert seen["time_limit"] == 5.0 and callable(seen["clock"])
    assert f"calcul arrêté par --time-limit (5{NB}s)" in result.stderr
    assert f"au plus 3,2{NB}% de l'optimum" in result.stderr
    assert "Jules Martin" in result.stdout


def test_unknown_internship_and_missing_students_file(cli: Run, tmp_path: Path) -> None:
    result = cli(
        "assign", THEMATIQUE, "--students", str(tmp_path / "absent.csv"), "-i", "stage-x", *TODAY
    )
    assert result.exit_code == 2
    assert result.stderr.startswith(fr("inet-stages : erreur : --internship"))
    result = cli(
        "assign", THEMATIQUE, "--students", str(tmp_path / "absent.csv"), "-i", "thematique", *TODAY
    )
    assert result.exit_code == 2
    assert "absent.csv" in result.stderr


def test_help_says_what_is_optimal(cli: Run) -> None:
    result = cli("assign", "--help")
    assert result.exit_code == 0
    flat = " ".join(result.stdout.split())
    assert "le plus d'élèves placés" in flat
    assert "carré du rang obtenu" in flat
    assert "nombre de vœux + 1" in flat
    assert "--seed" in flat


def test_guide_students_files_are_the_ones_shown() -> None:
    guide = (REPO / "docs" / "guide" / "affectation.md").read_text(encoding="utf-8")
    for name in ("eleves-thematique.csv", "eleves-projets.csv"):
        text = (DATA / name).read_text(encoding="utf-8")
        assert f"```csv\n{text}```" in guide


@pytest.mark.parametrize("value", ["nan", "inf", "NaN", "Infinity"])
def test_time_limit_nan_and_inf_are_refused(cli: Run, tmp_path: Path, value: str) -> None:
    result = run_thematique(cli, tmp_path, GUIDE_STUDENTS, "--time-limit", value)
    assert result.exit_code == 2
    assert "--time-limit" in result.stderr and "n'est pas une durée" in result.stderr
    assert result.stdout == ""


def test_fifty_thousand_students_are_refused_before_any_work(cli: Run, tmp_path: Path) -> None:
    rows = "".join(f"Élève {i};administrateurs;colmar-thematique\n" for i in range(50_000))
    result = run_thematique(cli, tmp_path, "nom;filière;vœu 1\n" + rows)
    assert result.exit_code == 2
    assert "50\u00a0000 lignes d'élèves" in result.stderr
    assert "au plus 10\u00a0000" in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    "typed", ["stage-thematique", "Thématique", "Stage thématique", "STAGE_THÉMATIQUE"]
)
def test_internship_as_she_types_it(cli: Run, tmp_path: Path, typed: str) -> None:
    result = cli(
        "assign",
        THEMATIQUE,
        "--students",
        students_file(tmp_path, GUIDE_STUDENTS),
        "--internship",
        typed,
        *TODAY,
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["internship"] == "thematique"


def test_an_offer_late_for_one_track_says_why(cli: Run, tmp_path: Path) -> None:
    """Open to the conservateurs, but submitted after their deadline (not the administrateurs')."""
    offers = tmp_path / "offres"
    shutil.copytree(THEMATIQUE, offers)
    colmar = offers / "colmar-thematique.toml"
    text = colmar.read_text(encoding="utf-8")
    colmar.write_text(text.replace("submitted = 2026-01-20", "submitted = 2026-02-05"))
    result = cli(
        "assign",
        str(offers),
        "--students",
        students_file(tmp_path, GUIDE_STUDENTS),
        "-i",
        "thematique",
        *TODAY,
        "-f",
        "json",
    )
    assert result.exit_code == 0, result.stderr
    assert "n'est pas ouverte" not in result.stderr
    line = next(x for x in result.stderr.splitlines() if "Inès Leroy" in x or "ligne 4" in x)
    assert "n'est pas valide pour la filière «\u00a0Conservateurs\u00a0»" in line
    assert "date limite" in line
    taken = {(a["student"], a["offer"]) for a in json.loads(result.stdout)["assignments"]}
    assert ("Inès Leroy", "colmar-thematique") not in taken


@pytest.mark.parametrize("typed", ["stage-thematique", "Stage thématique"])
def test_template_reads_the_internship_as_typed_too(cli: Run, typed: str) -> None:
    """The same resolution for every command that names an internship."""
    result = cli("template", typed, "--track", "administrateurs", *TODAY)
    assert result.exit_code == 0, result.stderr
    assert 'internship = "thematique"' in result.stdout
