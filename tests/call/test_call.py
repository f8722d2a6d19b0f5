"""``inet-stages call``: who is invited to what, the drafts read back, reminders, --force, templates."""

from __future__ import annotations

import io
import json
import shutil
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from inet_stages.calendar import load_calendar
from inet_stages.call.contacts import HostContact, judge, read_contacts, same_host
from inet_stages.io.tabular import read_table
from inet_stages.text.frtypo import typeset
from tests.calendars import next_year_in_home
from tests.conftest import REPO, Result, Run, fr

CONTACTS = REPO / "tests" / "data" / "contacts.csv"
AUTUMN = "2025-10-01"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _read(path: Path) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(path.read_bytes())
    assert isinstance(message, EmailMessage)
    return message


def _body(message: EmailMessage) -> str:
    part = message.get_body(("plain",))
    assert part is not None
    text = part.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n").replace("\u00a0", " ")


def _call(cli: Run, out: Path, *extra: str) -> dict[str, object]:
    result = cli(
        "call", "--contacts", str(CONTACTS), "-o", str(out), "--today", AUTUMN, "-f", "json", *extra
    )
    assert result.exit_code == 1, result.stderr  # the bad row
    document = json.loads(result.stdout)
    assert isinstance(document, dict)
    return document


def _remind(
    cli: Run, offers: Path, out: Path, today: str, *extra: str, contacts: Path = CONTACTS
) -> Result:
    """``call --remind``: the offers received in ``offers``, the drafts into ``out``, on ``today``."""
    return cli(
        "call", "--contacts", str(contacts), "--remind", "--offers", str(offers),
        "-o", str(out), "--today", today, *extra,
    )  # fmt: skip


def _by_org(document: dict[str, object], key: str) -> dict[str, dict[str, object]]:
    items = document[key]
    assert isinstance(items, list)
    return {str(i["organisation"]): i for i in items}


# --- Reading the contacts ---------------------------------------------------------------


def test_contacts_file_rows_and_the_bad_row() -> None:
    book = read_contacts(read_table(CONTACTS), load_calendar())
    assert [c.organisation for c in book.contacts] == [
        "Ville de Mulhouse",
        "Commune de Ribeauvillé",
        "Préfecture du Haut-Rhin",
        "Lire en Alsace",
        "Eurométropole de Strasbourg",
    ]
    kinds = [c.kind for c in book.contacts]
    assert kinds == ["commune", "commune", "etat", "association", "epci"]
    assert book.contacts[0].population == 105_000
    assert book.contacts[4].population is None
    assert {(p.row, p.column) for p in book.problems} == {(7, "Courriel"), (7, "Nature")}


def test_contacts_file_without_an_email_column_is_refused(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text("Nom;Structure;Nature\nA;B;commune\n", encoding="utf-8")
    result = cli("call", "--contacts", str(source), "-o", str(tmp_path / "o"), "--today", AUTUMN)
    assert result.exit_code == 2
    assert fr("c.csv : colonne courriel introuvable") in result.stderr
    assert not (tmp_path / "o").exists()


# --- Eligibility ------------------------------------------------------------------------


def _contact(kind: str, population: int | None = None) -> HostContact:
    return HostContact(
        row=2, name="X", email="x@y.example.fr", organisation="Y", kind=kind, population=population
    )


@pytest.mark.parametrize(
    ("kind", "population", "internship", "invited"),
    [
        ("commune", 40_001, "projet_collectif", True),
        ("commune", 40_000, "projet_collectif", False),  # « plus de » : strictly more
        ("commune", None, "projet_collectif", True),
        ("etablissement_public_local", 900_000, "projet_collectif", False),
        ("etablissement_public_local", None, "observation", True),
        ("etat", None, "observation", False),
        ("etat", None, "thematique", False),
        ("etat", None, "ouverture", True),
        ("association", None, "perfectionnement", True),
        ("entreprise_privee", None, "projet_collectif", False),
    ],
)
def test_judgement(kind: str, population: int | None, internship: str, invited: bool) -> None:
    verdict = judge(_contact(kind, population), load_calendar(), internship)
    assert (type(verdict).__name__ == "Invitation") is invited


def test_conditions_are_stated() -> None:
    calendar = load_calendar()
    unknown = judge(_contact("epci"), calendar, "projet_collectif")
    # The threshold is the brochure's modalities, said once in the call: the
    # condition only asks for the population.
    assert "nombre d'habitants" in " ".join(getattr(unknown, "conditions", ()))
    local = judge(_contact("etablissement_public_local"), calendar, "thematique")
    assert "la coordination des stages examinera" in " ".join(getattr(local, "conditions", ()))
    # Perfectionnement « peut être réalisé hors collectivité territoriale »;
    # the professionnalisation « doit être un temps de rencontre avec les élus »: not.
    outside = judge(_contact("association"), calendar, "perfectionnement")
    assert "si le projet professionnel de l'élève le justifie" in " ".join(
        getattr(outside, "conditions", ())
    )
    refused = judge(_contact("association"), calendar, "professionnalisation")
    assert type(refused).__name__ == "Refusal"


def test_same_host_as_duplicates_are_compared() -> None:
    contact = HostContact(
        row=2,
        name="D",
        email="d@strasbourg.example.fr",
        organisation="Eurométropole de Strasbourg",
        kind="epci",
    )
    assert same_host(contact, "EUROMETROPOLE  de\u200b strasbourg", None)
    assert same_host(contact, "Autre nom", "tuteur@Strasbourg.example.fr")
    assert not same_host(contact, "Ville de Colmar", "x@colmar.example.fr")
    webmail = HostContact(row=3, name="", email="a@gmail.com", organisation="A", kind="commune")
    assert not same_host(webmail, "B", "b@gmail.com")


# --- The call ---------------------------------------------------------------------------


def test_who_is_invited_to_what(cli: Run, tmp_path: Path) -> None:
    document = _call(cli, tmp_path / "appel")
    assert document["version"] == 1
    drafts = _by_org(document, "drafts")
    assert set(drafts) == {
        "Ville de Mulhouse",
        "Commune de Ribeauvillé",
        "Préfecture du Haut-Rhin",
        "Lire en Alsace",
        "Eurométropole de Strasbourg",
    }
    assert "projet_collectif" in drafts["Ville de Mulhouse"]["internships"]  # type: ignore[operator]
    small = drafts["Commune de Ribeauvillé"]["internships"]
    assert "projet_collectif" not in small  # type: ignore[operator]
    assert "observation" in small  # type: ignore[operator]
    prefecture = drafts["Préfecture du Haut-Rhin"]["internships"]
    assert "observation" not in prefecture  # type: ignore[operator]
    assert "thematique" not in prefecture  # type: ignore[operator]
    assert "ouverture" in prefecture  # type: ignore[operator]
    assert drafts["Lire en Alsace"]["internships"] == ["ouverture", "perfectionnement"]
    assert "projet_collectif" in drafts["Eurométropole de Strasbourg"]["internships"]  # type: ignore[operator]
    assert drafts["Ville de Mulhouse"]["deadlines"] == [
        "2025-11-24",
        "2026-01-30",
        "2026-02-16",
        "2026-06-19",
    ]
    rejected = document["rows_rejected"]
    assert isinstance(rejected, list)
    assert [(r["row"], r["column"]) for r in rejected] == [(7, "Courriel"), (7, "Nature")]
    assert rejected[0]["message"] == typeset(
        "« pas-une-adresse » n'est pas une adresse électronique"
    )
    assert typeset("« mairie »") in rejected[1]["message"]


def test_drafts_read_back(cli: Run, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    _call(cli, tmp_path / "appel", "--attach-form")
    mulhouse = _read(tmp_path / "appel" / "appel-2026-2027-camille.martin@mulhouse.example.fr.eml")
    assert mulhouse["To"].addresses[0].addr_spec == "camille.martin@mulhouse.example.fr"
    assert mulhouse["From"].addresses[0].addr_spec == "stages.inet@cnfpt.fr"
    assert mulhouse["Reply-To"].addresses[0].addr_spec == "stages.inet@cnfpt.fr"
    assert mulhouse["X-Unsent"] == "1"
    assert "Appel à offres" in mulhouse["Subject"]
    text = _body(mulhouse)
    assert "Madame la Directrice générale," in text
    assert "STAGE D'OBSERVATION" in text
    # Each track's window as the brochure prints it, alternatives included.
    assert (
        "Administrateurs : 4 semaines du 30 mars au 24 avril 2026 ; dépôt des offres "
        "jusqu'au 24 novembre 2025." in text
    )
    assert "Conservateurs : 3 semaines du 30 ou 31 mars au 17 ou 18 avril 2026" in text
    assert "18 avril 2026 ; dépôt" in text and "au 18 avril 2026 (" not in text
    assert "pas de date limite publiée" in text  # the stage d'ouverture
    assert "avant la date limite" not in text
    # The brochure's modalities: the observation's two stages, the
    # professionnalisation's meetings, the ouverture's structures.
    assert "Ce stage se déroule en deux temps" in text
    assert "un temps de rencontre avec les élus, la direction générale et les partenaires" in text
    assert "Les élèves identifient les structures" in text
    # Each condition once, in sentences, never a list of spellings.
    assert text.count("plus de 40 000 habitants") == 1
    assert text.count("4 000 €") == 1
    assert text.count("la coordination des stages demande que le tuteur ou la tutrice en soit") == 1
    assert "« DGS »" not in text and "(« Directeur" not in text
    assert "le ou la DGS, et non un adjoint" in text  # the tutor of the observation
    assert "valide son travail" not in text
    # How to answer: the form, to the coordination; not a promise to reply.
    assert "Nous vous répondrons" not in text
    assert "camille.martin@mulhouse.example.fr" not in text
    assert (
        "remplir le classeur joint (offres-inet-2026-2027.xlsx), une ligne par offre, et de "
        "l'envoyer à la coordination des stages, à l'adresse stages.inet@cnfpt.fr." in text
    )
    # Typeset: non-breaking spaces in the raw text.
    raw = mulhouse.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    assert "40\u00a0000" in raw
    attachments = list(mulhouse.iter_attachments())
    assert len(attachments) == 1
    assert attachments[0].get_content_type() == XLSX
    book = load_workbook(io.BytesIO(attachments[0].get_content()))
    assert "Offres" in book.sheetnames

    ribeauville = _body(
        _read(tmp_path / "appel" / "appel-2026-2027-mairie@ribeauville.example.fr.eml")
    )
    assert ribeauville.startswith("Strasbourg, le 1er octobre 2025\n")  # no weekday
    assert "À l'attention de Monsieur Paul Durand" in ribeauville
    assert "Monsieur," in ribeauville
    assert "PROJETS COLLECTIFS" not in ribeauville
    association = _body(
        _read(tmp_path / "appel" / "appel-2026-2027-contact@lire-en-alsace.example.org.eml")
    )
    assert "Madame, Monsieur," in association
    assert "« si le projet professionnel de l'élève le justifie" in association
    assert "À l'attention de Luc Moreau" in association
    assert "PROFESSIONNALISATION" not in association  # a collectivité only
    epci = _body(
        _read(tmp_path / "appel" / "appel-2026-2027-dominique.weber@strasbourg.example.fr.eml")
    )
    assert "Monsieur le Directeur général," in epci
    assert "le nombre d'habitants de votre collectivité" in epci


def test_without_the_form_how_to_answer(cli: Run, tmp_path: Path) -> None:
    _call(cli, tmp_path / "appel")
    message = _read(tmp_path / "appel" / "appel-2026-2027-camille.martin@mulhouse.example.fr.eml")
    assert list(message.iter_attachments()) == []
    text = _body(message)
    assert "l'adresser à la coordination des stages, à l'adresse stages.inet@cnfpt.fr" in text
    assert "Nous vous répondrons" not in text


def test_internship_option_and_closed_deadlines(cli: Run, tmp_path: Path) -> None:
    document = _call(cli, tmp_path / "appel", "--internship", "projets collectifs")
    drafts = _by_org(document, "drafts")
    assert set(drafts) == {"Ville de Mulhouse", "Eurométropole de Strasbourg"}
    left = _by_org(document, "left_out")
    assert left["Commune de Ribeauvillé"]["code"] == "not_eligible"
    assert "40 000" in str(left["Commune de Ribeauvillé"]["reason"]).replace("\u00a0", " ")
    # After the observation's deadlines, only the later internships remain.
    result = cli(
        "call",
        "--contacts",
        str(CONTACTS),
        "-o",
        str(tmp_path / "tard"),
        "--today",
        "2026-07-01",
        "--internship",
        "observation",
        "-f",
        "json",
    )
    late = json.loads(result.stdout)
    assert late["drafts"] == []
    codes = {o["organisation"]: o["code"] for o in late["left_out"]}
    assert codes["Ville de Mulhouse"] == "no_open_deadline"
    assert codes["Préfecture du Haut-Rhin"] == "not_eligible"


def test_existing_draft_kept_unless_force(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "appel"
    _call(cli, out)
    target = out / "appel-2026-2027-camille.martin@mulhouse.example.fr.eml"
    target.write_bytes(b"edited by hand")
    again = _call(cli, out)
    drafts = _by_org(again, "drafts")
    assert drafts["Ville de Mulhouse"]["written"] is False
    assert target.read_bytes() == b"edited by hand"
    table = cli("call", "--contacts", str(CONTACTS), "-o", str(out), "--today", AUTUMN)
    # The summary wraps at 80 columns: read it as one text.
    summary = " ".join(table.stdout.split())
    assert "5 brouillons" in summary
    assert "5 déjà présents" in summary
    forced = _call(cli, out, "--force")
    assert _by_org(forced, "drafts")["Ville de Mulhouse"]["written"] is True
    assert target.read_bytes().startswith(b"To:")


def test_csv_summary(cli: Run, tmp_path: Path) -> None:
    result = cli(
        "call",
        "--contacts",
        str(CONTACTS),
        "-o",
        str(tmp_path / "o"),
        "--today",
        AUTUMN,
        "-f",
        "csv",
    )
    lines = result.stdout.lstrip("\ufeff").splitlines()
    assert lines[0].startswith("Statut;Contact;Structure;Courriel;Fichier")
    assert sum(1 for line in lines if line.startswith("brouillon;")) == 5
    assert sum(1 for line in lines if line.startswith("refusé;")) == 2


# --- Reminders --------------------------------------------------------------------------


def test_reminders_skip_who_answered(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    shutil.copy(REPO / "examples" / "strasbourg-projet-collectif.toml", offers)
    out = tmp_path / "relances"
    result = _remind(cli, offers, out, "2026-06-05", "--within", "14", "-f", "json")
    document = json.loads(result.stdout)
    drafts = _by_org(document, "drafts")
    assert set(drafts) == {"Ville de Mulhouse"}
    assert drafts["Ville de Mulhouse"]["deadlines"] == ["2026-06-19"]
    left = _by_org(document, "left_out")
    assert left["Eurométropole de Strasbourg"]["code"] == "already_answered"
    assert left["Préfecture du Haut-Rhin"]["code"] == "no_deadline_within"
    assert left["Commune de Ribeauvillé"]["code"] == "no_deadline_within"
    message = _read(out / "relance-2026-06-19-camille.martin@mulhouse.example.fr.eml")
    assert "19 juin 2026" in message["Subject"].replace("\u00a0", " ")
    text = _body(message)
    assert (
        "Projets collectifs (Administrateurs, Conservateurs et Ingénieurs) : "
        "dépôt des offres jusqu'au 19 juin 2026 (dans 14 jours)." in text
    )
    assert "Relance : dépôt des offres pour les projets collectifs jusqu'au 19" in message[
        "Subject"
    ].replace("\u00a0", " ")
    assert "classeur à remplir" in text
    assert not (out / "relance-2026-06-19-dominique.weber@strasbourg.example.fr.eml").exists()


def test_reminder_by_email_domain(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    text = (REPO / "examples" / "strasbourg-projet-collectif.toml").read_text(encoding="utf-8")
    text = text.replace("Eurométropole de Strasbourg", "Mairie de Mulhouse").replace(
        "dominique.weber@strasbourg.example.fr", "dgs@mulhouse.example.fr"
    )
    (offers / "mulhouse.toml").write_text(text, encoding="utf-8")
    result = _remind(cli, offers, tmp_path / "r", "2026-06-05", "-f", "json")
    document = json.loads(result.stdout)
    assert set(_by_org(document, "drafts")) == {"Eurométropole de Strasbourg"}
    assert _by_org(document, "left_out")["Ville de Mulhouse"]["code"] == "already_answered"


def test_remind_needs_the_offers(cli: Run, tmp_path: Path) -> None:
    result = cli("call", "--contacts", str(CONTACTS), "--remind", "-o", str(tmp_path / "r"))
    assert result.exit_code == 2
    assert "--offers" in result.stderr


# --- Her templates ----------------------------------------------------------------------


def test_template_overridden_by_the_coordination(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    (home / "lettres" / "appel.j2").write_text(
        "{{ appel }},\nNotre appel : {% for s in stages %}{{ s.id }} {% endfor %}\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    _call(cli, tmp_path / "appel")
    text = _body(
        _read(tmp_path / "appel" / "appel-2026-2027-contact@lire-en-alsace.example.org.eml")
    )
    assert text == typeset("Madame, Monsieur,\nNotre appel : ouverture perfectionnement\n").replace(
        "\u00a0", " "
    )


def test_broken_template_named_with_its_line(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    (home / "lettres" / "relance.j2").write_text("ok\n{{ inconnue }}\n", encoding="utf-8")
    monkeypatch.setenv("INET_STAGES_HOME", str(home))
    offers = tmp_path / "offres"
    offers.mkdir()
    result = _remind(cli, offers, tmp_path / "r", "2026-06-05")
    assert result.exit_code == 2
    assert "relance.j2, ligne 2" in result.stderr
    assert "inconnue" in result.stderr
    assert not (tmp_path / "r").exists()


def test_reminder_names_each_internship_with_its_tracks(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    out = tmp_path / "r"
    _remind(cli, offers, out, "2026-01-20", "--within", "14")
    text = _body(_read(out / "relance-2026-01-30-mairie@ribeauville.example.fr.eml"))
    assert (
        "Stage d'observation (Ingénieurs), Stage thématique (Conservateurs) : dépôt des "
        "offres jusqu'au 30 janvier 2026 (dans 10 jours)." in text
    )
    assert "pour le stage d'observation et le stage thématique" in text
    assert "Monsieur," in text


def test_xlsx_contacts_and_hostile_text(cli: Run, tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Civilité", "Nom", "Adresse e-mail", "Collectivité", "Type", "Population"])
    sheet.append(
        [
            "Mme",
            "Zoé [bold]X[/bold]\u202e",
            "zoe@lens.example.fr",
            "Ville de Lens",
            "Commune",
            45000,
        ]
    )
    sheet.append(["M.", "Yves", "yves@petit.example.fr", "Petit-Village", "Commune", "beaucoup"])
    source = tmp_path / "contacts.xlsx"
    book.save(source)
    out = tmp_path / "o"
    result = cli("call", "--contacts", str(source), "-o", str(out), "--today", AUTUMN)
    assert result.exit_code == 1
    assert "\u202e" not in result.stdout
    assert "Ville de Lens, Zoé [bold]X[/bold] <zoe@lens.example.fr>" in result.stdout
    assert "Projets collectifs" in result.stdout  # 45 000 > 40 000
    assert fr("ligne 3, colonne « Population » : « beaucoup »") in result.stdout
    draft = out / "appel-2026-2027-zoe@lens.example.fr.eml"
    message = _read(draft)
    assert "\u202e" not in message["To"]
    assert _body(message).startswith("Strasbourg, le 1er octobre 2025")
    assert "Madame," in _body(message)


def test_two_promotions_in_progress(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    next_year_in_home(tmp_path, monkeypatch)
    out = tmp_path / "appel"
    result = cli(
        "call", "--contacts", str(CONTACTS), "-o", str(out), "--today", "2026-10-01", "-f", "json"
    )
    document = json.loads(result.stdout)
    assert document["school_years"] == ["2026-2027", "2027-2028"]
    # One draft per contact, covering both promotions.
    mulhouse = [d for d in document["drafts"] if d["organisation"] == "Ville de Mulhouse"]
    assert len(mulhouse) == 1
    by_year = mulhouse[0]["by_promotion"]
    assert "observation" in by_year["2027-2028"]
    assert "observation" not in by_year["2026-2027"]  # its deadlines are past
    assert "ouverture" in by_year["2026-2027"]
    # No deadline published: only the next ouverture is asked for, not 2028's.
    assert "ouverture" not in by_year["2027-2028"]
    assert [p.name for p in out.iterdir() if "mulhouse" in p.name] == [
        "appel-2026-2027-et-2027-2028-camille.martin@mulhouse.example.fr.eml"
    ]
    text = _body(_read(out / "appel-2026-2027-et-2027-2028-camille.martin@mulhouse.example.fr.eml"))
    assert "PROMOTION 2026-2027" in text and "PROMOTION 2027-2028" in text
    assert text.index("PROMOTION 2026-2027") < text.index("STAGE D'OUVERTURE")
    assert text.index("PROMOTION 2027-2028") < text.index("STAGE D'OBSERVATION")
    forms = tmp_path / "forms"
    cli("call", "--contacts", str(CONTACTS), "-o", str(forms), "--today", "2026-10-01",
        "--attach-form")  # fmt: skip
    both = _read(forms / "appel-2026-2027-et-2027-2028-camille.martin@mulhouse.example.fr.eml")
    assert [a.get_filename() for a in both.iter_attachments()] == [
        "offres-inet-2026-2027.xlsx",
        "offres-inet-2027-2028.xlsx",
    ]
    assert (
        "les classeurs joints (offres-inet-2026-2027.xlsx et offres-inet-2027-2028.xlsx), un par promotion"
        in _body(both)
    )
    only = cli(
        "call", "--contacts", str(CONTACTS), "-o", str(tmp_path / "b"), "--today", "2026-10-01",
        "--promotion", "2027-2028", "-f", "json",
    )  # fmt: skip
    assert {d["school_year"] for d in json.loads(only.stdout)["drafts"]} == {"2027-2028"}


def test_the_same_address_twice_gets_one_draft(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text(
        "nom,courriel,structure,nature\n"
        "A,dgs@lens.example.fr,Ville de Lens,commune\n"
        "B,DGS@Lens.example.fr,Ville de Lens,commune\n",
        encoding="utf-8",
    )
    result = cli(
        "call", "--contacts", str(source), "-o", str(tmp_path / "o"), "--today", AUTUMN,
        "-f", "json",
    )  # fmt: skip
    document = json.loads(result.stdout)
    assert len(document["drafts"]) == 1
    assert document["rows_rejected"][0]["row"] == 3
    assert "figure déjà ligne 2" in document["rows_rejected"][0]["message"]


# --- The « Filières » column, and reminders that know what was received -----------------


def test_filieres_column_restricts_the_tracks(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text(
        "nom;courriel;structure;nature;habitants;filières\n"
        "A;a@colmar.example.fr;Médiathèque de Colmar;commune;70000;Conservateurs\n"
        "B;b@metz.example.fr;Ville de Metz;commune;120000;Administrateurs, Ingénieurs\n"
        "C;c@nancy.example.fr;Ville de Nancy;commune;100000;bibliothèques\n"
        "D;d@lens.example.fr;Ville de Lens;commune;45000;pompiers\n",
        encoding="utf-8",
    )
    out = tmp_path / "o"
    result = cli(
        "call", "--contacts", str(source), "-o", str(out), "--today", AUTUMN, "-f", "json"
    )  # fmt: skip
    assert result.exit_code == 1  # the unknown track
    document = json.loads(result.stdout)
    drafts = _by_org(document, "drafts")
    library = drafts["Médiathèque de Colmar"]["internships"]
    # A library-only contact: only the conservateurs' internships, and not the
    # projets collectifs (a team of every track, ordered by the direction générale).
    assert library == ["observation", "thematique", "ouverture", "professionnalisation"]
    assert drafts["Ville de Nancy"]["internships"] == library
    metz = drafts["Ville de Metz"]["internships"]
    assert isinstance(metz, list)
    assert "perfectionnement" in metz
    assert "projet_collectif" not in metz
    text = _body(_read(out / "appel-2026-2027-a@colmar.example.fr.eml"))
    assert "Conservateurs : 3 semaines du 30 ou 31 mars au 17 ou 18 avril 2026" in text
    assert "Administrateurs" not in text and "Ingénieurs" not in text
    assert "auprès du ou de la DGS" not in text  # the library's modalities only
    assert "auprès du directeur ou de la directrice d'établissement" in text
    rejected = document["rows_rejected"]
    assert [r["row"] for r in rejected] == [5]
    assert "pompiers" in rejected[0]["message"]


def test_reminder_says_what_was_received_and_asks_the_rest(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    offer = (REPO / "examples" / "colmar-thematique.toml").read_text(encoding="utf-8")
    offer = (
        offer.replace("Ville de Colmar", "Commune de Ribeauvillé")
        .replace("colmar.example.fr", "ribeauville.example.fr")
        .replace('tracks = ["administrateurs"]', 'tracks = ["conservateurs"]')
        .replace("submitted = 2026-02-10", "submitted = 2026-01-15")
    )
    (offers / "ribeauville.toml").write_text(offer, encoding="utf-8")
    out = tmp_path / "r"
    result = _remind(cli, offers, out, "2026-01-20", "--within", "14", "-f", "json")
    drafts = _by_org(json.loads(result.stdout), "drafts")
    # A dossier for the thématique: reminded of the observation only.
    assert drafts["Commune de Ribeauvillé"]["internships"] == ["observation"]
    message = _read(out / "relance-2026-01-30-mairie@ribeauville.example.fr.eml")
    subject = message["Subject"].replace("\u00a0", " ")
    assert subject == (
        "Relance : dépôt des offres pour le stage d'observation jusqu'au 30 janvier 2026 (INET)"
    )
    text = _body(message)
    assert (
        "Nous avons bien reçu votre offre pour le stage thématique ; pour le stage "
        "d'observation, je me permets" in text
    )
    assert "jusqu'au 30 janvier 2026" in text
    assert "avant le" not in text and "n'avons pas encore reçu" not in text
    assert "l'adresser à la coordination des stages, à l'adresse stages.inet@cnfpt.fr" in text
    # Mulhouse sent nothing: reminded of both, not told of any offer.
    mulhouse = _body(_read(out / "relance-2026-01-30-camille.martin@mulhouse.example.fr.eml"))
    assert "bien reçu" not in mulhouse
    assert "pour le stage d'observation et le stage thématique" in mulhouse


def _observation(promotion: str, submitted: str, position: str) -> str:
    return f"""[offer]
internship = "observation"
tracks = ["administrateurs"]
title = "Observation auprès de la direction générale"
description = "L'élève suivra la direction générale au quotidien, puis une semaine un service de proximité, et rendra compte de ce qu'il a observé."
submitted = {submitted}
promotion = "{promotion}"

[host]
name = "Commune de Ribeauvillé"
kind = "commune"

[tutor]
name = "Paul Durand"
position = "{position}"
email = "mairie@ribeauville.example.fr"
"""


def test_reminder_is_per_internship_and_promotion_from_the_verdict(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dossier, whatever its verdict, answers for its internship and promotion only."""
    next_year_in_home(tmp_path, monkeypatch)
    offers = tmp_path / "offres"
    offers.mkdir()

    def remind() -> dict[str, dict[str, object]]:
        result = _remind(
            cli, offers, tmp_path / "r", "2026-11-15", "--within", "14", "-f", "json", "--force"
        )
        document = json.loads(result.stdout)
        found = _by_org(document, "drafts")
        found.update(_by_org(document, "left_out"))
        return found

    # A late offer for 2026-2027 (non retenue): not an answer for 2027-2028.
    (offers / "late.toml").write_text(
        _observation("2026-2027", "2026-11-02", "DGS"), encoding="utf-8"
    )
    ribeauville = remind()["Commune de Ribeauvillé"]
    assert ribeauville.get("by_promotion") == {"2027-2028": ["observation"]}
    # An offer for 2027-2028 to complete (a deputy as tutor): a dossier all the same.
    (offers / "next.toml").write_text(
        _observation("2027-2028", "2026-11-10", "Directeur général adjoint"), encoding="utf-8"
    )
    ribeauville = remind()["Commune de Ribeauvillé"]
    assert ribeauville["code"] == "already_answered"


def test_reminder_keeps_to_the_contacts_tracks(cli: Run, tmp_path: Path) -> None:
    source = tmp_path / "c.csv"
    source.write_text(
        "nom;courriel;structure;nature;filières\n"
        "A;a@colmar.example.fr;Médiathèque de Colmar;commune;Conservateurs\n"
        "B;b@metz.example.fr;Ville de Metz;commune;Administrateurs\n",
        encoding="utf-8",
    )
    offers = tmp_path / "offres"
    offers.mkdir()
    result = _remind(
        cli, offers, tmp_path / "r", "2026-01-20", "--within", "14", "-f", "json", contacts=source
    )
    document = json.loads(result.stdout)
    drafts = _by_org(document, "drafts")
    # 30 January 2026: the conservateurs' thématique and the ingénieurs' observation.
    assert drafts["Médiathèque de Colmar"]["internships"] == ["thematique"]
    left = _by_org(document, "left_out")
    assert left["Ville de Metz"]["code"] == "no_deadline_within"


def test_an_offer_for_other_tracks_answers_nothing(cli: Run, tmp_path: Path) -> None:
    # Metz asked about its ingénieurs only; its offer is the conservateurs' observation:
    # the ingénieurs' observation (30 January 2026) is still awaited, and reminded.
    source = tmp_path / "c.csv"
    source.write_text(
        "nom;courriel;structure;nature;population;filières\n"
        "Luc Ing;luc@metz.example.fr;Ville de Metz;commune;120000;Ingénieurs\n",
        encoding="utf-8",
    )
    offers = tmp_path / "offres"
    offers.mkdir()
    shutil.copy(REPO / "examples" / "metz-observation-conservateurs.toml", offers)
    result = _remind(
        cli, offers, tmp_path / "r", "2026-01-20", "--within", "14", "-f", "json", contacts=source
    )
    drafts = _by_org(json.loads(result.stdout), "drafts")
    assert drafts["Ville de Metz"]["internships"] == ["observation"]


# --- Reminders: the promotion of what was received, the internships' names, the subject ---


@pytest.mark.usefixtures("two_promotions")
def test_reminder_names_only_answers_of_its_own_promotion(cli: Run, tmp_path: Path) -> None:
    """A late 2026-2027 projet collectif is no answer to speak of in a 2027-2028 reminder."""
    offers = tmp_path / "offres"
    offers.mkdir()
    offer = (REPO / "examples" / "strasbourg-projet-collectif.toml").read_text(encoding="utf-8")
    (offers / "strasbourg.toml").write_text(
        offer.replace('submitted = "2026-06-12"', 'submitted = "2026-06-25"'), encoding="utf-8"
    )
    out = tmp_path / "r"
    result = _remind(cli, offers, out, "2027-01-20", "--within", "14", "-f", "json")
    drafts = _by_org(json.loads(result.stdout), "drafts")
    assert drafts["Eurométropole de Strasbourg"]["school_years"] == ["2027-2028"]
    text = _body(_read(out / "relance-2027-01-29-dominique.weber@strasbourg.example.fr.eml"))
    assert "bien reçu" not in text
    assert "projets collectifs" not in text.casefold()


def test_reminder_line_uses_the_internships_short_label(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    out = tmp_path / "r"
    _remind(cli, offers, out, "2026-06-10", "--within", "14")
    text = _body(_read(out / "relance-2026-06-19-camille.martin@mulhouse.example.fr.eml"))
    assert "- Projets collectifs (Administrateurs, Conservateurs et Ingénieurs) :" in text
    assert ") (" not in text


def test_reminder_of_two_internships_and_two_deadlines(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    out = tmp_path / "r"
    _remind(cli, offers, out, "2026-01-20", "--within", "30")
    message = _read(out / "relance-2026-01-30-mairie@ribeauville.example.fr.eml")
    subject = message["Subject"]
    assert subject == fr(
        "Relance : dépôt des offres de stages jusqu'au 30 janvier et au 16 février 2026 (INET)"
    )
    assert len(subject) <= 90
    text = _body(message)
    assert "une offre pour ces stages" in text
    assert "pour ce stage" not in text
    assert "À l'approche des dates limites de dépôt des offres" in text


def test_reminder_of_one_internship_says_it_in_subject_and_body(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    out = tmp_path / "r"
    _remind(cli, offers, out, "2026-06-10", "--within", "14")
    message = _read(out / "relance-2026-06-19-camille.martin@mulhouse.example.fr.eml")
    assert message["Subject"] == fr(
        "Relance : dépôt des offres pour les projets collectifs jusqu'au 19 juin 2026 (INET)"
    )
    text = _body(message)
    assert "une offre pour ce stage," in text
    assert "la date limite de dépôt approchant" not in text  # nothing received: the other opening
    assert "la date limite de dépôt des offres" in text


def test_call_keeps_a_number_with_the_word_before_it(cli: Run, tmp_path: Path) -> None:
    out = tmp_path / "appel"
    _call(cli, out)
    part = _read(out / "appel-2026-2027-camille.martin@mulhouse.example.fr.eml").get_body(
        ("plain",)
    )
    assert part is not None
    raw = str(part.get_content())
    assert "de 12 à\u00a018\u00a0mois" in raw  # « à 18 » never split at the line end
