"""``fix`` on hostile files: no crash, no endless run, output kept readable."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import Run, fr
from tests.offer.test_hostile import SHAPES
from tests.offer_factory import offer_text


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_hostile_shapes_through_fix(cli: Run, tmp_path: Path, text: str) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    result = cli("fix", str(path), "--diff", "--today", "2026-11-28")
    assert result.exit_code == 1, result.stderr
    assert "erreur interne" not in result.stderr
    assert "Traceback" not in result.stdout + result.stderr
    assert "\x1b" not in result.stdout + result.stderr
    assert path.read_bytes() == before


def test_thousands_of_slips_are_fixed_and_counted(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(offer_text() + "[extra]\n" + "".join(f"k{i} = “x”\n" for i in range(2_000)))
    result = cli("fix", str(path), "--today", "2026-11-28")
    assert "Traceback" not in result.stdout + result.stderr
    assert result.stdout.count(fr(": corrigé : guillemets")) == 50
    assert fr("corrigé : 1 950 autres, non détaillés.") in result.stdout
    assert "“" not in path.read_text(encoding="utf-8")


def test_thousands_of_near_keys_are_left_quickly() -> None:
    # [tutor] comes last and has no « phone »: each phoneN is close to it, so
    # none is renamed (which one would be right?), and no line is located twice.
    from inet_stages.offer.fix import fix_text

    text = offer_text() + "".join(f'phone{i} = "03"\n' for i in range(3_000))
    assert text.index("[tutor]") < text.index("phone0")
    fixed = fix_text(text)
    assert fixed.changes == ()
    assert len(fixed.left) >= 10
    assert all("d'autres clés ressemblent à « phone »" in c.what for c in fixed.left)
