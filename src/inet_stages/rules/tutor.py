"""T: the tutor — the position the observation internship requires, a valid address.

The requirement (the DGS, or the director of the library) is each window's
``tutor`` in the calendar. ``tutor.position`` is free text: it is read the way
a person would, ignoring case, accents, dots and inclusive-writing marks.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from functools import cache
from typing import TYPE_CHECKING

from inet_stages.rules import Context, Hit, rule
from inet_stages.vocabulary import EXPECTED_TUTOR

if TYPE_CHECKING:
    from inet_stages.calendar.model import TutorRequirement
    from inet_stages.offer.model import Offer

_DEPUTY = re.compile(r" (adjointe?s?|dga|dgas|dgsa|delegue|deleguee|vice|sous) ")
_DGS = re.compile(
    r" dgs | d g s | direct(eur|rice|eurrice|rice s)?( [a-z]{1,4})? general[a-z]*( [a-z]{1,3})?"
    r" des services "
)
_TECHNICAL = re.compile(r" des services techniques ")
_DIRECTOR = re.compile(r" direct(eur|rice|eurrice)[a-z]* ")
_LIBRARY = re.compile(r"bibliotheque|mediatheque|lecture publique| bdp | bm | mdp ")


def fold(text: str) -> str:
    """Lower case, no accents, no dots or inclusive marks, single spaces, padded with spaces."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    bare = re.sub(r"(?<=\w)[.·•⋅](?=\w)", "", bare)  # D.G.S → dgs, directeur·rice
    bare = re.sub(r"[^a-z0-9]+", " ", bare)
    return f" {bare.strip()} "


def is_dgs(position: str) -> bool:
    """True for the DGS (« DGS », « Directrice générale des services »…), not a deputy."""
    text = fold(position)
    return bool(_DGS.search(text)) and not _DEPUTY.search(text) and not _TECHNICAL.search(text)


def is_library_director(position: str) -> bool:
    """True for the director of a library, médiathèque or lecture publique network."""
    text = fold(position)
    return bool(_DIRECTOR.search(text) and _LIBRARY.search(text)) and not _DEPUTY.search(text)


_MATCHES: dict[TutorRequirement, Callable[[str], bool]] = {
    "dgs": is_dgs,
    "directeur_bibliotheque": is_library_director,
}


def _why_not(position: str, requirement: TutorRequirement) -> str:
    """What in ``position`` rules it out, when it is something in particular."""
    text = fold(position)
    if _DEPUTY.search(text):
        return ", un poste d'adjoint"
    if requirement == "dgs" and _TECHNICAL.search(text):
        return ", la direction des services techniques et non la direction générale des services"
    return ""


def _position_mismatch(offer: Offer, ctx: Context, requirement: TutorRequirement) -> Iterator[Hit]:
    position = offer.tutor.position
    if position is None:
        return
    for window, tracks in ctx.grouped(offer, lambda w: w.tutor):
        # Only the windows that require this tutor read the position (most require none).
        if window.tutor == requirement and not _MATCHES[requirement](position):
            yield (
                "tutor.position",
                f"fonction lue : « {position[:80]} »{_why_not(position, requirement)} ; "
                f"pour {ctx.describe(offer, tracks)}, "
                f"tuteur ou tutrice attendu : {EXPECTED_TUTOR[requirement]}.",
            )


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
    directeur général des services techniques.

    Exemple : position = "Directeur général adjoint" donne
        offre.toml:17: T001 fonction lue : « Directeur général adjoint » ; … tuteur ou
        tutrice attendu : le ou la DGS (« Directeur général des services », …). [tutor.position]
    """
    yield from _position_mismatch(offer, ctx, "dgs")


@rule("T002", "error")
def tutor_not_library_director(offer: Offer, ctx: Context) -> Iterator[Hit]:
    """Tuteur qui n'est pas le directeur ou la directrice de la bibliothèque.

    Pour le stage d'observation des conservateurs de bibliothèques, l'élève
    est placé auprès du directeur ou de la directrice de l'établissement :
    bibliothèque, médiathèque ou réseau de lecture publique (« Directrice de
    la médiathèque », « Directeur du réseau de lecture publique »,
    « Directeur des bibliothèques »). Un adjoint ne convient pas.

    Exemple : position = "Directrice adjointe de la médiathèque" donne
        offre.toml:17: T002 fonction lue : « Directrice adjointe de la médiathèque » ; …
        tuteur ou tutrice attendu : le directeur ou la directrice de l'établissement …
    """
    yield from _position_mismatch(offer, ctx, "directeur_bibliotheque")


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
        offre.toml:18: T003 adresse électronique invalide « camille.martin@colmar » : le
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
