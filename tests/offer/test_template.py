"""``inet-stages template``: each internship's skeleton, filled in, validates."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from inet_stages.calendar import load_calendar
from tests.calendars import next_year_in_home
from tests.conftest import Run, fr

CALENDAR = load_calendar()
TODAY = "2025-10-01"
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
    result = cli("template", internship, "--track", track, "--today", TODAY)
    assert result.exit_code == 0
    template = result.stdout
    # The host's variant: nothing a town hall cannot use.
    assert not template.startswith("#:schema")
    for word in ("inet-stages", "schema", "taplo", "éditeur", "validate"):
        assert word not in template
    window = CALENDAR.window(track, internship)
    assert window is not None
    assert fr(f"{window.weeks} semaines") in template
    if window.offers_deadline is not None:
        assert fr(str(window.offers_deadline.year)) in template
    else:
        assert "pas de date limite publiée" in template
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
    result = cli("template", "observation", "--track", "conservateurs", "--today", TODAY)
    # The window as the brochure prints it, never the envelope's Saturday.
    assert (
        fr("Conservateurs : 3 semaines du 30 ou 31 mars au 17 ou 18 avril 2026\n") in result.stdout
    )
    assert fr("au 18 avril 2026\n") not in result.stdout.replace("17 ou 18 avril", "")
    assert fr("dépôt des offres jusqu'au 24 novembre 2025") in result.stdout
    # The tutor: the brochure's sentence and the coordination's practice, not spellings.
    assert fr("directement placé auprès du directeur ou de la directrice") in result.stdout
    assert fr("« Directrice de l'établissement »") not in result.stdout
    collectif = cli("template", "Projets-collectifs", "--today", TODAY).stdout
    assert fr("plus de 40 000 habitants") in collectif
    assert fr("4 000 €") in collectif
    assert "fee_accepted = false" in collectif
    assert "tracks = [" not in collectif


def test_template_without_track_lists_every_track(cli: Run) -> None:
    result = cli("template", "thematique", "--today", TODAY)
    assert 'tracks = ["administrateurs", "conservateurs"]' in result.stdout
    assert fr("jusqu'au 16 février 2026") in result.stdout
    assert fr("jusqu'au 30 janvier 2026") in result.stdout


@pytest.mark.parametrize("internship", sorted({i for i, _ in WINDOWS}))
@pytest.mark.parametrize("variant", [(), ("--coordination",)])
def test_every_line_fits_80_columns(cli: Run, internship: str, variant: tuple[str, ...]) -> None:
    # The host opens it in any editor; « Projets collectifs (inter-filières) » once made 81.
    result = cli("template", internship, *variant, "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert [line for line in result.stdout.splitlines() if len(line) > 80] == []


def test_track_without_the_internship_is_refused(cli: Run) -> None:
    result = cli("template", "thematique", "--track", "ingenieurs", "--today", TODAY)
    assert result.exit_code == 2
    assert "Administrateurs, Conservateurs" in result.stderr
    assert result.stdout == ""


def test_unknown_internship_is_refused(cli: Run) -> None:
    result = cli("template", "stage-libre", "--today", TODAY)
    assert result.exit_code == 2
    assert "Valeurs possibles" in result.stderr


def test_output_file_and_no_overwrite_without_force(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "offre.toml"
    first = cli("template", "ouverture", "-o", str(target), "--today", TODAY, "--coordination")
    assert first.exit_code == 0
    assert first.stdout == ""
    assert target.read_text(encoding="utf-8").startswith("#:schema")
    target.write_text("mon travail", encoding="utf-8")
    refused = cli("template", "ouverture", "-o", str(target), "--today", TODAY)
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "mon travail"
    forced = cli("template", "ouverture", "-o", str(target), "--force", "--today", TODAY)
    assert forced.exit_code == 0
    assert target.read_text(encoding="utf-8").startswith("# Offre de stage")


def test_coordination_variant_keeps_the_schema_line_and_validates(cli: Run, tmp_path: Path) -> None:
    result = cli("template", "thematique", "--coordination", "--today", TODAY)
    assert result.stdout.startswith("#:schema ./offer.schema.json\n")
    assert "inet-stages validate offre.toml" in result.stdout
    host = cli("template", "thematique", "--today", TODAY).stdout
    assert "stages.inet@cnfpt.fr" in host  # where to send it back
    # Same keys, same values: only the comments at the top differ.
    keys = [line for line in host.splitlines() if line and not line.startswith("#")]
    assert keys == [k for k in result.stdout.splitlines() if k and not k.startswith("#")]
    filled = tmp_path / "offre.toml"
    filled.write_text(fill(result.stdout, "DGS"), encoding="utf-8")
    after = cli("validate", str(filled), "--today", "2026-11-28")
    assert after.exit_code == 0, after.stdout


def test_two_promotions_the_template_chooses_by_promotion(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The promotion whose deadline is still ahead, said, and --promotion."""
    next_year_in_home(tmp_path, monkeypatch)
    # 1 October 2026: the 2026-2027 observation's deadlines are past; the
    # 2027-2028 one's (24 November 2026) is ahead.
    observation = cli("template", "observation", "--today", "2026-10-01")
    assert observation.exit_code == 0
    assert fr("# Promotion 2027-2028.") in observation.stdout
    assert fr("jusqu'au 24 novembre 2026") in observation.stdout
    assert fr("Modèle pour la promotion 2027-2028") in observation.stderr
    assert fr("--promotion 2026-2027") in observation.stderr
    # The ouverture of 2026-2027 (February 2027, no deadline) has not started.
    ouverture = cli("template", "ouverture", "--today", "2026-10-01")
    assert fr("# Promotion 2026-2027.") in ouverture.stdout
    asked = cli("template", "observation", "--today", "2026-10-01", "--promotion", "2026-2027")
    assert asked.exit_code == 0
    assert fr("# Promotion 2026-2027.") in asked.stdout
    assert "Modèle pour la promotion" not in asked.stderr
    unknown = cli("template", "observation", "--today", "2026-10-01", "--promotion", "2031-2032")
    assert unknown.exit_code == 2
