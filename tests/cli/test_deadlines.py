"""``inet-stages deadlines``: events for several days, filters, JSON shape, the empty case."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inet_stages.calendar import load_calendar
from inet_stages.calendar.events import agenda, calendar_events, urgency
from inet_stages.text.frtypo import typeset
from tests.conftest import Run, fr


def events(cli: Run, *args: str) -> list[dict[str, Any]]:
    result = cli("deadlines", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["version"] == 1
    assert doc["calendar"] == "2026-2027"
    listed: list[dict[str, Any]] = doc["events"]
    return listed


def brief(listed: list[dict[str, Any]]) -> list[tuple[str, str, str | None, list[str], int]]:
    return [(e["date"], e["kind"], e["internship"], e["tracks"], e["days_left"]) for e in listed]


def test_before_the_first_deadline(cli: Run) -> None:
    first = brief(events(cli, "--today", "2025-11-01"))[:3]
    assert first == [
        ("2025-11-24", "offers_deadline", "observation", ["administrateurs", "conservateurs"], 23),
        ("2026-01-30", "offers_deadline", "observation", ["ingenieurs"], 90),
        ("2026-01-30", "offers_deadline", "thematique", ["conservateurs"], 90),
    ]


def test_between_two_deadlines(cli: Run) -> None:
    listed = brief(events(cli, "--today", "2026-02-01", "--kind", "offers"))
    assert listed == [
        ("2026-02-16", "offers_deadline", "thematique", ["administrateurs"], 15),
        (
            "2026-06-19",
            "offers_deadline",
            "projet_collectif",
            ["administrateurs", "conservateurs", "ingenieurs"],
            138,
        ),
    ]


def test_on_a_deadline_day_it_is_still_due(cli: Run) -> None:
    listed = events(cli, "--today", "2026-01-30")
    today = [e for e in listed if e["days_left"] == 0]
    assert {(e["kind"], e["internship"]) for e in today} == {
        ("offers_deadline", "observation"),
        ("offers_deadline", "thematique"),
    }
    assert all(e["urgency"] == "today" for e in today)


def test_day_after_a_deadline_it_is_gone(cli: Run) -> None:
    listed = events(cli, "--today", "2026-01-31", "--kind", "offers")
    assert [e["date"] for e in listed] == ["2026-02-16", "2026-06-19"]


def test_after_the_last_deadline(cli: Run) -> None:
    listed = brief(events(cli, "--today", "2026-11-28"))
    assert not [e for e in listed if e[1] == "offers_deadline"]
    assert listed[0] == (
        "2026-12-18",
        "internship_end",
        "projet_collectif",
        ["administrateurs", "conservateurs", "ingenieurs"],
        20,
    )
    assert listed[1] == (
        "2027-02-01",
        "internship_start",
        "ouverture",
        ["administrateurs", "conservateurs"],
        65,
    )
    assert listed[2] == ("2027-02-01", "internship_start", "perfectionnement", ["ingenieurs"], 65)
    assert listed[-1] == (
        "2027-07-31",
        "schooling_end",
        None,
        ["administrateurs", "conservateurs"],
        245,
    )


def test_json_document_shape(cli: Run) -> None:
    result = cli("deadlines", "--format", "json", "--today", "2026-11-28")
    doc = json.loads(result.stdout)
    assert set(doc) >= {"version", "calendar", "today", "events"}
    assert doc["today"] == "2026-11-28"
    first = doc["events"][0]
    assert set(first) >= {"date", "kind", "internship", "tracks", "days_left", "label"}
    assert first["label"] == typeset("Fin : Projets collectifs (inter-filières)")
    assert first["calendar"] == "2026-2027"
    # Each promotion's unpublished deadlines name their calendar.
    assert doc["unpublished_deadlines"] == [
        {"internship": i, "tracks": t, "calendar": "2026-2027"}
        for i, t in (
            ("ouverture", ["administrateurs", "conservateurs"]),
            ("perfectionnement", ["ingenieurs"]),
            ("professionnalisation", ["administrateurs", "conservateurs"]),
        )
    ]
    assert result.stderr == ""


def test_track_filter_keeps_and_names_only_that_track(cli: Run) -> None:
    listed = events(cli, "--today", "2026-11-28", "--track", "Conservateurs")
    assert listed
    assert all(e["tracks"] == ["conservateurs"] for e in listed)
    assert "perfectionnement" not in {e["internship"] for e in listed}


def test_within(cli: Run) -> None:
    listed = events(cli, "--today", "2026-01-20", "--within", "11")
    assert [e["date"] for e in listed] == ["2026-01-30", "2026-01-30"]
    assert events(cli, "--today", "2026-01-20", "--within", "9") == []


def test_all_includes_past_events(cli: Run) -> None:
    listed = events(cli, "--today", "2026-11-28", "--all")
    assert listed[0]["date"] == "2025-11-24"
    assert listed[0]["days_left"] == -369
    assert listed[0]["urgency"] == "past"
    assert len(listed) == len(calendar_events(load_calendar()))


def test_all_does_not_announce_only_what_comes_next(cli: Run) -> None:
    shown = cli("deadlines", "--today", "2026-11-28").stdout
    assert "Voici ce qui\nvient ensuite." in shown
    everything = cli("deadlines", "--today", "2026-11-28", "--all").stdout
    assert "sont passées" in everything
    assert "vient ensuite" not in everything
    assert "✓ il y a 369 j" in everything


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["offers"], {"offers_deadline"}),
        (["internships"], {"internship_start", "internship_end"}),
        (["schooling"], {"schooling_start", "schooling_end"}),
        (["offers", "schooling"], {"offers_deadline", "schooling_start", "schooling_end"}),
    ],
)
def test_kind_filter(cli: Run, kinds: list[str], expected: set[str]) -> None:
    args = [arg for kind in kinds for arg in ("--kind", kind)]
    listed = events(cli, "--today", "2025-10-01", *args)
    assert {e["kind"] for e in listed} == expected


def test_empty_case_speaks(cli: Run) -> None:
    result = cli("deadlines", "--today", "2026-11-28")
    assert result.exit_code == 0
    out = " ".join(result.stdout.split())
    assert "Toutes les dates limites de dépôt des offres de 2026-2027 sont passées" in out
    assert "la dernière : ven. 19 juin 2026" in out
    assert "Début — Ouverture" in out and "Début — Perfectionnement" in out
    assert "lun. 1er févr. 2027" in out
    assert (
        "ne publie pas de date limite de dépôt des offres pour : Stage d'ouverture "
        "(Administrateurs, Conservateurs) ; Stage de perfectionnement (Ingénieurs) ; "
        "Stage de professionnalisation (Administrateurs, Conservateurs)"
    ) in out
    assert out.count("stages.inet@cnfpt.fr") == 1


def test_only_offers_and_none_left_shows_what_comes_next(cli: Run) -> None:
    result = cli("deadlines", "--today", "2026-11-28", "--kind", "offers")
    out = " ".join(result.stdout.split())
    assert "Aucune date retenue" in out
    assert "Prochaine date : ven. 18 décembre 2026 (dans 20 jours)" in out


def test_year_over(cli: Run) -> None:
    out = " ".join(cli("deadlines", "--today", "2027-09-01").stdout.split())
    assert "est terminé" in out


def test_table_reads_without_colour_at_80_columns(cli: Run) -> None:
    result = cli("deadlines", "--today", "2026-01-26")
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= 80
    assert "\x1b[" not in result.stdout
    row = next(line for line in lines if line.startswith(typeset("ven. 30 janv. 2026")))
    assert "!! dans 4 j" in row
    later = next(line for line in lines if line.startswith(typeset("lun. 30 mars 2026")))
    assert "· dans 63 j" in later
    assert "!!! aujourd'hui" in result.stdout  # the legend


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (-1, "past"),
        (0, "today"),
        (1, "week"),
        (7, "week"),
        (8, "month"),
        (30, "month"),
        (31, "later"),
    ],
)
def test_urgency_boundaries(days: int, expected: str) -> None:
    assert urgency(days) == expected


def test_agenda_is_pure() -> None:
    calendar = load_calendar()
    first = agenda(calendar, date(2026, 6, 19))
    assert first.offers_left == 1
    assert agenda(calendar, date(2026, 6, 20)).offers_left == 0


@pytest.mark.parametrize(
    "args",
    [("--kind", "stages"), ("--within", "-3"), ("--within", "dix"), ("--format", "csv")],
)
def test_bad_options(cli: Run, args: tuple[str, ...]) -> None:
    result = cli("deadlines", *args)
    assert result.exit_code == 2
    assert result.stderr.startswith(fr("inet-stages : erreur"))


def test_colour_on_a_terminal_and_never_with_no_color(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    import re

    colour = re.compile(r"\x1b\[[0-9;]*(3[0-7]|9[0-7]|38;[25])[0-9;]*m")
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("TERM", "xterm-256color")
    coloured = cli("deadlines", "--today", "2026-12-15").stdout
    assert colour.search(coloured)
    monkeypatch.setenv("NO_COLOR", "1")
    plain = cli("deadlines", "--today", "2026-12-15").stdout
    assert not colour.search(plain)
    assert "!! dans 3 j" in plain


def test_deadlines_starts_light(tmp_path: Path) -> None:
    """The main command pays for nothing it does not use: no offer model (pydantic), no
    writers (hashlib, secrets), no help catalogue read."""
    code = (
        "import sys\n"
        "from inet_stages.cli import main\n"
        "from inet_stages.terminal import help_fr\n"
        "try:\n"
        "    main(['deadlines', '--today', '2026-11-28'])\n"
        "except SystemExit as exit:\n"
        "    loaded = [m for m in ('pydantic', 'inet_stages.io.writes') if m in sys.modules]\n"
        "    print(exit.code, loaded, help_fr.texts.cache_info().currsize)\n"
    )
    env = {**os.environ, "INET_STAGES_HOME": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    )
    assert done.stdout.splitlines()[-1] == "0 [] 0", done.stdout + done.stderr


@pytest.mark.parametrize(
    "command",
    [("deadlines",), ("call", "--remind", "--contacts", "contacts.csv", "--offers", ".")],
)
@pytest.mark.parametrize("days", ["3000000", "99999999999"])
def test_a_huge_within_is_a_usage_error(cli: Run, command: tuple[str, ...], days: str) -> None:
    # Today plus three million days is past the dates Python holds: once « erreur interne ».
    result = cli(*command, "--within", days, "--today", "2026-12-07")
    assert result.exit_code == 2
    assert "doit être entre 0 et 3660" in result.stderr
    assert "erreur interne" not in result.stderr


@pytest.mark.parametrize("command", [("status",), ("deadlines", "--within", "30")])
def test_a_far_today_is_a_usage_error(cli: Run, command: tuple[str, ...]) -> None:
    # 9999-12-30 plus thirty days is past the dates Python holds: once « erreur interne ».
    result = cli(*command, "--today", "9999-12-30")
    assert result.exit_code == 2
    assert "hors des années que l'outil traite (2000 à 2099)" in result.stderr
    assert "erreur interne" not in result.stderr
