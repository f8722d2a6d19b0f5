"""The season folder: init, the names found where a command runs, and ``status``."""

from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import REPO, Run, fr
from tests.offer_factory import offer_text

#: Before the 30 January 2026 deadlines (observation, thématique of some tracks).
TODAY = "2026-01-20"
GOOD = offer_text(offer__submitted=date(2026, 1, 15))
CONTACTS = REPO / "tests" / "data" / "contacts.csv"


@pytest.fixture
def season(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Run) -> Path:
    """A season folder made by init, the current folder of the test."""
    result = cli("init", str(tmp_path / "saison"), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    monkeypatch.chdir(tmp_path / "saison")
    return tmp_path / "saison"


def _status(cli: Run, *args: str) -> dict[str, Any]:
    result = cli("status", "--today", TODAY, "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def test_init_makes_the_folder_with_form_and_templates(cli: Run, tmp_path: Path) -> None:
    result = cli("init", str(tmp_path / "s"), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    made = tmp_path / "s"
    for name in ("offres", "lettres", "affectations", "modeles"):
        assert (made / name).is_dir()
    assert (made / "offres" / "decisions.toml").read_text(encoding="utf-8").startswith("#")
    assert "inet-stages status" in (made / "LISEZMOI.txt").read_text(encoding="utf-8")
    assert (made / "modeles" / "offres-inet-2026-2027.xlsx").stat().st_size > 1000
    assert "[offer]" in (made / "modeles" / "2026-2027" / "thematique.toml").read_text("utf-8")


def test_init_keeps_her_files_without_force(cli: Run, tmp_path: Path) -> None:
    made = tmp_path / "s"
    cli("init", str(made), "--today", TODAY)
    (made / "offres" / "decisions.toml").write_text("# à moi\n", encoding="utf-8")
    result = cli("init", str(made), "--today", TODAY)
    assert result.exit_code == 0
    assert "gardés" in result.stdout
    assert (made / "offres" / "decisions.toml").read_text(encoding="utf-8") == "# à moi\n"
    cli("init", str(made), "--today", TODAY, "--force")
    assert (made / "offres" / "decisions.toml").read_text(encoding="utf-8") != "# à moi\n"


def test_init_asks_only_for_the_tables_not_there_yet(cli: Run, tmp_path: Path) -> None:
    made = tmp_path / "s"
    first = cli("init", str(made), "--today", TODAY).stdout.replace("\u00a0", " ")
    assert "Ajoutez-y contacts.csv et eleves.csv, puis :" in first
    shutil.copy(made / "modeles" / "contacts.csv", made / "contacts.csv")
    again = cli("init", str(made), "--today", TODAY).stdout.replace("\u00a0", " ")
    assert "Ajoutez-y eleves.csv, puis :" in again
    shutil.copy(made / "modeles" / "eleves.csv", made / "eleves.csv")
    last = cli("init", str(made), "--today", TODAY).stdout.replace("\u00a0", " ")
    assert "Ajoutez-y" not in last and "inet-stages status" in last


def test_init_keeps_her_form_and_rewrites_it_with_force(cli: Run, tmp_path: Path) -> None:
    # init builds the form only when it writes it: a kept form is left as it is.
    made = tmp_path / "s"
    cli("init", str(made), "--today", TODAY)
    form = made / "modeles" / "offres-inet-2026-2027.xlsx"
    form.write_bytes(b"son classeur")
    result = cli("init", str(made), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert form.read_bytes() == b"son classeur"
    result = cli("init", str(made), "--today", TODAY, "--force")
    assert result.exit_code == 0, result.stderr
    assert form.read_bytes().startswith(b"PK")
    assert form.stat().st_size > 1000


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_init_refuses_a_link_in_place_of_the_form(cli: Run, tmp_path: Path) -> None:
    made = tmp_path / "s"
    (made / "modeles").mkdir(parents=True)
    outside = tmp_path / "ailleurs.xlsx"
    outside.write_bytes(b"intact")
    (made / "modeles" / "offres-inet-2026-2027.xlsx").symlink_to(outside)
    for extra in ((), ("--force",)):
        result = cli("init", str(made), "--today", TODAY, *extra)
        assert result.exit_code == 2
        assert "lien" in result.stderr
        assert outside.read_bytes() == b"intact"


@pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")
def test_init_never_writes_through_a_link(cli: Run, tmp_path: Path) -> None:
    made = tmp_path / "s"
    made.mkdir()
    outside = tmp_path / "ailleurs.txt"
    outside.write_text("intact\n", encoding="utf-8")
    (made / "LISEZMOI.txt").symlink_to(outside)
    result = cli("init", str(made), "--today", TODAY, "--force")
    assert result.exit_code == 2
    assert "lien" in result.stderr
    assert outside.read_text(encoding="utf-8") == "intact\n"


def test_status_in_an_empty_folder_says_what_is_missing(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    document = _status(cli)
    parts = [m["part"] for m in document["missing"]]
    assert parts == ["offres", "lettres", "contacts", "eleves", "affectations"]
    text = cli("status", "--today", TODAY).stdout
    assert "inet-stages init" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_status_lists_deadlines_offers_to_answer_and_contacts_to_remind(
    cli: Run, season: Path
) -> None:
    (season / "offres" / "colmar.toml").write_text(GOOD, encoding="utf-8")
    shutil.copy(CONTACTS, season / "contacts.csv")
    document = _status(cli)
    assert document["today"] == TODAY
    deadlines = document["deadlines"]
    assert isinstance(deadlines, list)
    assert {d["date"] for d in deadlines} >= {"2026-01-30"}
    assert all(0 <= d["days_left"] <= 30 for d in deadlines)
    assert document["to_answer"] == [
        {
            "files": ["offres/colmar.toml"],
            "host": "Ville de Colmar",
            "reason": "no_letter",
            "letter": None,
        }
    ]
    remind = document["to_remind"]
    assert isinstance(remind, list) and remind
    assert {r["deadline"] for r in remind} == {"2026-01-30"}
    assert "camille.martin@mulhouse.example.fr" in {r["email"] for r in remind}
    text = cli("status", "--today", TODAY).stdout
    assert "inet-stages report offres --letters lettres" in text
    assert "inet-stages call --remind --within 10 -o relances" in text
    assert all(len(line) <= 80 for line in text.splitlines())


def test_status_coverage_counts_the_batch_verdicts(cli: Run, season: Path) -> None:
    (season / "offres" / "colmar.toml").write_text(GOOD, encoding="utf-8")
    late = offer_text(offer__submitted=date(2026, 2, 17), offer__title="Une autre mission")
    (season / "offres" / "tard.toml").write_text(late, encoding="utf-8")
    # After the 16 February deadline (a deposit after today would be a date to check, D006).
    result = cli("status", "--today", "2026-02-20", "--format", "json")
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    rows = {(r["internship"], r["track"]): r for r in document["coverage"]}
    row = rows[("thematique", "administrateurs")]
    assert row["places"] == 1
    assert row["offers"]["retenue"] + row["offers"]["retenue_sous_reserve"] == 1
    assert row["offers"]["non_retenue"] + row["offers"]["a_completer"] == 1


def test_a_letter_answers_until_its_offer_changes(cli: Run, season: Path) -> None:
    offer = season / "offres" / "colmar.toml"
    offer.write_text(GOOD, encoding="utf-8")
    assert cli("report", "--letters", "lettres", "--today", TODAY).exit_code == 0
    assert (season / "lettres" / "colmar.eml").is_file()
    assert _status(cli)["to_answer"] == []
    offer.write_text(GOOD.replace("Camille", "Camila"), encoding="utf-8")
    letter = season / "lettres" / "colmar.eml"
    past = letter.stat().st_mtime - 60
    os.utime(letter, (past, past))
    answer = _status(cli)["to_answer"]
    assert isinstance(answer, list)
    assert [a["reason"] for a in answer] == ["changed"]


def test_a_decision_taken_after_the_letter_makes_it_stale(cli: Run, season: Path) -> None:
    # The letter said « retenue »; a refusal since: status lists the offer to answer
    # again, and report, which keeps the letter, says it no longer tells the verdict.
    (season / "offres" / "colmar.toml").write_text(GOOD, encoding="utf-8")
    assert cli("report", "--letters", "lettres", "--today", TODAY).exit_code == 0
    assert _status(cli)["to_answer"] == []
    refused = cli(
        "decide", "offres/colmar.toml", "--refuse", "--reason", "Doublon", "--today", TODAY
    )
    assert refused.exit_code == 0, refused.stderr
    (item,) = _status(cli)["to_answer"]
    assert item["reason"] == "verdict"
    text = cli("status", "--today", TODAY)
    assert "verdict changé depuis sa lettre" in text.stdout
    assert "supprimez l'ancienne lettre" in text.stdout
    again = cli("report", "--letters", "lettres", "--today", TODAY, "--format", "json")
    (letter,) = json.loads(again.stdout)["letters"]
    assert letter["outcomes"] == {"administrateurs": "non_retenue"}
    assert (letter["kept"], letter["stale"]) == (True, True)
    said = again.stderr.replace("\u00a0", " ")
    assert "colmar.eml : périmée, verdict changé depuis" in said
    assert "1 lettre gardée ne dit plus le verdict du jour" in said
    # Removed and written again: it tells the refusal, and nothing is left to answer.
    (season / "lettres" / "colmar.eml").unlink()
    assert cli("report", "--letters", "lettres", "--today", TODAY).exit_code == 0
    assert _status(cli)["to_answer"] == []


@pytest.mark.parametrize(
    "stem",
    [
        "ville-de-colmar-mission-diagnostic-absenteisme-copie",
        # « =? » is written « = ? » in a header: the note grows as it is cleaned.
        "v" + "=?" * 40,
    ],
)
def test_a_long_reference_keeps_the_verdict_whole(cli: Run, season: Path, stem: str) -> None:
    # Six copies with long names, one address: the header's note is cut before the
    # verdict, never in it; a cut verdict read as another made the letter stale forever.
    import email
    from email import policy

    for n in range(6):
        (season / "offres" / f"{stem}-{n}.toml").write_text(GOOD, encoding="utf-8")
    assert cli("report", "--letters", "lettres", "--today", TODAY).exit_code == 0
    (letter,) = (season / "lettres").iterdir()
    message = email.message_from_bytes(letter.read_bytes(), policy=policy.default)
    reference = str(message["X-INET-Reference"])
    assert "…" in reference  # the note was cut...
    assert reference.endswith(" ; verdict administrateurs=retenue_sous_reserve")  # ...not this
    assert _status(cli)["to_answer"] == []


def test_a_letter_without_tracks_is_stale_once_refused(cli: Run, season: Path) -> None:
    # No tracks (S001): the letter records the file's verdict, and a refusal since is seen.
    untracked = "\n".join(line for line in GOOD.splitlines() if not line.startswith("tracks"))
    (season / "offres" / "colmar.toml").write_text(untracked + "\n", encoding="utf-8")
    assert cli("report", "--letters", "lettres", "--today", TODAY).exit_code == 0
    assert _status(cli)["to_answer"] == []
    refused = cli("decide", "offres/colmar.toml", "--refuse", "-r", "Doublon", "--today", TODAY)
    assert refused.exit_code == 0, refused.stderr
    assert [a["reason"] for a in _status(cli)["to_answer"]] == ["verdict"]


def test_a_recorded_hash_tells_a_changed_offer(tmp_path: Path) -> None:
    from inet_stages.season.answers import file_hash, read_reply, why_answer

    offer = tmp_path / "colmar.toml"
    offer.write_text(GOOD, encoding="utf-8")
    reply = tmp_path / "colmar.eml"
    reply.write_text(
        f"X-INET-Reference: colmar.toml sha256={file_hash(offer)}, 2026-2027\n\nCorps\n",
        encoding="utf-8",
    )
    os.utime(offer, (reply.stat().st_mtime + 60,) * 2)  # newer, yet the same bytes
    assert why_answer(read_reply(reply), [offer]) is None
    offer.write_text(GOOD + "\n", encoding="utf-8")
    assert why_answer(read_reply(reply), [offer]) == "changed"


def test_status_reads_saved_placements(cli: Run, season: Path) -> None:
    (season / "affectations" / "thematique.json").write_text(
        json.dumps(
            {
                "internship": "thematique",
                "assignments": [{"student": "A"}],
                "unplaced": [{"student": "Léa Roux", "track": "conservateurs", "reason": "…"}],
            }
        ),
        encoding="utf-8",
    )
    (season / "affectations" / "casse.json").write_text("{", encoding="utf-8")
    placement = _status(cli)["placement"]
    assert isinstance(placement, dict)
    assert placement["run"] is True
    results = {Path(r["file"]).name: r for r in placement["results"]}
    assert results["thematique.json"]["unplaced"][0]["student"] == "Léa Roux"
    assert results["casse.json"]["problem"]
    text = cli("status", "--today", TODAY).stdout
    assert fr("Élèves non placés : 1") in text


def test_commands_find_the_season_names(cli: Run, season: Path) -> None:
    (season / "offres" / "colmar.toml").write_text(GOOD, encoding="utf-8")
    result = cli("validate", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert [f["path"] for f in json.loads(result.stdout)["files"]] == ["offres/colmar.toml"]
    shutil.copy(CONTACTS, season / "contacts.csv")
    result = cli("call", "-o", "appel", "--today", TODAY, "--format", "json")
    assert result.exit_code in (0, 1), result.stderr
    assert (season / "appel").is_dir() and any((season / "appel").iterdir())
    # An option given still wins over the season's names.
    other = season / "autres"
    other.mkdir()
    result = cli("validate", str(other), "--today", TODAY, "--format", "json")
    assert json.loads(result.stdout)["files"] == []


def test_outside_a_season_a_missing_path_is_a_clear_usage_error(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = cli("validate", "--today", TODAY)
    assert result.exit_code == 2
    assert "dossier de saison" in result.stderr
    result = cli("assign", "-i", "thematique", "--today", TODAY)
    assert result.exit_code == 2


def test_status_says_what_it_could_not_read_and_shows_the_rest(cli: Run, season: Path) -> None:
    (season / "offres" / "colmar.toml").write_text(GOOD, encoding="utf-8")
    (season / "offres" / "decisions.toml").write_text("[colmar.toml\n", encoding="utf-8")
    (season / "contacts.csv").write_text("a;b\n1;2\n", encoding="utf-8")
    result = cli("status", "--today", TODAY, "--format", "json")
    assert result.exit_code == 0
    assert "décisions non appliquées" in result.stderr
    assert "contacts.csv non lu" in result.stderr
    document = json.loads(result.stdout)
    assert set(document) >= {
        "today",
        "deadlines",
        "coverage",
        "to_answer",
        "to_remind",
        "decisions_pending",
        "placement",
    }
    assert len(document["to_answer"]) == 1


def test_status_shows_file_text_as_text(cli: Run, season: Path) -> None:
    hostile = GOOD.replace("Ville de Colmar", "Ville\\u001b[31m [bold]de[/bold] Colmar")
    (season / "offres" / "colmar.toml").write_text(hostile, encoding="utf-8")
    text = cli("status", "--today", TODAY).stdout
    assert "\x1b" not in text
    assert "[bold]de[/bold]" in text


def test_pending_decisions_name_the_command(cli: Run, season: Path) -> None:
    late = offer_text(offer__submitted=date(2026, 2, 17))
    (season / "offres" / "colmar.toml").write_text(late, encoding="utf-8")
    (season / "offres" / "decisions.toml").write_text(
        '["colmar.toml"]\naccept = ["D002"]\nreason = "Accord"\n\n'
        '["parti.toml"]\nrefuse = true\nreason = "Doublon"\n',
        encoding="utf-8",
    )
    pending = _status(cli, "--today", "2026-03-01")["decisions_pending"]
    assert {p["reason"] for p in pending} == {"no_hash", "orphan"}
    text = cli("status", "--today", "2026-03-01").stdout
    assert "décision sans empreinte de l'offre" in text
    assert "→ inet-stages decide offres/colmar.toml --accept D002" in text


def test_a_host_that_sent_an_offer_is_not_reminded_of_it(cli: Run, season: Path) -> None:
    shutil.copy(CONTACTS, season / "contacts.csv")
    before = {
        (r["email"], r["internship"])
        for r in _status(cli)["to_remind"]
        if r["organisation"] == "Ville de Mulhouse"
    }
    assert ("camille.martin@mulhouse.example.fr", "thematique") in before
    mulhouse = offer_text(
        offer__submitted=date(2026, 1, 15),
        host__name="Ville de Mulhouse",
        tutor__email="camille.martin@mulhouse.example.fr",
    )
    (season / "offres" / "mulhouse.toml").write_text(mulhouse, encoding="utf-8")
    after = {
        (r["email"], r["internship"])
        for r in _status(cli)["to_remind"]
        if r["organisation"] == "Ville de Mulhouse"
    }
    assert after == before - {("camille.martin@mulhouse.example.fr", "thematique")}


@pytest.mark.usefixtures("two_promotions")
def test_a_row_of_a_promotion_not_in_progress_says_its_year(cli: Run, season: Path) -> None:
    # 20 January 2026: only 2026-2027 is in progress, but an offer for 2027-2028 came;
    # its row says « (2027-2028) », or two « Observation, Administrateurs » lines look alike.
    offer = offer_text("observation", offer__promotion="2027-2028")
    (season / "offres" / "obs-2027.toml").write_text(offer, encoding="utf-8")
    text = cli("status", "--today", TODAY).stdout.replace("\u00a0", " ")
    assert "Observation, Administrateurs (2027-2028) : 1 retenue" in text


@pytest.mark.usefixtures("two_promotions")
def test_status_covers_every_promotion_in_progress(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    # Late November 2026: the 2026-2027 promotion in schooling, the 2027-2028 one's
    # observation offers due (its deadline rolled from 24 November 2025).
    document = _status(cli, "--today", "2026-11-20")
    assert document["calendars"] == ["2026-2027", "2027-2028"]
    assert {d["calendar"] for d in document["deadlines"]} == {"2026-2027", "2027-2028"}
    text = cli("status", "--today", "2026-11-20").stdout
    assert "(2027-2028)" in text


def test_from_a_sub_folder_the_advice_is_cd_up(
    cli: Run, season: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(season / "offres")
    document = _status(cli)
    assert document["season_folder_above"] == str(season.resolve())
    text = cli("status", "--today", TODAY).stdout
    assert "→ cd .." in text
    assert "inet-stages init" not in text
    result = cli("validate", "--today", TODAY)
    assert result.exit_code == 2
    assert "(cd ..)" in result.stderr


def test_init_headers_are_read_by_call_and_assign(cli: Run, season: Path) -> None:
    contacts = (season / "modeles" / "contacts.csv").read_text(encoding="utf-8")
    (season / "contacts.csv").write_text(
        contacts + "Camille Martin;c.martin@colmar.example.fr;Ville de Colmar;commune;"
        "67000;Colmar;Madame;DGS\n",
        encoding="utf-8",
    )
    remind = _status(cli)["to_remind"]
    assert {r["email"] for r in remind} == {"c.martin@colmar.example.fr"}
    (season / "offres" / "colmar.toml").write_text(GOOD, encoding="utf-8")
    students = (season / "modeles" / "eleves.csv").read_text(encoding="utf-8")
    (season / "eleves.csv").write_text(
        students + "Léa Roux;administrateurs;;colmar;;\n", encoding="utf-8"
    )
    result = cli("assign", "-i", "thematique", "--today", "2026-02-20", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["assignments"][0]["offer"] == "colmar"


def test_report_records_each_offers_hash_so_status_tells_a_change_by_it(
    cli: Run, season: Path
) -> None:
    """The letter's reference carries the offer's hash: a change shows though the letter is newer;
    an offer saved again with the same bytes (a newer date) is still answered."""
    import email
    from email import policy

    offer = season / "offres" / "colmar.toml"
    offer.write_text(GOOD, encoding="utf-8")
    assert cli("report", "--letters", "lettres", "--today", TODAY).exit_code == 0
    letter = season / "lettres" / "colmar.eml"
    message = email.message_from_bytes(letter.read_bytes(), policy=policy.default)
    assert "colmar.toml sha256=" in str(message["X-INET-Reference"])
    later = letter.stat().st_mtime + 60
    os.utime(offer, (later, later))  # saved again, same bytes
    assert _status(cli)["to_answer"] == []
    offer.write_text(GOOD.replace("Camille", "Camila"), encoding="utf-8")
    os.utime(letter, (later + 60, later + 60))  # the letter looks newer than the change
    assert [a["reason"] for a in _status(cli)["to_answer"]] == ["changed"]


@pytest.mark.parametrize("columns", [80, 60])
def test_status_fits_the_terminal_cutting_no_word(
    cli: Run, season: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    for example in ("colmar-thematique", "dreal-perfectionnement", "saint-die-projet-collectif"):
        shutil.copy(REPO / "examples" / f"{example}.toml", season / "offres")
    monkeypatch.setenv("COLUMNS", str(columns))
    result = cli("status", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    # A command she copies (« → ») is never cut; every other line fits.
    assert all(len(line) <= columns for line in lines if not line.lstrip().startswith("→"))
    words = " ".join(lines).split()
    assert "offres/dreal-perfectionnement.toml" in words


def test_status_says_each_calendar_notice_once(
    cli: Run, season: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """status asks for the promotions twice (shown, and those the offers may be for): the
    calendars are read once, and a notice about her folder is said once."""
    monkeypatch.setenv("INET_STAGES_HOME", str(tmp_path / "absent"))
    result = cli("status", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("INET_STAGES_HOME") == 1, result.stderr
