"""``fix`` never loses a byte: a read-only file, a file with several hard links, a link, a
file changed between its read and its write are left as they are, and said so."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import Run
from tests.offer.test_fix import TODAY, offer_with

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes and links of POSIX")

SLIPPED = offer_with("submitted =", "submitted = 10/02/2026")


def _offer(tmp_path: Path) -> Path:
    path = tmp_path / "offre.toml"
    path.write_text(SLIPPED, encoding="utf-8")
    return path


def test_a_read_only_file_is_refused(cli: Run, tmp_path: Path) -> None:
    path = _offer(tmp_path)
    path.chmod(0o444)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 2
    assert "lecture seule" in result.stdout
    assert path.read_text(encoding="utf-8") == SLIPPED
    assert path.stat().st_mode & 0o777 == 0o444


def test_hard_links_are_kept(cli: Run, tmp_path: Path) -> None:
    path = _offer(tmp_path)
    other = tmp_path / "copie.toml"
    os.link(path, other)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 2
    assert "liens physiques" in result.stdout
    assert os.path.samefile(path, other)
    assert path.read_text(encoding="utf-8") == SLIPPED


def test_a_link_is_not_rewritten(cli: Run, tmp_path: Path) -> None:
    real = _offer(tmp_path)
    folder = tmp_path / "offres"
    folder.mkdir()
    link = folder / "lien.toml"
    link.symlink_to(real)
    result = cli("fix", str(link), "--today", TODAY)
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8") == SLIPPED
    assert "lien symbolique" in result.stdout
    # Nothing was written, and nothing says so: not « corrigé », not « --diff ».
    said = result.stdout.replace("\u00a0", " ")
    assert ": corrigé :" not in said and "--diff" not in said
    assert "non écrit :" in said
    assert "1 correction à faire, non écrite" in said


def test_a_file_changed_meanwhile_is_not_overwritten(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inet_stages.offer import fix

    path = _offer(tmp_path)
    edited = SLIPPED.replace("# Relu", "# Relu et complété")
    real = fix.fix_text

    def meanwhile(text: str) -> fix.Fixed:
        path.write_text(edited, encoding="utf-8")  # her editor saves while fix works
        return real(text)

    monkeypatch.setattr(fix, "fix_text", meanwhile)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 2
    assert "a changé" in result.stdout
    assert path.read_text(encoding="utf-8") == edited


def test_the_same_size_and_time_still_compares_the_bytes(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from inet_stages.offer import fix

    path = _offer(tmp_path)
    info = path.stat()
    edited = SLIPPED.replace("Relu", "RELU")  # same length
    real = fix.fix_text

    def meanwhile(text: str) -> fix.Fixed:
        with open(path, "r+", encoding="utf-8") as stream:  # in place: same inode
            stream.write(edited)
        os.utime(path, ns=(info.st_atime_ns, info.st_mtime_ns))
        return real(text)

    monkeypatch.setattr(fix, "fix_text", meanwhile)
    result = cli("fix", str(path), "--today", TODAY)
    assert "a changé" in result.stdout
    assert path.read_text(encoding="utf-8") == edited


def test_a_plain_file_is_still_fixed(cli: Run, tmp_path: Path) -> None:
    path = _offer(tmp_path)
    path.chmod(0o640)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 0, result.stdout
    assert "2026-02-10" in path.read_text(encoding="utf-8")
    assert path.stat().st_mode & 0o777 == 0o640
