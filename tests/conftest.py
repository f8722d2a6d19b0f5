"""Shared fixtures: the CLI run in-process at 80 columns without colour."""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from inet_stages.cli import main

TESTS = Path(__file__).resolve().parent
REPO = TESTS.parent
SHARED = REPO.parent / "shared"
#: « Today » for a command run without --today in the tests.
PINNED_TODAY = date(2026, 11, 28)

# Hypothesis: `ci` (the default) is derandomised, so that a failure in CI replays
# identically anywhere; `thorough` (HYPOTHESIS_PROFILE=thorough) explores ten times
# more, with a random seed, for a local run before a change to a reader or a solver.
settings.register_profile("ci", derandomize=True, deadline=None, print_blob=True)
settings.register_profile(
    "thorough", max_examples=1000, deadline=None, suppress_health_check=list(HealthCheck)
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def fr(text: str) -> str:
    """``text`` typeset as the tool prints French (non-breaking spaces before « : ; ! ? »…).

    Expectations are written with plain spaces and typeset here, at the call
    site: ``fr("Attention : ") in result.stderr``. A plain ``in`` is Python's.
    """
    from inet_stages.text.frtypo import typeset

    return typeset(text)


@dataclass(frozen=True)
class Result:
    """What one CLI run produced."""

    exit_code: int
    stdout: str
    stderr: str


Run = Callable[..., Result]


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> Run:
    """Run ``inet-stages ARGS`` through the real entry point, 80 columns, no colour."""
    # The coordinator's own folder of calendars: empty, so that the machine's never leaks in.
    monkeypatch.setenv("INET_STAGES_HOME", str(tmp_path_factory.mktemp("home")))
    monkeypatch.setenv("COLUMNS", "80")
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("TERM", "dumb")
    monkeypatch.delenv("INET_STAGES_CALENDAR", raising=False)
    monkeypatch.delenv("INET_STAGES_DEBUG", raising=False)
    # The clock is pinned: a command run without --today sees this day, whatever the day
    # the suite runs (the day of the documentation's examples).
    from inet_stages.cli import common

    monkeypatch.setattr(common, "local_today", lambda: PINNED_TODAY)

    def run(*args: str) -> Result:
        out, err = io.BytesIO(), io.BytesIO()
        out_text = io.TextIOWrapper(out, encoding="utf-8", write_through=True)
        err_text = io.TextIOWrapper(err, encoding="utf-8", write_through=True)
        with monkeypatch.context() as patch:
            patch.setattr(sys, "stdout", out_text)
            patch.setattr(sys, "stderr", err_text)
            try:
                main(list(args))
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 1
            else:  # pragma: no cover - main always exits
                code = 0
        return Result(
            code,
            out.getvalue().decode("utf-8"),
            err.getvalue().decode("utf-8"),
        )

    return run


@pytest.fixture
def hostile_calendar(tmp_path: Path) -> Path:
    """The packaged calendar with markup, a terminal escape and a formula in its texts."""
    from inet_stages.calendar import packaged_path

    text = packaged_path().read_text(encoding="utf-8")
    replacements = {
        'short = "Administrateurs"': 'short = "<b>Admin</b>\\u001b[31m"',
        'label = "Élèves conservateurs et conservatrices territoriaux de bibliothèques"': (
            'label = "=HYPERLINK(\\"http://example.invalid\\") & <script>alert(1)</script>"'
        ),
        'name = "Ingrid Vibet"': 'name = "Ingrid \\"Vibet\\" <img src=x onerror=alert(1)>"',
        'website = "inet.cnfpt.fr"': 'website = "javascript:alert(1)"',
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    path = tmp_path / "hostile.toml"
    path.write_text(text, encoding="utf-8")
    return path


def rolled(*, draft: bool) -> str:
    """Next year's calendar as ``calendar roll`` makes it, confirmed (``draft = false``) or not."""
    import re

    from inet_stages.calendar import packaged_path
    from inet_stages.calendar.roll import roll

    text = roll(packaged_path().read_text(encoding="utf-8"), "2027-2028").text
    assert re.search(r"(?m)^draft = true$", text)
    return text if draft else re.sub(r"(?m)^draft = true$", "draft = false", text)


@pytest.fixture
def two_promotions(cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """Her folder holding the confirmed 2027-2028 calendar, beside the packaged 2026-2027.

    Asks for ``cli`` first: that fixture points INET_STAGES_HOME to an empty folder.
    """
    folder = tmp_path / "home"
    folder.mkdir()
    (folder / "calendar_2027_28.toml").write_text(rolled(draft=False), encoding="utf-8")
    monkeypatch.setenv("INET_STAGES_HOME", str(folder))
    return folder
