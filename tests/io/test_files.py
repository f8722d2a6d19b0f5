"""The one bounded reader of a file: what it refuses, in French, and how each reader words it."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from inet_stages.io import received
from inet_stages.io.files import FileRefused, read_bytes
from inet_stages.io.tabular import TableError, read_table
from inet_stages.io.tomlsafe import TomlInputError
from inet_stages.io.tomlsafe import read_bytes as read_toml_bytes

NBSP = "\u00a0"


def _fifo(path: Path) -> None:
    os.mkfifo(path)  # looked up when called: Windows has none


def test_reads_a_file_within_the_limit(tmp_path: Path) -> None:
    path = tmp_path / "a.toml"
    path.write_bytes(b"x" * 10)
    assert read_bytes(path, limit=10) == b"x" * 10


def test_a_file_over_the_limit_is_named_by_what_it_is(tmp_path: Path) -> None:
    path = tmp_path / "a.eml"
    path.write_bytes(b"x" * 1001)
    with pytest.raises(FileRefused) as caught:
        read_bytes(path, limit=1000, what="e-mail")
    assert caught.value.message == (
        f"e-mail trop gros (1{NBSP}001 octets ; au plus 1{NBSP}000 octets acceptés)."
    )


@pytest.mark.parametrize(
    ("make", "expected"),
    [
        (lambda p: None, "fichier introuvable."),
        (lambda p: p.mkdir(), "c'est un dossier, pas un fichier."),
        pytest.param(
            _fifo,
            "ce n'est pas un fichier ordinaire (tube, périphérique…).",
            marks=pytest.mark.skipif(sys.platform == "win32", reason="no FIFO on Windows"),
        ),
    ],
    ids=["missing", "folder", "fifo"],
)
def test_what_is_not_a_regular_file_is_refused_unread(
    tmp_path: Path, make: Callable[[Path], object], expected: str
) -> None:
    path = tmp_path / "x.eml"
    make(path)
    with pytest.raises(FileRefused) as caught:
        read_bytes(path, limit=1000)
    assert caught.value.message == expected


def test_each_reader_puts_the_name_its_own_way(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    missing = tmp_path / "absent"
    with pytest.raises(TomlInputError) as toml:
        read_toml_bytes(missing.with_suffix(".toml"))
    assert toml.value.kind == "io"
    assert toml.value.located() == f"{missing}.toml : fichier introuvable."
    with pytest.raises(TableError) as table:
        read_table(missing.with_suffix(".csv"))
    assert table.value.message == "absent.csv : fichier introuvable."
    mail = tmp_path / "gros.eml"
    mail.write_bytes(b"x" * 2000)
    monkeypatch.setattr(received, "MAX_MAIL_BYTES", 1000)
    with pytest.raises(received.MailError) as caught:
        received.read_mail(mail)
    assert caught.value.message.startswith(f"{mail} : e-mail trop gros (2{NBSP}000 octets ; ")
