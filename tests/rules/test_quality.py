"""W: a description long enough, duplicates in a batch flagged on both files."""

from __future__ import annotations

from pathlib import Path

from inet_stages.batch.check import Target, check_files
from tests.offer_factory import CALENDAR, TODAY, codes, offer_text


def test_short_description_is_a_warning() -> None:
    assert codes(offer__description="Mission RH.") == {("W001", "offer.description")}
    fourteen = " ".join(["mot"] * 14)
    assert codes(offer__description=fourteen) == {("W001", "offer.description")}
    assert codes(offer__description=fourteen + " encore") == set()


def test_duplicates_flagged_on_both_files(tmp_path: Path) -> None:
    first = tmp_path / "a.toml"
    second = tmp_path / "b.toml"
    other = tmp_path / "c.toml"
    first.write_text(offer_text(), encoding="utf-8")
    # Same host and title, written differently: still the same offer.
    second.write_text(
        offer_text(
            host__name="VILLE DE  COLMAR",
            offer__title="Diagnostic et plan de lutte contre l'absenteisme",
        ),
        encoding="utf-8",
    )
    other.write_text(offer_text(offer__title="Autre mission"), encoding="utf-8")
    targets = [Target(name=p.name, path=p) for p in (first, second, other)]
    report = check_files(targets, CALENDAR, TODAY)
    found = {f.path: [(d.code, d.severity) for d in f.findings] for f in report.files}
    assert found == {
        "a.toml": [("W002", "warning")],
        "b.toml": [("W002", "warning")],
        "c.toml": [],
    }
    assert "b.toml" in report.files[0].findings[0].message
    assert report.valid == 3


def test_many_duplicates_name_a_few_others(tmp_path: Path) -> None:
    targets = []
    for number in range(6):
        path = tmp_path / f"copy{number}.toml"
        path.write_text(offer_text(), encoding="utf-8")
        targets.append(Target(name=path.name, path=path))
    report = check_files(targets, CALENDAR, TODAY)
    (first,) = report.files[0].findings
    assert first.message.startswith(
        "même structure, même stage et même intitulé que copy1.toml, copy2.toml, copy3.toml "
        "et 2 autres"
    )
    assert report.warnings == 6
