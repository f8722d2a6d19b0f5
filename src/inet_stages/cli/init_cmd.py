"""``inet-stages init DOSSIER``: a season folder, with what the commands find in it by themselves.

Creates ``offres/`` (with an empty, commented ``decisions.toml``),
``lettres/``, ``affectations/``, ``modeles/`` (the form and the offer
templates of each promotion in progress) and a short French README. A file
that exists is kept unless ``--force``; nothing is ever written through a
link, even with ``--force`` (a link planted in a shared folder must not make
the command write elsewhere).
"""

from __future__ import annotations

from pathlib import Path

import typer

from inet_stages.cli import common, promotions


def init(
    ctx: typer.Context,
    folder: Path = typer.Argument(..., metavar="DOSSIER", show_default=False),
    force: bool = typer.Option(False, "--force"),
    today: str | None = common.today_option(),
) -> None:
    """Create the season folder."""
    day = common.parse_today(today)
    calendars = promotions.select(ctx, day, end=day).calendars
    from inet_stages.intake.columns import form_name
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.render.form import render_form
    from inet_stages.season.folder import MODELS
    from inet_stages.season.skeleton import season_files, season_folders

    # The form is built (openpyxl: over half of init's time) only when it will
    # be written: a form already there is kept without --force, and a link in
    # its place is refused below, so its content is never used.
    forms: dict[str, tuple[str, bytes]] = {}
    for calendar in calendars:
        name = form_name(calendar)
        target = folder / MODELS / name
        kept_as_is = target.is_symlink() or (target.exists() and not force)
        forms[calendar.school_year] = (name, b"" if kept_as_is else render_form(calendar, day))
    files = season_files(calendars, forms)
    folders = season_folders(calendars)
    _make_folder(folder)
    for sub in folders:
        _make_folder(folder / sub)
    written: list[str] = []
    kept: list[str] = []
    for relative, content in files:
        target = folder / relative
        if target.is_symlink():
            common.fail(f"{target} est un lien : rien n'est écrit à travers un lien.")
        if target.exists() and not force:
            kept.append(relative.as_posix())
            continue
        try:
            write_atomic(target, content, force=force)
        except WriteRefused as exc:
            common.fail(exc.message)
        written.append(relative.as_posix())
    # French: « 0 fichier écrit », « 1 fichier écrit », « 2 fichiers écrits ».
    many = "s" if len(written) > 1 else ""
    lines = [f"Dossier de saison {folder} : {len(written)} fichier{many} écrit{many}."]
    if kept:
        kept_s = "s" if len(kept) > 1 else ""
        lines.append(
            f"{len(kept)} fichier{kept_s} déjà présent{kept_s}, gardé{kept_s} "
            "(--force pour les remplacer)."
        )
    go = "" if folder.resolve() == Path.cwd().resolve() else f"cd {folder}, "
    from inet_stages.season.folder import find_season

    # Only what is not there yet: run again on her season, the tables she added are found.
    season = find_season(folder)
    tables = (("contacts.csv", season.contacts), ("eleves.csv", season.students))
    absent = [name for name, found in tables if found is None]
    add = f"Ajoutez-y {' et '.join(absent)}, puis : " if absent else "Ensuite : "
    lines.append(f"{add}{go}inet-stages status")
    import sys

    from inet_stages.text.frtypo import typeset
    from inet_stages.text.textsafe import clean

    sys.stdout.write("\n".join(typeset(clean(line)) for line in lines) + "\n")


def _make_folder(path: Path) -> None:
    """Create ``path`` (and its parents); refuse a link or a file in its place."""
    from inet_stages.io.writes import reason

    if path.is_symlink():
        common.fail(f"{path} est un lien : rien n'est écrit à travers un lien.")
    if path.exists() and not path.is_dir():
        common.fail(f"{path} existe et n'est pas un dossier.")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        common.fail(f"{path} : dossier impossible à créer ({reason(exc)}).")
