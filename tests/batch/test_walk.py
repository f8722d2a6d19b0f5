"""Offer trees walked without recursion; links out of the tree not followed, and reported."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from inet_stages.batch.check import MAX_DEPTH
from tests.conftest import Run, fr
from tests.offer_factory import offer_text

TODAY = "2026-01-20"


@pytest.fixture
def deep_tree(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    """``profond/d/d/…/d`` 1 000 levels deep, removed without recursion whatever happens.

    pathlib's ``mkdir(parents=True)`` and shutil's ``rmtree`` recurse: the
    tree is built and removed level by level (a tree left behind would break
    pytest's own cleanup of old temporary folders).
    """
    deep = tmp_path / "profond"
    deep.mkdir()
    levels = [deep.joinpath(*["d"] * n) for n in range(1, 1001)]
    try:
        for level in levels:
            level.mkdir()
        yield deep, levels[-1]
    finally:
        for level in reversed(levels):
            if level.exists():
                for child in level.iterdir():
                    if not child.is_dir():
                        child.unlink()
                level.rmdir()


def test_a_1000_deep_tree_is_reported_and_the_rest_checked(
    cli: Run, tmp_path: Path, deep_tree: tuple[Path, Path]
) -> None:
    deep, bottom = deep_tree
    (bottom / "cache.toml").write_text(offer_text(), encoding="utf-8")
    (deep / "surface.toml").write_text(
        offer_text(offer__title="Un autre intitulé"), encoding="utf-8"
    )
    good = tmp_path / "bonne.toml"
    good.write_text(offer_text(), encoding="utf-8")
    result = cli("validate", str(deep), str(good), "--today", TODAY, "--format", "json")
    assert result.exit_code == 2, result.stderr
    assert "interne" not in result.stderr
    assert f"plus de {MAX_DEPTH} niveaux de dossiers" in result.stderr
    checked = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert str(good) in checked
    assert str(deep / "surface.toml") in checked
    assert not any(p.endswith("cache.toml") for p in checked)


@pytest.mark.skipif(os.name != "posix", reason="symbolic links")
def test_a_file_link_out_of_the_tree_is_not_followed(cli: Run, tmp_path: Path) -> None:
    secret = tmp_path / "Confidentiel - Metz" / "brouillons"
    secret.mkdir(parents=True)
    (secret / "note.toml").write_text('secret = "ne pas diffuser"\n', encoding="utf-8")
    tree = tmp_path / "archive"
    tree.mkdir()
    (tree / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    (tree / "piege.toml").symlink_to(secret / "note.toml")
    (tree / "ici.toml").symlink_to(tree / "colmar.toml")  # inside the tree: followed
    letters = tmp_path / "lettres"
    result = cli("report", str(tree), "--today", TODAY, "--letters", str(letters))
    assert result.exit_code == 2
    assert fr("piege.toml : lien vers un fichier hors de") in result.stderr
    # colmar.toml and the link ici.toml are the same offer: one letter for the group.
    assert sorted(p.name for p in letters.iterdir()) == ["colmar.eml"]
    for letter in letters.iterdir():
        assert "ne pas diffuser" not in letter.read_text(encoding="utf-8")
    validated = cli("validate", str(tree), "--today", TODAY)
    assert "non suivi" in validated.stderr and "ne pas diffuser" not in validated.stdout


def test_a_letter_names_no_folder_of_the_coordinator(cli: Run, tmp_path: Path) -> None:
    private = tmp_path / "Confidentiel - Metz" / "brouillons"
    private.mkdir(parents=True)
    public = tmp_path / "offres"
    public.mkdir()
    (public / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    (private / "colmar-copie.toml").write_text(offer_text(), encoding="utf-8")
    letters = tmp_path / "lettres"
    result = cli(
        "report",
        str(public),
        str(private),
        "--today",
        TODAY,
        "--letters",
        str(letters),
        "--letters-format",
        "txt",
    )
    assert result.exit_code == 0, result.stderr
    (written,) = letters.iterdir()  # one letter for the duplicate group
    letter = written.read_text(encoding="utf-8")
    assert "colmar-copie.toml" not in letter  # file names are her reference, not the host's
    # Her reference names the group's files, by their names only.
    assert "colmar-copie.toml" in result.stderr
    for name in ("Confidentiel", "brouillons", str(tmp_path)):
        for written in letters.iterdir():
            assert name not in written.read_text(encoding="utf-8"), (name, written.name)
            assert name not in written.name
