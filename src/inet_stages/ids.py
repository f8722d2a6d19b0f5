"""Identifiers typed by people: forgiving matching and helpful refusals.

As docs/reference/README.md says of ``--track``: matching ignores case,
accents, ``-``/``_``/space and a final ``s``, so
``Ingénieurs``, ``projets-collectifs`` and ``Thématique`` all resolve. Output
always uses the canonical ids.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Iterable, Mapping
from functools import lru_cache

from inet_stages.errors import UserError

#: Canonical ids and labels of the tracks; the calendar may only use these tracks.
TRACK_LABELS: Mapping[str, str] = {
    "administrateurs": "Élèves administrateurs et administratrices territoriaux",
    "conservateurs": "Élèves conservateurs et conservatrices territoriaux de bibliothèques",
    "ingenieurs": "Élèves ingénieurs et ingénieurs en chef territoriaux",
}

INTERNSHIP_LABELS: Mapping[str, str] = {
    "observation": "Stage d'observation",
    "thematique": "Stage thématique",
    "projet_collectif": "Projets collectifs (inter-filières)",
    "ouverture": "Stage d'ouverture",
    "perfectionnement": "Stage de perfectionnement",
    "professionnalisation": "Stage de professionnalisation",
}

PATRIMOINE_MESSAGE = (
    "Les stages des élèves conservateurs et conservatrices territoriaux du patrimoine "
    "sont gérés par l'INP (Institut national du patrimoine), dans le cadre du "
    "partenariat avec l'INET : ils ne figurent pas dans ce calendrier."
)

#: Feminine forms of the tracks (the brochure uses both), folded by :func:`normalize`.
_ALIASES = {
    "administratrice": "administrateurs",
    "conservatrice": "conservateurs",
    "ingenieure": "ingenieurs",
}

_SEPARATORS = re.compile(r"[\s_\-]+")

#: « Stage d'observation », « stage-thematique », « stage de perfectionnement »: the word
#: « stage » (and « de », « d' », « du ») before an internship, once folded.
_STAGE = re.compile(r"^stage(?:de|du|d)?(?=.)")


@lru_cache(maxsize=4096)
def normalize(text: str) -> str:
    """Fold ``text`` to the key used for matching: no case, accents, separators, final s."""
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    words = [w[:-1] if w.endswith("s") and len(w) > 1 else w for w in _SEPARATORS.split(bare)]
    return "".join(words)


def slug(text: str, limit: int = 60) -> str:
    """ASCII, lower case, words joined by ``-``: « Ville de Colmar » -> ``ville-de-colmar``.

    The stem of the files the tool names (offers, the form, drafts); kept in
    this leaf so that ``init`` and the call name the form without importing
    the import's row conversion.
    """
    folded = text.casefold().replace("œ", "oe").replace("æ", "ae")
    decomposed = unicodedata.normalize("NFKD", folded)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    words = re.sub(r"[^0-9a-z]+", "-", bare).strip("-")
    return words[:limit].rstrip("-")


def free_name(stem: str, suffix: str, taken: set[str], *, casefold: bool = False) -> str:
    """``stem`` + ``suffix``, or ``stem-2``, ``stem-3``… + ``suffix``: the first not in ``taken``.

    The name is added to ``taken``, so that a loop naming several files gives
    each its own. With ``casefold``, ``taken`` holds folded names and two names
    that differ only in case are the same (letters: Windows and macOS folders).
    """
    name = f"{stem}{suffix}"
    number = 2
    while (name.casefold() if casefold else name) in taken:
        name = f"{stem}-{number}{suffix}"
        number += 1
    taken.add(name.casefold() if casefold else name)
    return name


def _forms(text: str, kind: str) -> frozenset[str]:
    """``text`` folded to letters and digits, and for an internship without « stage (de) »."""
    bare = "".join(ch for ch in normalize(text) if ch.isalnum())
    if kind != "internship":
        return frozenset({bare})
    return frozenset({bare, _STAGE.sub("", bare)})


class UnknownId(UserError, ValueError):
    """A typed id that matches nothing; ``str(exc)`` is ready to show (French)."""

    def __init__(self, message: str, *, value: str, known: tuple[str, ...], suggestion: str | None):
        super().__init__(message)
        self.value = value
        self.known = known
        self.suggestion = suggestion


def resolve(value: str, known: Iterable[str], *, kind: str) -> str:
    """Return the canonical id in ``known`` that ``value`` designates.

    ``kind`` is ``"track"`` or ``"internship"`` and only shapes the message.
    Raises :class:`UnknownId` with the valid ids and the closest one.
    """
    ids = tuple(known)
    if value in ids:  # the canonical spelling: the common case, no folding needed
        return value
    wanted = normalize(value)
    alias = _ALIASES.get(wanted)
    for candidate in ids:
        if normalize(candidate) == wanted or candidate == alias:
            return candidate
    # The forms she types: the label (« Stage thématique »), « stage- » before an id.
    forms = _forms(value, kind)
    for candidate in ids:
        labels = TRACK_LABELS if kind == "track" else INTERNSHIP_LABELS
        if forms & (_forms(candidate, kind) | _forms(labels.get(candidate, candidate), kind)):
            return candidate
    # A clear start of one id (« adm », « cons », « perfect ») is enough.
    starting = [c for c in ids if len(wanted) >= 3 and normalize(c).startswith(wanted)]
    if len(starting) == 1:
        return starting[0]
    noun = "filière" if kind == "track" else "stage"
    shown = value if len(value) <= 60 else value[:57] + "..."
    if kind == "track" and "patrimoine" in wanted:
        message = f"« {shown} » n'est pas une filière de ce calendrier. {PATRIMOINE_MESSAGE}"
        raise UnknownId(message, value=value, known=ids, suggestion=None)
    folded = {normalize(c): c for c in ids}
    close = difflib.get_close_matches(wanted, list(folded), n=1, cutoff=0.6)
    suggestion = folded[close[0]] if close else None
    # Lower case: the message always follows a colon (« --track : filière inconnue … »,
    # « I002 filière inconnue … » after a code, like every other rule message).
    message = f"{noun} inconnu{'e' if kind == 'track' else ''} : « {shown} »."
    if suggestion:
        message += f" Vouliez-vous dire « {suggestion} » ?"
    message += f" Valeurs possibles : {', '.join(ids)}."
    raise UnknownId(message, value=value, known=ids, suggestion=suggestion)
