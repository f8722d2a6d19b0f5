"""The season folder's names as defaults of the commands' paths and options.

Run inside a season folder (:mod:`inet_stages.season.folder`), ``validate``,
``report`` and ``assign`` read ``offres/`` when no path is given, ``call``
reads ``contacts.csv`` (or ``.xlsx``) and, with ``--remind``, ``offres/``;
``assign`` reads ``eleves.csv`` (or ``.xlsx``). Whatever is given on the
command line wins. Each helper is one call at the top of a command.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.season.folder import Season

#: Said when a command needs offers and neither a path nor a season folder gives them.
NO_SEASON = (
    "ou lancez la commande dans un dossier de saison, qui a un dossier « offres » "
    "(inet-stages init DOSSIER le crée)."
)


def here() -> Season:
    """The season parts of the folder the command runs in."""
    from inet_stages.season.folder import find_season

    return find_season(Path("."))


def offers(paths: list[str] | None) -> list[str]:
    """``paths`` when given, else the season's ``offres`` folder; exit 2 without either."""
    if paths:
        return paths
    season = here()
    found = season.offers
    if found is None and season.above is not None:
        common.fail(
            "aucune offre donnée, et ce dossier est un sous-dossier du dossier de saison "
            f"{season.above} : lancez la commande depuis celui-ci (cd ..)."
        )
    if found is None:
        common.fail(
            f"aucune offre donnée : donnez des fichiers ou des dossiers d'offres, {NO_SEASON}"
        )
    return [str(found)]


def offers_folder(given: Path | None) -> Path | None:
    """``--offers`` when given, else the season's ``offres`` folder (None outside a season)."""
    return given if given is not None else here().offers


def table(given: Path | None, option: str) -> Path:
    """``--contacts``/``--students`` when given, else the season's table; exit 2 without either."""
    if given is not None:
        return given
    from inet_stages.season.folder import CONTACTS, STUDENTS

    names = CONTACTS if option == "--contacts" else STUDENTS
    season = here()
    found = season.contacts if option == "--contacts" else season.students
    if found is None:
        common.fail(
            f"option manquante : {option} ; donnez le fichier, ou lancez la commande dans "
            f"un dossier de saison qui contient {names[0]} ou {names[1]}."
        )
    for other in season.ignored:
        if other.stem == found.stem:
            common.warn(f"{found} et {other} existent tous deux : {found} est lu.")
    return found
