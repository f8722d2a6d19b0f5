"""``export ics``: parsed back with icalendar, and checked line by line against RFC 5545."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar as ICalendar
from icalendar import Event

from inet_stages.calendar import load_calendar
from inet_stages.render.ics import AlarmSpecError, parse_alarms, render_ics_many
from inet_stages.text.frtypo import typeset
from tests.conftest import Run, fr

TODAY = "2026-11-28"


def strict_problems(data: bytes) -> list[str]:
    """What breaks RFC 5545's physical rules: CRLF, 75-octet lines, required properties."""
    problems: list[str] = []
    if not data.endswith(b"\r\n"):
        problems.append("the file does not end with CRLF")
    physical = data.split(b"\r\n")[:-1]
    for number, raw in enumerate(physical, 1):
        if b"\n" in raw or b"\r" in raw:
            problems.append(f"line {number}: bare CR or LF")
        if len(raw) > 75:
            problems.append(f"line {number}: {len(raw)} octets")
        raw.decode("utf-8")  # raises on a fold that cut a character in two
    # Unfold (a CRLF followed by one space or tab continues the line).
    logical: list[str] = []
    for raw in physical:
        text = raw.decode("utf-8")
        if text[:1] in (" ", "\t") and logical:
            logical[-1] += text[1:]
        else:
            logical.append(text)
    if logical[:1] != ["BEGIN:VCALENDAR"] or logical[-1:] != ["END:VCALENDAR"]:
        problems.append("not one VCALENDAR")
    names = [re.split(r"[;:]", line, maxsplit=1)[0] for line in logical]
    depth = 0
    calendar_level: list[str] = []
    event: dict[str, str] = {}
    uids: list[str] = []
    for line, name in zip(logical, names, strict=True):
        if name == "BEGIN":
            depth += 1
            if line == "BEGIN:VEVENT":
                event = {}
            continue
        if name == "END":
            if line == "END:VEVENT":
                for required in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY"):
                    if required not in event:
                        problems.append(f"event {event.get('UID')}: no {required}")
                uids.append(event.get("UID", ""))
                start = date.fromisoformat(_date(event["DTSTART"]))
                end = date.fromisoformat(_date(event["DTEND"]))
                if not end > start:
                    problems.append(f"event {event['UID']}: DTEND not after DTSTART")
            depth -= 1
            continue
        if depth == 1:
            calendar_level.append(line)
        elif depth == 2:
            event[name] = line
    if "VERSION:2.0" not in calendar_level:
        problems.append("no VERSION:2.0")
    if not any(line.startswith("PRODID:") for line in calendar_level):
        problems.append("no PRODID")
    if len(set(uids)) != len(uids):
        problems.append("duplicate UIDs")
    return problems


def _date(line: str) -> str:
    value = line.rsplit(":", 1)[1]
    return f"{value[:4]}-{value[4:6]}-{value[6:8]}"


def events(data: bytes) -> list[Event]:
    return [e for e in ICalendar.from_ical(data).walk("VEVENT") if isinstance(e, Event)]


@pytest.fixture(scope="module")
def default_ics() -> bytes:
    calendar = load_calendar()
    return render_ics_many([(calendar, calendar.tracks)], stamp=datetime(2026, 11, 28, tzinfo=UTC))


def test_strict_check_passes(default_ics: bytes) -> None:
    assert strict_problems(default_ics) == []


def test_strict_check_catches_bad_files() -> None:
    # The checker itself must be able to fail.
    good = b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nEND:VCALENDAR\r\n"
    assert strict_problems(good) == []
    assert "line 2: bare CR or LF" in strict_problems(good.replace(b"\r\nPRODID", b"\nPRODID"))
    long_line = b"X-LONG:" + b"a" * 80
    assert any("octets" in p for p in strict_problems(good.replace(b"PRODID:x", long_line)))
    assert "no PRODID" in strict_problems(good.replace(b"PRODID:x", b"X-A:b"))
    backwards = good.replace(
        b"END:VCALENDAR",
        b"BEGIN:VEVENT\r\nUID:a\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:s\r\n"
        b"DTSTART;VALUE=DATE:20260102\r\nDTEND;VALUE=DATE:20260102\r\nEND:VEVENT\r\nEND:VCALENDAR",
    )
    assert "event UID:a: DTEND not after DTSTART" in strict_problems(backwards)


def test_calendar_properties(default_ics: bytes) -> None:
    parsed = ICalendar.from_ical(default_ics)
    assert str(parsed["VERSION"]) == "2.0"
    assert "inet-stages" in str(parsed["PRODID"])
    assert str(parsed["X-WR-CALNAME"]) == "Stages INET 2026-2027"


def test_thirteen_windows_and_five_deadlines(default_ics: bytes) -> None:
    found = events(default_ics)
    windows = [e for e in found if str(e["UID"]).endswith("-window@inet-stages")]
    deadlines = [e for e in found if str(e["UID"]).endswith("-deadline@inet-stages")]
    assert len(windows) == 13
    # Observation: admin + conservateurs share 24 Nov 2025, ingénieurs 30 Jan 2026;
    # thématique: two dates; projets collectifs: one date for the three tracks.
    assert len(deadlines) == 5
    assert len(found) == 18


def test_window_event_is_all_day_with_exclusive_end(default_ics: bytes) -> None:
    (event,) = [
        e
        for e in events(default_ics)
        if str(e["UID"]) == "2026-2027-observation-administrateurs-window@inet-stages"
    ]
    assert event.decoded("DTSTART") == date(2026, 3, 30)
    # Last day 24 April 2026: DTEND is the day after (RFC 5545, all-day events).
    assert event.decoded("DTEND") == date(2026, 4, 25)
    assert str(event["SUMMARY"]) == "Stage d'observation — Administrateurs"
    description = str(event["DESCRIPTION"])
    assert typeset("Date limite de dépôt des offres : lun. 24 novembre 2025.") in description
    assert "stages.inet@cnfpt.fr" in description
    assert not list(event.walk("VALARM"))


def test_shared_deadline_is_one_event_listing_its_tracks(default_ics: bytes) -> None:
    found = [e for e in events(default_ics) if e.decoded("DTSTART") == date(2026, 6, 19)]
    deadlines = [e for e in found if "deadline" in str(e["UID"])]
    assert len(deadlines) == 1
    (event,) = deadlines
    assert str(event["UID"]) == (
        "2026-2027-projet_collectif-administrateurs-conservateurs-ingenieurs-deadline@inet-stages"
    )
    assert str(event["SUMMARY"]) == typeset(
        "Date limite de dépôt des offres : Projets collectifs (inter-filières) "
        "(Administrateurs, Conservateurs et Ingénieurs)"
    )
    assert event.decoded("DTEND") == date(2026, 6, 20)
    assert typeset("Contact : Ingrid Vibet") in str(event["DESCRIPTION"])


def test_default_alarms_before_each_deadline(default_ics: bytes) -> None:
    for event in events(default_ics):
        alarms = list(event.walk("VALARM"))
        if "deadline" not in str(event["UID"]):
            assert alarms == []
            continue
        assert len(alarms) == 3
        triggers = sorted(a.decoded("TRIGGER") for a in alarms)
        # 30, 7 and 1 days before, at 9:00 on that day.
        assert triggers == [
            timedelta(days=-30, hours=9),
            timedelta(days=-7, hours=9),
            timedelta(days=-1, hours=9),
        ]
        assert all(str(a["ACTION"]) == "DISPLAY" for a in alarms)
        assert all("Date limite de dépôt des offres" in str(a["DESCRIPTION"]) for a in alarms)
    assert default_ics.count(b"BEGIN:VALARM") == 15


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("30,7,1", (30, 7, 1)),
        ("1, 7 ,30", (30, 7, 1)),
        ("7,7", (7,)),
        ("0", (0,)),
        ("aucune", ()),
        ("", ()),
        ("366", (366,)),
    ],
)
def test_parse_alarms(text: str, expected: tuple[int, ...]) -> None:
    assert parse_alarms(text) == expected


@pytest.mark.parametrize("text", ["30,,1", "-1", "1.5", "trente", "367", "３"])
def test_parse_alarms_refuses(text: str) -> None:
    with pytest.raises(AlarmSpecError):
        parse_alarms(text)


def test_two_runs_give_the_same_uids_and_bytes(cli: Run) -> None:
    first = cli("export", "ics", "--today", TODAY)
    second = cli("export", "ics", "--today", TODAY)
    later = cli("export", "ics", "--today", "2027-01-15")
    assert first.exit_code == second.exit_code == later.exit_code == 0
    assert first.stdout == second.stdout

    def uids(text: str) -> list[str]:
        return [str(e["UID"]) for e in events(text.encode("utf-8"))]

    assert uids(first.stdout) == uids(later.stdout)
    assert "DTSTAMP:20261128T000000Z" in first.stdout
    assert "DTSTAMP:20270115T000000Z" in later.stdout


def test_track_filter_and_alarm_option(cli: Run) -> None:
    result = cli("export", "ics", "--track", "Ingénieurs", "--alarm", "14,2", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    data = result.stdout.encode("utf-8")
    assert strict_problems(data) == []
    found = events(data)
    assert sorted(str(e["UID"]) for e in found) == [
        "2026-2027-observation-ingenieurs-deadline@inet-stages",
        "2026-2027-observation-ingenieurs-window@inet-stages",
        "2026-2027-perfectionnement-ingenieurs-window@inet-stages",
        "2026-2027-projet_collectif-administrateurs-conservateurs-ingenieurs-deadline@inet-stages",
        "2026-2027-projet_collectif-ingenieurs-window@inet-stages",
    ]
    assert data.count(b"BEGIN:VALARM") == 4
    assert "X-WR-CALNAME:Stages INET 2026-2027 — Ingénieurs" in result.stdout


def test_no_alarm(cli: Run) -> None:
    result = cli("export", "ics", "--alarm", "aucune", "--today", TODAY)
    assert result.exit_code == 0
    assert "BEGIN:VALARM" not in result.stdout
    assert result.stdout.count("BEGIN:VEVENT") == 18


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("30;7", "« 30;7 » n'est pas un nombre de jours"),
        ("1000", "au plus 366 jours"),
    ],
)
def test_bad_alarm_is_a_french_usage_error(cli: Run, value: str, message: str) -> None:
    result = cli("export", "ics", "--alarm", value)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "--alarm" in result.stderr
    assert fr(message) in result.stderr


def test_writes_a_file_and_refuses_to_overwrite(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "stages.ics"
    first = cli("export", "ics", "--today", TODAY, "-o", str(target))
    assert first.exit_code == 0
    assert first.stdout == ""
    assert fr(f"Écrit : {target}") in first.stderr
    written = target.read_bytes()
    assert strict_problems(written) == []
    target.write_bytes(b"mine")
    again = cli("export", "ics", "--today", TODAY, "-o", str(target))
    assert again.exit_code == 2
    assert "--force" in again.stderr
    assert target.read_bytes() == b"mine"
    forced = cli("export", "ics", "--today", TODAY, "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_bytes() == written


def test_calendar_text_is_cleaned(cli: Run, tmp_path: Path, hostile_calendar: Path) -> None:
    result = cli("--calendar", str(hostile_calendar), "export", "ics", "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "\x1b" not in result.stdout
    assert strict_problems(result.stdout.encode("utf-8")) == []
    summaries = [str(e["SUMMARY"]) for e in events(result.stdout.encode("utf-8"))]
    assert "Stage d'observation — <b>Admin</b>\\x1b[31m" in summaries
