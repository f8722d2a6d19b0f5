"""One verdict per offer and track (docs/reference/validate.md): worked examples, each through the outputs.

Each example of the issue is judged once by the batch (:mod:`inet_stages.batch.verdict`)
and every output here — ``validate`` (text and JSON), ``report`` (JSON and CSV) and
``assign`` — must say the same.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inet_stages.batch.check import Target, apply_decisions, check_files
from inet_stages.batch.decisions import read_decisions
from inet_stages.batch.verdict import judge
from inet_stages.findings import CODES, Finding
from tests.conftest import Run
from tests.offer_factory import CALENDAR, offer_text

ADM, CONS, ING = "administrateurs", "conservateurs", "ingenieurs"
TODAY = "2026-03-01"


def _validate(cli: Run, *paths: str) -> dict[str, dict[str, Any]]:
    result = cli("validate", *paths, "--today", TODAY, "--format", "json")
    document = json.loads(result.stdout)
    return {Path(f["path"]).name: f for f in document["files"]}


def _report(cli: Run, folder: Path) -> dict[str, Any]:
    result = cli("report", str(folder), "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    document: dict[str, Any] = json.loads(result.stdout)
    return document


def _row(document: dict[str, Any], internship: str, track: str) -> dict[str, Any]:
    return next(
        r for r in document["rows"] if r["internship"] == internship and r["track"] == track
    )


def _assigned(cli: Run, folder: Path, tmp_path: Path, track: str, internship: str) -> list[str]:
    """The offers ``assign`` gives a student of ``track`` who wishes for every one."""
    offers = sorted(p.stem for p in folder.glob("*.toml") if p.name != "decisions.toml")
    students = tmp_path / "eleves.csv"
    wishes = ";".join(f"vœu {i + 1}" for i in range(len(offers)))
    rows = [f"nom;filière;{wishes}"]
    # One student per offer, each wishing for that offer only: placed means eligible.
    rows += [f"Élève {o};{track};{o}" for o in offers]
    students.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = cli(
        "assign", str(folder), "-s", str(students), "-i", internship,
        "--today", TODAY, "--format", "json",
    )  # fmt: skip
    document = json.loads(result.stdout)
    return sorted(a["offer"] for a in document["assignments"] if a["rank"] == 1)


# --- the whole file's verdict from its findings --------------------------------------------


def _f(code: str, tracks: tuple[str, ...] | None = None, **kw: Any) -> Finding:
    return Finding(
        code=code, severity=CODES[code].severity, field=None, message="…", tracks=tracks, **kw
    )


def test_outcomes_from_findings() -> None:
    assert judge([], track=ADM).outcome == "retenue"
    assert judge([_f("W001")], track=ADM).outcome == "retenue_sous_reserve"
    assert judge([_f("T003")], track=ADM).outcome == "a_completer"
    late = judge([_f("D002", (CONS,)), _f("T003")], track=CONS)
    assert (late.outcome, late.cause, late.words) == ("non_retenue", "D002", "hors délai")
    # Another track's finding does not count; an accepted one no longer holds.
    assert judge([_f("D002", (CONS,))], track=ADM).outcome == "retenue"
    assert judge([_f("D002", accepted=True)], track=ADM).outcome == "retenue"
    # The coordination's own notes (X002–X004) do not hold the offer « sous réserve ».
    assert judge([_f("X004")], track=ADM).outcome == "retenue"
    assert judge([_f("X001")], track=ADM).words == "refusée par la coordination"


def test_curable_is_data_of_the_registry() -> None:
    final = {c for c, code in CODES.items() if code.severity == "error" and not code.curable}
    assert {"D002", "H001", "I003", "P002", "P006", "X001"} <= final
    assert {"T001", "T003", "D003", "P001", "S001"}.isdisjoint(final)


# --- late for one track ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("internship", "tracks", "submitted", "good", "bad", "cause"),
    [
        # Thématique: administrateurs until 16 February 2026, conservateurs until 30 January.
        ("thematique", [ADM, CONS], date(2026, 2, 10), ADM, CONS, "D002"),
        # Observation: administrateurs until 24 November 2025, ingénieurs until 30 January 2026.
        ("observation", [ADM, ING], date(2026, 1, 10), ING, ADM, "D002"),
        # No thématique for ingénieurs (I003 for them only).
        ("thematique", [ADM, ING], date(2026, 2, 10), ADM, ING, "I003"),
    ],
)
def test_valid_for_one_track_only_everywhere(
    cli: Run,
    tmp_path: Path,
    internship: str,
    tracks: list[str],
    submitted: date,
    good: str,
    bad: str,
    cause: str,
) -> None:
    folder = tmp_path / "offres"
    folder.mkdir()
    text = offer_text(internship, offer__tracks=tracks, offer__submitted=submitted)
    (folder / "deux.toml").write_text(text, encoding="utf-8")
    entry = _validate(cli, str(folder))["deux.toml"]
    assert entry["valid_tracks"] == [good]
    assert entry["outcomes"][good] in ("retenue", "retenue_sous_reserve")
    assert entry["outcomes"][bad] == "non_retenue"
    assert cause in {d["code"] for d in entry["diagnostics"]}
    # validate's text says both, in words.
    text_out = cli("validate", str(folder), "--today", TODAY).stdout
    short = {ADM: "Administrateurs", CONS: "Conservateurs", ING: "Ingénieurs"}
    verdict_line = next(x for x in text_out.splitlines() if x.startswith(f"{folder}/deux.toml: "))
    assert f"pour {short[good]}" in verdict_line and f"pour {short[bad]}" in verdict_line
    if cause == "D002":
        assert f"hors délai pour {short[bad]}" in verdict_line
    # report counts it for the good track only.
    document = _report(cli, folder)
    assert _row(document, internship, good)["valid"] == 1
    if any(r["internship"] == internship and r["track"] == bad for r in document["rows"]):
        assert _row(document, internship, bad)["valid"] == 0
    # assign places a student of the good track there, never one of the bad one.
    assert _assigned(cli, folder, tmp_path, good, internship) == ["deux"]
    if cause == "D002":
        assert _assigned(cli, folder, tmp_path, bad, internship) == []


def test_observation_tutored_by_the_dgs_for_two_tracks(cli: Run, tmp_path: Path) -> None:
    # The DGS suits the administrateurs; the conservateurs need the library's director.
    path = tmp_path / "obs.toml"
    path.write_text(offer_text("observation", offer__tracks=[ADM, CONS]), encoding="utf-8")
    entry = _validate(cli, str(path))["obs.toml"]
    assert entry["valid_tracks"] == [ADM]
    assert entry["outcomes"] == {ADM: "retenue", CONS: "a_completer"}


# --- copies and decisions ----------------------------------------------------------------


def _copies(tmp_path: Path, *, decisions: str | None, second_email: str | None = None) -> Path:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    changes: dict[str, Any] = {}
    if second_email is not None:
        changes["tutor__email"] = second_email
    (folder / "colmar-bis.toml").write_text(offer_text(**changes), encoding="utf-8")
    if decisions is not None:
        digest = hashlib.sha256((folder / "colmar-bis.toml").read_bytes()).hexdigest()
        (folder / "decisions.toml").write_text(decisions.format(sha=digest), encoding="utf-8")
    return folder


REFUSE_COPY = (
    '["colmar-bis.toml"]\nrefuse = true\nreason = "Doublon de l\'offre déjà retenue"\n'
    'sha256 = "{sha}"\n'
)


def test_refused_copy_refuses_that_copy_only(cli: Run, tmp_path: Path) -> None:
    folder = _copies(tmp_path, decisions=REFUSE_COPY)
    files = _validate(cli, str(folder))
    assert files["colmar.toml"]["outcomes"] == {ADM: "retenue"}  # W002 settled by the refusal
    assert files["colmar-bis.toml"]["outcomes"] == {ADM: "non_retenue"}
    assert files["colmar-bis.toml"]["decision"]["refused"] is True
    assert files["colmar.toml"]["decision"] is None
    assert _row(_report(cli, folder), "thematique", ADM)["valid"] == 1
    assert _assigned(cli, folder, tmp_path, ADM, "thematique") == ["colmar"]


def test_copies_without_decision_are_one_dossier_held_in_doubt(cli: Run, tmp_path: Path) -> None:
    folder = _copies(tmp_path, decisions=None)
    files = _validate(cli, str(folder))
    assert {f["outcomes"][ADM] for f in files.values()} == {"retenue_sous_reserve"}
    row = _row(_report(cli, folder), "thematique", ADM)
    assert (row["valid"], row["places"]) == (2, 1)


def test_look_alike_copies_with_two_addresses_are_two_addressees(tmp_path: Path) -> None:
    folder = _copies(tmp_path, decisions=None, second_email="Autre.Tuteur@example.fr")
    names = [str(folder / "colmar-bis.toml"), str(folder / "colmar.toml")]
    checked = check_files([Target(name=n, path=Path(n)) for n in names], CALENDAR, date(2026, 3, 1))
    (dossier,) = checked.verdicts.dossiers
    assert dossier.paths == tuple(names)
    assert [(a.address, a.paths) for a in dossier.addressees] == [
        ("Autre.Tuteur@example.fr", (names[0],)),
        ("camille.martin@example.fr", (names[1],)),
    ]
    assert all(a.usable for a in dossier.addressees)


def test_malformed_address_is_an_addressee_without_use(tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(offer_text(tutor__email="camille.martin@"), encoding="utf-8")
    checked = check_files([Target(name=str(path), path=path)], CALENDAR, date(2026, 3, 1))
    verdict = checked.verdicts.of(str(path))
    assert verdict.outcome == "a_completer"
    (addressee,) = checked.verdicts.dossier_of(str(path)).addressees
    assert addressee.usable is False


def test_decision_applied_is_part_of_the_verdict(tmp_path: Path) -> None:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "tard.toml").write_text(offer_text(offer__submitted=date(2026, 2, 17)), "utf-8")
    (folder / "decisions.toml").write_text(
        '["tard.toml"]\naccept = ["D002"]\nreason = "Accord de la direction"\n', "utf-8"
    )
    name = str(folder / "tard.toml")
    checked = check_files([Target(name=name, path=Path(name))], CALENDAR, date(2026, 3, 1))
    decided = apply_decisions(checked, [read_decisions(folder / "decisions.toml")])
    (file,) = decided.files
    assert decided.verdicts.of(name).outcome == "retenue"
    assert file.decision is not None and file.decision.accepted == ("D002",)
    assert file.calendar == "2026-2027" and file.promotion_why


# --- validate's text ---------------------------------------------------------------------


def test_every_finding_line_says_its_severity_in_words(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(
        offer_text(offer__description="Mission RH.", tutor__email="camille.martin@"), "utf-8"
    )
    out = cli("validate", str(path), "--today", TODAY).stdout
    assert f"{path}:" in out
    assert "W001 (avertissement)" in out and "T003 (erreur)" in out
    assert f"{path}: à compléter" in out.splitlines()


def test_a_file_with_warnings_only_gets_a_verdict_line(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "x.toml"
    path.write_text(offer_text(offer__description="Mission RH."), "utf-8")
    result = cli("validate", str(path), "--today", TODAY)
    assert result.exit_code == 0
    assert f"{path}: valide sous réserve" in result.stdout


# --- CSV ---------------------------------------------------------------------------------


def _csv_rows(data: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.lstrip("\ufeff"), newline=""), delimiter=";"))


@pytest.mark.parametrize("header", ["fr", "ids"])
def test_report_csv_has_a_header_per_cell_and_quotes_commas(
    cli: Run, tmp_path: Path, header: str
) -> None:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "a.toml").write_text(offer_text(host__name="Ville de Colmar, mairie"), "utf-8")
    result = cli("report", str(folder), "--today", TODAY, "--format", "csv", "--header", header)
    assert result.exit_code == 0, result.stderr
    rows = _csv_rows(result.stdout)
    assert {len(r) for r in rows} == {len(rows[0])}
    assert ("shared" in rows[0]) == (header == "ids")
    # A comma in a cell is quoted, so that LibreOffice (splitting on « , » too) keeps the row.
    line = next(x for x in result.stdout.splitlines() if "Colmar" in x)
    assert '"Ville de Colmar, mairie"' in line


def test_the_one_csv_writer() -> None:
    from inet_stages.render.csv import write_table

    data = write_table(("a", "b"), [("x;y", 'dit "oui"'), ("1,5", "ligne\nsuivante")])
    text = data.decode("utf-8")
    assert text.startswith("\ufeffa;b\r\n")
    assert '"x;y";"dit ""oui"""\r\n' in text and '"1,5";"ligne\nsuivante"' in text
    with pytest.raises(ValueError):
        write_table(("a", "b"), [("seul",)])


# --- cohorts per promotion -----------------------------------------------------------------


def test_cohort_may_name_its_promotion() -> None:
    from inet_stages.report.tally import CohortError, cohorts_by_promotion, cohorts_for

    given = cohorts_by_promotion(
        ["administrateurs=40", "2027-2028:administrateurs=35", "2027-2028:ingenieurs=20"],
        CALENDAR.track_ids,
        ["2026-2027", "2027-2028"],
    )
    assert cohorts_for(given, "2026-2027") == {ADM: 40}
    assert cohorts_for(given, "2027-2028") == {ADM: 35, ING: 20}
    with pytest.raises(CohortError, match="2031-2032"):
        cohorts_by_promotion(["2031-2032:administrateurs=3"], CALENDAR.track_ids, ["2026-2027"])


def test_cohort_of_another_promotion_leaves_this_one_alone(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "offres"
    folder.mkdir()
    result = cli(
        "report", str(folder), "--today", TODAY, "--format", "json",
        "--cohort", "2026-2027:administrateurs=12",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert _row(json.loads(result.stdout), "thematique", ADM)["cohort"] == 12
    unknown = cli(
        "report", str(folder), "--today", TODAY, "--cohort", "2031-2032:administrateurs=3"
    )
    assert unknown.exit_code == 2 and "2031-2032" in unknown.stderr
