"""Two promotions at once: the packaged 2026-2027 calendar and a rolled 2027-2028 in her folder."""

from __future__ import annotations

import json
import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inet_stages.calendar import Calendar, load_calendar
from inet_stages.calendar.promotions import offer_calendar, select, span
from inet_stages.text.frtypo import typeset
from tests.conftest import REPO, Run, fr, rolled
from tests.offer_factory import offer_text

PACKAGED = load_calendar()


@pytest.fixture
def next_year(two_promotions: Path) -> Calendar:
    return load_calendar(two_promotions / "calendar_2027_28.toml")


def run_json(cli: Run, *args: str, code: int = 0) -> Any:
    result = cli(*args, "--format", "json")
    assert result.exit_code == code, result.stderr
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


# --- deadlines --------------------------------------------------------------------------


@pytest.mark.usefixtures("two_promotions")
def test_deadlines_lists_both_promotions_each_named(cli: Run) -> None:
    result = cli("deadlines", "--today", "2027-03-01")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "Échéances des promotions 2026-2027 et 2027-2028" in out
    # Each row names its promotion: a 2026-2027 end and a 2027-2028 start, in date order.
    perfectionnement = next(line for line in out.splitlines() if "19\u00a0mars\u00a02027" in line)
    assert "2026-2027" in perfectionnement
    observation = next(line for line in out.splitlines() if "29\u00a0mars\u00a02027" in line)
    assert "2027-2028" in observation
    assert out.index("19\u00a0mars\u00a02027") < out.index("29\u00a0mars\u00a02027")
    # « toutes les dates limites sont passées » for 2026-2027 only; 2027-2028 has some left.
    assert "Promotion 2026-2027 : toutes les dates limites de dépôt des offres sont passées" in (
        " ".join(out.split())
    )
    assert fr("Promotion 2027-2028 : toutes") not in out
    assert "Le calendrier 2026-2027 ne publie pas de date limite" in " ".join(out.split())


@pytest.mark.usefixtures("two_promotions")
def test_deadlines_json_merged_soonest_first(cli: Run) -> None:
    document = run_json(cli, "deadlines", "--today", "2027-03-01")
    assert document["calendar"] == "2026-2027"
    assert document["calendars"] == ["2026-2027", "2027-2028"]
    events = document["events"]
    assert isinstance(events, list)
    assert {e["calendar"] for e in events} == {"2026-2027", "2027-2028"}
    days = [e["date"] for e in events]
    assert days == sorted(days)
    promotions = {p["calendar"]: p for p in document["promotions"]}
    assert promotions["2026-2027"]["all_offers_deadlines_passed"] is True
    assert promotions["2027-2028"]["offers_deadlines_left"] > 0
    unpublished = {(u["calendar"], u["internship"]) for u in document["unpublished_deadlines"]}
    assert ("2026-2027", "ouverture") in unpublished
    assert ("2027-2028", "ouverture") in unpublished


@pytest.mark.usefixtures("two_promotions")
def test_promotion_option_filters_and_calendar_still_chooses_one(cli: Run) -> None:
    only = run_json(cli, "deadlines", "--today", "2027-03-01", "--promotion", "2027-2028")
    assert only["calendars"] == ["2027-2028"]
    assert {e["calendar"] for e in only["events"]} == {"2027-2028"}
    forced = run_json(cli, "--calendar", "2026-2027", "deadlines", "--today", "2027-03-01")
    assert forced["calendars"] == ["2026-2027"]
    unknown = cli("deadlines", "--today", "2027-03-01", "--promotion", "2031-2032")
    assert unknown.exit_code == 2
    assert fr("promotions connues : 2026-2027, 2027-2028") in unknown.stderr


@pytest.mark.usefixtures("two_promotions")
def test_one_promotion_in_progress_shows_one(cli: Run) -> None:
    # September 2027: the 2026-2027 promotion has left; only 2027-2028 is in progress.
    document = run_json(cli, "calendar", "--today", "2027-09-01")
    assert document["calendars"] == ["2027-2028"]


def test_draft_only_when_asked_and_marked(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "calendar_2027_28.toml").write_text(rolled(draft=True), encoding="utf-8")
    monkeypatch.setenv("INET_STAGES_HOME", str(tmp_path))
    result = cli("deadlines", "--today", "2027-03-01", "--format", "json")
    assert json.loads(result.stdout)["calendars"] == ["2026-2027"]
    assert fr("brouillon (draft = true) : il n'est pas montré ; ajoutez --drafts") in result.stderr
    shown = run_json(cli, "deadlines", "--today", "2027-03-01", "--drafts")
    assert shown["calendars"] == ["2026-2027", "2027-2028"]
    assert shown["drafts"] == ["2027-2028"]
    table = cli("calendar", "--today", "2027-03-01", "--drafts").stdout
    assert "promotion 2027-2028 (brouillon)" in " ".join(table.split())


# --- calendar ----------------------------------------------------------------------------


@pytest.mark.usefixtures("two_promotions")
def test_timeline_draws_both(cli: Run) -> None:
    result = cli("calendar", "--format", "timeline", "--today", "2027-03-01")
    assert result.exit_code == 0, result.stderr
    assert "Calendrier des stages 2026-2027" in result.stdout
    assert "Calendrier des stages 2027-2028" in result.stdout
    assert result.stdout.count(fr("aujourd'hui, 1er mars 2027")) == 2


@pytest.mark.usefixtures("two_promotions")
def test_calendar_tables_and_json_name_each_promotion(cli: Run) -> None:
    tables = cli("calendar", "--today", "2027-03-01", "--track", "ingenieurs").stdout
    assert "— promotion 2026-2027" in tables
    assert "— promotion 2027-2028" in tables
    document = run_json(cli, "calendar", "--today", "2027-03-01")
    assert document["calendar"] == "2026-2027"
    tracks = document["tracks"]
    assert isinstance(tracks, list)
    assert [t["calendar"] for t in tracks] == ["2026-2027"] * 3 + ["2027-2028"] * 3
    windows = [(w["calendar"], w["internship"]) for t in tracks for w in t["windows"]]
    assert ("2027-2028", "observation") in windows
    assert ("2026-2027", "professionnalisation") in windows


# --- exports -------------------------------------------------------------------------------


@pytest.mark.usefixtures("two_promotions")
def test_ics_holds_both_with_stable_uids(cli: Run) -> None:
    both = cli("export", "ics", "--today", "2027-03-01")
    assert both.exit_code == 0, both.stderr
    uids = set(re.findall(r"UID:(\S+)", both.stdout))
    assert any(u.startswith("2026-2027-") for u in uids)
    assert any(u.startswith("2027-2028-") for u in uids)
    # Same promotion, same UIDs, whether exported alone or with the other.
    alone = cli("export", "ics", "--today", "2027-03-01", "--promotion", "2027-2028").stdout
    alone_uids = set(re.findall(r"UID:(\S+)", alone))
    assert alone_uids == {u for u in uids if u.startswith("2027-2028-")}
    # A re-export changes nothing.
    assert cli("export", "ics", "--today", "2027-03-01").stdout == both.stdout
    unfolded = both.stdout.replace("\r\n ", "")
    assert "(promotion 2027-2028)" in unfolded


@pytest.mark.usefixtures("two_promotions")
def test_html_shows_each_promotions_grid(cli: Run) -> None:
    page = cli("export", "html", "--today", "2027-03-01").stdout
    assert 'id="grille-2026-2027"' in page
    assert 'id="grille-2027-2028"' in page
    assert '<h2 id="promotion-2027-2028">Promotion 2027-2028</h2>' in page
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


@pytest.mark.usefixtures("two_promotions")
def test_csv_rows_name_their_promotion(cli: Run) -> None:
    text = cli("export", "csv", "--today", "2027-03-01").stdout
    lines = text.lstrip("\ufeff").splitlines()
    assert lines[0].endswith(";Promotion")
    ids = cli("export", "csv", "--today", "2027-03-01", "--header", "ids").stdout
    assert ids.lstrip("\ufeff").splitlines()[0].endswith(";calendar")
    assert {line.rsplit(";", 1)[1] for line in lines[1:]} == {"2026-2027", "2027-2028"}


# --- offers ----------------------------------------------------------------------------------


def observation_2027(**changes: object) -> str:
    """An observation offer for March 2027, submitted in November 2026."""
    fields: dict[str, object] = {
        "offer__submitted": date(2026, 11, 20),
        "offer__start": date(2027, 3, 29),
        "offer__end": date(2027, 4, 23),
    }
    fields.update(changes)
    return offer_text("observation", **fields)


@pytest.mark.usefixtures("two_promotions")
def test_offer_checked_against_its_promotion_without_calendar(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "obs.toml"
    path.write_text(observation_2027(), encoding="utf-8")
    document = run_json(cli, "validate", str(path), "--today", "2026-11-28")
    (entry,) = document["files"]
    assert entry["valid"] is True, entry["diagnostics"]
    assert entry["calendar"] == "2027-2028"
    text = cli("validate", str(path), "--today", "2026-11-28").stdout
    assert "valide (calendrier 2027-2028)" in text


def test_a_promotion_typed_wrong_hides_no_late_deposit(cli: Run, tmp_path: Path) -> None:
    # « 2026/2027 » names no other year: the offer is late for its own (D002 stays);
    # only a promotion well written and another than the calendar's sets D002 aside.
    path = tmp_path / "them.toml"
    late = offer_text("thematique", offer__submitted=date(2026, 2, 17))
    path.write_text(late.replace("[offer]", '[offer]\npromotion = "2026/2027"', 1), "utf-8")
    document = run_json(cli, "validate", str(path), "--today", "2026-03-01", code=1)
    codes = sorted(d["code"] for d in document["files"][0]["diagnostics"])
    assert codes == ["D002", "D010"]


@pytest.mark.usefixtures("two_promotions")
def test_a_deposit_after_today_moves_no_offer_to_next_year(cli: Run, tmp_path: Path) -> None:
    # No dates, deposit « 2027-02-10 » typed on 20 February 2026: the date is D006's to
    # check; the offer stays with the promotion in progress, not next year's.
    path = tmp_path / "them.toml"
    path.write_text(offer_text("thematique", offer__submitted=date(2027, 2, 10)), "utf-8")
    document = run_json(cli, "validate", str(path), "--today", "2026-02-20")
    (entry,) = document["files"]
    assert entry["calendar"] == "2026-2027"
    assert [d["code"] for d in entry["diagnostics"]] == ["D006"]


@pytest.mark.usefixtures("two_promotions")
def test_offer_naming_the_other_promotion_is_refused_naming_its_window(
    cli: Run, tmp_path: Path
) -> None:
    path = tmp_path / "obs.toml"
    path.write_text(observation_2027(offer__promotion="2026-2027"), encoding="utf-8")
    document = run_json(cli, "validate", str(path), "--today", "2026-11-28", code=1)
    (entry,) = document["files"]
    assert entry["calendar"] == "2026-2027"
    codes = {d["code"]: d["message"] for d in entry["diagnostics"]}
    assert typeset("hors de la fenêtre du 30 mars au 24 avril 2026") in codes["D003"]


@pytest.mark.usefixtures("two_promotions")
def test_offer_fitting_no_promotion_names_the_windows_missed(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "sept.toml"
    path.write_text(
        observation_2027(offer__start=date(2026, 9, 7), offer__end=date(2026, 10, 2)),
        encoding="utf-8",
    )
    document = run_json(cli, "validate", str(path), "--today", "2026-11-28", code=1)
    (entry,) = document["files"]
    messages = {d["code"]: d["message"] for d in entry["diagnostics"]}
    assert "D003" not in messages  # D011 says it, for every promotion
    assert typeset("ne tient dans la fenêtre d'aucune promotion") in messages["D011"]
    assert typeset("2026-2027 (administrateurs) du 30 mars au 24 avril 2026") in messages["D011"]
    assert typeset("2027-2028 (administrateurs) du 29 mars au 23 avril 2027") in messages["D011"]


@pytest.mark.usefixtures("two_promotions")
def test_unknown_promotion_is_d010(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "obs.toml"
    path.write_text(observation_2027(offer__promotion="2031-2032"), encoding="utf-8")
    document = run_json(cli, "validate", str(path), "--today", "2026-11-28", code=1)
    (entry,) = document["files"]
    (finding,) = entry["diagnostics"]
    assert finding["code"] == "D010"
    assert "2031-2032 inconnue" in finding["message"]
    assert "vérifiée avec le calendrier 2027-2028" in finding["message"]
    assert entry["calendar"] == "2027-2028"


@pytest.mark.usefixtures("two_promotions")
def test_calendar_option_forces_one_and_says_the_offer_is_for_another(
    cli: Run, tmp_path: Path
) -> None:
    path = tmp_path / "obs.toml"
    path.write_text(observation_2027(offer__promotion="2027-2028"), encoding="utf-8")
    document = run_json(
        cli, "--calendar", "2026-2027", "validate", str(path), "--today", "2026-11-28", code=1
    )
    codes = [d["code"] for d in document["files"][0]["diagnostics"]]
    # Only D010: the 2026-2027 deadline and window are not the offer's, so neither
    # « late » (D002) nor « outside the window » (D003) is said against them.
    assert codes == ["D010"]


@pytest.mark.usefixtures("two_promotions")
def test_report_counts_per_promotion(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "obs-2027.toml").write_text(observation_2027(), encoding="utf-8")
    (folder / "obs-2026.toml").write_text(offer_text("observation"), encoding="utf-8")
    (folder / "them-2026.toml").write_text(offer_text("thematique"), encoding="utf-8")
    document = run_json(cli, "report", str(folder), "--today", "2026-11-28")
    assert document["calendars"] == ["2026-2027", "2027-2028"]
    summaries = {p["calendar"]: p["summary"] for p in document["promotions"]}
    assert summaries["2026-2027"]["files"] == 2
    assert summaries["2027-2028"]["files"] == 1
    valid = {
        (r["calendar"], r["internship"]): r["valid"]
        for r in document["rows"]
        if r["track"] == "administrateurs"
    }
    assert valid[("2026-2027", "observation")] == 1
    assert valid[("2027-2028", "observation")] == 1
    assert valid[("2027-2028", "thematique")] == 0
    table = cli("report", str(folder), "--today", "2026-11-28").stdout
    assert "Promotion 2026-2027" in table and "Promotion 2027-2028" in table
    assert "Offres par promotion — 2026-2027 : 2 fichiers (2 valides) ; 2027-2028 : 1 fichier" in (
        " ".join(table.split())
    )


# --- the policy, pure -------------------------------------------------------------------------


def test_span_starts_with_the_first_offer_deadline() -> None:
    period = span(PACKAGED)
    assert period.start == date(2025, 11, 24)
    assert period.end == date(2027, 7, 31)


def test_select_in_progress_next_and_default(next_year: Calendar) -> None:
    both = [PACKAGED, next_year]
    found = select(both, start=date(2027, 3, 1), end=date(2027, 3, 1), default=PACKAGED)
    assert found.years == ("2026-2027", "2027-2028")
    assert found.reason == "overlap"
    # From a day on (deadlines without --within): every promotion still to come.
    ahead = select(both, start=date(2026, 1, 1), end=None, default=PACKAGED)
    assert ahead.years == ("2026-2027", "2027-2028")
    after = select(both, start=date(2029, 1, 1), end=date(2029, 1, 1), default=PACKAGED)
    assert (after.years, after.reason) == (("2026-2027",), "default")
    asked = select(both, start=date(2029, 1, 1), end=None, default=PACKAGED, years=["2027-2028"])
    assert asked.years == ("2027-2028",)


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        # Without dates: the promotion whose window is the next to start after the deposit.
        (date(2025, 11, 1), "2026-2027"),
        (date(2025, 11, 24), "2026-2027"),  # the deadline day itself
        # A day late: late for 2026-2027 (its window is still to start), never moved a year.
        (date(2025, 11, 25), "2026-2027"),
        (date(2026, 3, 29), "2026-2027"),
        # Every window of 2026-2027 has started: the next promotion.
        (date(2026, 3, 30), "2027-2028"),
        (date(2026, 11, 20), "2027-2028"),
    ],
)
def test_offer_without_dates_goes_by_its_deposit(
    next_year: Calendar, submitted: date, expected: str
) -> None:
    fit = offer_calendar(
        [PACKAGED, next_year],
        promotion=None,
        internship="observation",
        tracks=["administrateurs"],
        start=None,
        end=None,
        submitted=submitted,
        default=PACKAGED,
    )
    assert (fit.calendar.school_year, fit.reason) == (expected, "deadline")


def test_offer_by_window_and_by_name(next_year: Calendar) -> None:
    def fit(promotion: str | None, start: date | None) -> tuple[str, str]:
        found = offer_calendar(
            [PACKAGED, next_year],
            promotion=promotion,
            internship="observation",
            tracks=["administrateurs"],
            start=start,
            end=None,
            submitted=None,
            default=PACKAGED,
        )
        return found.calendar.school_year, found.reason

    assert fit(None, date(2027, 3, 29)) == ("2027-2028", "window")
    assert fit(" 2026-2027 ", None) == ("2026-2027", "named")
    assert fit("2026-2027", date(2027, 3, 29)) == ("2026-2027", "named")


# --- the guide ------------------------------------------------------------------------------

GUIDE = REPO / "docs" / "guide" / "deux-promotions.md"


@pytest.mark.usefixtures("two_promotions")
def test_the_guides_example_is_what_the_tool_prints(cli: Run) -> None:
    text = GUIDE.read_text(encoding="utf-8")
    # A ```text block: it needs next year's calendar in her folder, which the
    # doc collector does not set up; this test does (the ``two_promotions`` fixture).
    block = text.split("```text\n$ inet-stages deadlines ", 1)[1].split("```", 1)[0]
    command, _, shown = block.partition("\n")
    result = cli("deadlines", *command.split())
    assert result.exit_code == 0, result.stderr
    printed = "\n".join(line.rstrip() for line in result.stdout.splitlines()) + "\n"
    if os.environ.get("INET_STAGES_UPDATE_DOCS"):
        GUIDE.write_text(text.replace(block, f"{command}\n{printed}", 1), encoding="utf-8")
        return
    assert printed == shown


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        # Ouverture publishes no deadline: the oldest promotion whose internship is still ahead.
        (date(2026, 10, 1), "2026-2027"),
        (date(2027, 3, 1), "2027-2028"),
    ],
)
def test_offer_without_published_deadline(
    next_year: Calendar, submitted: date, expected: str
) -> None:
    fit = offer_calendar(
        [PACKAGED, next_year],
        promotion=None,
        internship="ouverture",
        tracks=["administrateurs"],
        start=None,
        end=None,
        submitted=submitted,
        default=PACKAGED,
    )
    assert fit.calendar.school_year == expected


# --- a late offer without dates stays late for its campaign -------------------------------


def _read(finding_text: str) -> str:
    return " ".join(finding_text.split())


@pytest.mark.usefixtures("two_promotions")
def test_late_projet_collectif_without_dates_is_late_for_the_current_promotion(
    cli: Run, tmp_path: Path
) -> None:
    # Deadline of 2026-2027: 19 June 2026; sent on 25 June 2026 without dates, with
    # next year's calendar in her folder: late for 2026-2027, not retained for 2027-2028.
    path = tmp_path / "offre.toml"
    path.write_text(
        offer_text("projet_collectif", offer__submitted=date(2026, 6, 25)), encoding="utf-8"
    )
    document = run_json(cli, "validate", str(path), "--today", "2026-06-26", code=1)
    (entry,) = document["files"]
    assert entry["calendar"] == "2026-2027"
    assert entry["promotion_reason"] == "deadline"
    assert entry["valid_tracks"] == []
    assert set(entry["outcomes"].values()) == {"non_retenue"}
    codes = {d["code"]: d for d in entry["diagnostics"]}
    assert "D002" in codes
    # The choice matters: a warning names both promotions and how to choose.
    d012 = codes["D012"]
    assert d012["severity"] == "warning"
    assert "2026-2027" in d012["message"] and "2027-2028" in d012["message"]
    assert 'promotion = "2027-2028"' in d012["message"]
    # The code's documented example is this very message.
    from inet_stages.findings import CODES
    from inet_stages.render.validate import finding_line
    from tests.rules.test_examples import example_lines

    printed = cli("validate", str(path), "--today", "2026-06-26").stdout
    # Which promotion judged it, and why.
    assert fr("vérifiée avec le calendrier 2026-2027 (sans dates : promotion dont") in printed
    line = next(x for x in printed.splitlines() if "D012" in x)
    assert _read(line.replace(str(path), "offre.toml")) == example_lines("D012")
    assert CODES["D012"].severity == "warning" and finding_line is not None


@pytest.mark.usefixtures("two_promotions")
def test_december_observation_offers_stay_with_2026_2027(cli: Run, tmp_path: Path) -> None:
    # Observation offers of December 2025, after the 24 November deadline, without
    # dates: late for 2026-2027 (windows from March 2026), never asked for 2027.
    path = tmp_path / "obs.toml"
    path.write_text(
        offer_text("observation", offer__submitted=date(2025, 12, 10)), encoding="utf-8"
    )
    document = run_json(cli, "validate", str(path), "--today", "2025-12-15", code=1)
    (entry,) = document["files"]
    assert entry["calendar"] == "2026-2027"
    assert entry["outcomes"] == {"administrateurs": "non_retenue"}


@pytest.mark.usefixtures("two_promotions")
def test_d012_concerns_only_the_tracks_that_are_late(cli: Run, tmp_path: Path) -> None:
    # Thématique of 10 February 2026: on time for the administrateurs (16 February),
    # late for the conservateurs (30 January). The warning holds only the latter.
    path = tmp_path / "deux.toml"
    path.write_text(
        offer_text(offer__tracks=["administrateurs", "conservateurs"]), encoding="utf-8"
    )
    document = run_json(cli, "validate", str(path), "--today", "2026-03-01", code=1)
    (entry,) = document["files"]
    d012 = next(d for d in entry["diagnostics"] if d["code"] == "D012")
    assert d012["tracks"] == ["conservateurs"]
    assert entry["outcomes"] == {"administrateurs": "retenue", "conservateurs": "non_retenue"}
