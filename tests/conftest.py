"""Shared fixtures: the CLI run in-process at 80 columns without colour."""

from __future__ import annotations

import io
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from inet_stages.cli import main

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"


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
        return Result(code, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8"))

    return run
