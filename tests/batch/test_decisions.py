"""The coordinator's decisions: accepted, refused, stale, orphan, malformed, never an offer."""

from __future__ import annotations

import hashlib
import json
from datetime import date
from pathlib import Path

import pytest

from inet_stages.batch.check import apply_decisions, check_files, collect
from inet_stages.batch.decisions import DecisionsError, read_decisions
from inet_stages.calendar import load_calendar
from inet_stages.report.letters import plan
from inet_stages.report.tally import tally
from tests.conftest import Run, fr
from tests.offer_factory import offer_text

LATE = offer_text(offer__submitted=date(2026, 2, 17))  # D002 for the administrateurs
GOOD = offer_text(offer__title="Une autre mission, valide")
TODAY = "2026-03-01"


def _folder(tmp_path: Path, decisions: str, **offers: str) -> Path:
    folder = tmp_path / "offres"
    folder.mkdir()
    for name, text in offers.items():
        (folder / f"{name}.toml").write_text(text, encoding="utf-8")
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    return folder


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _validate(cli: Run, *args: str) -> tuple[int, dict[str, object]]:
    result = cli("validate", *args, "--today", TODAY, "--format", "json")
    return result.exit_code, json.loads(result.stdout)


def _files(document: dict[str, object]) -> dict[str, dict[str, object]]:
    files = document["files"]
    assert isinstance(files, list)
    return {Path(f["path"]).name: f for f in files}


def _codes(entry: dict[str, object]) -> list[tuple[str, bool]]:
    diagnostics = entry["diagnostics"]
    assert isinstance(diagnostics, list)
    return [(d["code"], d["accepted"]) for d in diagnostics]


def test_accepted_finding_is_shown_and_no_longer_blocks(cli: Run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "", colmar=LATE)
    sha = _sha(folder / "colmar.toml")
    (folder / "decisions.toml").write_text(
        f'["colmar.toml"]\naccept = ["D002"]\nreason = "Accord de la direction"\nsha256 = "{sha}"\n',
        encoding="utf-8",
    )
    code, document = _validate(cli, str(folder))
    assert code == 0
    entry = _files(document)["colmar.toml"]
    assert entry["valid"] is True
    assert _codes(entry) == [("D002", True)]
    summary = document["summary"]
    assert isinstance(summary, dict)
    assert (summary["files"], summary["errors"], summary["accepted"]) == (1, 0, 1)
    text = cli("validate", str(folder), "--today", TODAY).stdout
    assert "D002 (acceptée par la coordination)" in text


def test_without_decision_the_same_offer_is_invalid(cli: Run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "", colmar=LATE)
    code, document = _validate(cli, str(folder))
    assert code == 1
    assert _codes(_files(document)["colmar.toml"]) == [("D002", False)]


def test_a_decision_without_hash_applies_and_gives_the_line_to_paste(
    cli: Run, tmp_path: Path
) -> None:
    folder = _folder(
        tmp_path, '["colmar.toml"]\naccept = ["d002"]\nreason = "Accord"\n', colmar=LATE
    )
    code, document = _validate(cli, str(folder))
    entry = _files(document)["colmar.toml"]
    assert entry["valid"] is True
    assert _codes(entry) == [("X004", False), ("D002", True)]
    diagnostics = entry["diagnostics"]
    assert isinstance(diagnostics, list)
    assert f'sha256 = "{_sha(folder / "colmar.toml")}"' in diagnostics[0]["message"]
    assert code == 0  # a warning
    assert cli("validate", str(folder), "--today", TODAY, "--strict").exit_code == 1


def test_refused_offer_is_invalid_with_the_reason(cli: Run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "", lunel=GOOD)
    sha = _sha(folder / "lunel.toml")
    (folder / "decisions.toml").write_text(
        f'["lunel.toml"]\nrefuse = true\nreason = "Doublon de l\'offre déjà retenue"\n'
        f'sha256 = "{sha[:12]}"\n',
        encoding="utf-8",
    )
    code, document = _validate(cli, str(folder))
    assert code == 1
    entry = _files(document)["lunel.toml"]
    assert entry["valid"] is False
    assert _codes(entry) == [("X001", False)]
    diagnostics = entry["diagnostics"]
    assert isinstance(diagnostics, list)
    assert "Doublon de l'offre déjà retenue" in diagnostics[0]["message"]


def test_stale_decision_is_reported_and_not_applied(cli: Run, tmp_path: Path) -> None:
    folder = _folder(tmp_path, "", colmar=LATE)
    old = _sha(folder / "colmar.toml")
    (folder / "decisions.toml").write_text(
        f'["colmar.toml"]\naccept = ["D002"]\nreason = "Accord"\nsha256 = "{old}"\n',
        encoding="utf-8",
    )
    (folder / "colmar.toml").write_text(LATE + "# modifiée\n", encoding="utf-8")
    code, document = _validate(cli, str(folder))
    assert code == 1
    entry = _files(document)["colmar.toml"]
    assert _codes(entry) == [("X002", False), ("D002", False)]
    diagnostics = entry["diagnostics"]
    assert isinstance(diagnostics, list)
    assert _sha(folder / "colmar.toml") in diagnostics[0]["message"]


def test_stale_refusal_still_applies(cli: Run, tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        '["lunel.toml"]\nrefuse = true\nreason = "Non"\nsha256 = "000000000000"\n',
        lunel=GOOD,
    )
    code, document = _validate(cli, str(folder))
    assert code == 1
    assert _codes(_files(document)["lunel.toml"]) == [("X002", False), ("X001", False)]


def test_orphan_decision_is_reported_on_the_decisions_file(cli: Run, tmp_path: Path) -> None:
    decisions = '["lunel.toml"]\nrefuse = true\nreason = "Doublon"\n\n["ancien.toml"]\nrefuse = true\nreason = "x"\n'
    folder = _folder(tmp_path, decisions, lunel=GOOD)
    _, document = _validate(cli, str(folder))
    notes = document["decisions"]
    assert isinstance(notes, list)
    (note,) = notes
    assert (note["code"], note["line"], note["field"]) == ("X003", 5, "ancien.toml")
    assert note["path"].endswith("decisions.toml")
    text = cli("validate", str(folder), "--today", TODAY).stdout
    assert fr("decisions.toml:5: X003 (avertissement) décision pour « ancien.toml »") in text


def test_decisions_file_is_never_checked_as_an_offer(cli: Run, tmp_path: Path) -> None:
    folder = _folder(
        tmp_path, '["colmar.toml"]\naccept = ["D002"]\nreason = "Accord"\n', colmar=LATE
    )
    assert [Path(t.name).name for t in collect([str(folder)]).targets] == ["colmar.toml"]
    named = collect([str(folder / "colmar.toml"), str(folder / "decisions.toml")])
    assert [Path(t.name).name for t in named.targets] == ["colmar.toml"]
    _, document = _validate(cli, str(folder))
    assert list(_files(document)) == ["colmar.toml"]


def test_decisions_option_names_the_file(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    (offers / "colmar.toml").write_text(LATE, encoding="utf-8")
    elsewhere = tmp_path / "suivi.toml"
    elsewhere.write_text(
        '["offres/colmar.toml"]\naccept = ["D002"]\nreason = "Accord"\n', encoding="utf-8"
    )
    code, document = _validate(cli, str(offers / "colmar.toml"), "--decisions", str(elsewhere))
    assert _codes(_files(document)["colmar.toml"]) == [("X004", False), ("D002", True)]
    assert code == 0
    missing = cli("validate", str(offers), "--decisions", str(tmp_path / "absent.toml"))
    assert missing.exit_code == 2
    assert "absent.toml" in missing.stderr


MALFORMED = [
    ('["colmar.toml"]\naccept = "D002"\nreason = "x"\n', 2, "accept est une liste"),
    ('["colmar.toml"]\naccept = ["D999"]\nreason = "x"\n', 2, "code inconnu « D999 »"),
    ('["colmar.toml"]\naccept = ["D002"]\n', 1, "reason est obligatoire"),
    ('["colmar.toml"]\nreason = "x"\n', 1, "rien n'est décidé"),
    ('["colmar.toml"]\nrefuse = "oui"\nreason = "x"\n', 2, "refuse vaut true ou false"),
    ('["colmar.toml"]\nrefuse = true\nreasn = "x"\n', 3, "Vouliez-vous dire « reason »"),
    ('[colmar.toml]\nrefuse = true\nreason = "x"\n', 1, "entre guillemets"),
    ('["colmar.toml"]\nrefuse = true\nreason = "x"\nsha256 = "abc"\n', 4, "sha256"),
    ('["colmar.toml"\nrefuse = true\n', 1, ""),
]


@pytest.mark.parametrize(("text", "line", "words"), MALFORMED)
def test_malformed_decisions_exit_2_with_file_and_line(
    cli: Run, tmp_path: Path, text: str, line: int, words: str
) -> None:
    folder = _folder(tmp_path, text, colmar=LATE)
    result = cli("validate", str(folder), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"decisions.toml:{line}" in result.stderr
    assert fr(words) in result.stderr
    assert "Traceback" not in result.stderr
    report = cli("report", str(folder), "--today", TODAY)
    assert report.exit_code == 2


def test_read_decisions_raises_a_user_error(tmp_path: Path) -> None:
    path = tmp_path / "decisions.toml"
    path.write_text('["a.toml"]\naccept = ["D002"]\n', encoding="utf-8")
    with pytest.raises(DecisionsError) as caught:
        read_decisions(path)
    assert caught.value.message.startswith(f"{path}:1: décision pour « a.toml »")


def test_report_counts_and_replies_follow_the_decisions(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        '["colmar.toml"]\naccept = ["D002"]\nreason = "Accord"\n\n'
        '["lunel.toml"]\nrefuse = true\nreason = "Doublon"\n',
        colmar=LATE,
        lunel=GOOD,
    )
    calendar = load_calendar()
    checked = check_files(
        collect([str(folder)]).targets, calendar, date(2026, 3, 1), keep_offers=True
    )
    decided = apply_decisions(checked, [read_decisions(folder / "decisions.toml")])
    row = next(
        r
        for r in tally(calendar, decided, {"administrateurs": 2}).rows
        if (r.internship, r.track) == ("thematique", "administrateurs")
    )
    assert (row.valid, row.invalid, row.places, row.missing) == (1, 1, 1, 1)
    names = {f.path: Path(f.path).stem for f in decided.files}
    answers = {letter.name: letter for letter in plan(decided, names)}
    assert answers["colmar"].outcomes == {"administrateurs": "retenue"}
    assert answers["lunel"].outcomes == {"administrateurs": "non_retenue"}
    assert "X001" in answers["lunel"].codes
