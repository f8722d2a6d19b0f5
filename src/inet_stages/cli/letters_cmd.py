"""``inet-stages letters init``: her own copy of the letter and call templates, to edit.

The letters (``report --letters``) and the call for offers (``call``) read
their templates from the ``lettres`` folder of her inet-stages folder first,
then from the package (:mod:`inet_stages.report.texts`,
:mod:`inet_stages.call.drafts`). This command copies the packaged ones there
and says where; a file already there is hers and is kept unless ``--force``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from inet_stages.cli import common

letters_app = typer.Typer(no_args_is_help=True)

#: What is copied: (packaged subfolder of templates/, file name).
FILES = (
    ("letters", "lettre.j2"),
    ("letters", "textes.toml"),
    ("call", "appel.j2"),
    ("call", "relance.j2"),
)


def packaged(subfolder: str, name: str) -> Path:
    """The packaged template ``templates/SUBFOLDER/NAME``."""
    return Path(__file__).resolve().parent.parent / "templates" / subfolder / name


@letters_app.command("init")
def init(
    folder: Path | None = typer.Argument(None, metavar="[DOSSIER]", show_default=False),
    force: bool = typer.Option(False, "--force"),
) -> None:
    """Copy the letter templates into the coordinator's folder."""
    from inet_stages.io.writes import WriteRefused, reason, write_atomic
    from inet_stages.report.texts import OWN_SUBFOLDER
    from inet_stages.text.frtypo import typeset
    from inet_stages.text.textsafe import clean

    home = folder if folder is not None else common.own_folder()
    target = home / OWN_SUBFOLDER
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        common.fail(f"impossible de créer le dossier {target} ({reason(exc)}).")
    written: list[str] = []
    kept: list[str] = []
    for subfolder, name in FILES:
        destination = target / name
        if destination.exists() and not force:
            kept.append(name)
            continue
        try:
            write_atomic(destination, packaged(subfolder, name).read_bytes(), force=force)
        except WriteRefused as exc:
            common.fail(exc.message)
        written.append(name)
    lines = [f"Modèles copiés dans {clean(str(target))} : {', '.join(written) or 'aucun'}."]
    if kept:
        lines.append(
            f"Déjà présents, gardés tels quels (--force pour les remplacer) : {', '.join(kept)}."
        )
    if folder is not None and _resolved(home) != _resolved(common.own_folder()):
        lines.append(
            f"Ils ne serviront que si INET_STAGES_HOME désigne {clean(str(home))} "
            f"(dossier utilisé aujourd'hui : {clean(str(common.own_folder()))})."
        )
    else:
        lines.append("Modifiez-les : « report --letters » et « call » les utilisent désormais.")
    sys.stdout.write("\n".join(typeset(line) for line in lines) + "\n")


def _resolved(path: Path) -> Path:
    try:
        return path.expanduser().resolve()
    except OSError:
        return path
