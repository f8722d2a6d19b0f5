"""The form of a letter to a direction générale: date line, address line, salutation.

Shared by the letters (:mod:`inet_stages.report.letters`) and the call for
offers (:mod:`inet_stages.call.drafts`). French as it is printed
(docs/guide/lettres.md, « Typographie »):
« Strasbourg, le 6 décembre 2026 » (no weekday); « À l'attention de Madame
[prénom nom], Directrice générale des services », or « d'[prénom nom] »
before a vowel or a mute h when no civility is given; « Madame la Directrice
générale, » from civility and position, abbreviations included (DGS, DGA,
DGST, DRH), « Madame, Monsieur, » only when neither tells. And whether the
tutor's e-mail address can be the draft's ``To`` (:func:`address_problem`).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from inet_stages.text.frdates import MONTHS, day_number
from inet_stages.text.textsafe import strip

#: Where no address gives a city (the brochure: 67089 Strasbourg Cedex).
DEFAULT_PLACE = "Strasbourg"


def long_date(day: date) -> str:
    """« 28 novembre 2026 », « 1er février 2027 »: the date line of a letter, no weekday."""
    return f"{day_number(day)} {MONTHS[day.month - 1]} {day.year}"


def place(address: str) -> str:
    """The city of a postal address (« 67089 Strasbourg Cedex » → Strasbourg), else Strasbourg."""
    match = re.search(r"\b\d{5}\s+([^\d,]+?)(?:\s+cedex\b.*)?\s*$", address, re.IGNORECASE)
    return match.group(1).strip() if match else DEFAULT_PLACE


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# (pattern on the folded position, title for a man, for a woman). Longest
# first: « directrice générale adjointe » before « directrice générale ». The
# pattern's group « eur » / « rice » (or « e ») tells a gender when no civility does.
_TITLES: tuple[tuple[str, str, str], ...] = (
    (
        r"\bdirect(eur|rice) general(e)? adjoint|\bdga\b",
        "Directeur général adjoint",
        "Directrice générale adjointe",
    ),
    (
        r"\bdirect(eur|rice) general(e)? des services techniques|\bdgst\b",
        "Directeur général des services techniques",
        "Directrice générale des services techniques",
    ),
    (r"\bdirect(eur|rice) general|\bdgs\b", "Directeur général", "Directrice générale"),
    (
        r"\bdirect(eur|rice) des ressources humaines|\bdrh\b",
        "Directeur des ressources humaines",
        "Directrice des ressources humaines",
    ),
    (r"\bsecretaire general(e)?\b", "Secrétaire général", "Secrétaire générale"),
    (r"\bdirect(eur|rice)\b", "Directeur", "Directrice"),
    (r"\bpresident(e)?\b", "Président", "Présidente"),
    (r"\bmaire\b", "Maire", "Maire"),
)


def salutation(position: str | None, civility: str | None = None) -> str:
    """« Madame la Directrice générale » from civility and position; « Madame, Monsieur » if unsure.

    The civility tells a woman from a man; without it, the position's own
    form does (« directrice », « générale »). Abbreviations (DGS, DGA, DGST,
    DRH) are read as their title, but tell no gender by themselves.
    """
    folded = _fold(position or "")
    for pattern, man, woman in _TITLES:
        match = re.search(pattern, folded)
        if match is None:
            continue
        gender = civility
        if gender is None:
            said = "".join(g or "" for g in match.groups())
            if said.startswith("rice") or said == "e":
                gender = "Madame"
            elif said.startswith("eur"):
                gender = "Monsieur"
        if gender == "Madame":
            return f"Madame la {woman}"
        if gender == "Monsieur":
            return f"Monsieur le {man}"
        break
    return civility or "Madame, Monsieur"


_ELIDED = re.compile(r"[aeiouyhàâäéèêëîïôöûüÿæœ]", re.IGNORECASE)


def attention(name: str, civility: str | None, position: str) -> str:
    """« À l'attention de Madame Camille Martin, Directrice générale des services ».

    Without a civility, « de » is elided before a vowel or a mute h
    (« À l'attention d'Élodie Noël »).
    """
    if not name:
        return ""
    who = f"de {civility} {name}" if civility else ("d'" if _ELIDED.match(name) else "de ") + name
    return f"À l'attention {who}" + (f", {position}" if position else "")


def address_problem(email: str | None, *, valid: bool) -> str | None:
    """Why ``email`` cannot be a ``To`` (French, for her), or None when it can.

    ``valid``: the batch's verdict on it (no T003 left open). The rule is the
    one judge of an address, so that ``validate`` and the letters agree; it
    also refuses what a draft could not carry (:func:`inet_stages.io.mail.writable`).
    """
    if not email or not email.strip():
        return "l'offre ne donne pas d'adresse électronique pour le tuteur ou la tutrice"
    if valid:
        return None
    value = strip(email).strip()
    shown = value if len(value) <= 80 else value[:77] + "..."
    return f"l'adresse électronique du tuteur ou de la tutrice, « {shown} », n'est pas valide"
