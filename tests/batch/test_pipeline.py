"""The batch pipeline every command shares: collect, check, then the decisions, in that order."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from inet_stages.batch.check import collect
from inet_stages.batch.pipeline import by_promotion, check_batch, decisions_of
from inet_stages.calendar import load_calendar
from inet_stages.offer.promotion import chooser
from tests.offer_factory import offer_text

LATE = offer_text(offer__submitted=date(2026, 2, 17))  # D002 for the administrateurs
TODAY = date(2026, 3, 1)


def _folder(tmp_path: Path, decisions: str) -> Path:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "tard.toml").write_text(LATE, encoding="utf-8")
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def test_the_folders_decisions_are_found_and_applied(tmp_path: Path) -> None:
    folder = _folder(tmp_path, '["tard.toml"]\naccept = ["D002"]\nreason = "Accord"\n')
    calendar = load_calendar()
    targets = collect([str(folder)]).targets
    plain = check_batch(targets, calendar, TODAY, chooser=chooser([calendar], calendar))
    books = decisions_of([str(folder)], None)
    decided = check_batch(
        targets, calendar, TODAY, chooser=chooser([calendar], calendar), decisions=books
    )
    assert [b.path for b in books] == [str(folder / "decisions.toml")]
    assert plain.files[0].verdict.outcome != decided.files[0].verdict.outcome
    assert decided.accepted == 1 and plain.accepted == 0


def test_given_decisions_replace_those_of_the_folder(tmp_path: Path) -> None:
    folder = _folder(tmp_path, '["tard.toml"]\naccept = ["D002"]\n')
    other = tmp_path / "autres.toml"
    other.write_text("", encoding="utf-8")
    assert [b.path for b in decisions_of([str(folder)], other)] == [str(other)]


def test_one_calendar_keeps_the_report_whole(tmp_path: Path) -> None:
    folder = _folder(tmp_path, "")
    calendar = load_calendar()
    report = check_batch(
        collect([str(folder)]).targets, calendar, TODAY, chooser=chooser([calendar], calendar)
    )
    assert by_promotion(report, [calendar]) == [(calendar, report)]
