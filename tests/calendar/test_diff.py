"""``calendar diff`` on two small calendars."""

from __future__ import annotations

import json
from pathlib import Path

from tests.calendars import OBSERVATION, window, write
from tests.conftest import Run, fr


def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Last year's and this year's small calendars, with one change of each kind."""
    old = write(
        tmp_path,
        OBSERVATION,
        window("thematique", "2026-05-26", "2026-07-10", 7, "2026-02-16"),
        window("ouverture", "2027-02-01", "2027-02-26", 4),
        name="old.toml",
    )
    new = write(
        tmp_path,
        # Observation: moved 52 weeks, one week shorter, deadline moved three days.
        window("observation", "2027-03-29", "2027-04-16", 3, "2026-11-26"),
        # Thématique: deadline removed. Ouverture: removed. Perfectionnement: added.
        window("thematique", "2026-05-26", "2026-07-10", 7),
        window("perfectionnement", "2027-02-01", "2027-03-19", 7, "2026-10-15"),
        name="new.toml",
        year="2027-2028",
        school=("2026-01-05", "2027-07-31"),
    )
    return old, new


def test_diff_json_lists_each_change(cli: Run, tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    result = cli("calendar", "diff", str(old), str(new), "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["old"] == {"calendar": "2026-2027", "path": str(old)}
    assert document["new"]["calendar"] == "2027-2028"
    found = [
        (c["kind"], c["internship"], c["field"], c["days"], c["weeks"]) for c in document["changes"]
    ]
    assert found == [
        ("schooling_moved", None, "schooling.end", 1, None),
        ("start_moved", "observation", "start", 364, 52),
        ("end_moved", "observation", "end", 357, 51),
        ("weeks_changed", "observation", "weeks", None, None),
        ("deadline_moved", "observation", "offers_deadline", 367, None),
        ("deadline_removed", "thematique", "offers_deadline", None, None),
        ("window_added", "perfectionnement", "window", None, None),
        ("window_removed", "ouverture", "window", None, None),
    ]
    assert document["summary"] == {"changes": 8}
    assert all(c["track"] == "administrateurs" for c in document["changes"])


def test_diff_text_groups_by_track_and_internship(cli: Run, tmp_path: Path) -> None:
    old, new = pair(tmp_path)
    result = cli("calendar", "diff", str(old), str(new))
    assert result.exit_code == 0
    expected = """\
8 changements.

Administrateurs
  scolarité, fin : ven. 30 juil. 2027 → sam. 31 juil. 2027 (+1 j)
  Stage d'observation
    début : lun. 30 mars 2026 → lun. 29 mars 2027 (+364 j, +52 sem.)
    fin : ven. 24 avr. 2026 → ven. 16 avr. 2027 (+357 j, +51 sem.)
    durée : 4 semaines → 3 semaines
    date limite : lun. 24 nov. 2025 → jeu. 26 nov. 2026 (+367 j)
  Stage thématique
    date limite de dépôt retirée (c'était le lun. 16 févr. 2026)
  « Perfectionnement » : fenêtre ajoutée, du 1er février au 19 mars 2027
  « Ouverture » : fenêtre retirée (c'était du 1er au 26 février 2027)
"""
    assert result.stdout.endswith(fr(expected))
    assert all(len(line) <= 80 for line in expected.splitlines())


def test_identical_calendars(cli: Run, tmp_path: Path) -> None:
    old = write(tmp_path, OBSERVATION, name="a.toml")
    new = write(tmp_path, OBSERVATION, name="b.toml")
    result = cli("calendar", "diff", str(old), str(new))
    assert result.stdout.endswith("Aucune différence.\n")
    assert (
        json.loads(cli("calendar", "diff", str(old), str(new), "-f", "json").stdout)["changes"]
        == []
    )


def test_diff_by_school_year_and_bad_file(cli: Run, tmp_path: Path) -> None:
    new = write(tmp_path, OBSERVATION)
    result = cli("calendar", "diff", "2026-2027", str(new), "-f", "json")
    assert result.exit_code == 0
    assert json.loads(result.stdout)["old"]["calendar"] == "2026-2027"
    broken = tmp_path / "broken.toml"
    broken.write_text("= 1\n", encoding="utf-8")
    failed = cli("calendar", "diff", "2026-2027", str(broken))
    assert failed.exit_code == 2
    assert "broken.toml:1" in failed.stderr


def test_diff_rules_tutor_hosts_and_thresholds(cli: Run, tmp_path: Path) -> None:
    rules = """
[internships.projet_collectif]
hosts = "{hosts}"
collective = {{ population_more_than = {population}, students_per_project = 4, fee_eur = 4000 }}
windows = {{}}
"""
    old = write(
        tmp_path,
        OBSERVATION + 'tutor = "dgs"\n',
        rules.format(hosts="territorial", population=40000),
        name="old.toml",
    )
    new = write(
        tmp_path,
        OBSERVATION,
        rules.format(hosts="any", population=50000),
        name="new.toml",
    )
    result = cli("calendar", "diff", str(old), str(new))
    assert result.exit_code == 0, result.stderr
    assert result.stdout.endswith(
        fr("""\
Administrateurs
  Stage d'observation
    tuteur exigé : dgs → aucun

Règles des stages
  « Projets collectifs (inter-filières) » : structures d'accueil territorial → any
  « Projets collectifs (inter-filières) » : population (strictement plus de) 40000 → 50000
""")
    )
