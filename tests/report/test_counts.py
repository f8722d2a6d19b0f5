"""Counts that add up: one place per offer, a maximum assignment, validity per track, duplicates."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inet_stages.batch.check import Target, check_files, collect
from inet_stages.report.places import assign_places
from inet_stages.report.tally import Row, Tally, tally
from tests.conftest import Run
from tests.offer_factory import CALENDAR, offer_text

TODAY = date(2026, 1, 20)
ADM, CONS, ING = "administrateurs", "conservateurs", "ingenieurs"


def _write(tmp_path: Path, texts: dict[str, str]) -> list[Target]:
    targets = []
    for name, text in texts.items():
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        targets.append(Target(name=name, path=path))
    return targets


def _tally(tmp_path: Path, texts: dict[str, str], **cohorts: int) -> Tally:
    checked = check_files(_write(tmp_path, texts), CALENDAR, TODAY, keep_offers=True)
    return tally(CALENDAR, checked, cohorts)


def _row(counted: Tally, internship: str, track: str | None) -> Row:
    return next(r for r in counted.rows if (r.internship, r.track) == (internship, track))


def _thematique(*tracks: str, **changes: Any) -> str:
    return offer_text(offer__tracks=list(tracks), offer__submitted=date(2026, 1, 15), **changes)


# --- The assignment ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("groups", "cohorts", "expected"),
    [
        # One place for two students: one gets it.
        ({frozenset({ADM, CONS}): 1}, {ADM: 1, CONS: 1}, 1),
        # The shared place goes where it is needed: both placed.
        ({frozenset({ADM}): 1, frozenset({ADM, CONS}): 1}, {ADM: 1, CONS: 1}, 2),
        ({frozenset({ADM, CONS}): 1, frozenset({ADM}): 1}, {ADM: 1, CONS: 1}, 2),
        ({frozenset({ADM, CONS}): 5}, {ADM: 2, CONS: 2}, 4),
        ({frozenset({ADM, CONS}): 3}, {ADM: 2, CONS: 2}, 3),
        ({frozenset({ADM}): 3}, {ADM: 1, CONS: 4}, 1),
        # A track whose cohort is unknown claims nothing.
        ({frozenset({ADM, CONS}): 1}, {CONS: 1}, 1),
        ({}, {ADM: 3}, 0),
        ({frozenset({ADM, CONS, ING}): 10_000}, {ADM: 40, CONS: 20, ING: 30}, 90),
    ],
)
def test_assign_places_is_a_maximum(
    groups: dict[frozenset[str], int], cohorts: dict[str, int], expected: int
) -> None:
    assigned = assign_places(groups, cohorts)
    assert sum(assigned.values()) == expected
    assert set(assigned) == set(cohorts)
    for track, count in assigned.items():
        assert 0 <= count <= cohorts[track]


def test_assign_places_gives_the_shared_place_where_it_is_needed() -> None:
    groups = {frozenset({ADM}): 1, frozenset({ADM, CONS}): 1}
    assert assign_places(groups, {ADM: 1, CONS: 1}) == {ADM: 1, CONS: 1}


# --- Report rows -----------------------------------------------------------------------


def test_one_offer_two_tracks_cohorts_one_and_one_leaves_one_missing(tmp_path: Path) -> None:
    counted = _tally(
        tmp_path, {"a.toml": _thematique(ADM, CONS)}, administrateurs=1, conservateurs=1
    )
    rows = [_row(counted, "thematique", t) for t in (ADM, CONS)]
    assert [(r.places, r.shared) for r in rows] == [(1, 1), (1, 1)]
    assert sorted(r.missing or 0 for r in rows) == [0, 1]
    assert sum(r.assigned or 0 for r in rows) == 1
    assert counted.places == 1


def test_an_own_offer_and_a_shared_one_place_both(tmp_path: Path) -> None:
    texts = {
        "a.toml": _thematique(ADM, CONS),
        "b.toml": _thematique(ADM, offer__title="Autre mission pour les administrateurs"),
    }
    counted = _tally(tmp_path, texts, administrateurs=1, conservateurs=1)
    adm, cons = (_row(counted, "thematique", t) for t in (ADM, CONS))
    assert (adm.places, adm.shared, adm.missing) == (2, 1, 0)
    assert (cons.places, cons.shared, cons.missing) == (1, 1, 0)
    assert counted.places == 2


def test_an_offer_right_for_one_track_only(tmp_path: Path) -> None:
    # Deposited on 10 February: on time for the administrateurs (16 February),
    # late for the conservateurs (30 January).
    text = offer_text(offer__tracks=[ADM, CONS], offer__submitted=date(2026, 2, 10))
    targets = _write(tmp_path, {"a.toml": text})
    checked = check_files(targets, CALENDAR, date(2026, 2, 20), keep_offers=True)
    (report,) = checked.files
    (late,) = report.findings
    assert (late.code, late.tracks) == ("D002", (CONS,))
    assert "», Conservateurs)" in late.message
    assert report.valid_for(ADM) and not report.valid_for(CONS)
    assert not report.valid
    counted = tally(CALENDAR, checked, {ADM: 1, CONS: 1})
    adm, cons = (_row(counted, "thematique", t) for t in (ADM, CONS))
    assert (adm.valid, adm.invalid, adm.places, adm.shared, adm.missing) == (1, 0, 1, 0, 0)
    assert (cons.valid, cons.invalid, cons.places, cons.missing) == (0, 1, 0, 1)


def test_validate_json_says_which_tracks_a_finding_concerns(cli: Run, tmp_path: Path) -> None:
    text = offer_text(offer__tracks=[ADM, CONS], offer__submitted=date(2026, 2, 10))
    (tmp_path / "a.toml").write_text(text, encoding="utf-8")
    result = cli("validate", str(tmp_path), "--today", "2026-02-20", "--format", "json")
    (entry,) = json.loads(result.stdout)["files"]
    assert entry["valid"] is False
    assert entry["valid_tracks"] == [ADM]
    (diagnostic,) = entry["diagnostics"]
    assert diagnostic["tracks"] == [CONS]
    assert diagnostic["accepted"] is False


# --- Duplicates ---------------------------------------------------------------------------

INVISIBLE = {
    "soft hyphen": "\u00ad",
    "zero-width space": "\u200b",
    "zero-width joiner": "\u200d",
    "zero-width non-joiner": "\u200c",
    "word joiner": "\u2060",
    "byte-order mark": "\ufeff",
    "left-to-right mark": "\u200e",
    "right-to-left embedding": "\u202b",
    "variation selector 16": "\ufe0f",
}


@pytest.mark.parametrize("char", INVISIBLE.values(), ids=INVISIBLE.keys())
def test_duplicates_ignore_invisible_characters(tmp_path: Path, char: str) -> None:
    title = "Diagnostic et plan de lutte contre l'absentéisme"
    texts = {
        "a.toml": offer_text(offer__title=title),
        "b.toml": offer_text(offer__title=title.replace("absen", f"absen{char}")),
        "c.toml": offer_text(host__name=f"Ville de{char} Colmar"),
    }
    checked = check_files(_write(tmp_path, texts), CALENDAR, TODAY, keep_offers=True)
    assert checked.duplicates == (("a.toml", "b.toml", "c.toml"),)
    assert _row(tally(CALENDAR, checked, {}), "thematique", ADM).places == 1


def test_duplicates_still_tell_different_titles_apart(tmp_path: Path) -> None:
    texts = {"a.toml": offer_text(), "b.toml": offer_text(offer__title="Une autre mission")}
    checked = check_files(_write(tmp_path, texts), CALENDAR, TODAY)
    assert checked.duplicates == ()


def test_duplicate_names_the_line_of_the_title(tmp_path: Path) -> None:
    text = offer_text()
    checked = check_files(_write(tmp_path, {"a.toml": text, "b.toml": text}), CALENDAR, TODAY)
    (found,) = [f for f in checked.files[0].findings if f.code == "W002"]
    assert found.line == 1 + text.splitlines().index(
        'title = "Diagnostic et plan de lutte contre l\'absentéisme"'
    )
    assert "b.toml" in found.message


def test_a_large_group_names_three_others(tmp_path: Path) -> None:
    text = offer_text()
    names = {f"{i:02}.toml": text for i in range(8)}
    checked = check_files(_write(tmp_path, names), CALENDAR, TODAY)
    (found,) = [f for f in checked.files[0].findings if f.code == "W002"]
    assert "01.toml, 02.toml, 03.toml et 4 autres" in found.message


# --- The same file named twice ------------------------------------------------------------


def test_a_file_named_twice_is_one_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("offres").mkdir()
    Path("offres/a.toml").write_text(offer_text(), encoding="utf-8")
    collected = collect(["offres/a.toml", "./offres/a.toml", "offres", "offres/../offres/a.toml"])
    assert [t.name for t in collected.targets] == ["offres/a.toml"]


def test_a_file_named_twice_is_not_its_own_duplicate(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_text(offer_text(), encoding="utf-8")
    result = cli("validate", str(path), str(path), str(tmp_path), "--format", "json")
    document = json.loads(result.stdout)
    assert document["summary"]["files"] == 1
    assert all(d["code"] != "W002" for d in document["files"][0]["diagnostics"])
