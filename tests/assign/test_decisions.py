"""``assign --decisions``: the coordinator's decisions decide what is a place."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from tests.conftest import Run
from tests.offer_factory import offer_text

LATE = offer_text(offer__submitted=date(2026, 2, 17))  # D002 for the administrateurs
GOOD = offer_text(offer__title="Une autre mission, valide", host__name="Ville de Lyon")
STUDENTS = "nom;filière;vœu 1;vœu 2\nCamille Durand;administrateurs;tardive;bonne\n"
TODAY = "2026-03-01"


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "tardive.toml").write_text(LATE, encoding="utf-8")
    (folder / "bonne.toml").write_text(GOOD, encoding="utf-8")
    students = tmp_path / "eleves.csv"
    students.write_text(STUDENTS, encoding="utf-8")
    return folder, students


def _assigned(cli: Run, folder: Path, students: Path, *extra: str) -> dict[str, str]:
    result = cli(
        "assign", str(folder), "-s", str(students), "-i", "thematique",
        "--today", TODAY, "--format", "json", *extra,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    return {a["student"]: a["offer"] for a in document["assignments"]}


def test_without_decision_the_late_offer_is_not_a_place(cli: Run, tmp_path: Path) -> None:
    folder, students = _setup(tmp_path)
    assert _assigned(cli, folder, students) == {"Camille Durand": "bonne"}


def test_accepted_error_makes_a_place(cli: Run, tmp_path: Path) -> None:
    folder, students = _setup(tmp_path)
    (folder / "decisions.toml").write_text(
        '["tardive.toml"]\naccept = ["D002"]\nreason = "Accord de la direction"\n',
        encoding="utf-8",
    )
    assert _assigned(cli, folder, students) == {"Camille Durand": "tardive"}


def test_refused_offer_is_not_a_place_with_the_option(cli: Run, tmp_path: Path) -> None:
    folder, students = _setup(tmp_path)
    # She wants the valid offer first: only its refusal sends her to the late one.
    students.write_text(STUDENTS.replace("tardive;bonne", "bonne;tardive"), encoding="utf-8")
    elsewhere = tmp_path / "mes-decisions.toml"
    # The path is relative to the decisions file: the offer's folder is « offres ».
    elsewhere.write_text(
        '["offres/bonne.toml"]\nrefuse = true\nreason = "Doublon"\n'
        '["offres/tardive.toml"]\naccept = ["D002"]\nreason = "Accord"\n',
        encoding="utf-8",
    )
    assigned = _assigned(cli, folder, students, "--decisions", str(elsewhere))
    assert assigned == {"Camille Durand": "tardive"}
    # Without the option the file is not read: the late offer stays out.
    assert _assigned(cli, folder, students) == {"Camille Durand": "bonne"}


def test_help_names_the_option(cli: Run) -> None:
    result = cli("assign", "--help")
    assert "--decisions" in result.stdout


def test_copies_sent_from_two_addresses_are_one_place_as_report_counts_them(
    cli: Run, tmp_path: Path
) -> None:
    # Issue 23: copies of one offer (W002) are one dossier; report counts one place for
    # them, and assign must not fill both.
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "nancy.toml").write_text(GOOD, encoding="utf-8")
    copy = GOOD.replace("@", ".copie@", 1)
    assert copy != GOOD
    (folder / "nancy-2.toml").write_text(copy, encoding="utf-8")
    students = tmp_path / "eleves.csv"
    students.write_text(
        "nom;filière;vœu 1\nCamille Durand;administrateurs;nancy\n"
        "Louis Petit;administrateurs;nancy-2\n",
        encoding="utf-8",
    )
    report = cli("report", str(folder), "--today", TODAY, "--format", "json")
    rows = json.loads(report.stdout)["rows"]
    places = sum(
        r["places"] for r in rows
        if r["internship"] == "thematique" and r["track"] == "administrateurs"
    )  # fmt: skip
    assert places == 1
    assigned = _assigned(cli, folder, students)
    assert len(assigned) == places


def test_a_wish_for_a_copy_is_a_wish_for_its_place(cli: Run, tmp_path: Path) -> None:
    # Two copies of one offer are one place: a student naming either copy wished for it
    # (it once said « n'est pas valide » and placed her there « hors vœux »).
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "nancy.toml").write_text(GOOD, encoding="utf-8")
    (folder / "nancy-2.toml").write_text(GOOD.replace("@", ".copie@", 1), encoding="utf-8")
    students = tmp_path / "eleves.csv"
    # nancy-2.toml comes first: it is the place; she names the other copy.
    students.write_text("nom;filière;vœu 1\nLouis Petit;administrateurs;nancy\n", "utf-8")
    result = cli(
        "assign", str(folder), "-s", str(students), "-i", "thematique",
        "--today", TODAY, "--format", "json",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "pas valide" not in result.stderr
    (placed,) = json.loads(result.stdout)["assignments"]
    assert (placed["offer"], placed["rank"], placed["listed"]) == ("nancy-2", 1, True)
