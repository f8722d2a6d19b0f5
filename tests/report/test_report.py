"""``inet-stages report``: counts per internship and track, duplicates, JSON, CSV, letters.

The batch is ``tests/data/report/`` (its README says what each file is),
checked on 2026-01-20: some offer deadlines are past, others still ahead.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from inet_stages.batch.check import Target, check_files
from inet_stages.calendar import load_calendar, packaged_path
from inet_stages.cli.report_cmd import wants_progress
from inet_stages.report.tally import CohortError, Row, Tally, letter_names, parse_cohorts, tally
from tests.conftest import REPO, TESTS, Run, fr
from tests.offer_factory import CALENDAR, offer_text

DATA = "tests/data/report"
TODAY = "2026-01-20"
GOLDEN = TESTS / "golden" / "report"
UPDATE = os.environ.get("INET_STAGES_UPDATE_GOLDEN") == "1"
TRACKS = ("administrateurs", "conservateurs", "ingenieurs")
COHORTS = ("--cohort", "administrateurs=3", "--cohort", "Conservatrices=2", "--cohort", "ing=2")


def golden(name: str, actual: str) -> None:
    """Compare with tests/golden/report/NAME (rewrite it with INET_STAGES_UPDATE_GOLDEN=1)."""
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    assert actual == path.read_text(encoding="utf-8")


@pytest.fixture
def in_repo(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(REPO)


def report_json(cli: Run, *args: str) -> dict[str, object]:
    result = cli("report", DATA, "--today", TODAY, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def counts(document: dict[str, object]) -> list[tuple[object, ...]]:
    rows = document["rows"]
    assert isinstance(rows, list)
    keys: tuple[str, ...] = ("internship", "track", "valid", "invalid", "with_warnings")
    keys += ("places", "cohort", "missing")
    return [tuple(row[k] for k in keys) for row in rows]


# --- Counts ------------------------------------------------------------------------


@pytest.mark.usefixtures("in_repo")
def test_counts_of_every_window_even_empty(cli: Run) -> None:
    document = report_json(cli)
    assert counts(document) == [
        # internship, track, valid, invalid, with_warnings, places, cohort, missing
        ("observation", "administrateurs", 0, 1, 0, 0, None, None),
        ("observation", "conservateurs", 0, 0, 0, 0, None, None),
        ("observation", "ingenieurs", 1, 0, 0, 1, None, None),
        # colmar.toml and its copy: two valid files with W002, one place.
        ("thematique", "administrateurs", 2, 0, 2, 1, None, None),
        ("thematique", "conservateurs", 0, 1, 0, 0, None, None),
        # Projets collectifs: one row for the three tracks, 4 places per valid offer.
        ("projet_collectif", None, 2, 0, 0, 8, None, None),
        ("ouverture", "administrateurs", 0, 0, 0, 0, None, None),
        ("ouverture", "conservateurs", 0, 0, 0, 0, None, None),
        ("perfectionnement", "ingenieurs", 1, 0, 1, 1, None, None),
        ("professionnalisation", "administrateurs", 0, 0, 0, 0, None, None),
        ("professionnalisation", "conservateurs", 0, 0, 0, 0, None, None),
    ]


@pytest.mark.usefixtures("in_repo")
def test_cohorts_give_missing_and_sum_for_projets_collectifs(cli: Run) -> None:
    document = report_json(cli, *COHORTS)
    by_key = {(c[0], c[1]): c[5:] for c in counts(document)}
    assert by_key[("observation", "administrateurs")] == (0, 3, 3)
    assert by_key[("thematique", "administrateurs")] == (1, 3, 2)
    # 3 + 2 + 2 students, 8 places: nobody missing (never negative).
    assert by_key[("projet_collectif", None)] == (8, 7, 0)
    assert by_key[("perfectionnement", "ingenieurs")] == (1, 2, 1)
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert summary["short"] == 10


@pytest.mark.usefixtures("in_repo")
def test_duplicates_and_unclassified(cli: Run) -> None:
    document = report_json(cli)
    assert document["duplicates"] == [[f"{DATA}/colmar-copie.toml", f"{DATA}/colmar.toml"]]
    assert document["unclassified"] == 3
    assert document["unclassified_files"] == [
        {"path": f"{DATA}/casse.toml", "reason": "unreadable"},
        {"path": f"{DATA}/inconnu.toml", "reason": "internship"},
        {"path": f"{DATA}/ingenieurs-thematique.toml", "reason": "no_window"},
    ]
    assert document["summary"] == {
        "files": 11,
        "valid": 6,
        "invalid": 5,
        "with_warnings": 3,
        "unclassified": 3,
        "short": 0,
        # 2 projets collectifs × 4 students, 3 individual offers (the copy adds none).
        "places": 11,
    }


@pytest.mark.usefixtures("in_repo")
def test_json_shape(cli: Run) -> None:
    document = report_json(cli)
    assert list(document) == [
        "version",
        "calendar",
        "today",
        "rows",
        "unclassified",
        "unclassified_files",
        "duplicates",
        "summary",
    ]
    assert document["version"] == 1
    assert document["calendar"] == "2026-2027"
    assert document["today"] == TODAY
    rows = document["rows"]
    assert isinstance(rows, list)
    assert rows[5] == {
        "internship": "projet_collectif",
        "track": None,
        "tracks": list(TRACKS),
        "valid": 2,
        "invalid": 0,
        "with_warnings": 0,
        "places": 8,
        "cohort": None,
        "missing": None,
        "hosts": ["Eurométropole de Strasbourg", "Ville de Mulhouse"],
        "offers_deadline": "2026-06-19",
        "shared": 0,
        "assigned": None,
    }
    golden("report.json", json.dumps(document, ensure_ascii=False, indent=2) + "\n")


def test_calendar_cohort_used_and_overridden(cli: Run, tmp_path: Path) -> None:
    text = packaged_path().read_text(encoding="utf-8")
    marker = 'short = "Administrateurs"\n'
    assert marker in text
    calendar = tmp_path / "calendrier.toml"
    calendar.write_text(text.replace(marker, marker + "cohort = 40\n"), encoding="utf-8")
    (tmp_path / "offres").mkdir()
    args = ("--calendar", str(calendar), "report", str(tmp_path / "offres"), "--format", "json")
    rows = json.loads(cli(*args).stdout)["rows"]
    assert [(r["cohort"], r["missing"]) for r in rows[:3]] == [(40, 40), (None, None), (None, None)]
    # Projets collectifs: the sum only when the three cohorts are known.
    assert rows[5]["cohort"] is None
    rows = json.loads(
        cli(*args, "--cohort", "administrateurs=12", "-c", "cons=3", "-c", "ing=5").stdout
    )["rows"]
    assert rows[0]["cohort"] == 12
    assert (rows[5]["cohort"], rows[5]["missing"]) == (20, 20)


# --- Table and CSV -------------------------------------------------------------------


@pytest.mark.usefixtures("in_repo")
def test_table_golden(cli: Run) -> None:
    result = cli("report", DATA, "--today", TODAY, *COHORTS)
    assert result.exit_code == 0
    assert result.stderr == ""
    # Every line fits 80 columns, the file lists too (they wrap between words).
    assert all(len(line) <= 80 for line in result.stdout.splitlines())
    # Shortages read without colour: a mark, not only red (a table row: not typeset).
    assert "  Administrateurs            0           1        0        0        3      ! 3" in str(
        result.stdout
    )
    golden("report.txt", result.stdout)


@pytest.mark.usefixtures("in_repo")
def test_table_without_cohorts_says_how_to_give_them(cli: Run) -> None:
    result = cli("report", DATA, "--today", TODAY)
    assert "--cohort FILIÈRE=NOMBRE" in result.stdout
    assert " ".join(result.stdout.split()).endswith("manques inconnus sans effectifs (--cohort).")


@pytest.mark.usefixtures("in_repo")
def test_csv_like_export_csv(cli: Run) -> None:
    result = cli("report", DATA, "--today", TODAY, "--format", "csv", "--header", "ids", *COHORTS)
    assert result.exit_code == 0
    french = cli("report", DATA, "--today", TODAY, "--format", "csv", *COHORTS).stdout
    assert french.lstrip("\ufeff").startswith("Stage (code);Stage;Filière (code);Filière;")
    raw = result.stdout
    assert raw.startswith("\ufeff")
    lines = raw[1:].split("\r\n")
    assert lines[0] == (
        "internship;internship_label;track;track_label;tracks;valid;invalid;with_warnings;"
        "places;cohort;missing;offers_deadline;hosts;shared;assigned"
    )
    assert lines[6] == (
        "projet_collectif;Projets collectifs (inter-filières);;Toutes les filières;"
        "administrateurs conservateurs ingenieurs;2;0;0;8;7;0;2026-06-19;"
        "Eurométropole de Strasbourg | Ville de Mulhouse;0;"
    )
    assert len(lines) == 13  # header, 11 rows, the final line end
    assert "non classées" in result.stderr


# --- Letters -------------------------------------------------------------------------


def test_letters_folder_that_is_a_file(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "lettres"
    target.write_text("", encoding="utf-8")
    result = cli("report", str(tmp_path), "--letters", str(target), "--today", TODAY)
    assert result.exit_code == 2
    assert "n'est pas un dossier" in result.stderr


def test_letters_folder_that_cannot_be_made_stops_before_any_output(
    cli: Run, tmp_path: Path
) -> None:
    blocker = tmp_path / "fichier"
    blocker.write_text("", encoding="utf-8")
    result = cli("report", DATA, "--letters", str(blocker / "lettres"), "--today", TODAY)
    assert result.exit_code == 2
    assert "impossible de créer le dossier" in result.stderr
    assert result.stdout == ""


def test_letter_names() -> None:
    assert letter_names(["offres/colmar.toml", "metz.toml"]) == {
        "offres/colmar.toml": "colmar.md",
        "metz.toml": "metz.md",
    }
    names = letter_names(["a/x/colmar.toml", "b/x/colmar.toml", "b/y/Colmar.toml"])
    # Colliding stems: a hash of the path, never the coordinator's folder names.
    assert len({n.casefold() for n in names.values()}) == 3
    assert all(n.startswith(("colmar-", "Colmar-")) and len(n) == 18 for n in names.values())
    assert letter_names(["b/x/colmar.toml", "a/x/colmar.toml"]) == {
        p: names[p] for p in ("b/x/colmar.toml", "a/x/colmar.toml")
    }  # stable whatever the order


# --- Options, exit codes, progress -----------------------------------------------------

CALENDAR_TRACKS = load_calendar().track_ids


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["administrateurs=40"], {"administrateurs": 40}),
        (["Ingénieurs = 25", "conservatrices=0"], {"ingenieurs": 25, "conservateurs": 0}),
        (["adm=1_000", "adm=1000"], {"administrateurs": 1000}),
    ],
)
def test_parse_cohorts(values: list[str], expected: dict[str, int]) -> None:
    assert parse_cohorts(values, CALENDAR_TRACKS) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("x", "forme attendue FILIÈRE=NOMBRE"),
        ("=abc", "la filière manque"),
        ("administrateurs=abc", "n'est pas un nombre d'élèves"),
        ("administrateurs=-3", "n'est pas un nombre d'élèves"),
        ("administrateurs=", "n'est pas un nombre d'élèves"),
        ("administrateurs=²", "n'est pas un nombre d'élèves"),
        ("administrateurs=99999", "Au plus 10000"),
        ("architectes=4", "filière inconnue"),
        ("patrimoine=4", "INP"),
    ],
)
def test_parse_cohorts_refusals(value: str, message: str) -> None:
    with pytest.raises(CohortError) as caught:
        parse_cohorts([value], CALENDAR_TRACKS)
    assert message in caught.value.message


def test_cohort_given_twice_differently() -> None:
    with pytest.raises(CohortError, match="donnée deux fois"):
        parse_cohorts(["adm=3", "administrateurs=4"], CALENDAR_TRACKS)


@pytest.mark.parametrize("value", ["x", "=abc", "administrateurs=abc"])
def test_cohort_usage_errors_exit_2_in_french(cli: Run, tmp_path: Path, value: str) -> None:
    result = cli("report", str(tmp_path), "--cohort", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(fr("inet-stages : erreur : --cohort : "))
    assert "Traceback" not in result.stderr


def test_bad_format_exits_2(cli: Run, tmp_path: Path) -> None:
    result = cli("report", str(tmp_path), "--format", "xml")
    assert result.exit_code == 2
    assert "table, json, csv" in result.stderr


@pytest.mark.usefixtures("in_repo")
def test_invalid_offers_still_exit_0(cli: Run) -> None:
    result = cli("report", f"{DATA}/lunel.toml", "--today", TODAY)
    assert result.exit_code == 0
    assert "1 invalide" in result.stdout


@pytest.mark.parametrize("output", ["json", "table", "csv"])
def test_missing_path_prints_nothing_but_the_error(cli: Run, tmp_path: Path, output: str) -> None:
    # FOUND 1: a table of zeros above the error read as a result; paths come first.
    (tmp_path / "ok.toml").write_text(offer_text(), encoding="utf-8")
    result = cli(
        "report", str(tmp_path / "ok.toml"), str(tmp_path / "absent.toml"), "--format", output
    )
    assert result.exit_code == 2
    assert fr("absent.toml : fichier ou dossier introuvable") in result.stderr
    assert result.stdout == ""
    missing_folder = cli("report", str(tmp_path / "offre"), "--today", TODAY)
    assert missing_folder.exit_code == 2
    assert missing_folder.stdout == ""


def test_empty_folder_gives_every_window_at_zero(cli: Run, tmp_path: Path) -> None:
    result = cli("report", str(tmp_path), "--format", "json", "--today", TODAY)
    assert result.exit_code == 0
    rows = json.loads(result.stdout)["rows"]
    assert len(rows) == 11
    assert {r["valid"] + r["invalid"] for r in rows} == {0}


def test_hosts_from_files_are_cleaned_on_the_terminal(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        offer_text(host__name="Ville [bold]de[/bold] \x1b]8;;http://x\x07Colmar"),
        encoding="utf-8",
    )
    result = cli("report", str(tmp_path), "--today", TODAY)
    assert "\x1b" not in result.stdout
    assert "\x07" not in result.stdout
    assert "Ville [bold]de[/bold] \\x1b]8;;http://x\\x07Colmar" in " ".join(result.stdout.split())


def test_no_progress_bar_off_a_terminal(cli: Run, tmp_path: Path) -> None:
    for index in range(35):
        (tmp_path / f"o{index:02}.toml").write_text(
            offer_text(offer__title=f"Mission {index}"), encoding="utf-8"
        )
    result = cli("report", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 0
    assert result.stderr == ""


@pytest.mark.parametrize(
    ("files", "terminal", "output_format", "expected"),
    [
        (31, True, "table", True),
        (31, True, "csv", True),
        (30, True, "table", False),
        (500, False, "table", False),
        (500, True, "json", False),
    ],
)
def test_progress_only_for_long_batches_on_a_terminal(
    files: int, terminal: bool, output_format: str, expected: bool
) -> None:
    assert wants_progress(files, terminal=terminal, output_format=output_format) is expected


def test_help_teaches(cli: Run) -> None:
    result = cli("report", "--help")
    assert result.exit_code == 0
    assert "--cohort" in result.stdout
    assert "inet-stages report offres/ --letters reponses/" in result.stdout
    assert fr("Code de sortie : 0") in result.stdout


# --- The core, without the CLI ---------------------------------------------------------


def _tally_of(tmp_path: Path, texts: dict[str, str], **cohorts: int) -> Tally:
    targets = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        targets.append(Target(name=name, path=path))
    checked = check_files(targets, CALENDAR, date(2026, 1, 20), keep_offers=True)
    return tally(CALENDAR, checked, cohorts)


def _row(counted: Tally, internship: str, track: str | None) -> Row:
    return next(r for r in counted.rows if (r.internship, r.track) == (internship, track))


def test_an_offer_for_two_tracks_is_one_place(tmp_path: Path) -> None:
    both = offer_text(
        offer__tracks=["administrateurs", "conservateurs"], offer__submitted=date(2026, 1, 15)
    )
    counted = _tally_of(tmp_path, {"a.toml": both}, administrateurs=1, conservateurs=1)
    rows = [_row(counted, "thematique", t) for t in ("administrateurs", "conservateurs")]
    for row in rows:
        assert (row.valid, row.places, row.shared, row.hosts) == (1, 1, 1, ("Ville de Colmar",))
    # One place for two students: one of them is missing, not none.
    assert sum(row.missing or 0 for row in rows) == 1
    assert counted.places == 1


def test_an_invalid_copy_of_a_valid_offer_adds_no_place(tmp_path: Path) -> None:
    counted = _tally_of(
        tmp_path,
        {"a.toml": offer_text(), "b.toml": offer_text(tutor__email="x@y"), "c.toml": offer_text()},
    )
    row = _row(counted, "thematique", "administrateurs")
    assert (row.valid, row.invalid, row.places) == (2, 1, 1)
    assert counted.duplicates == (("a.toml", "b.toml", "c.toml"),)


def test_without_kept_offers_every_file_is_unclassified(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(offer_text(), encoding="utf-8")
    checked = check_files([Target(name="a.toml", path=path)], CALENDAR, date(2026, 1, 20))
    assert checked.files[0].offer is None  # validate's default: spare the memory
    assert tally(CALENDAR, checked, {}).unclassified[0].reason == "unreadable"


@pytest.mark.usefixtures("in_repo")
@pytest.mark.parametrize(
    ("path", "cohorts", "ending"),
    [
        (f"{DATA}/lot2", ("-c", "ingenieurs=1"), "sur 1 ligne (Perfectionnement · Ingénieurs)."),
        (f"{DATA}/lot2", ("-c", "ingenieurs=0"), "suffisantes partout où l'effectif est connu."),
        (f"{DATA}/lot2", COHORTS, "places insuffisantes sur toutes les lignes (11)."),
        (DATA, COHORTS, "places insuffisantes sur 10 des 11 lignes."),
    ],
)
def test_summary_names_the_shortages(
    cli: Run, path: str, cohorts: tuple[str, ...], ending: str
) -> None:
    result = cli("report", path, "--today", TODAY, *cohorts)
    assert " ".join(result.stdout.split()).endswith(ending)


@pytest.mark.usefixtures("in_repo")
def test_csv_french_header_names_every_column(cli: Run) -> None:
    """The French header has one name per column of the rows (shared and assigned places too)."""
    import csv as csvlib

    text = cli("report", DATA, "--today", TODAY, "--format", "csv", *COHORTS).stdout
    rows = list(csvlib.reader(text.lstrip("\ufeff").splitlines(), delimiter=";"))
    assert {len(row) for row in rows} == {len(rows[0])}
    assert rows[0][-2:] == ["Places partagées avec une autre filière", "Places attribuées"]
