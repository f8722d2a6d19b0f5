"""``report --letters``: e-mail drafts to hosts, in the register of an administration.

Golden drafts in ``tests/golden/letters/`` (rewrite them with
INET_STAGES_UPDATE_GOLDEN=1), each also parsed back as an e-mail with
targeted assertions: headers, text/plain, no key path, no Markdown escape,
French typography.
"""

from __future__ import annotations

import os
import re
from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from inet_stages.batch.check import FileReport, Report
from inet_stages.calendar import load_calendar
from inet_stages.findings import Finding
from inet_stages.io.mail import Attachment, Mailbox, build_draft
from inet_stages.report.address import attention, long_date, place, salutation
from inet_stages.report.letters import plan, render
from inet_stages.report.texts import LetterError, load_texts
from inet_stages.text.frtypo import NBSP
from tests.conftest import TESTS, Result, Run, fr
from tests.french import plain_spaces_left
from tests.offer_factory import offer_text

GOLDEN = TESTS / "golden" / "letters"
UPDATE = os.environ.get("INET_STAGES_UPDATE_GOLDEN") == "1"
BEFORE_OBSERVATION_DEADLINE = "2025-11-20"
AFTER_OBSERVATION_DEADLINE = "2026-01-20"


def golden(name: str, data: bytes) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    assert data == path.read_bytes()


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def body_of(message: EmailMessage) -> str:
    assert message.get_content_type() == "text/plain"
    assert message.get_content_charset() == "utf-8"
    text = message.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")


def assert_clean_letter(text: str) -> None:
    """What every letter must (not) hold: nothing internal, French typography, a signature."""
    # No key path, no internal word, no Markdown escape, no developer words.
    assert not re.search(r"\b(offer|host|tutor|collective_project)\.[a-z_]+", text)
    for word in ("\\[", "\\_", "\\*", "relancez", "calendrier (", "hosts =", "**", "## "):
        assert word not in text, word
    # No rule code, no file name, no command, no reference line: those are hers (a header).
    assert not re.search(r"\b[DFHIPSTWX]\d{3}\b", text)
    assert ".toml" not in text
    assert "inet-stages" not in text
    assert "Référence" not in text
    assert "\n--\n" not in text
    # No weekday on the date line, no third person for the reader, no invented promise.
    assert not re.search(r"le (lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) ", text)
    assert "indiqué(e)" not in text
    assert "répond aux conditions" not in text
    assert "prochaine campagne" not in text
    assert "renvoyez-la corrigée" not in text
    assert plain_spaces_left(text) == []
    assert "Je vous prie d'agréer" in text
    assert "Ingrid VIBET" in text


def write_offers(folder: Path, offers: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in offers.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def batch(tmp_path: Path) -> Path:
    """One offer per situation before the observation deadline (24 November 2025)."""
    typo_and_dga = offer_text(
        "observation",
        offer__submitted=date(2025, 11, 15),
        tutor__name="Pierre Durand",
        tutor__position="Directeur général adjoint",
    ).replace("\ntitle =", "\ntitel =", 1)
    return write_offers(
        tmp_path / "offres",
        {
            "colmar.toml": offer_text(offer__submitted=date(2025, 11, 15)),
            "lunel.toml": typo_and_dga,
            "metz.toml": offer_text(
                offer__tracks=["ingenieurs"],
                offer__submitted=date(2025, 11, 15),
                host__name="Ville de Metz",
                tutor__position="Directeur général des services",
                tutor__name="Marc Lambert",
            ),
            "saint-louis.toml": offer_text(
                "projet_collectif",
                offer__submitted=date(2025, 11, 15),
                host__name="Ville de Saint-Louis",
                host__population=30000,
            ),
            "mulhouse.toml": offer_text(
                offer__submitted=date(2025, 11, 15), host__name="Ville de Mulhouse"
            ),
            "mulhouse-bis.toml": offer_text(
                offer__submitted=date(2025, 11, 15), host__name="Ville de Mulhouse"
            ),
        },
    )


def run_letters(cli: Run, offers: Path, out: Path, today: str, *extra: str) -> Result:
    result = cli("report", str(offers), "--today", today, "--letters", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return result


def test_golden_drafts(cli: Run, batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "lettres"
    run_letters(cli, batch, out, BEFORE_OBSERVATION_DEADLINE)
    # One letter for the two Mulhouse copies.
    assert sorted(p.name for p in out.iterdir()) == [
        "colmar.eml",
        "lunel.eml",
        "metz.eml",
        "mulhouse-bis.eml",
        "saint-louis.eml",
    ]
    for name in ("colmar", "lunel", "metz", "mulhouse-bis", "saint-louis"):
        data = (out / f"{name}.eml").read_bytes()
        golden(f"{name}.eml", data)
        message = parse(data)
        assert message["X-Unsent"] == "1"
        assert message["From"].addresses[0].addr_spec == "stages.inet@cnfpt.fr"
        assert message["Reply-To"].addresses[0].addr_spec == "stages.inet@cnfpt.fr"
        assert message["To"].addresses[0].addr_spec.endswith("@example.fr")
        assert message["Date"].datetime.date() == date(2025, 11, 20)
        assert message["Subject"].startswith("Votre offre de stage")
        assert "((" not in message["Subject"] and "))" not in message["Subject"]
        # Exactly the headers the tool sets, each once.
        assert sorted(message.keys()) == sorted(
            [
                "To",
                "From",
                "Reply-To",
                "Subject",
                "Date",
                "X-Unsent",
                "X-INET-Reference",
                "Content-Type",
                "Content-Transfer-Encoding",
                "MIME-Version",
            ]
        )
        assert message.defects == []
        # Her reference: a header mail programs keep and do not show.
        assert message["X-INET-Reference"].startswith(f"{name}.toml")
        # ... and the verdict the letter tells, per track, for status to compare.
        assert "2026-2027 ; verdict " in message["X-INET-Reference"]
        text = body_of(message)
        assert text.startswith(f"Strasbourg, le 20{NBSP}novembre{NBSP}2025\n")
        assert_clean_letter(text)


def test_accepted(cli: Run, batch: Path, tmp_path: Path) -> None:
    run_letters(cli, batch, tmp_path / "l", BEFORE_OBSERVATION_DEADLINE)
    message = parse((tmp_path / "l" / "colmar.eml").read_bytes())
    assert message["To"].addresses[0].display_name == "Camille Martin"
    assert "Diagnostic et plan de lutte contre l'absentéisme" in message["Subject"]
    text = body_of(message)
    assert "Madame la Directrice générale," in text
    assert "À l'attention de Camille Martin, Directrice générale des services" in text
    assert f"Pour la filière Administrateurs, votre offre est retenue{NBSP}:" in text
    # The internship's dates, per track.
    assert f"le stage thématique se déroulera du 26{NBSP}mai au 10{NBSP}juillet{NBSP}2026" in text
    assert "Madame la Directrice générale, l'expression" in text


def test_to_correct_key_typo_and_dga(cli: Run, batch: Path, tmp_path: Path) -> None:
    run_letters(cli, batch, tmp_path / "l", BEFORE_OBSERVATION_DEADLINE)
    text = body_of(parse((tmp_path / "l" / "lunel.eml").read_bytes()))
    assert "Monsieur le Directeur général adjoint," in text
    # The misspelt key in the host's words, never the key itself.
    assert "sans doute mal orthographiée (l'intitulé de l'offre)" in text
    assert "titel" not in text
    assert "information obligatoire manque" not in text  # one slip, said once
    assert "le ou la DGS" in text
    assert "«" + NBSP + "L'élève est directement placé auprès du DGS" in text
    assert f"au plus tard le 24{NBSP}novembre{NBSP}2025" in text
    assert "ne peut pas être retenue" not in text


def test_thematique_for_ingenieurs_cannot_be_retained(
    cli: Run, batch: Path, tmp_path: Path
) -> None:
    run_letters(cli, batch, tmp_path / "l", BEFORE_OBSERVATION_DEADLINE)
    text = body_of(parse((tmp_path / "l" / "metz.eml").read_bytes()))
    assert f"Pour la filière Ingénieurs, votre offre ne peut pas être retenue{NBSP}:" in text
    assert "n'est pas au programme de la filière Ingénieurs" in text
    assert "stage de perfectionnement" in text
    assert "ingenieurs" not in text


def test_small_town_cannot_host_a_projet_collectif(cli: Run, batch: Path, tmp_path: Path) -> None:
    run_letters(cli, batch, tmp_path / "l", BEFORE_OBSERVATION_DEADLINE)
    text = body_of(parse((tmp_path / "l" / "saint-louis.eml").read_bytes()))
    assert f"Votre offre ne peut pas être retenue{NBSP}:" in text
    assert f"«{NBSP}une collectivité de plus de 40{NBSP}000{NBSP}habitants{NBSP}»" in text
    assert f"avec 30{NBSP}000{NBSP}habitants" in text
    assert "Un autre stage de la brochure reste possible" in text


def test_duplicate_group_gets_one_letter(cli: Run, batch: Path, tmp_path: Path) -> None:
    result = run_letters(cli, batch, tmp_path / "l", BEFORE_OBSERVATION_DEADLINE)
    assert not (tmp_path / "l" / "mulhouse.eml").exists()
    message = parse((tmp_path / "l" / "mulhouse-bis.eml").read_bytes())
    text = body_of(message)
    # Told in words; the file names are in her reference only.
    assert f"votre offre nous est parvenue deux fois{NBSP}:" in text
    assert "mulhouse" not in text
    assert re.match(
        r"mulhouse-bis\.toml sha256=[0-9a-f]{16}, mulhouse\.toml sha256=[0-9a-f]{16} \(W002",
        str(message["X-INET-Reference"]),
    )
    assert "retenue sous réserve" in text
    # The count's line may be wrapped to the terminal: read as one text.
    assert ": 5 (" in " ".join(str(result.stderr).replace(NBSP, " ").split())


def test_late_offer_cannot_be_retained(cli: Run, tmp_path: Path) -> None:
    offers = write_offers(
        tmp_path / "offres",
        {"tard.toml": offer_text("observation", offer__submitted=date(2025, 12, 1))},
    )
    out = tmp_path / "l"
    run_letters(cli, offers, out, AFTER_OBSERVATION_DEADLINE)
    data = (out / "tard.eml").read_bytes()
    golden("tard.eml", data)
    text = body_of(parse(data))
    assert_clean_letter(text)
    assert "votre offre ne peut pas être retenue" in text
    assert f"après la date limite du 24{NBSP}novembre{NBSP}2025" in text
    assert f"«{NBSP}Dépôt des offres jusqu'au 24{NBSP}novembre{NBSP}2025{NBSP}»" in text
    assert "complétée" not in text


def test_incremental_then_force(cli: Run, batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "l"
    run_letters(cli, batch, out, BEFORE_OBSERVATION_DEADLINE)
    (out / "colmar.eml").write_bytes(b"relue a la main\n")
    (out / "metz.eml").unlink()
    result = run_letters(cli, batch, out, BEFORE_OBSERVATION_DEADLINE)
    stderr = str(result.stderr)
    assert "Lettres écrites" in result.stderr
    assert ": 1 (" in " ".join(stderr.replace(NBSP, " ").split())
    assert "\n  colmar.eml\n" in stderr
    assert "  metz.eml : metz.toml (I003), 2026-2027" in stderr.replace(NBSP, " ")
    assert "\\x0a" not in stderr
    assert (out / "colmar.eml").read_bytes() == b"relue a la main\n"
    assert (out / "metz.eml").exists()
    run_letters(cli, batch, out, BEFORE_OBSERVATION_DEADLINE, "--force")
    assert (out / "colmar.eml").read_bytes() != b"relue a la main\n"


def test_txt_and_md_formats(cli: Run, tmp_path: Path) -> None:
    offers = write_offers(
        tmp_path / "offres",
        {
            "piege.toml": offer_text(
                offer__submitted=date(2025, 11, 15),
                offer__title="Voir www.example.invalid et [ici](http://x.invalid) *vite*",
                tutor__name="Jean \x1b[31mDupont",
            )
        },
    )
    run_letters(cli, offers, tmp_path / "t", BEFORE_OBSERVATION_DEADLINE, "--letters-format", "txt")
    text = (tmp_path / "t" / "piege.txt").read_text(encoding="utf-8")
    assert "\x1b" not in text
    assert "[ici](http://x.invalid) *vite*" in text
    run_letters(cli, offers, tmp_path / "m", BEFORE_OBSERVATION_DEADLINE, "--letters-format", "md")
    md = (tmp_path / "m" / "piege.md").read_text(encoding="utf-8")
    assert "www\\.example.invalid" in md  # no autolink
    assert "\\[ici\\](http:\\/\\/x.invalid) \\*vite\\*" in md
    assert "Ville de Colmar  \nÀ l'attention de" in md  # lines kept apart


def test_bad_letters_format(cli: Run, tmp_path: Path) -> None:
    result = cli("report", str(tmp_path), "--letters", str(tmp_path), "--letters-format", "pdf")
    assert result.exit_code == 2
    assert fr("--letters-format : valeur « pdf » inconnue") in result.stderr


# --- Her templates -------------------------------------------------------------------


def test_her_template_changes_the_next_letters(
    cli: Run, batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    (home / "lettres" / "lettre.j2").write_text(
        "{{ lieu }}, le {{ date }}\n\n{{ appel }},\n\nNotre texte à nous : {{ statut }}.\n"
        "\n{{ structure }}\n",
        encoding="utf-8",
    )
    (home / "lettres" / "textes.toml").write_text(
        '[T001]\ntexte = "notre phrase sur le tuteur ({{ fonction }})."\n', encoding="utf-8"
    )
    out = tmp_path / "l"
    result = cli(
        "report", str(batch), "--today", BEFORE_OBSERVATION_DEADLINE, "--letters", str(out)
    )
    assert result.exit_code == 0, result.stderr
    text = body_of(parse((out / "colmar.eml").read_bytes()))
    assert f"Notre texte à nous{NBSP}: retenue." in text
    # Her rule texts, code by code, over the packaged ones.
    texts = load_texts(home)
    assert texts["T001"]["texte"].startswith("notre phrase")
    assert texts["S003"]["texte"].startswith("l'offre contient une rubrique")


@pytest.mark.parametrize(
    ("template", "line", "words"),
    [
        ("Bonjour\n{{ appel }\n", 2, "syntaxe incorrecte"),
        ("Bonjour\n\n{{ inconnue }}\n", 3, "variable inconnue « inconnue »"),
        ("{{ ''.__class__.__mro__ }}\n", 1, "modèle de lettre"),
        # No other file read into a letter: her textes.toml, or a link planted beside.
        ("Bonjour\n{% include 'pw.j2' %}\n", 2, "un modèle ne lit pas d'autre fichier"),
        ("{% extends 'textes.toml' %}\n", 1, "un modèle ne lit pas d'autre fichier"),
        ("{% import 'appel.j2' as a %}\n", 1, "un modèle ne lit pas d'autre fichier"),
        # Jinja2's reasons in French, not in its English.
        ("{% if %}x{% endif %}\n", 1, "syntaxe incorrecte (une expression est attendue)"),
        ("x\n{% foo %}\n", 2, "balise inconnue « foo »"),
        ("x\n{% if appel %}\n", 2, "le {% if %} n'est pas fermé (un {% endif %} manque)"),
        ("{{ x \n{{ y }}\n", 2, "« { » trouvé où « }} » est attendu"),
        ("Bonjour\n{{ appel", 2, "fin du modèle : « }} » manque"),
        ("{{ appel | }}\n", 1, "« }} » trouvé où « un nom » est attendu"),
        ("{{ appel | uper }}\n", 1, "filtre inconnu « uper »"),
        # In a branch, Jinja2 checks a filter only when it renders it: named all the same.
        ("{% if appel %}{{ appel | uper }}{% endif %}\n", 1, "filtre inconnu « uper »"),
    ],
)
def test_broken_template_names_file_and_line(
    cli: Run,
    batch: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    template: str,
    line: int,
    words: str,
) -> None:
    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    (home / "lettres" / "lettre.j2").write_text(template, encoding="utf-8")
    (home / "lettres" / "pw.j2").symlink_to(tmp_path / "secret.txt")
    (tmp_path / "secret.txt").write_text("root:x:0:0\n", encoding="utf-8")
    out = tmp_path / "l"
    result = cli(
        "report", str(batch), "--today", BEFORE_OBSERVATION_DEADLINE, "--letters", str(out)
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert str(home / "lettres" / "lettre.j2") in str(result.stderr)
    assert f"ligne {line}" in result.stderr
    assert fr(words) in result.stderr
    assert "Traceback" not in result.stderr
    assert "Expected" not in result.stderr and "statement" not in result.stderr
    assert not out.exists()


def test_broken_rule_text_names_its_code(
    cli: Run, batch: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    (home / "lettres" / "textes.toml").write_text('[T001]\ntexte = "{{ x"\n', encoding="utf-8")
    result = cli("report", str(batch), "--today", BEFORE_OBSERVATION_DEADLINE, "--letters", "l")
    assert result.exit_code == 2
    assert "textes.toml [T001]" in result.stderr
    # Nor may a rule's text read a file into the letter.
    (home / "lettres" / "textes.toml").write_text(
        "[T001]\ntexte = \"{% include 'lettre.j2' %}\"\n", encoding="utf-8"
    )
    result = cli("report", str(batch), "--today", BEFORE_OBSERVATION_DEADLINE, "--letters", "l")
    assert result.exit_code == 2
    assert fr("un modèle ne lit pas d'autre fichier") in result.stderr
    # A text that is a file's name is a text: « pw.j2 » is not the file beside.
    (tmp_path / "secret.txt").write_text("SECRET\n", encoding="utf-8")
    (home / "lettres" / "pw.j2").symlink_to(tmp_path / "secret.txt")
    (home / "lettres" / "textes.toml").write_text('[T001]\ntexte = "pw.j2"\n', "utf-8")
    out = tmp_path / "l2"
    result = cli(
        "report", str(batch), "--today", BEFORE_OBSERVATION_DEADLINE, "--letters", str(out)
    )
    assert result.exit_code == 0, result.stderr
    assert not any(b"SECRET" in draft.read_bytes() for draft in out.iterdir())
    # Even the name of one of the tool's templates: a text, said as it is.
    (home / "lettres" / "textes.toml").write_text('[T001]\ntexte = "lettre.j2"\n', "utf-8")
    again = tmp_path / "l3"
    result = cli(
        "report", str(batch), "--today", BEFORE_OBSERVATION_DEADLINE, "--letters", str(again)
    )
    assert result.exit_code == 0, result.stderr
    assert any(b"lettre.j2" in draft.read_bytes() for draft in again.iterdir())


def test_the_count_of_letters_fits_and_never_cuts_the_folder() -> None:
    from inet_stages.report.replies import fitted_head

    folder = "/srv/coordination-stages-2026-2027/reponses-aux-structures"
    head = f"Lettres écrites dans {folder} : 10 (3 retenues, 3\u00a0à\u00a0compléter)."
    lines = fitted_head([head, "  a.eml : a.toml, 2026-2027"], 60)
    assert lines[-1] == "  a.eml : a.toml, 2026-2027"
    assert any(line.strip().startswith(folder) for line in lines)  # the path whole
    assert any("3\u00a0à\u00a0compléter" in line for line in lines)
    assert all(len(line) <= 60 for line in lines if folder not in line)


def test_the_tools_templates_are_the_files_rendered() -> None:
    from inet_stages.call.drafts import CALL_TEMPLATE, REMINDER_TEMPLATE
    from inet_stages.report.sandbox import TEMPLATE_FILES
    from inet_stages.report.texts import LETTER_TEMPLATE

    assert {LETTER_TEMPLATE, CALL_TEMPLATE, REMINDER_TEMPLATE} == TEMPLATE_FILES


# --- Pieces --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("position", "civility", "expected"),
    [
        ("Directrice générale des services", None, "Madame la Directrice générale"),
        ("DIRECTEUR GENERAL DES SERVICES", None, "Monsieur le Directeur général"),
        ("Directeur général adjoint", None, "Monsieur le Directeur général adjoint"),
        (
            "Directrice générale adjointe des services",
            None,
            "Madame la Directrice générale adjointe",
        ),
        ("Directrice de la bibliothèque", None, "Madame la Directrice"),
        ("Directeur", None, "Monsieur le Directeur"),
        # Abbreviations: the title is read, the civility tells who.
        ("DGS", "Madame", "Madame la Directrice générale"),
        ("DGS", "Monsieur", "Monsieur le Directeur général"),
        ("DGA", "Madame", "Madame la Directrice générale adjointe"),
        ("DGST", "Monsieur", "Monsieur le Directeur général des services techniques"),
        ("DRH", "Madame", "Madame la Directrice des ressources humaines"),
        # The civility wins over the position's own form.
        ("Directeur général des services", "Madame", "Madame la Directrice générale"),
        ("Chargée de mission", "Madame", "Madame"),
        # Neither tells: the fallback only then.
        ("DGS", None, "Madame, Monsieur"),
        ("Chargé de mission", None, "Madame, Monsieur"),
        (None, None, "Madame, Monsieur"),
    ],
)
def test_salutation(position: str | None, civility: str | None, expected: str) -> None:
    assert salutation(position, civility) == expected


@pytest.mark.parametrize(
    ("name", "civility", "position", "expected"),
    [
        (
            "Camille Martin",
            "Madame",
            "Directrice générale des services",
            "À l'attention de Madame Camille Martin, Directrice générale des services",
        ),
        ("Élodie Noël", None, "DGS", "À l'attention d'Élodie Noël, DGS"),
        ("Hélène Roux", None, "", "À l'attention d'Hélène Roux"),
        ("Anne Roux", None, "DGA", "À l'attention d'Anne Roux, DGA"),
        ("Marc Lambert", None, "DGS", "À l'attention de Marc Lambert, DGS"),
        ("Élodie Noël", "Madame", "DGS", "À l'attention de Madame Élodie Noël, DGS"),
        ("", None, "DGS", ""),
    ],
)
def test_address_line(name: str, civility: str | None, position: str, expected: str) -> None:
    assert attention(name, civility, position) == expected


def test_place_and_long_date() -> None:
    assert place("1, rue Edmond Michelet, CS 40262, 67089 Strasbourg Cedex") == "Strasbourg"
    assert place("2 avenue X, 75011 Paris") == "Paris"
    assert place("") == "Strasbourg"
    # No weekday on a letter's date line.
    assert long_date(date(2026, 12, 6)) == "6 décembre 2026"
    assert long_date(date(2027, 2, 1)) == "1er février 2027"


def test_accepted_finding_is_reported_as_accepted() -> None:
    """A finding the coordination accepted is neither to fix nor a refusal."""
    from inet_stages.offer.reader import read_document

    calendar = load_calendar()
    text = offer_text(
        "observation",
        offer__submitted=date(2025, 11, 15),
        tutor__position="Directeur général adjoint",
    )
    import tomllib

    offer = read_document("dga.toml", text, tomllib.loads(text), calendar).offer
    assert offer is not None
    finding = Finding(
        code="T001", severity="error", field="tutor.position", message="…", accepted=True
    )
    file_report = FileReport(
        path="dga.toml",
        internship="observation",
        tracks=("administrateurs",),
        findings=(finding,),
        offer=offer,
        address=offer.tutor.email,
        calendar="2026-2027",
    )
    report = Report(school_year="2026-2027", today=date(2025, 11, 20), files=(file_report,))
    (letter,) = plan(report, {"dga.toml": "dga"})
    assert letter.outcome == "retenue"
    assert letter.outcomes == {"administrateurs": "retenue"}
    body, context = render(calendar, letter, today=date(2025, 11, 20), own=None)
    assert context["blocs"][0]["acceptes"] and not context["blocs"][0]["a_corriger"]
    assert "a admis, après examen" in body
    assert "votre offre est retenue" in body
    admitted = body.split("après examen")[1].split("Pour toute question")[0]
    assert "Directeur général adjoint" in admitted
    assert "merci" not in admitted  # admitted: nothing to fix
    assert_clean_letter(body)
    assert letter.reference == "dga.toml (T001), 2026-2027"
    golden("decision.txt", body.encode("utf-8"))


def test_build_draft_with_attachment() -> None:
    from datetime import UTC, datetime

    data = build_draft(
        to=Mailbox(name="Élodie Noël", address="elodie@example.fr"),
        sender=Mailbox(name="Coordination", address="stages.inet@cnfpt.fr"),
        subject="Appel à offres 2026-2027",
        body="Madame,\n\nCi-joint le formulaire.\n",
        when=datetime(2026, 11, 28, 9, tzinfo=UTC),
        attachments=(
            Attachment(
                data=b"PK\x03\x04",
                filename="offres.xlsx",
                mime_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            ),
        ),
    )
    message = parse(data)
    assert message["X-Unsent"] == "1"
    assert message["To"].addresses[0].display_name == "Élodie Noël"
    parts = list(message.iter_attachments())
    assert [p.get_filename() for p in parts] == ["offres.xlsx"]
    assert parts[0].get_content() == b"PK\x03\x04"
    body = message.get_body(("plain",))
    assert isinstance(body, EmailMessage)
    assert "Ci-joint le formulaire." in body.get_content()


def test_packaged_texts_cover_every_rule() -> None:
    from inet_stages.rules import RULES

    texts = load_texts(None)
    # Offer codes reach hosts; calendar codes (C) are the coordinator's own.
    # (X002–X004 are the coordinator's notes on her decisions file, never in a letter.)
    hosts = {code for code in RULES if not code.startswith("C")} - {"X002", "X003", "X004"}
    assert hosts <= set(texts)

    from inet_stages.report.texts import _read_texts

    with pytest.raises(LetterError, match="fichier introuvable"):
        _read_texts(Path("/nonexistent") / "textes.toml")
