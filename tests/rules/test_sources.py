"""Every rule rests on the brochure's sentence or on the coordination's practice, said.

Each quotation of :mod:`inet_stages.rules.sources` is checked, word for word,
against the brochure (``../shared/seeds/000_d21ad056699ed0e3.txt`` beside the
repository, or ``INET_STAGES_BROCHURE``). Where the brochure is not there the
quotation test is skipped with its reason, except under CI (``CI`` set),
where a missing brochure fails.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from inet_stages.rules import all_rules
from inet_stages.rules.sources import FAMILY_PRACTICE, SOURCES, source_of
from tests.conftest import REPO, Run

SEED = "000_d21ad056699ed0e3.txt"


def _brochure() -> Path | None:
    given = os.environ.get("INET_STAGES_BROCHURE")
    candidates = [Path(given)] if given else []
    candidates += [REPO.parent / "shared" / "seeds" / SEED, REPO / "seeds" / SEED]
    return next((p for p in candidates if p.is_file()), None)


def _flat(text: str) -> str:
    # The seed keeps the brochure's HTML cells (<p>, <ul>): the words only.
    return " ".join(re.sub(r"<[^>]+>", " ", text).split())


def test_every_rule_has_a_source() -> None:
    missing = [r.code for r in all_rules() if source_of(r.code) is None]
    assert missing == []
    # The offers' own rules (not the file, the calendar or the decisions) have
    # their own entry: a family's practice does not stand for a brochure rule.
    own = [r.code for r in all_rules() if r.code[:1] not in FAMILY_PRACTICE]
    assert [code for code in own if code not in SOURCES] == []
    for code, source in SOURCES.items():
        assert source.quotes or source.practice, code


def test_no_source_for_a_code_that_does_not_exist() -> None:
    codes = {r.code for r in all_rules()}
    assert [code for code in SOURCES if code not in codes] == []


def test_each_quotation_is_the_brochures() -> None:
    path = _brochure()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"brochure introuvable ({SEED}) : les citations ne sont pas vérifiées")
        pytest.skip(f"brochure {SEED} absente : citations non vérifiées ici")
    text = _flat(path.read_text(encoding="utf-8"))
    wrong = [
        (code, quote)
        for code, source in SOURCES.items()
        for quote in source.quotes
        if _flat(quote) not in text
    ]
    assert wrong == []


def test_rules_code_shows_the_quotation_or_the_practice(cli: Run) -> None:
    p002 = cli("rules", "P002")
    assert p002.exit_code == 0
    # Read as words: the text is wrapped at the terminal's width.
    out = " ".join(p002.stdout.split())
    assert "Ce que dit la brochure « Accueillir un ou une élève en stage »" in out
    assert "« Le projet collectif est un stage réalisé au sein d'une collectivité de plus de" in out
    t001 = cli("rules", "t001").stdout
    assert "Pratique de la coordination des stages" in t001
    assert "adjoint" in t001.split("Pratique de la coordination des stages")[1]
    w002 = cli("rules", "W002").stdout
    assert "Ce que dit la brochure" not in w002
    assert "Pratique de la coordination des stages" in w002


def test_the_calls_brochure_lines_are_the_brochures(cli: Run, tmp_path: Path) -> None:
    """Each internship's purpose and modalities in the call are the brochure's, word for word."""
    path = _brochure()
    if path is None:
        if os.environ.get("CI"):
            pytest.fail(f"brochure introuvable ({SEED}) : le texte de l'appel n'est pas vérifié")
        pytest.skip(f"brochure {SEED} absente : texte de l'appel non vérifié ici")
    brochure = _flat(path.read_text(encoding="utf-8"))
    out = tmp_path / "appel"
    cli(
        "call", "--contacts", str(REPO / "tests" / "data" / "contacts.csv"), "-o", str(out),
        "--today", "2025-10-01",
    )  # fmt: skip
    from email import policy
    from email.parser import BytesParser

    draft = out / "appel-2026-2027-camille.martin@mulhouse.example.fr.eml"
    message = BytesParser(policy=policy.default).parsebytes(draft.read_bytes())
    body = message.get_body(("plain",))
    assert body is not None
    text = str(body.get_content()).replace("\r\n", "\n").replace("\u00a0", " ")
    text = text.replace("\u202f", " ")
    checked = 0
    for block in text.split("\n\n"):
        lines = block.splitlines()
        if not lines or not lines[0].startswith(("STAGE", "PROJETS")):
            continue
        # The title, then the brochure's lines until the coordination's own
        # sentence on the tutor, or a group's tracks (« Conservateurs : »).
        for line in lines[1:]:
            if line.startswith("La coordination") or line.startswith("La commande"):
                break
            if line.endswith(" :") and not line.startswith("-") and len(line) < 40:
                continue
            # The calendar accents a capital the brochure leaves bare (« Etape »).
            assert _flat(line).replace("É", "E") in brochure.replace("É", "E"), line
            checked += 1
    assert checked >= 15
