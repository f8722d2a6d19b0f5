"""``writes.write_many``: the promises of ``write_atomic``, file by file, for a batch."""

from __future__ import annotations

import os
from pathlib import Path

from inet_stages.io.writes import write_many


def test_batch_writes_refuses_per_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    existing = tmp_path / "b.toml"
    existing.write_text("ancien\n", encoding="utf-8")
    os.chmod(existing, 0o600)
    folder = tmp_path / "dossier.toml"
    folder.mkdir()
    items: list[tuple[Path, str | bytes]] = [
        (tmp_path / "a.toml", "a\n"),
        (existing, "nouveau\n"),
        (folder, "x"),
        (tmp_path / "absent" / "c.toml", "c"),
        (tmp_path / "d.toml", b"d\n"),
    ]
    results = write_many(items)
    assert results[0] is None and results[4] is None
    assert results[1] is not None and "existe déjà ; ajoutez --force" in results[1].message
    assert results[2] is not None and "c'est un dossier" in results[2].message
    assert results[3] is not None and "n'existe pas" in results[3].message
    assert (tmp_path / "a.toml").read_text("utf-8") == "a\n"
    assert (tmp_path / "d.toml").read_bytes() == b"d\n"
    assert existing.read_text("utf-8") == "ancien\n"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]

    again = write_many([(existing, "nouveau\n")], force=True)
    assert again == [None]
    assert existing.read_text("utf-8") == "nouveau\n"
    assert existing.stat().st_mode & 0o777 == 0o600  # the user's permissions are kept


def test_force_replaces_a_link_never_its_target(tmp_path: Path) -> None:
    real = tmp_path / "vrai.toml"
    real.write_text("v1\n", encoding="utf-8")
    link = tmp_path / "lien.toml"
    link.symlink_to(real)
    refused = write_many([(link, "v2\n")])
    assert refused[0] is not None and refused[0].link and "lien symbolique" in refused[0].message
    assert write_many([(link, "v2\n")], force=True) == [None]
    assert not link.is_symlink()  # the link itself was replaced...
    assert link.read_text("utf-8") == "v2\n"
    assert real.read_text("utf-8") == "v1\n"  # ...never the file it pointed to
