"""``inet-stages template``: each internship's skeleton, filled in, validates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from inet_stages.calendar import load_calendar
from tests.conftest import Run, fr

CALENDAR = load_calendar()
WINDOWS = [(w.internship, w.track) for w in CALENDAR.windows]

DESCRIPTION = (
    "L'élève conduira un diagnostic partagé avec les services, rencontrera les élus et les "
    "partenaires, puis proposera à la direction générale un plan d'action chiffré."
)


def fill(template: str, position: str) -> str:
    """Replace every « À COMPLÉTER » value as a host would."""
    values = {
        "title": '"Diagnostic et plan de lutte contre l\'absentéisme"',
        "submitted": "2025-11-03",
        "name": '"Ville de Colmar"',
        "kind": '"commune"',
        "population": "67000",
        "city": '"Colmar"',
        "position": f'"{position}"',
        "email": '"camille.martin@colmar.example.fr"',
    }
    text = re.sub(
        r'^description = """\n.*?"""$',
        f'description = """\n{DESCRIPTION}\n"""',
        template,
        flags=re.M | re.S,
    )
    text = re.sub(
        r'^(\w+) = "À COMPLÉTER[^"]*"$', lambda m: f"{m[1]} = {values[m[1]]}", text, flags=re.M
    )
    return text.replace("fee_accepted = false", "fee_accepted = true")


@pytest.mark.parametrize(("internship", "track"), WINDOWS)
def test_each_template_filled_in_validates(
    cli: Run, tmp_path: Path, internship: str, track: str
) -> None:
    result = cli("template", internship, "--track", track)
    assert result.exit_code == 0
    template = result.stdout
    assert template.startswith("#:schema ./offer.schema.json\n")
    window = CALENDAR.window(track, internship)
    assert window is not None
    assert fr(f"{window.weeks} semaines") in template
    if window.offers_deadline is not None:
        assert fr(str(window.offers_deadline.year)) in template
    else:
        assert "date limite de dépôt non publiée" in template
    unfilled = tmp_path / "unfilled.toml"
    unfilled.write_text(template, encoding="utf-8")
    before = cli("validate", str(unfilled), "--format", "json", "--today", "2026-11-28")
    assert before.exit_code == 1
    codes = {d["code"] for d in json.loads(before.stdout)["files"][0]["diagnostics"]}
    assert "S006" in codes

    position = "Directrice de la médiathèque" if window.tutor == "directeur_bibliotheque" else "DGS"
    filled = tmp_path / "offre.toml"
    filled.write_text(fill(template, position), encoding="utf-8")
    after = cli("validate", str(filled), "--format", "json", "--today", "2026-11-28")
    diagnostics = json.loads(after.stdout)["files"][0]["diagnostics"]
    assert [d for d in diagnostics if d["severity"] == "error"] == []
    assert after.exit_code == 0


def test_template_comments_come_from_the_calendar(cli: Run) -> None:
    result = cli("template", "observation", "--track", "conservateurs")
    assert (
        fr("#   · du 30 mars au 17 avril 2026\n#   · du 31 mars au 18 avril 2026\n")
        in result.stdout
    )
    assert fr("lun. 24 novembre 2025") in result.stdout
    assert "Directrice de l'établissement" in result.stdout
    collectif = cli("template", "Projets-collectifs").stdout
    assert fr("plus de 40 000 habitants") in collectif
    assert fr("4 000 €") in collectif
    assert "fee_accepted = false" in collectif
    assert "tracks = [" not in collectif


def test_template_without_track_lists_every_track(cli: Run) -> None:
    result = cli("template", "thematique")
    assert 'tracks = ["administrateurs", "conservateurs"]' in result.stdout
    assert fr("lun. 16 février 2026") in result.stdout
    assert fr("ven. 30 janvier 2026") in result.stdout


def test_track_without_the_internship_is_refused(cli: Run) -> None:
    result = cli("template", "thematique", "--track", "ingenieurs")
    assert result.exit_code == 2
    assert "Administrateurs, Conservateurs" in result.stderr
    assert result.stdout == ""


def test_unknown_internship_is_refused(cli: Run) -> None:
    result = cli("template", "stage-libre")
    assert result.exit_code == 2
    assert "Valeurs possibles" in result.stderr


def test_output_file_and_no_overwrite_without_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "offre.toml"
    first = cli("template", "ouverture", "-o", str(target))
    assert first.exit_code == 0
    assert first.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("#:schema")
    target.write_text("mon travail", encoding="utf-8")
    refused = cli("template", "ouverture", "-o", str(target))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mon travail"
    forced = cli("template", "ouverture", "-o", str(target), "--force")
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("#:schema")
