"""The coordination's folder of calendars: where it is, and a missing one said."""

from __future__ import annotations

from pathlib import Path

import pytest

from inet_stages.cli.common import default_folder, own_folder
from tests.conftest import Run


def test_missing_home_folder_is_said(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    missing = tmp_path / "absent"
    monkeypatch.setenv("INET_STAGES_HOME", str(missing))
    result = cli("calendar", "--today", "2027-11-28", "--format", "json")
    assert result.exit_code == 0
    assert f"le dossier de INET_STAGES_HOME ({missing}) n'existe pas" in result.stderr
    assert "seuls les calendriers fournis" in result.stderr
    # A file instead of a folder is said too.
    afile = tmp_path / "afile"
    afile.write_text("", encoding="utf-8")
    monkeypatch.setenv("INET_STAGES_HOME", str(afile))
    result = cli("deadlines", "--today", "2026-11-28")
    assert "n'est pas un dossier" in result.stderr


def test_existing_home_folder_is_silent(cli: Run) -> None:
    assert cli("calendar", "--today", "2026-11-28").stderr == ""


def test_help_says_where_the_folder_is(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "mes-calendriers"
    monkeypatch.setenv("INET_STAGES_HOME", str(folder))
    result = cli("--help")
    assert str(folder) in "".join(result.stdout.split())


def test_default_folder_is_the_systems_own(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("INET_STAGES_HOME", raising=False)
    folder = default_folder()
    assert folder.name == "inet-stages"
    assert own_folder() == folder
    monkeypatch.setenv("INET_STAGES_HOME", "/ailleurs")
    assert own_folder() == Path("/ailleurs")


def test_files_are_read_in_binary_mode_on_windows(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """Windows opens in text mode without O_BINARY (CRLF folded, Ctrl-Z as end of file)."""
    import os

    from inet_stages.io import tomlsafe

    path = tmp_path / "offre.toml"
    path.write_bytes(b'title = "a"\r\n\x1a# after Ctrl-Z\r\n')
    seen: list[int] = []
    real_open = os.open

    def spy(target: object, flags: int, *args: object) -> int:
        seen.append(flags)
        return real_open(target, flags & ~0x8000, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "O_BINARY", 0x8000, raising=False)
    monkeypatch.setattr(os, "open", spy)
    assert tomlsafe.read_bytes(path) == path.read_bytes()
    assert seen and seen[0] & 0x8000


@pytest.mark.parametrize(
    ("xdg", "home"),
    [
        (None, "/home/ingrid"),
        ("/srv/conf", "/home/ingrid"),
        ("relatif", "/home/ingrid"),
        ("", "/h"),
    ],
)
def test_default_folder_agrees_with_platformdirs(
    monkeypatch: pytest.MonkeyPatch, xdg: str | None, home: str
) -> None:
    """On Linux the folder is found without importing platformdirs: the same answer."""
    from platformdirs import user_config_dir

    if xdg is None:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", xdg)
    monkeypatch.setenv("HOME", home)
    expected = Path(user_config_dir("inet-stages", appauthor=False, roaming=True))
    assert default_folder() == expected
