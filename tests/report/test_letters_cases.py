"""The letters of docs/guide/lettres.md's cases, each worked through ``report --letters``.

One verdict per offer and track: a letter says, track by track, what the
batch decided (:mod:`inet_stages.batch.verdict`); copies from different
addresses each get their own reply; a refused copy does not refuse the
original; a bad address never stops the run. And the form: civility,
elision, salutation, nothing internal in the body, the brochure's facts.
"""

from __future__ import annotations

import json
from datetime import date
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest

from inet_stages.text.frtypo import NBSP
from tests.conftest import REPO, Result, Run
from tests.offer_factory import offer_text
from tests.report.test_letters import assert_clean_letter


def parse(data: bytes) -> EmailMessage:
    message = BytesParser(policy=policy.default).parsebytes(data)
    assert isinstance(message, EmailMessage)
    return message


def body(message: EmailMessage) -> str:
    text = message.get_content()
    assert isinstance(text, str)
    return text.replace("\r\n", "\n")


def letters(
    cli: Run, tmp_path: Path, offers: dict[str, str], today: str, *extra: str
) -> tuple[Path, Result]:
    folder = tmp_path / "offres"
    folder.mkdir(exist_ok=True)
    for name, text in offers.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = tmp_path / "lettres"
    result = cli("report", str(folder), "--today", today, "--letters", str(out), *extra)
    assert result.exit_code == 0, result.stderr
    return out, result


def letter(out: Path, name: str) -> tuple[EmailMessage, str]:
    message = parse((out / name).read_bytes())
    text = body(message)
    assert_clean_letter(text)
    return message, text


def test_late_for_one_track_retained_for_the_other(cli: Run, tmp_path: Path) -> None:
    """Thématique, administrateurs + conservateurs, 10 February 2026: late for conservateurs."""
    out, _ = letters(
        cli,
        tmp_path,
        {
            "colmar.toml": offer_text(
                offer__tracks=["administrateurs", "conservateurs"],
                offer__submitted=date(2026, 2, 10),
            )
        },
        "2026-02-20",
    )
    _, text = letter(out, "colmar.eml")
    assert f"Pour la filière Administrateurs, votre offre est retenue{NBSP}:" in text
    assert (
        f"Pour la filière Conservateurs, votre offre ne peut pas être retenue{NBSP}: elle nous "
        f"est parvenue après la date limite du 30{NBSP}janvier{NBSP}2026"
    ) in text
    assert "ne peut pas être retenue pour le stage" not in text


def test_observation_late_for_one_track(cli: Run, tmp_path: Path) -> None:
    """Observation for administrateurs + ingénieurs, 15 December 2025: late for administrateurs."""
    out, _ = letters(
        cli,
        tmp_path,
        {
            "metz.toml": offer_text(
                "observation",
                offer__tracks=["administrateurs", "ingenieurs"],
                offer__submitted=date(2025, 12, 15),
            )
        },
        "2025-12-20",
    )
    _, text = letter(out, "metz.eml")
    assert "Pour la filière Administrateurs, votre offre ne peut pas être retenue" in text
    assert f"date limite du 24{NBSP}novembre{NBSP}2025" in text
    assert f"Pour la filière Ingénieurs, votre offre est retenue{NBSP}:" in text
    assert f"du 1er au 19{NBSP}juin{NBSP}2026" in text


def test_thematique_for_administrateurs_and_ingenieurs(cli: Run, tmp_path: Path) -> None:
    """I003 for ingénieurs only: retained for administrateurs."""
    out, _ = letters(
        cli,
        tmp_path,
        {"lyon.toml": offer_text(offer__tracks=["administrateurs", "ingenieurs"])},
        "2026-02-12",
    )
    _, text = letter(out, "lyon.eml")
    assert f"Pour la filière Administrateurs, votre offre est retenue{NBSP}:" in text
    assert "Pour la filière Ingénieurs, votre offre ne peut pas être retenue" in text
    assert "n'est pas au programme de la filière Ingénieurs" in text


def test_dgs_is_not_asked_to_designate_the_library_director_for_administrateurs(
    cli: Run, tmp_path: Path
) -> None:
    out, _ = letters(
        cli,
        tmp_path,
        {
            "brest.toml": offer_text(
                "observation",
                offer__tracks=["administrateurs", "conservateurs"],
                offer__submitted=date(2025, 11, 15),
            )
        },
        "2025-11-20",
    )
    _, text = letter(out, "brest.eml")
    admins, _, rest = text.partition("Pour la filière Conservateurs")
    assert f"Pour la filière Administrateurs, votre offre est retenue{NBSP}:" in admins
    assert "directrice d'établissement" not in admins
    assert "pourra être retenue une fois complétée" in rest
    assert "le directeur ou la directrice de l'établissement comme tuteur" in rest


def test_refused_copy_does_not_refuse_the_original(cli: Run, tmp_path: Path) -> None:
    """docs/reference/decisions.md's example: the resent copy refused in decisions.toml; the original speaks."""
    offers = {
        "colmar.toml": offer_text(),
        "colmar-renvoi.toml": offer_text(),
    }
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "decisions.toml").write_text(
        '["colmar-renvoi.toml"]\nrefuse = true\nreason = "Doublon"\n', encoding="utf-8"
    )
    out, result = letters(cli, tmp_path, offers, "2026-02-12", "--format", "json")
    (item,) = json.loads(result.stdout)["letters"]
    assert item["outcomes"] == {"administrateurs": "retenue"}
    assert sorted(Path(f).name for f in item["files"]) == ["colmar-renvoi.toml", "colmar.toml"]
    message, text = letter(out, Path(item["path"]).name)
    assert f"Pour la filière Administrateurs, votre offre est retenue{NBSP}:" in text
    assert "après examen, la coordination des stages ne l'a pas retenue" not in text
    assert f"votre offre nous est parvenue deux fois{NBSP}:" in text.casefold()
    assert "X001" in message["X-INET-Reference"]


def test_copies_from_two_addresses_each_get_their_reply(cli: Run, tmp_path: Path) -> None:
    out, result = letters(
        cli,
        tmp_path,
        {
            "nancy.toml": offer_text(tutor__email="dgs@nancy.example.fr"),
            "nancy-2.toml": offer_text(
                tutor__email="autre@nancy.example.fr", tutor__name="Paul Colin"
            ),
        },
        "2026-02-12",
        "--format",
        "json",
    )
    found = {Path(i["path"]).name: i for i in json.loads(result.stdout)["letters"]}
    assert set(found) == {"nancy.eml", "nancy-2.eml"}
    assert found["nancy.eml"]["to"] == "dgs@nancy.example.fr"
    assert [Path(f).name for f in found["nancy.eml"]["files"]] == ["nancy.toml"]
    assert found["nancy-2.eml"]["to"] == "autre@nancy.example.fr"
    assert [Path(f).name for f in found["nancy-2.eml"]["files"]] == ["nancy-2.toml"]
    message, text = letter(out, "nancy-2.eml")
    assert message["To"].addresses[0].addr_spec == "autre@nancy.example.fr"
    assert "Paul Colin" in text
    assert "d'une autre adresse, qui reçoit sa propre réponse" in text


def _copies_with(cli: Run, tmp_path: Path, decisions: str) -> Path:
    """Copies of one offer from two addresses (nancy.toml, nancy-2.toml) under ``decisions``;
    the folder of their letters."""
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "decisions.toml").write_text(decisions, encoding="utf-8")
    copies = {
        "nancy.toml": offer_text(tutor__email="dgs@nancy.example.fr"),
        "nancy-2.toml": offer_text(tutor__email="autre@nancy.example.fr"),
    }
    return letters(cli, tmp_path, copies, "2026-02-12")[0]


def test_a_refused_copy_is_not_told_the_choice_is_still_to_make(cli: Run, tmp_path: Path) -> None:
    # Copies from two addresses, the second refused: its letter refuses it, and says
    # no more that « la coordination vérifiera avec vous laquelle retenir ».
    out = _copies_with(cli, tmp_path, '["nancy-2.toml"]\nrefuse = true\nreason = "Doublon"\n')
    _, refused = letter(out, "nancy-2.eml")
    assert "ne peut pas être retenue" in refused
    assert "laquelle retenir" not in refused
    _, kept = letter(out, "nancy.eml")
    assert f"votre offre est retenue{NBSP}:" in kept
    assert "laquelle retenir" not in kept


def test_an_offer_for_an_unpublished_promotion_is_told_no_other_years_deadline(
    cli: Run, tmp_path: Path
) -> None:
    # promotion = "2027-2028", no such calendar: checked with 2026-2027 (D010), whose
    # observation deadline (24 November 2025) is not the offer's to be told.
    out, _ = letters(
        cli,
        tmp_path,
        {"a.toml": offer_text("observation", offer__promotion="2027-2028")},
        "2026-02-20",
    )
    _, text = letter(out, "a.eml")
    assert "pas encore publié de calendrier" in text
    assert "2025" not in text
    assert "date limite" not in text
    assert "dans les meilleurs délais" in text


def test_an_admitted_point_is_said_in_the_hosts_words(cli: Run, tmp_path: Path) -> None:
    # decide --accept W002: « a admis, après examen : l'envoi de votre offre en plusieurs
    # exemplaires », not the rule's own label (« offre en double dans le lot »).
    out = _copies_with(cli, tmp_path, '["nancy.toml"]\naccept = ["W002"]\nreason = "Même offre"\n')
    _, text = letter(out, "nancy.eml")
    admitted = text.split("après examen")[1].split("Pour toute question")[0]
    assert "l'envoi de votre offre en plusieurs exemplaires" in admitted
    assert "dans le lot" not in text


#: The points the coordination may accept (decide --accept), each with its « admis ».
ADMISSIBLE = (
    "D002",
    "D003",
    "D005",
    "D006",
    "D012",
    "H001",
    "H002",
    "H004",
    "P002",
    "P003",
    "P004",
    "P006",
    "T001",
    "T002",
    "T004",
    "T005",
    "W001",
    "W002",
)


@pytest.mark.parametrize("code", ADMISSIBLE)
def test_every_admissible_point_has_a_sentence_for_the_host(code: str) -> None:
    # The codes the coordination may accept: each has its own « admis » sentence, which
    # renders to French without a template mark left.
    from inet_stages.report.texts import environment, load_texts

    entry = load_texts(None)[code]
    assert "admis" in entry, code
    env = environment(None)
    context = {
        "stage": "le stage d'observation",
        "seuil_population": "40 000",
        "date_limite": "16 février 2026",
        "participation": "4 000 €",
        "fonction": "DGA",
    }
    said = env.from_string(entry["admis"]).render(**context)
    assert said and "{" not in said and said.endswith(".")


def test_a_bad_address_never_stops_the_run(cli: Run, tmp_path: Path) -> None:
    out, result = letters(
        cli,
        tmp_path,
        {
            "arobase.toml": offer_text(tutor__email="camille.martin@"),
            "colmar.toml": offer_text(host__name="Ville de Colmar", offer__title="Autre mission"),
        },
        "2026-02-12",
    )
    assert (out / "colmar.eml").exists()
    message = parse((out / "arobase.eml").read_bytes())
    assert message["To"] is None
    text = body(message)
    # The reason at the top, for her; the rest is the letter.
    assert text.startswith("[Note de la coordination, à retirer avant l'envoi")
    assert f"«{NBSP}camille.martin@{NBSP}»" in text
    stderr = str(result.stderr).replace(NBSP, " ")
    assert "1 lettre sans destinataire" in stderr
    assert "arobase.eml (" in stderr and "arobase.toml" in stderr
    assert "erreur interne" not in stderr


def test_validate_and_the_letters_judge_an_address_alike(cli: Run, tmp_path: Path) -> None:
    # One judge of an address, T003: what validate accepts gets its To; what it
    # refuses gets a draft without To, whose note quotes the address as written.
    out, _ = letters(
        cli,
        tmp_path,
        {
            "epinal.toml": offer_text(
                tutor__email="élodie.noël@epinal.fr", host__name="Ville d'Épinal"
            ),
            "tiret.toml": offer_text(tutor__email="jean@-x.fr", host__name="Ville de Sète"),
        },
        "2026-02-12",
    )
    checked = cli("validate", str(tmp_path / "offres"), "--today", "2026-02-12", "-f", "json")
    codes = {
        Path(f["path"]).name: {d["code"] for d in f["diagnostics"]}
        for f in json.loads(checked.stdout)["files"]
    }
    assert "T003" not in codes["epinal.toml"] and "T003" in codes["tiret.toml"]
    # A local part in Unicode is written as UTF-8 (RFC 6532), read back as text.
    head = (out / "epinal.eml").read_bytes().decode("utf-8").split("\r\n\r\n")[0]
    assert "\r\nTo: Camille Martin <élodie.noël@epinal.fr>\r\n" in f"\r\n{head}\r\n"
    tiret = parse((out / "tiret.eml").read_bytes())
    assert tiret["To"] is None
    assert f"«{NBSP}jean@-x.fr{NBSP}»" in body(tiret)


def test_json_lists_letters_written_and_kept(cli: Run, tmp_path: Path) -> None:
    offers = {
        "colmar.toml": offer_text(
            offer__tracks=["administrateurs", "conservateurs"], offer__submitted=date(2026, 2, 10)
        ),
        "vide.toml": offer_text(tutor__email="x@", host__name="Ville de Sète"),
    }
    out, result = letters(cli, tmp_path, offers, "2026-02-20", "--format", "json")
    document = json.loads(result.stdout)
    items = {Path(i["path"]).name: i for i in document["letters"]}
    assert items["colmar.eml"]["outcomes"] == {
        "administrateurs": "retenue",
        "conservateurs": "non_retenue",
    }
    assert items["vide.eml"]["to"] is None
    assert "n'est pas valide" in items["vide.eml"]["problem"]
    assert items["colmar.eml"]["reference"] == "colmar.toml (D002), 2026-2027"
    # Kept letters are listed too, with the same shape.
    again = cli(
        "report",
        str(tmp_path / "offres"),
        "--today",
        "2026-02-20",
        "--letters",
        str(out),
        "--format",
        "json",
    )
    assert again.exit_code == 0
    first = document["letters"]
    assert {(i["kept"], i["stale"]) for i in first} == {(False, False)}
    # The same items, now kept as they are, and still telling the batch's verdict.
    assert json.loads(again.stdout)["letters"] == [{**i, "kept": True} for i in first]


def test_reserved_letter_says_sous_reserve(cli: Run, tmp_path: Path) -> None:
    out, _ = letters(
        cli,
        tmp_path,
        {
            "sete.toml": offer_text(
                "observation",
                offer__submitted=date(2025, 11, 15),
                tutor__position="Secrétaire générale de mairie",
            )
        },
        "2025-11-20",
        "--format",
        "json",
    )
    _, text = letter(out, "sete.eml")
    assert "votre offre est retenue sous réserve de l'examen du point suivant" in text
    assert "La coordination des stages confirmera avec vous" in text
    assert "Madame la Secrétaire générale," in text


def test_form_of_address_and_second_person(cli: Run, tmp_path: Path) -> None:
    out, _ = letters(
        cli,
        tmp_path,
        {
            "dgs.toml": offer_text(tutor__civility="Madame", tutor__position="DGS"),
            "elision.toml": offer_text(
                host__name="Ville d'Arles",
                offer__title="Autre",
                tutor__name="Élodie Noël",
                tutor__position="DGS",
                tutor__email="elodie@example.fr",
            ),
            "tuteur.toml": offer_text(
                "observation",
                host__name="Ville de Dole",
                offer__submitted=date(2025, 11, 15),
                tutor__position="Secrétaire général de mairie",
                tutor__email="sg@example.fr",
            ),
        },
        "2025-11-20",
    )
    _, text = letter(out, "dgs.eml")
    assert "À l'attention de Madame Camille Martin, DGS" in text
    assert "\nMadame la Directrice générale,\n" in text
    _, text = letter(out, "elision.eml")
    assert "À l'attention d'Élodie Noël, DGS" in text
    assert "\nMadame, Monsieur,\n" in text
    _, text = letter(out, "tuteur.eml")
    assert "la fonction que vous indiquez" in text
    assert "le tuteur ou la tutrice indiqué" not in text


def test_retained_projet_collectif_restates_the_brochure(cli: Run, tmp_path: Path) -> None:
    out, _ = letters(
        cli,
        tmp_path,
        {"lille.toml": offer_text("projet_collectif", host__population=230000)},
        "2026-06-10",
    )
    message, text = letter(out, "lille.eml")
    assert "((" not in message["Subject"] and "))" not in message["Subject"]
    assert f"le projet collectif se déroulera du 12{NBSP}octobre au 18{NBSP}décembre" in text
    for quoted in (
        f"qui mobilise 4{NBSP}élèves sur 9{NBSP}semaines, fait l'objet d'un rapport de "
        "restitution présenté à la collectivité",
        "implique une intégration forte dans l'équipe de direction de la collectivité",
        f"une participation forfaitaire de 4{NBSP}000{NBSP}€ est demandée",
    ):
        assert quoted in text


def test_brochure_sentences_for_refusals(cli: Run, tmp_path: Path) -> None:
    """P002 at exactly 40 000; H001 for a projet collectif; no nested parentheses."""
    out, _ = letters(
        cli,
        tmp_path,
        {
            "seuil.toml": offer_text("projet_collectif", host__population=40000),
            "etat.toml": offer_text(
                "projet_collectif",
                host__kind="etat",
                host__name="Préfecture",
                offer__title="Autre",
                tutor__email="p@example.fr",
            ),
        },
        "2026-06-10",
    )
    _, text = letter(out, "seuil.eml")
    assert f"avec 40{NBSP}000{NBSP}habitants, votre collectivité n'en compte pas plus" in text
    assert "n'atteint pas" not in text
    _, text = letter(out, "etat.eml")
    assert "établissement public local" not in text
    assert f"«{NBSP}un stage réalisé au sein d'une collectivité de plus de 40{NBSP}000" in text


def test_her_single_key_override(cli: Run, tmp_path: Path, monkeypatch: object) -> None:
    """Overriding only ``admis`` of a code works (it once failed: « doit avoir un texte »)."""
    from inet_stages.report.texts import load_texts

    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    (home / "lettres" / "textes.toml").write_text(
        '[H004]\nadmis = "un établissement admis."\n[D002]\ntexte = "trop tard."\n',
        encoding="utf-8",
    )
    texts = load_texts(home)
    assert texts["H004"]["admis"] == "un établissement admis."
    assert texts["H004"]["texte"].startswith("votre structure est un établissement public")
    assert texts["D002"]["texte"] == "trop tard."


def test_letters_init_copies_the_templates(cli: Run, tmp_path: Path) -> None:
    home = tmp_path / "moi"
    result = cli("letters", "init", str(home))
    assert result.exit_code == 0, result.stderr
    names = sorted(p.name for p in (home / "lettres").iterdir())
    assert names == ["appel.j2", "lettre.j2", "relance.j2", "textes.toml"]
    assert str(home / "lettres") in result.stdout
    # Hers are kept, unless --force.
    (home / "lettres" / "lettre.j2").write_text("à moi\n", encoding="utf-8")
    again = cli("letters", "init", str(home))
    assert again.exit_code == 0
    assert "gardés tels quels" in again.stdout
    assert (home / "lettres" / "lettre.j2").read_text(encoding="utf-8") == "à moi\n"
    cli("letters", "init", str(home), "--force")
    assert (home / "lettres" / "lettre.j2").read_text(encoding="utf-8") != "à moi\n"


def test_letters_agree_with_the_verdicts(cli: Run, tmp_path: Path) -> None:
    """Every letter's outcome per track is the batch's verdict, eligible iff in valid_tracks."""
    offers = {
        "a.toml": offer_text(
            offer__tracks=["administrateurs", "conservateurs"], offer__submitted=date(2026, 2, 10)
        ),
        "b.toml": offer_text(offer__tracks=["administrateurs", "ingenieurs"], offer__title="B"),
        "c.toml": offer_text(offer__title="C", tutor__position="Chargé de mission"),
        "d.toml": offer_text(offer__title="D", tutor__email="d@"),
    }
    _, result = letters(cli, tmp_path, offers, "2026-02-20", "--format", "json")
    checked = cli("validate", str(tmp_path / "offres"), "--today", "2026-02-20", "--format", "json")
    valid = {Path(f["path"]).name: f for f in json.loads(checked.stdout)["files"]}
    for item in json.loads(result.stdout)["letters"]:
        (path,) = item["files"]
        record = valid[Path(path).name]
        assert item["outcomes"] == record["outcomes"], item
        for track, outcome in item["outcomes"].items():
            eligible = outcome in ("retenue", "retenue_sous_reserve")
            assert eligible == (track in record["valid_tracks"]), item


def test_dates_quoted_from_the_brochure_and_the_offer_s_own(cli: Run, tmp_path: Path) -> None:
    """D003 quotes the brochure's window; a retained offer announces its own dates.

    (« Hors » is judged on 12 February 2026; the observation offer was on time.)
    """
    out, _ = letters(
        cli,
        tmp_path,
        {
            "hors.toml": offer_text(
                offer__start=date(2026, 4, 1), offer__end=date(2026, 5, 20), offer__title="Hors"
            ),
            "dans.toml": offer_text(
                "observation",
                offer__tracks=["conservateurs"],
                offer__submitted=date(2025, 11, 15),
                offer__start=date(2026, 3, 31),
                offer__end=date(2026, 4, 18),
                host__name="Ville de Sélestat",
                tutor__email="s@example.fr",
                tutor__position="Directrice de la médiathèque",
            ),
        },
        "2026-02-12",
    )
    _, text = letter(out, "hors.eml")
    assert f"«{NBSP}7{NBSP}semaines du 26{NBSP}mai au 10{NBSP}juillet{NBSP}2026{NBSP}»" in text
    assert "1er avril" not in text
    _, text = letter(out, "dans.eml")
    assert (
        f"votre offre est retenue{NBSP}: le stage d'observation se déroulera du 31{NBSP}mars"
        in text
    )
    assert f"au 18{NBSP}avril{NBSP}2026" in text


def test_reference_header_reads_back_with_accents(cli: Run, tmp_path: Path) -> None:
    out, _ = letters(cli, tmp_path, {"sélestat côté.toml": offer_text()}, "2026-02-12")
    (draft,) = out.iterdir()
    message = parse(draft.read_bytes())
    import hashlib

    digest = hashlib.sha256(offer_text().encode("utf-8")).hexdigest()[:16]
    assert message["X-INET-Reference"] == (
        f"sélestat côté.toml sha256={digest}, 2026-2027 ; verdict administrateurs=retenue"
    )
    assert message.defects == []
    assert "sélestat" not in body(message).casefold()


#: Brochure sentences the calendar does not carry, typed from the seed.
BROCHURE_EXTRA = (
    "Une participation forfaitaire de 4 000 € est demandée pour contribuer à la couverture "
    "des frais de réalisation des projets collectifs (accompagnement méthodologique des "
    "élèves, frais de déplacement, etc.).",
    "Si le projet professionnel de l'élève le justifie, le stage peut être réalisé hors "
    "collectivité territoriale.",
    "Dépôt des offres jusqu'au",
    "Stage de perfectionnement",
)


def test_every_quote_of_the_brochure_is_the_brochure() -> None:
    """A sentence that says « la brochure » quotes it word for word."""
    import re
    import tomllib

    from inet_stages.calendar import load_calendar
    from inet_stages.report.texts import PACKAGED

    calendar = load_calendar()
    corpus = " ".join(
        [
            *(i.purpose for i in calendar.internships),
            *(i.objectives for i in calendar.internships),
            *(i.modalities for i in calendar.internships),
            *(w.modalities or "" for w in calendar.windows),
            *BROCHURE_EXTRA,
        ]
    )
    corpus = " ".join(corpus.split()).casefold()
    values = {
        "seuil_population": "40 000",
        "participation": "4 000 €",
        "eleves_par_projet": "4",
        "semaines": "9",
    }
    texts = tomllib.loads((PACKAGED / "textes.toml").read_text(encoding="utf-8"))
    sources = [e["texte"] for e in texts.values()]
    sources.append((PACKAGED / "lettre.j2").read_text(encoding="utf-8"))
    checked = 0
    for source in sources:
        for sentence in re.split(r"(?<=[.;])\s", source):
            if "brochure" not in sentence:
                continue
            for raw in re.findall(r"« (.+?) »", sentence, flags=re.S):
                filled = re.sub(r"\{\{ (\w+) \}\}", lambda m: values.get(m[1], "{?}"), raw)
                fixed = filled.split("{?}")[0]  # a date or period: its fixed words
                quote = " ".join(fixed.split()).rstrip(".…").casefold()
                assert quote in corpus, quote
                checked += 1
    assert checked >= 12


@pytest.mark.usefixtures("two_promotions")
def test_late_offer_without_dates_is_not_moved_a_year(cli: Run, tmp_path: Path) -> None:
    """With next year's calendar in her folder, a late offer stays late for its campaign."""
    out, result = letters(
        cli,
        tmp_path,
        {
            "projet.toml": offer_text(
                "projet_collectif", offer__submitted=date(2026, 6, 25), host__population=90000
            ),
            "observation.toml": offer_text(
                "observation",
                offer__submitted=date(2025, 12, 10),
                host__name="Ville de Metz",
                tutor__email="m@example.fr",
            ),
        },
        "2026-06-26",
        "--format",
        "json",
    )
    items = {Path(i["path"]).name: i for i in json.loads(result.stdout)["letters"]}
    assert set(items["projet.eml"]["outcomes"].values()) == {"non_retenue"}
    assert items["observation.eml"]["outcomes"] == {"administrateurs": "non_retenue"}
    _, text = letter(out, "projet.eml")
    assert f"date limite du 19{NBSP}juin{NBSP}2026" in text
    assert "promotion suivante" in text  # D012, said to the host as the coordination's
    _, text = letter(out, "observation.eml")
    assert f"date limite du 24{NBSP}novembre{NBSP}2025" in text
    assert "2027" not in text


def test_every_example_letter_keeps_its_address_headers(cli: Run, tmp_path: Path) -> None:
    """Long references (files with their hashes, codes) and subjects folded by Python 3.11 once
    made a draft fall back to no From, To or Reply-To; only a bad address loses its To."""
    out = tmp_path / "lettres"
    result = cli("report", str(REPO / "examples"), "--letters", str(out), "--today", "2026-02-20")
    assert result.exit_code in (0, 1), result.stderr
    drafts = sorted(out.glob("*.eml"))
    assert len(drafts) == 6
    for draft in drafts:
        message = parse(draft.read_bytes())
        assert message["From"] and message["Reply-To"], draft.name
        if draft.name != "lunel-observation.eml":  # « pierre.durand@lunel »: no domain
            assert message["To"], draft.name
        assert "  " not in str(message["Subject"]), draft.name
    assert "1 lettre sans destinataire" in result.stderr.replace("\u00a0", " ")


def _late_for_both_tracks(cli: Run, tmp_path: Path) -> str:
    """The letter to an observation for Administrateurs and Conservateurs, late for both
    (next year's calendar in her folder), tutored by a DGS: its text."""
    out, _ = letters(
        cli,
        tmp_path,
        {
            "observation.toml": offer_text(
                "observation",
                offer__tracks=["administrateurs", "conservateurs"],
                offer__submitted=date(2026, 2, 10),
                tutor__position="Directeur général des services",
            )
        },
        "2026-02-20",
    )
    _, text = letter(out, "observation.eml")
    return text


@pytest.mark.usefixtures("two_promotions")
def test_a_note_shared_by_the_tracks_is_said_once(cli: Run, tmp_path: Path) -> None:
    """Late for both tracks, with a DGS as tutor (the conservateurs' is the library
    director): two paragraphs, but the promotion note (D012) they share said once."""
    text = _late_for_both_tracks(cli, tmp_path)
    assert "Pour la filière Administrateurs" in text and "Pour la filière Conservateurs" in text
    assert text.count("promotion suivante") == 1
    assert text.count("examinera par ailleurs avec vous") == 1
    # Said after both tracks' paragraphs, for both.
    assert text.index("promotion suivante") > text.index("Pour la filière Conservateurs")


@pytest.mark.usefixtures("two_promotions")
def test_a_note_for_one_track_names_it(cli: Run, tmp_path: Path) -> None:
    """Thématique filed on 10 February 2026, no dates: on time for the administrateurs
    (16 February), late for the conservateurs (30 January). The promotion note (D012)
    concerns the conservateurs only: it says so, under their paragraph, not as if it
    were about the offer the administrateurs retain."""
    out, _ = letters(
        cli,
        tmp_path,
        {
            "mixte.toml": offer_text(
                "thematique",
                offer__tracks=["administrateurs", "conservateurs"],
                offer__submitted=date(2026, 2, 10),
            )
        },
        "2026-02-20",
    )
    _, text = letter(out, "mixte.eml")
    assert "Pour la filière Administrateurs, votre offre est retenue" in text
    assert "promotion suivante" in text
    said = "Pour la filière Conservateurs, la coordination des stages examinera par ailleurs"
    assert said in text
    assert text.index("Pour la filière Conservateurs, votre offre") < text.index(said)
    assert "\nLa coordination des stages examinera par ailleurs" not in text


def test_her_older_template_keeps_the_shared_note(
    cli: Run, tmp_path: Path, two_promotions: Path
) -> None:
    """Her copy of lettre.j2 from before ``remarques_communes``: the note stays in each
    paragraph rather than be lost."""
    import re

    home = two_promotions
    (home / "lettres").mkdir()
    packaged = REPO / "src" / "inet_stages" / "templates" / "letters" / "lettre.j2"
    older = re.sub(
        r"\{% if remarques_communes %\}.*?\{% endif %\}\n",
        "",
        packaged.read_text(encoding="utf-8"),
        flags=re.DOTALL,
    )
    assert "remarques_communes" not in older
    (home / "lettres" / "lettre.j2").write_text(older, encoding="utf-8")
    text = _late_for_both_tracks(cli, tmp_path)
    assert text.count("promotion suivante") == 2
