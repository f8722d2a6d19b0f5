"""``inet-stages fix``: each slip with one safe answer rewritten in place, the rest reported."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from inet_stages.offer.fix import fix_text
from tests.conftest import Run, fr
from tests.offer_factory import offer_text

TODAY = "2026-02-12"
COMMENT = "# Relu par la DGS le 9 février"


def offer_with(start: str, typed: str) -> str:
    """A valid offer, a comment on top, ``typed`` in place of the line starting with ``start``."""
    lines = [COMMENT, *offer_text().splitlines()]
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = typed
    return "\n".join(lines) + "\n"


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


SLIPS = [
    (
        "curly quotes",
        "title =",
        "title = “Diagnostic” # intitulé",
        'title = "Diagnostic" # intitulé',
    ),
    ("French guillemets", "title =", "title = «\u00a0Diagnostic\u00a0»", 'title = "Diagnostic"'),
    ("French date", "submitted =", "submitted = 10/02/2026", "submitted = 2026-02-10"),
    ("quoted French date", "submitted =", 'submitted = "10/02/2026"', "submitted = 2026-02-10"),
    ("loose ISO date", "submitted =", "submitted = 2026-2-10", "submitted = 2026-02-10"),
    ("key typo", "population =", "popluation = 67000", "population = 67000"),
    ("non-breaking space", "city =", 'city\u00a0= "Colmar"', 'city = "Colmar"'),
    ("number with spaces", "population =", "population = 67\u202f000", "population = 67000"),
    (
        "spaces around the address",
        "email =",
        'email = " camille.martin@example.fr "',
        'email = "camille.martin@example.fr"',
    ),
]


@pytest.mark.parametrize(
    ("start", "typed", "fixed"), [c[1:] for c in SLIPS], ids=[c[0] for c in SLIPS]
)
def test_fix_each_slip(cli: Run, tmp_path: Path, start: str, typed: str, fixed: str) -> None:
    path = write(tmp_path / "offre.toml", offer_with(start, typed))
    assert cli("validate", str(path), "--today", TODAY).exit_code == 1
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 0, result.stdout + result.stderr
    text = path.read_text(encoding="utf-8")
    assert text == offer_with(start, fixed)  # that line only: comment and layout kept
    assert f"{path}: 1 correction écrite." in result.stdout
    assert f"{path}: valide" in result.stdout
    assert cli("validate", str(path), "--today", TODAY).exit_code == 0


@pytest.mark.parametrize(
    ("start", "typed"), [(c[1], c[2]) for c in SLIPS], ids=[c[0] for c in SLIPS]
)
def test_diff_writes_nothing(cli: Run, tmp_path: Path, start: str, typed: str) -> None:
    path = write(tmp_path / "offre.toml", offer_with(start, typed))
    before = path.read_bytes()
    os.utime(path, (1_000_000_000, 1_000_000_000))
    result = cli("fix", str(path), "--diff", "--today", TODAY)
    assert path.read_bytes() == before
    assert path.stat().st_mtime == 1_000_000_000
    # The diff alone on stdout; the verdict after fixing decides the exit code.
    assert result.stdout.startswith(f"--- {path} (avant)\n+++ {path} (corrigé)\n")
    assert f"\n-{typed}\n" in str(result.stdout)  # a diff is shown verbatim
    assert fr("corrigé :") in result.stderr
    assert "rien n'est écrit" in result.stderr
    assert result.exit_code == 0


def test_several_slips_at_once_and_a_message_for_each(cli: Run, tmp_path: Path) -> None:
    text = offer_with("title =", "title = « Diagnostic »")
    text = text.replace("submitted = 2026-02-10", "submitted = 10/02/2026")
    text = text.replace("population = 67000", "popluation = 67 000")
    path = write(tmp_path / "offre.toml", text)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 0
    assert f"{path}: 4 corrections écrites." in result.stdout
    assert fr("clé « popluation » renommée « population »") in result.stdout
    assert "date 10/02/2026 écrite 2026-02-10" in result.stdout


def test_ambiguous_slips_are_left_and_reported(cli: Run, tmp_path: Path) -> None:
    # Month first is no French date: 02/28/2026 is proposed, not written. And
    # « popluation » beside « population »: which one is right is hers to say.
    text = offer_with("submitted =", 'submitted = "02/28/2026"')
    text = text.replace("title = ", "tittle = ", 1)  # the one certain fix of this file
    text = text.replace("population = 67000", "population = 67000\npopluation = 6700")
    path = write(tmp_path / "offre.toml", text)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 1
    written = path.read_text(encoding="utf-8")
    assert written == text.replace("tittle = ", "title = ", 1)
    assert f"{path}: 1 correction écrite." in result.stdout
    assert fr("à décider : clé « popluation » : « population » est déjà là") in result.stdout
    assert fr("D001 (erreur) date illisible « 02/28/2026 »") in result.stdout
    assert "écrivez 2026-02-28" in result.stdout
    assert "S003" in result.stdout


def test_text_still_not_toml_is_fixed_where_certain_and_reported(cli: Run, tmp_path: Path) -> None:
    text = offer_with("title =", "title = “Diagnostic”")
    text = text.replace("city = ", "city = = ", 1)
    path = write(tmp_path / "offre.toml", text)
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 1
    assert path.read_text(encoding="utf-8") == text.replace("“Diagnostic”", '"Diagnostic"')
    assert "F004" in result.stdout


def test_nothing_to_fix_leaves_the_file_untouched(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "offre.toml", offer_with("title =", 'title = "Diagnostic"'))
    os.utime(path, (1_000_000_000, 1_000_000_000))
    result = cli("fix", str(path), "--today", TODAY)
    assert result.exit_code == 0
    assert "aucune correction sûre à faire" in result.stdout
    assert path.stat().st_mtime == 1_000_000_000


def test_windows_line_endings_and_bom_are_kept(cli: Run, tmp_path: Path) -> None:
    text = offer_with("title =", "title = “Diagnostic”").replace("\n", "\r\n")
    path = tmp_path / "offre.toml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    assert cli("fix", str(path), "--today", TODAY).exit_code == 0
    expected = text.replace("“Diagnostic”", '"Diagnostic"')
    assert path.read_bytes() == b"\xef\xbb\xbf" + expected.encode("utf-8")


def test_exit_codes_like_validate(cli: Run, tmp_path: Path) -> None:
    good = write(tmp_path / "good.toml", offer_with("title =", "title = “Diagnostic”"))
    latin = tmp_path / "latin.toml"
    latin.write_bytes(offer_text().encode("cp1252"))
    result = cli("fix", str(good), str(latin), "--today", TODAY)
    # The Windows-1252 file has one reading: it is written back in UTF-8.
    assert result.exit_code == 0
    assert latin.read_bytes() == offer_text().encode("utf-8")
    assert fr("fichier en Windows-1252 enregistré en UTF-8") in result.stdout
    assert fr("Bilan : 2 corrections faites.") in result.stdout
    missing = cli("fix", str(tmp_path / "absent.toml"), "--today", TODAY)
    assert missing.exit_code == 2
    assert "introuvable" in missing.stderr


def test_folder_is_walked(cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.toml", offer_with("title =", "title = “A”"))
    write(tmp_path / "b.toml", offer_with("title =", "title = “B”"))
    result = cli("fix", str(tmp_path), "--today", TODAY)
    assert result.exit_code == 0
    assert fr("Bilan : 2 corrections faites.") in result.stdout
    assert 'title = "B"' in (tmp_path / "b.toml").read_text(encoding="utf-8")


def test_fix_is_in_the_help(cli: Run) -> None:
    result = cli("fix", "--help")
    assert result.exit_code == 0
    assert "--diff" in result.stdout
    assert "guillemets typographiques" in result.stdout


def test_a_key_near_two_tables_is_not_guessed() -> None:
    # « hots » is close to [host] only, but [host] is there already.
    fixed = fix_text('[hots]\nname = "x"\n[host]\nname = "y"\n')
    assert fixed.changes == ()
    assert [c.what for c in fixed.left] == [
        "table [hots] : [host] est déjà là ; gardez l'une des deux"
    ]


def test_fixing_twice_changes_nothing_more() -> None:
    text = offer_with("title =", "title = „Diagnostic“").replace(
        "submitted = 2026-02-10", "submitted = 10.02.2026"
    )
    once = fix_text(text)
    assert len(once.changes) == 2
    twice = fix_text(once.text)
    assert twice.changes == ()
    assert twice.text == once.text


def test_a_misspelt_table_is_renamed_with_its_comment() -> None:
    text = offer_text().replace("[offer]", "[ofer]  # l'offre", 1)
    fixed = fix_text(text)
    assert [c.what for c in fixed.changes] == ["table [ofer] renommée [offer]"]
    assert fixed.text == offer_text().replace("[offer]", "[offer]  # l'offre", 1)


@pytest.mark.parametrize(
    ("table", "keys"),
    [
        ("[Host]", {"name =": "Name =", "kind =": "Kind ="}),
        ("[Host]", {"population =": "popultion ="}),
        ("[tutr]", {"email =": "emial ="}),
    ],
)
def test_a_misspelt_table_and_its_keys_in_one_run(table: str, keys: dict[str, str]) -> None:
    # The keys inside [Host] are known once it is [host]: one run mends both, and a
    # second finds nothing more (fix.md's promise).
    header = "[host]" if table == "[Host]" else "[tutor]"
    text = offer_text().replace(header, table, 1)
    for good, typed in keys.items():
        text = text.replace(good, typed, 1)
    once = fix_text(text)
    assert once.text == offer_text()
    assert len(once.changes) == 1 + len(keys)
    assert fix_text(once.text).changes == ()


def test_what_still_stops_the_reading_is_listed() -> None:
    # An unquoted date no safe answer mends leaves the file unreadable: nothing else can be
    # renamed, and fix says why rather than « aucune correction ».
    text = offer_text().replace("submitted = 2026-02-10", "submitted = 01/28/2026")
    fixed = fix_text(text)
    assert fixed.changes == ()
    (left,) = fixed.left
    assert "TOML invalide" in left.what
    assert left.line == 1 + text.splitlines().index("submitted = 01/28/2026")


def test_fix_gives_validates_verdict(cli: Run, tmp_path: Path) -> None:
    # fix checks what it writes as validate does: against the offer's promotion, under
    # her decisions (it once used the one calendar and no decisions).

    folder = tmp_path / "offres"
    folder.mkdir()
    # Word's quotes around the title (a slip fix mends), and D002 for the administrateurs.
    late = offer_with("title =", "title = „Diagnostic“").replace(
        "submitted = 2026-02-10", "submitted = 2026-02-17"
    )
    (folder / "tard.toml").write_text(late, encoding="utf-8")
    (folder / "ailleurs.toml").write_text(
        offer_text("observation", offer__promotion="2027-2028"), encoding="utf-8"
    )
    (folder / "decisions.toml").write_text(
        '["tard.toml"]\naccept = ["D002"]\nreason = "Accord de la direction"\n', "utf-8"
    )
    said = cli("fix", str(folder), "--today", "2026-03-01").stdout.replace("\u00a0", " ")
    checked = cli("validate", str(folder), "--today", "2026-03-01").stdout.replace("\u00a0", " ")
    for name in ("tard.toml", "ailleurs.toml"):
        verdict = next(
            line
            for line in checked.splitlines()
            if line.endswith(("valide", "à compléter", "hors délai", "non retenue"))
            and line.startswith(str(folder / name))
        )
        assert verdict in said, (verdict, said)
