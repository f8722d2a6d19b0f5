"""The season folder: the conventional names every command finds by itself.

A season folder (``inet-stages init DOSSIER``) holds::

    offres/            the offers received (.toml), and decisions.toml
    lettres/           the replies written by « report --letters lettres »
    affectations/      the placements saved by « assign … -f json -o affectations/… »
    modeles/           the form and the offer templates sent to the hosts
    contacts.csv       the hosts' contacts (or contacts.xlsx), for « call »
    eleves.csv         the students and their wishes (or eleves.xlsx), for « assign »

Where it is looked for: the folder the command runs in, and only that one
(not its parents). A parent search would make a command run in a
sub-folder of her documents pick up an unrelated ``offres/`` two levels up;
the one rule « run it from the season folder » is easy to say and to see.
Every option given on the command line still wins over these names.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: The conventional names, relative to the season folder.
OFFERS = "offres"
LETTERS = "lettres"
PLACEMENTS = "affectations"
MODELS = "modeles"
DECISIONS = "decisions.toml"
README = "LISEZMOI.txt"
#: Tables read in this order: the first that exists is used.
CONTACTS = ("contacts.csv", "contacts.xlsx")
STUDENTS = ("eleves.csv", "eleves.xlsx")


@dataclass(frozen=True, kw_only=True)
class Season:
    """What a folder holds of a season; each part None when absent."""

    root: Path
    offers: Path | None
    decisions: Path | None
    letters: Path | None
    placements: Path | None
    contacts: Path | None
    students: Path | None
    #: Both ``.csv`` and ``.xlsx`` of one table: the first is used, the other named.
    ignored: tuple[Path, ...] = ()
    #: Run from a sub-folder of a season (``offres/``, ``lettres/``…): that season's folder.
    above: Path | None = None

    @property
    def season_offers(self) -> Path | None:
        """The season's offres, from the season folder or from one of its sub-folders."""
        return self.offers or (self.above / OFFERS if self.above is not None else None)


def _folder(path: Path) -> Path | None:
    # is_dir() follows a link: a linked offres/ is hers to make, and reading
    # through it writes nothing.
    try:
        return path if path.is_dir() else None
    except OSError:
        return None


def _file(path: Path) -> Path | None:
    try:
        return path if path.is_file() else None
    except OSError:
        return None


def _table(root: Path, names: tuple[str, ...]) -> tuple[Path | None, list[Path]]:
    found = [p for p in (_file(root / name) for name in names) if p is not None]
    return (found[0] if found else None), found[1:]


def find_season(root: Path) -> Season:
    """The season parts found in ``root`` (the folder a command runs in)."""
    offers = _folder(root / OFFERS)
    # Not a search upwards: only to say « cd .. » to someone who went one step too far.
    parent = root.resolve().parent
    above = (
        parent
        if offers is None
        and root.resolve().name in (OFFERS, LETTERS, PLACEMENTS, MODELS)
        and _folder(parent / OFFERS) is not None
        else None
    )
    contacts, extra_contacts = _table(root, CONTACTS)
    students, extra_students = _table(root, STUDENTS)
    return Season(
        root=root,
        offers=offers,
        decisions=_file(offers / DECISIONS) if offers is not None else None,
        letters=_folder(root / LETTERS),
        placements=_folder(root / PLACEMENTS),
        contacts=contacts,
        students=students,
        ignored=(*extra_contacts, *extra_students),
        above=above,
    )


def relative(path: Path, root: Path) -> str:
    """``path`` as typed from ``root`` (« offres »), else as it is."""
    try:
        return path.relative_to(root).as_posix() or "."
    except ValueError:
        return str(path)


def readme(school_years: list[str]) -> str:
    """The short French README that ``init`` puts in a new season folder."""
    years = ", ".join(school_years) or "—"
    return f"""Dossier de saison des stages de l'INET (promotions : {years})

Lancez les commandes depuis ce dossier : elles y trouvent leurs fichiers
toutes seules. Une option donnée sur la ligne de commande l'emporte toujours.

  offres/           les offres reçues (.toml), et decisions.toml, les
                    décisions de la coordination (inet-stages decide)
  lettres/          les réponses aux structures (inet-stages report --letters lettres)
  affectations/     les affectations enregistrées
                    (inet-stages assign -i thematique -f json -o affectations/thematique.json)
  modeles/          le formulaire et les modèles d'offre à envoyer aux structures,
                    et les en-têtes de contacts.csv et eleves.csv, à copier ici
  contacts.csv      les contacts des structures (ou contacts.xlsx), pour inet-stages call
  eleves.csv        les élèves et leurs vœux (ou eleves.xlsx), pour inet-stages assign

Chaque matin :

  inet-stages status

montre les échéances des 30 prochains jours, les places qui manquent, les
offres à qui répondre, les contacts à relancer et les décisions en attente,
chaque ligne avec la commande qui s'en occupe.
"""
