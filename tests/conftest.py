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


class Printed(str):
    """Printed text, typeset as French: expectations are written with plain spaces.

    The tool prints « Attention\u00a0: » (see :mod:`inet_stages.text.frtypo`);
    ``"Attention : " in result.stderr`` typesets the expectation before
    looking for it, so that a test reads as the French it checks, and still
    fails if the output is not typeset. ``count`` does the same.
    """

    __slots__ = ()

    def __contains__(self, needle: object) -> bool:
        from inet_stages.text.frtypo import typeset

        return isinstance(needle, str) and str.__contains__(self, typeset(needle))

    def count(self, needle: str, *args: int | None) -> int:  # type: ignore[override]
        """Occurrences of ``needle`` typeset."""
        from inet_stages.text.frtypo import typeset

        return str.count(self, typeset(needle), *args)

    def startswith(self, prefix: str | tuple[str, ...], *args: int | None) -> bool:  # type: ignore[override]
        """Whether the text starts with ``prefix`` typeset."""
        from inet_stages.text.frtypo import typeset

        if isinstance(prefix, tuple):
            return any(self.startswith(p, *args) for p in prefix)
        return str.startswith(self, typeset(prefix), *args)

    def endswith(self, suffix: str | tuple[str, ...], *args: int | None) -> bool:  # type: ignore[override]
        """Whether the text ends with ``suffix`` typeset."""
        from inet_stages.text.frtypo import typeset

        if isinstance(suffix, tuple):
            return any(self.endswith(s, *args) for s in suffix)
        return str.endswith(self, typeset(suffix), *args)


@dataclass(frozen=True)
class Result:
    """What one CLI run produced."""

    exit_code: int
    stdout: Printed
    stderr: Printed


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
        return Result(
            code,
            Printed(out.getvalue().decode("utf-8")),
            Printed(err.getvalue().decode("utf-8")),
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
