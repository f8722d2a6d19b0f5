"""The brochure reaches hosts: each template and the web page carry its conditions.

Everything asserted here comes from the calendar data (purpose, objectives,
modalities, examples per window, who may host, the tutor, the projets
collectifs' thresholds, the contact), so a change of the data shows up.
"""

from __future__ import annotations

import re

import pytest

from inet_stages.calendar import load_calendar
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean
from inet_stages.text.vocabulary import HOST_KIND_LABELS, LOCAL_BODY, OTHER_KINDS
from tests.conftest import Run, fr

CALENDAR = load_calendar()


def _words(text: str) -> str:
    """``text`` as the template's comments hold it: typeset, no « # », one line."""
    body = "\n".join(line.removeprefix("#").strip() for line in text.splitlines())
    return re.sub(r"\s+", " ", body.replace("\u00a0", " "))


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", clean(text).replace("\u00a0", " ")).strip()


@pytest.mark.parametrize("internship", [i.id for i in CALENDAR.internships])
def test_template_carries_the_brochure(cli: Run, internship: str) -> None:
    result = cli("template", internship)
    assert result.exit_code == 0
    text = _words(result.stdout)
    data = CALENDAR.internship(internship)
    assert _flat(data.purpose) in text
    windows = CALENDAR.windows_of_internship(internship)
    for window in windows:
        objectives = window.objectives or data.objectives
        modalities = window.modalities or data.modalities
        for line in (objectives + "\n" + modalities).splitlines():
            if line.strip():
                assert _flat(line) in text, line
        for example in window.examples if window.examples is not None else data.examples:
            assert _flat(example) in text, example
    if data.host_examples:
        assert _flat(data.host_examples) in text
    assert "Qui peut accueillir :" in text
    assert "Tuteur ou tutrice" in text
    contact = CALENDAR.contact
    assert contact.email in text
    assert contact.name in text
    assert contact.phone in text


def test_examples_and_objectives_per_track(cli: Run) -> None:
    thematique = _words(cli("template", "thematique").stdout)
    # Conservateurs have their own objectives and examples in the calendar.
    assert "Objectifs (Administrateurs) :" in thematique
    assert "Objectifs (Conservateurs) :" in thematique
    assert "Exemples de missions (Conservateurs) :" in thematique
    assert "Définition d'une stratégie numérique pour une médiathèque" in thematique
    single = _words(cli("template", "thematique", "--track", "administrateurs").stdout)
    assert "Exemples de missions :" in single
    assert "médiathèque départementale" not in single


def test_projet_collectif_thresholds(cli: Run) -> None:
    text = cli("template", "projet_collectif").stdout
    assert typeset("une collectivité de plus de 40 000 habitants ;") in text
    assert typeset("une équipe de 4 élèves") in text
    assert typeset("participation forfaitaire de 4 000 €") in text
    assert typeset("de plus de 40 000 habitants.") in text


def test_identifiers_only_where_the_host_types_them(cli: Run) -> None:
    text = cli("template", "observation").stdout
    # Each kind the host may type, with its label beside it.
    assert re.search(r'^#   kind = "commune" +# Commune$', text, re.M)
    assert re.search(
        r'^#   kind = "etablissement_public_local" +# Établissement public', text, re.M
    )
    # An internship in a collectivité offers no other kind to type.
    assert '"entreprise_privee"' not in text
    # Sentences name the tracks by their labels.
    assert "# - Conservateurs : 3" in text.replace("\u00a0", " ")
    assert "# - conservateurs" not in text
    assert "Tuteur ou tutrice (Conservateurs)" in text
    ouverture = cli("template", "ouverture").stdout
    for kind in OTHER_KINDS:
        assert f'"{kind}"' in ouverture
    assert fr(HOST_KIND_LABELS["entreprise_privee"]) in ouverture
    collective = cli("template", "projet_collectif").stdout
    assert f'"{LOCAL_BODY}"' not in collective
    professionnalisation = cli("template", "professionnalisation").stdout
    assert '#   mission_kind = "pilotage_projet"  # Pilotage de projet' in professionnalisation


def test_template_comments_are_typeset(cli: Run) -> None:
    for internship in ("observation", "projet_collectif", "professionnalisation"):
        text = cli("template", internship).stdout
        assert text == "\n".join(typeset(line) for line in text.splitlines()) + "\n"
        # No line of comment starts with punctuation wrapped from its word.
        assert not re.search(r"^#\s+[»:;!?]", text, re.M)


def test_web_page_states_the_conditions(cli: Run) -> None:
    page = cli("export", "html").stdout
    assert 'id="conditions"' in page
    section = page.split('id="conditions"')[1].split("</section>")[0]
    plain = section.replace("\u00a0", " ").replace("&#x27;", "'")
    assert "de plus de 40 000 habitants" in plain
    assert "participation forfaitaire de 4 000 €" in plain
    assert "une équipe de 4 élèves" in plain
    assert "les élèves identifient les structures (associations" in plain  # ouverture
    assert "en France ou à l'étranger" not in plain  # not the brochure's
    assert "un membre de la direction générale" in plain  # projets collectifs
    assert "le ou la DGS" in plain  # observation
    assert "Tuteur ou tutrice (Conservateurs) :" in plain
    for internship in CALENDAR.internships:
        assert f'data-conditions="{internship.id}"' in section
    assert "stages.inet@cnfpt.fr" in page.split('id="contact"')[1]


def test_web_page_conditions_follow_the_track_filter(cli: Run) -> None:
    page = cli("export", "html", "--track", "ingenieurs").stdout
    section = page.split('id="conditions"')[1].split("</section>")[0]
    assert 'data-conditions="perfectionnement"' in section
    assert 'data-conditions="thematique"' not in section
