"""F: files that cannot be read as an offer are reported in the batch, never a crash."""

from __future__ import annotations

import errno
import os
from pathlib import Path
from typing import Any

import pytest

from inet_stages.offer.reader import read_offer
from tests.offer_factory import CALENDAR, offer_text


def read_codes(path: Path) -> list[tuple[str, int | None]]:
    result = read_offer(path, CALENDAR)
    return [(f.code, f.line) for f in result.findings]


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b"\xef\xbb\xbf" + offer_text().encode("utf-8"))
    assert read_codes(path) == []


def test_windows_1252_is_refused_and_named(tmp_path: Path) -> None:
    path = tmp_path / "latin.toml"
    path.write_bytes(offer_text().encode("cp1252"))
    result = read_offer(path, CALENDAR)
    (found,) = result.findings
    assert found.code == "F002"
    assert "UTF-8" in found.message
    assert "Windows-1252" in found.message
    assert found.line is not None
    assert result.offer is None


@pytest.mark.parametrize("content", [b"", b"  \n\n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.toml"
    path.write_bytes(content)
    assert read_codes(path) == [("F003", None)]


def test_invalid_toml_has_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text('[offer]\ntitle = "Diagnostic\n', encoding="utf-8")
    (found,) = read_offer(path, CALENDAR).findings
    assert (found.code, found.line) == ("F004", 2)
    assert "ligne 2, colonne" in found.message


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_fifo_is_unreadable_not_blocking(tmp_path: Path) -> None:
    path = tmp_path / "pipe.toml"
    os.mkfifo(path)
    assert read_codes(path) == [("F001", None)]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.toml"
    path.write_text(offer_text(), encoding="utf-8")
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads a mode-000 file: make opening it fail as it would for anyone else.
        def refuse(*args: Any, **kwargs: Any) -> int:
            raise PermissionError(errno.EACCES, "Permission denied", str(path))

        monkeypatch.setattr(os, "open", refuse)
    result = read_offer(path, CALENDAR)
    assert [(f.code, f.line) for f in result.findings] == [("F001", None)]
    assert "accès refusé" in result.findings[0].message


def test_missing_file_is_unreadable(tmp_path: Path) -> None:
    assert read_codes(tmp_path / "gone.toml") == [("F001", None)]
