"""The packaged calendar says what the brochure says."""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import zipfile
from pathlib import Path

from inet_stages.calendar import load_calendar, packaged_path
from tests.brochure import CONSERVATEURS_OBSERVATION_ALTERNATIVES, SCHOOLING, WINDOWS
from tests.conftest import REPO


def test_every_window_matches_the_brochure() -> None:
    calendar = load_calendar()
    found = {
        (w.track, w.internship): (w.start, w.end, w.weeks, w.offers_deadline)
        for w in calendar.windows
    }
    assert found == WINDOWS


def test_schooling_periods() -> None:
    calendar = load_calendar()
    assert {t.id: (t.schooling.start, t.schooling.end) for t in calendar.tracks} == SCHOOLING
    assert [t.id for t in calendar.tracks] == ["administrateurs", "conservateurs", "ingenieurs"]


def test_conservateurs_observation_alternatives() -> None:
    window = load_calendar().window("conservateurs", "observation")
    assert window is not None
    assert [(p.start, p.end) for p in window.alternatives] == list(
        CONSERVATEURS_OBSERVATION_ALTERNATIVES
    )


def test_projets_collectifs_thresholds() -> None:
    internship = load_calendar().internship("projet_collectif")
    assert internship.collective is not None
    assert internship.collective.population_more_than == 40_000
    assert internship.collective.students_per_project == 4
    assert internship.collective.fee_eur == 4_000


def test_hosts_and_tutors() -> None:
    calendar = load_calendar()
    policies = {i.id: i.hosts for i in calendar.internships}
    assert policies == {
        "observation": "territorial",
        "thematique": "territorial",
        "projet_collectif": "territorial",
        "ouverture": "any",
        "perfectionnement": "territorial_preferred",
        "professionnalisation": "territorial",
    }
    tutors = {(w.track, w.internship): w.tutor for w in calendar.windows if w.tutor}
    assert tutors == {
        ("administrateurs", "observation"): "dgs",
        ("ingenieurs", "observation"): "dgs",
        ("conservateurs", "observation"): "directeur_bibliotheque",
        ("administrateurs", "projet_collectif"): "direction_generale",
        ("conservateurs", "projet_collectif"): "direction_generale",
        ("ingenieurs", "projet_collectif"): "direction_generale",
    }


def test_contact_and_year() -> None:
    calendar = load_calendar()
    assert calendar.school_year == "2026-2027"
    assert not calendar.draft
    assert calendar.contact.email == "stages.inet@cnfpt.fr"
    assert calendar.contact.name == "Ingrid Vibet"
    assert calendar.contact.phone == "03 88 15 53 69"


def test_every_internship_carries_the_brochure_text() -> None:
    calendar = load_calendar()
    for internship in calendar.internships:
        assert internship.purpose, internship.id
        assert internship.objectives, internship.id
    assert len(calendar.internship("thematique").examples) == 6
    conservateurs = calendar.window("conservateurs", "thematique")
    assert conservateurs is not None
    assert conservateurs.examples is not None
    assert len(conservateurs.examples) == 6


def test_contradictions_are_commented() -> None:
    text = packaged_path().read_text(encoding="utf-8")
    assert "13 semaines" in text  # the conservateurs' professionnalisation
    assert "Fin scolarité" in text  # the ingénieurs' end of schooling
    assert "stages.inet.cnfpt.fr" in text  # the contact printed two ways


def test_the_wheel_ships_the_calendar(tmp_path: Path) -> None:
    """`uv build` makes the sdist, then the wheel from the sdist: both carry the calendar."""
    # `uv run` names itself in UV, whatever PATH holds (uv may be called by its path).
    uv = os.environ.get("UV") or shutil.which("uv")
    assert uv is not None, "the test command runs under uv (UV names it)"
    subprocess.run(
        [uv, "build", "--out-dir", str(tmp_path), str(REPO)],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "inet_stages/data/calendar_2026_27.toml" in names
    # Package data (letter templates…) ships too: every non-Python file of the package.
    package = REPO / "src" / "inet_stages"
    for path in package.rglob("*"):
        if (
            path.is_file()
            and path.suffix not in (".py", ".pyc")
            and "__pycache__" not in path.parts
        ):
            assert f"inet_stages/{path.relative_to(package).as_posix()}" in names
    (sdist,) = tmp_path.glob("*.tar.gz")
    with tarfile.open(sdist) as archive:
        members = archive.getnames()
    assert any(m.endswith("/data/calendar_2026_27.toml") for m in members)


def test_the_calendar_has_one_copy_in_the_repository() -> None:
    """The design card's place, data/ at the top; no second copy inside src/."""
    copies = [p for p in REPO.rglob("calendar_2026_27.toml") if ".venv" not in p.parts]
    copies = [p for p in copies if "tests" not in p.relative_to(REPO).parts[:1]]
    assert [p.relative_to(REPO).as_posix() for p in copies] == ["data/calendar_2026_27.toml"]
