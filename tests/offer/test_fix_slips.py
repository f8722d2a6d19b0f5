"""``fix`` for every slip with one answer that ``import`` reads too (issue 26).

Two-digit years, numbers written as text, « oui »/« non » for booleans, « mailto: » before
the address, a file saved in Windows-1252, Latin-1 or UTF-16: each written by ``fix`` and
each shown by ``fix --diff`` (which writes nothing).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inet_stages.offer.fix import decode_any, fix_text
from tests.conftest import Run, fr
from tests.offer_factory import offer_text

TODAY = "2026-02-12"


def _collective() -> str:
    return "# Offre de Strasbourg\n" + offer_text("projet_collectif")


def _with(text: str, start: str, typed: str) -> str:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = typed
    return "\n".join(lines) + "\n"


CASES = [
    (
        "two-digit year",
        "submitted =",
        'submitted = "10/02/26"',
        "submitted = 2026-02-10",
        "date 10/02/26 écrite 2026-02-10",
    ),
    (
        "two-digit year, bare",
        "submitted =",
        "submitted = 10/02/26",
        "submitted = 2026-02-10",
        "date 10/02/26 écrite 2026-02-10",
    ),
    (
        "number as text",
        "population =",
        'population = "104 000"',
        "population = 104000",
        "nombre écrit 104000, sans espace",
    ),
    (
        "number as text, no space",
        "population =",
        'population = "104000"',
        "population = 104000",
        "nombre écrit 104000, sans guillemets",
    ),
    ("oui", "fee_accepted =", 'fee_accepted = "oui"', "fee_accepted = true", "« oui » écrit true"),
    (
        "Oui, bare",
        "fee_accepted =",
        "fee_accepted = Oui",
        "fee_accepted = true",
        "« Oui » écrit true",
    ),
    (
        "mailto",
        "email =",
        'email = "mailto:camille.martin@example.fr"',
        'email = "camille.martin@example.fr"',
        "« mailto: » retiré devant l'adresse",
    ),
]


def _base() -> str:
    return _collective()


@pytest.mark.parametrize(
    ("start", "typed", "fixed", "said"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_fix_writes_it(
    cli: Run, tmp_path: Path, start: str, typed: str, fixed: str, said: str
) -> None:
    base = _base()
    path = tmp_path / "offre.toml"
    path.write_text(_with(base, start, typed), encoding="utf-8")
    assert cli("validate", str(path), "--today", TODAY).exit_code == 1
    result = cli("fix", str(path), "--today", TODAY)
    assert path.read_text(encoding="utf-8") == _with(base, start, fixed)
    assert fr(said) in result.stdout
    assert cli("validate", str(path), "--today", TODAY).exit_code == 0


@pytest.mark.parametrize(
    ("start", "typed", "fixed"), [c[1:4] for c in CASES], ids=[c[0] for c in CASES]
)
def test_diff_shows_it(cli: Run, tmp_path: Path, start: str, typed: str, fixed: str) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(_with(_base(), start, typed), encoding="utf-8")
    before = path.read_bytes()
    result = cli("fix", str(path), "--diff", "--today", TODAY)
    assert path.read_bytes() == before
    assert f"\n-{typed}\n+{fixed}\n" in str(result.stdout)  # verbatim, not typeset


@pytest.mark.parametrize(
    ("encoding", "prefix", "name"),
    [
        ("cp1252", b"", "Windows-1252"),
        ("latin-1", b"", "Windows-1252"),
        ("utf-16-le", b"\xff\xfe", "UTF-16"),
    ],
)
def test_a_file_in_another_encoding_becomes_utf8(
    cli: Run, tmp_path: Path, encoding: str, prefix: bytes, name: str
) -> None:
    text = _base().replace("# Offre de Strasbourg", "# Offre déposée à l'été")
    path = tmp_path / "offre.toml"
    path.write_bytes(prefix + text.encode(encoding))
    assert cli("validate", str(path), "--today", TODAY).exit_code != 0
    shown = cli("fix", str(path), "--diff", "--today", TODAY)
    assert shown.stdout.startswith(f"--- {path} (avant, {name})\n+++ {path} (corrigé, UTF-8)\n")
    assert path.read_bytes().startswith(prefix)  # --diff writes nothing
    result = cli("fix", str(path), "--today", TODAY)
    assert fr(f"fichier en {name} enregistré en UTF-8") in result.stdout
    assert path.read_bytes() == text.encode("utf-8")
    assert cli("validate", str(path), "--today", TODAY).exit_code == 0


def test_latin1_control_bytes_are_read_as_latin1() -> None:
    # 0x81 is undefined in Windows-1252: the only reading left is Latin-1.
    assert decode_any("é\x81".encode("latin-1")) == ("é\x81", "Latin-1")
    assert decode_any("é".encode()) == ("é", None)


def test_twice_changes_nothing_more() -> None:
    text = _with(_base(), "population =", 'population = "104 000"')
    once = fix_text(text).text
    assert fix_text(once).text == once
    assert not fix_text(once).changes


def test_a_number_with_letters_is_left() -> None:
    text = _with(_base(), "population =", 'population = "environ 100 000"')
    assert fix_text(text).text == text


def test_os_untouched_mtime_for_diff(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_bytes(_base().encode("cp1252"))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    cli("fix", str(path), "--diff", "--today", TODAY)
    assert path.stat().st_mtime == 1_000_000_000
