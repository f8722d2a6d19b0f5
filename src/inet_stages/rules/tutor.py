"""T: the tutor — the position an internship requires, a valid address.

The requirement (the DGS, the head of the library, the direction générale) is each window's
``tutor`` in the calendar. ``tutor.position`` is free text: it is read the way
a person would, ignoring case, accents, dots and inclusive-writing marks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Literal

from inet_stages.rules import Context, Hit, Scoped, rule
from inet_stages.text.vocabulary import EXPECTED_TUTOR

if TYPE_CHECKING:
    from inet_stages.calendar.model import TutorRequirement
    from inet_stages.offer.model import Offer

_DEPUTY = re.compile(r" (adjointe?s?|dga|dgas|dgsa|delegue|deleguee|vice|sous) ")
_DGS = re.compile(
    r" dgs | d g s | direct(eur|rice|eurrice|rice s)?( [a-z]{1,4})? general[a-z]*( [a-z]{1,3})?"
    r" des services "
)
_TECHNICAL = re.compile(r" des services techniques | dgst ")
# « Directeur général » alone: the head of an EPCI or an établissement, whose
# title does not always say « des services ».
_GENERAL_DIRECTOR = re.compile(r" direct(eur|rice|eurrice)[a-z]* general[a-z]* ")
# Small communes have no DGS: the secrétaire général(e) de mairie (formerly
# « secrétaire de mairie ») runs the services.
_TOWN_SECRETARY = re.compile(r" secretaire (general[a-z]* )?(de (la )?)?mairie ")
# Anyone of the direction générale: DGS, DGA, directeur général (adjoint)…
_GENERAL_DIRECTION = re.compile(
    r" dgs | dga | dgas | dgst | d g s | d g a | direct[a-z]* general[a-z]* "
    r"| direction generale | secretaire general[a-z]* "
)
# The head of a library, whatever the title: directeur, directrice,
# responsable, chef… of the médiathèque, the network, the establishment.
_LIBRARY_HEAD = re.compile(
    r" (direct(eur|rice|eurrice)[a-z]*|responsable|chef|cheffe)( (de|du|des|d))?( (la|le|l))?"
    r" (reseau|bibliotheques?|mediatheques?|lecture publique|etablissement|bm|bdp|mdp|bmvr) "
)
# A director of cultural affairs or of a culture department oversees the
# library but is not its head.
_CULTURE = re.compile(r" (affaires culturelles|dac|culture|culturelle?s?) ")


# The same position is folded by several rules of one offer, and a batch
# repeats positions (« DGS »): a small cache keeps it to once.
@lru_cache(maxsize=1024)
def fold(text: str) -> str:
    """Lower case, no accents, no dots or inclusive marks, single spaces, padded with spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = re.sub(r"(?<=\w)[.·•⋅](?=\w)", "", bare)  # D.G.S → dgs, directeur·rice
    bare = re.sub(r"[^a-z0-9]+", " ", bare)
    return f" {bare.strip()} "


Verdict = Literal["yes", "confirm", "no"]


def is_dgs(position: str) -> bool:
    """True for the DGS (« DGS », « Directrice générale des services »…), not a deputy."""
    text = fold(position)
    return bool(_DGS.search(text)) and not _DEPUTY.search(text) and not _TECHNICAL.search(text)


def dgs_verdict(position: str) -> Verdict:
    """The DGS: yes; a secrétaire général(e) de mairie or a « directeur général » alone: confirm."""
    if is_dgs(position):
        return "yes"
    text = fold(position)
    if _DEPUTY.search(text) or _TECHNICAL.search(text):
        return "no"
    if _TOWN_SECRETARY.search(text):
        return "confirm"
    if _GENERAL_DIRECTOR.search(text) and " des services " not in text:
        return "confirm"
    return "no"


def is_library_director(position: str) -> bool:
    """True for the head of the library, médiathèque, network or establishment, not a deputy.

    A director of cultural affairs or of a culture department is not the head.
    """
    text = fold(position)
    if _DEPUTY.search(text) or _CULTURE.search(text):
        return False
    return bool(_LIBRARY_HEAD.search(text))


def in_general_direction(position: str) -> bool:
    """True for a member of the direction générale (DGS, DGA, directeur général…)."""
    return bool(_GENERAL_DIRECTION.search(fold(position)))


def _library_verdict(position: str) -> Verdict:
    return "yes" if is_library_director(position) else "no"


def _direction_verdict(position: str) -> Verdict:
    return "yes" if in_general_direction(position) else "no"


_VERDICTS: dict[TutorRequirement, Callable[[str], Verdict]] = {
    "dgs": dgs_verdict,
    "directeur_bibliotheque": _library_verdict,
    "direction_generale": _direction_verdict,
}


def _why_not(position: str, requirement: TutorRequirement) -> str:
    """What in ``position`` rules it out, when it is something in particular."""
    text = fold(position)
    if requirement == "direction_generale":
        return ""
    if _DEPUTY.search(text):
        return ", un poste d'adjoint"
    if requirement == "dgs" and _TECHNICAL.search(text):
        return ", la direction des services techniques et non la direction générale des services"
    if requirement == "directeur_bibliotheque" and _CULTURE.search(text):
        return ", la direction de la culture et non celle de l'établissement"
    return ""


def _position_mismatch(
    offer: Offer, ctx: Context, requirement: TutorRequirement, verdict: Verdict
) -> Iterator[Hit]:
    position = offer.tutor.position
    if position is None:
        return
    for window, tracks in ctx.grouped(offer, lambda w: w.tutor):
        # Only the windows that require this tutor read the position (most require none).
        if window.tutor != requirement or _VERDICTS[requirement](position) != verdict:
            continue
        shown = f"fonction lue : « {position[:80]} »"
        label = ctx.describe(offer, tracks)
        expected = EXPECTED_TUTOR[requirement]
        if verdict == "confirm":
            message = (
                f"{shown} : à confirmer avec la coordination des stages ; pour {label}, "
                f"tuteur ou tutrice attendu : {expected}."
            )
        else:
            message = (
                f"{shown}{_why_not(position, requirement)} ; pour {label}, "
                f"tuteur ou tutrice attendu : {expected}."
            )
        yield Scoped("tutor.position", message, tuple(tracks))


@rule("T001", "error")
def tutor_not_dgs(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Tuteur qui n'est pas le ou la DGS.

    Pour le stage d'observation des administrateurs et des ingénieurs,
    l'élève est placé auprès du directeur ou de la directrice général·e des
    services et sous son autorité. tutor.position est lue sans tenir compte
    des majuscules ni des accents : « DGS », « D.G.S. », « Directeur général
    des services », « Directrice générale des services » conviennent ; un
    adjoint ne convient pas (« Directeur général adjoint », « DGA »,
    « DGS adjoint », « Directrice générale adjointe des services »), ni le
    directeur général des services techniques. Un·e secrétaire général·e de
    mairie ou un « Directeur général » seul sont à confirmer (T004).

    Exemple : position = "Directeur général adjoint" donne
        offre.toml:18: T001 (erreur) fonction lue : « Directeur général adjoint », un poste
        d'adjoint ; pour « Stage d'observation », Administrateurs, tuteur ou tutrice attendu : le ou
        la DGS (« Directeur général des services », « Directrice générale des services », « DGS ») ;
        un adjoint ou une adjointe (DGA) ne convient pas. [tutor.position]
    """
    yield from _position_mismatch(offer, ctx, "dgs", "no")


@rule("T002", "error")
def tutor_not_library_director(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Tuteur qui n'est pas le directeur ou la directrice de l'établissement.

    Pour le stage d'observation des conservateurs de bibliothèques, l'élève
    est placé auprès du directeur ou de la directrice de l'établissement,
    quel que soit son titre : « Directrice de l'établissement », « Directeur
    de la médiathèque », « Responsable de la médiathèque », « Directeur du
    réseau de lecture publique », « Directeur des bibliothèques ». Un
    adjoint ne convient pas, ni le directeur des affaires culturelles ou
    d'une direction de la culture.

    Exemple : position = "Directrice adjointe de la médiathèque" donne
        offre.toml:18: T002 (erreur) fonction lue : « Directrice adjointe de la médiathèque », un
        poste d'adjoint ; pour « Stage d'observation », Conservateurs, tuteur ou tutrice attendu :
        le directeur ou la directrice de l'établissement, quel que soit son titre (« Directrice de
        l'établissement », « Responsable de la médiathèque », « Directeur du réseau de lecture
        publique ») ; ni un adjoint ou une adjointe, ni la direction des affaires culturelles.
        [tutor.position]
    """
    yield from _position_mismatch(offer, ctx, "directeur_bibliotheque", "no")


@rule("T004", "warning")
def tutor_dgs_to_confirm(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Tuteur à confirmer : secrétaire général·e de mairie, ou « directeur général » seul.

    Pour le stage d'observation des administrateurs et des ingénieurs, une
    petite commune n'a pas de DGS mais un·e secrétaire général·e de mairie ;
    une communauté ou un établissement a un « Directeur général » dont le
    titre ne dit pas « des services ». L'offre est recevable ; la
    coordination des stages confirmera.

    Exemple : position = "Secrétaire générale de mairie" donne
        offre.toml:18: T004 (avertissement) fonction lue : « Secrétaire générale de mairie » : à
        confirmer avec la coordination des stages ; pour « Stage d'observation », Administrateurs,
        tuteur ou tutrice attendu : le ou la DGS (« Directeur général des services », « Directrice
        générale des services », « DGS ») ; un adjoint ou une adjointe (DGA) ne convient pas.
        [tutor.position]
    """
    yield from _position_mismatch(offer, ctx, "dgs", "confirm")


@rule("T005", "warning")
def tutor_outside_general_direction(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Tuteur d'un projet collectif hors de la direction générale.

    La commande d'un projet collectif est « portée par la direction générale
    d'une collectivité » : le tuteur ou la tutrice en est membre (DGS, DGA,
    directeur ou directrice général·e). L'offre est recevable ; la
    coordination des stages vérifiera ce point.

    Exemple : position = "Directrice de l'urbanisme" donne
        offre.toml:15: T005 (avertissement) fonction lue : « Directrice de l'urbanisme » ; pour «
        Projets collectifs (inter-filières) », Administrateurs, Conservateurs, Ingénieurs, tuteur ou
        tutrice attendu : un membre de la direction générale (DGS, DGA, « Directrice générale
        adjointe des services »), qui porte la commande. [tutor.position]
    """
    yield from _position_mismatch(offer, ctx, "direction_generale", "no")


# Nearly every address is a plain ASCII dot-atom (prenom.nom@ville.fr). Such
# an address is valid for email-validator too, so it is accepted here without
# importing the library (about 50 ms at start-up) or paying its per-address
# cost; anything else, however odd, goes to the library.
_PLAIN_EMAIL = re.compile(
    r"[A-Za-z0-9_+-]+(?:\.[A-Za-z0-9_+-]+)*"
    r"@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}"
)
# email-validator's special-use names: an address under one is refused.
_SPECIAL_USE = frozenset({"arpa", "invalid", "local", "localhost", "onion", "test"})


def _plainly_valid(address: str) -> bool:
    if len(address) > 254 or _PLAIN_EMAIL.fullmatch(address) is None:
        return False
    local, _, domain = address.partition("@")
    return len(local) <= 64 and domain.rsplit(".", 1)[-1].lower() not in _SPECIAL_USE


@cache
def _email_problem(address: str) -> str | None:
    if _plainly_valid(address):
        return None
    obvious = _obvious_problem(address)
    if obvious is not None:
        return obvious
    from email_validator import EmailNotValidError, validate_email

    try:
        validate_email(address, check_deliverability=False)
    except EmailNotValidError:
        return "caractères ou forme invalides"
    from inet_stages.io.mail import writable

    if not writable(address):
        # Valid for the RFCs, but no reply could be addressed to it as written
        # (an encoded-word « =?…?= », which mail programs would decode).
        return "forme qu'un courriel ne peut pas porter telle quelle"
    return None


def _obvious_problem(address: str) -> str | None:
    """What is plainly wrong with ``address`` (no library needed), if anything."""
    local, at, domain = address.partition("@")
    if not at:
        return "il manque le @"
    if "@" in domain:
        return "un seul @ est permis"
    if not local:
        return "rien avant le @"
    if not domain:
        return "rien après le @"
    if any(ch.isspace() for ch in address):
        return "une adresse ne contient pas d'espace"
    if "." not in domain:
        return "le domaine après le @ n'a pas de point"
    return None


@rule("T003", "error")
def invalid_email(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Adresse électronique du tuteur invalide.

    tutor.email doit être une adresse électronique valide (prenom.nom@ville.fr).
    La forme seule est vérifiée : aucune connexion n'est faite.

    Exemple : email = "camille.martin@colmar" donne
        offre.toml:19: T003 (erreur) adresse électronique invalide « camille.martin@colmar » : le
        domaine après le @ n'a pas de point ; forme attendue prenom.nom@ville.fr. [tutor.email]
    """
    address = offer.tutor.email
    if address is None:
        return
    problem = _email_problem(address)
    if problem is not None:
        yield (
            "tutor.email",
            f"adresse électronique invalide « {address[:80]} » : {problem} ; forme attendue "
            "prenom.nom@ville.fr.",
        )
