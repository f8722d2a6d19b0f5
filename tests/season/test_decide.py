"""``inet-stages decide``: her decisions written for her, comments kept, hash by the tool."""

from __future__ import annotations

import email
import email.policy
import hashlib
import json
import os
from datetime import date
from pathlib import Path

import pytest
import tomli

from inet_stages.batch.decisions import read_decisions, record
from tests.conftest import Run, fr
from tests.offer_factory import offer_text

TODAY = "2026-03-01"
LATE = offer_text(offer__submitted=date(2026, 2, 17))  # D002 for the administrateurs
HEAD = "# Mes décisions\n# (à garder)\n"


@pytest.fixture
def offers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A season folder with one late offer; the current folder of the test."""
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "colmar.toml").write_text(LATE, encoding="utf-8")
    (folder / "decisions.toml").write_text(HEAD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return folder


def test_accept_writes_the_hash_and_keeps_her_comments(cli: Run, offers: Path) -> None:
    result = cli("decide", "offres/colmar.toml", "--accept", "d002", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    text = (offers / "decisions.toml").read_text(encoding="utf-8")
    assert text.startswith(HEAD)
    entry = tomli.loads(text)["colmar.toml"]
    assert entry["accept"] == ["D002"]
    assert entry["sha256"] == hashlib.sha256((offers / "colmar.toml").read_bytes()).hexdigest()
    assert entry["reason"] == "Décision de la coordination du 1er mars 2026"
    assert fr("  Administrateurs : retenue\n") in result.stdout
    validated = cli("validate", "--today", TODAY, "--format", "json")
    assert validated.exit_code == 0
    codes = {d["code"] for d in json.loads(validated.stdout)["files"][0]["diagnostics"]}
    assert "X004" not in codes  # the hash is there: nothing to paste


def test_a_code_the_offer_does_not_raise_is_refused(cli: Run, offers: Path) -> None:
    result = cli("decide", "offres/colmar.toml", "--accept", "H001", "--today", TODAY)
    assert result.exit_code == 2
    assert "H001 n'est pas relevé" in result.stderr
    assert "D002" in result.stderr
    assert (offers / "decisions.toml").read_text(encoding="utf-8") == HEAD


def test_refuse_with_a_reason_then_the_verdict_says_so(cli: Run, offers: Path) -> None:
    result = cli(
        "decide", "offres/colmar.toml", "--refuse", "--reason", "Doublon", "--today", TODAY
    )
    assert result.exit_code == 0, result.stderr
    entry = read_decisions(offers / "decisions.toml").get("colmar.toml")
    assert entry is not None and entry.refuse and entry.reason == "Doublon"
    assert "non retenue (refusée par la coordination)" in result.stdout
    again = cli("decide", "offres/colmar.toml", "--accept", "D002", "--today", TODAY)
    assert again.exit_code == 0, again.stderr
    entry = read_decisions(offers / "decisions.toml").get("colmar.toml")
    assert entry is not None and not entry.refuse and entry.accept == ("D002",)
    assert entry.reason != "Doublon"  # the refusal's reason does not explain an acceptance


def test_a_decision_holds_when_the_offer_is_named_alone(
    cli: Run, offers: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # decide writes in the season's decisions file; validate, report and their
    # letters read it whether they are given the folder or the file itself.
    (offers / "ville").mkdir()
    (offers / "ville" / "epinal.toml").write_text(LATE, encoding="utf-8")
    for name in ("offres/colmar.toml", "offres/ville/epinal.toml"):
        decided = cli("decide", name, "--refuse", "--reason", "Doublon", "--today", TODAY)
        assert decided.exit_code == 0, decided.stderr
        named = cli("validate", name, "--today", TODAY, "--format", "json")
        (file,) = json.loads(named.stdout)["files"]
        assert file["outcome"] == "non_retenue", name
        assert file["decision"]["refused"] is True
    # ... or the sub-folder that holds it, or the season folder itself.
    folder = cli("validate", "offres/ville", "--today", TODAY, "--format", "json")
    (file,) = json.loads(folder.stdout)["files"]
    assert file["decision"] is not None and file["decision"]["refused"] is True
    season = cli("validate", ".", "--today", TODAY, "--format", "json")
    assert all(f["decision"]["refused"] for f in json.loads(season.stdout)["files"])
    # ... and from inside offres/, as « cd offres » leaves her.
    monkeypatch.chdir(offers)
    inside = cli("validate", "ville", "--today", TODAY, "--format", "json")
    assert json.loads(inside.stdout)["files"][0]["decision"]["refused"] is True
    monkeypatch.chdir(tmp_path)
    letters = cli("report", "offres/colmar.toml", "--letters", "lettres", "--today", TODAY)
    assert letters.exit_code == 0, letters.stderr
    (draft,) = (tmp_path / "lettres").iterdir()
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    body = message.get_body()
    assert body is not None
    assert "votre offre ne peut pas être retenue" in body.get_content()
    # From outside the season folder, an offer of its offres folder named alone.
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    outside = cli("validate", str(offers / "colmar.toml"), "--today", TODAY, "--format", "json")
    assert json.loads(outside.stdout)["files"][0]["outcome"] == "non_retenue"


def test_accept_or_refuse_one_of_them(cli: Run, offers: Path) -> None:
    assert cli("decide", "offres/colmar.toml", "--today", TODAY).exit_code == 2
    both = cli("decide", "offres/colmar.toml", "--accept", "D002", "--refuse", "--today", TODAY)
    assert both.exit_code == 2
    assert cli("decide", "offres/nulle.toml", "--refuse", "--today", TODAY).exit_code == 2


def test_a_broken_decisions_file_is_never_rewritten(cli: Run, offers: Path) -> None:
    (offers / "decisions.toml").write_text('["colmar.toml"]\nacept = ["D002"]\n', "utf-8")
    result = cli("decide", "offres/colmar.toml", "--accept", "D002", "--today", TODAY)
    assert result.exit_code == 2
    assert "acept" in result.stderr
    assert "acept" in (offers / "decisions.toml").read_text(encoding="utf-8")


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_never_through_a_link(cli: Run, offers: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs.toml"
    outside.write_text("", encoding="utf-8")
    (offers / "decisions.toml").unlink()
    (offers / "decisions.toml").symlink_to(outside)
    result = cli("decide", "offres/colmar.toml", "--accept", "D002", "--today", TODAY)
    assert result.exit_code == 2
    assert outside.read_text(encoding="utf-8") == ""


def test_record_updates_an_entry_in_place() -> None:
    text = (
        '# tête\n["colmar.toml"]\naccept = ["D002"]  # pourquoi\nreason = "Accord"\n\n'
        '# la suite\n["lunel.toml"]\nrefuse = true\nreason = "Doublon"\n'
    )
    out = record(text, "colmar.toml", sha256="ab" * 32, accept=["W001"])
    assert 'accept = ["D002", "W001"]  # pourquoi' in out
    # The new key goes with its table, not after the comment of the next one.
    assert out.index("sha256") < out.index("# la suite")
    out = record(out, "lunel.toml", sha256="cd" * 32, accept=["D002"], reason="Finalement")
    data = tomli.loads(out)
    assert "refuse" not in data["lunel.toml"]
    assert data["lunel.toml"]["reason"] == "Finalement"
    assert out.startswith("# tête\n")


def test_windows_line_ends_stay_windows_line_ends() -> None:
    text = '# tête\r\n["a.toml"]\r\nrefuse = true\r\nreason = "Doublon"\r\n'
    out = record(text, "b.toml", sha256="ab" * 32, accept=["D002"], default_reason="x")
    assert out.startswith(text)
    assert "\n" not in out.replace("\r\n", "")
    assert tomli.loads(out)["b.toml"]["accept"] == ["D002"]
