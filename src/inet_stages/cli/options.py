"""Option factories: one definition of the options several commands share.

Their names and metavars then read the same in every command; their French
help, like every command's, is in ``aide.toml`` (:func:`inet_stages.terminal.help_fr.texts`).
"""

from __future__ import annotations

from typing import Any

import typer

from inet_stages.cli.output import fail

#: The most days ``--within`` looks ahead: ten years, far past any calendar (two school
#: years at most); beyond, today plus the days overflows the dates Python can hold.
MAX_WITHIN = 3660


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


def format_option(*choices: str) -> Any:
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
        show_default=False,
    )


def offers_argument(metavar: str = "CHEMIN...") -> Any:
    """The offers to read: files and folders, by default the season's ``offres``."""
    return typer.Argument(None, metavar=metavar, show_default=False)


def track_option() -> Any:
    """``--track/-t FILIÈRE``."""
    return typer.Option(None, "--track", "-t", metavar="FILIÈRE")


def output_option() -> Any:
    """``--output/-o FICHIER`` (stdout when absent)."""
    return typer.Option(None, "--output", "-o", metavar="FICHIER")


def force_option() -> Any:
    """``--force``: replace the file of ``--output``."""
    return typer.Option(False, "--force")


def today_option() -> Any:
    """``--today AAAA-MM-JJ``."""
    return typer.Option(None, "--today", metavar="AAAA-MM-JJ")


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
    return typer.Option("fr", "--header", metavar="EN-TÊTES")
