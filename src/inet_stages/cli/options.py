"""Option factories: one definition of the options several commands share.

Their names, metavars and French help then read the same in every command.
"""

from __future__ import annotations

from typing import Any

import typer

from inet_stages.cli.output import fail

TODAY_HELP = (
    "Date du jour pour les calculs, AAAA-MM-JJ ou JJ/MM/AAAA (par défaut : la date locale)."
)
OUTPUT_HELP = "Fichier à écrire (par défaut : la sortie standard)."
FORCE_HELP = "Remplace le fichier de --output s'il existe déjà."
CHOOSES_CALENDAR = " Sert à choisir le calendrier."


def format_choice(choices: tuple[str, ...], value: str) -> str:
    """The canonical format for ``value``: one of ``choices``, any case, the text form by any
    of its names (:data:`TEXT_FORMS`); a French refusal listing the formats otherwise."""
    folded = str(value).strip().lower()
    if folded in TEXT_FORMS:
        folded = next((c for c in choices if c in TEXT_FORMS), folded)
    if folded not in choices:
        from inet_stages.text.textsafe import clean

        raise typer.BadParameter(
            f"« {clean(str(value), limit=40)} » inconnu ; formats possibles : {', '.join(choices)}."
        )
    return folded


def format_option(*choices: str, help: str | None = None) -> Any:
    """``--format/-f``, checked once for every command: its first choice is the default.

    The command receives a canonical value it need not check again, and the
    shell completes the formats.
    """
    return typer.Option(
        choices[0],
        "--format",
        "-f",
        metavar="FORMAT",
        callback=lambda value: format_choice(choices, value),
        autocompletion=lambda incomplete: [c for c in choices if c.startswith(incomplete.lower())],
        help=help or f"{', '.join(choices[:-1])} ou {choices[-1]} (par défaut : {choices[0]}).",
        show_default=False,
    )


def offers_argument(metavar: str = "CHEMIN...") -> Any:
    """The offers to read: files and folders, by default the season's ``offres``."""
    return typer.Argument(
        None,
        metavar=metavar,
        help=(
            "Fichiers d'offres (.toml) ou dossiers (parcourus récursivement, *.toml). "
            "Par défaut : le dossier « offres » du dossier de saison."
        ),
        show_default=False,
    )


def track_option() -> Any:
    """``--track/-t FILIÈRE``."""
    return typer.Option(None, "--track", "-t", metavar="FILIÈRE", help=TRACK_HELP)


def output_option() -> Any:
    """``--output/-o FICHIER`` (stdout when absent)."""
    return typer.Option(None, "--output", "-o", metavar="FICHIER", help=OUTPUT_HELP)


def force_option() -> Any:
    """``--force``: replace the file of ``--output``."""
    return typer.Option(False, "--force", help=FORCE_HELP)


def today_option(extra: str = CHOOSES_CALENDAR) -> Any:
    """``--today AAAA-MM-JJ``."""
    return typer.Option(None, "--today", metavar="AAAA-MM-JJ", help=TODAY_HELP + extra)


TRACK_HELP = (
    "Filière : administrateurs, conservateurs ou ingenieurs "
    "(majuscules, accents et pluriel indifférents)."
)


#: The text form of an output has one name per command (``text`` for the linters, ``table``
#: elsewhere), and she need not remember which: each of these words stands for it.
TEXT_FORMS = ("table", "text", "texte", "tableau")


def check_choice(option: str, value: str, choices: tuple[str, ...]) -> str:
    """A value among ``choices`` (``--kind``, ``--header``…), case-insensitive, or a French
    refusal listing the choices."""
    folded = value.strip().lower()
    if folded not in choices:
        fail(
            f"{option} : valeur « {value[:40]} » inconnue ; "
            f"valeurs possibles : {', '.join(choices)}."
        )
    return folded


def header_option() -> Any:
    """``--header fr|ids``: CSV columns named in French (default) or by identifier."""
    return typer.Option(
        "fr",
        "--header",
        metavar="EN-TÊTES",
        help=(
            "En-têtes des colonnes CSV : fr (en français, par défaut) ou ids "
            "(identifiants stables, pour un script)."
        ),
    )
