"""``inet-stages fix``: rewrite the slips of offer files that have one safe answer."""

from __future__ import annotations

import os
import stat
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common

if TYPE_CHECKING:
    from rich.console import Console

    from inet_stages.batch.check import FileReport, Target
    from inet_stages.offer.fix import Change
    from inet_stages.rules import Context

_BOM = b"\xef\xbb\xbf"


def fix(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(
        ...,
        metavar="CHEMIN...",
        help="Fichiers d'offres (.toml) ou dossiers (parcourus récursivement, *.toml).",
        show_default=False,
    ),
    diff: bool = typer.Option(
        False,
        "--diff",
        help=(
            "Montre les corrections (diff unifié sur la sortie standard, le reste sur la "
            "sortie d'erreur) sans rien écrire."
        ),
    ),
    today: str | None = common.today_option(""),
) -> None:
    """Corrige dans les offres les fautes de frappe qui n'ont qu'une bonne réponse.

    Sont corrigés, sur place : les guillemets typographiques (“…”, « … ») autour
    d'un texte, les dates jour/mois/année (10/02/2026 devient 2026-02-10) ou sans
    zéros (2026-1-28), les espaces insécables hors des guillemets, les nombres
    écrits avec des espaces (67 000), les espaces autour de l'adresse
    électronique, une clé mal orthographiée quand une seule clé connue lui
    ressemble (popluation devient population). Les commentaires et la mise en
    page sont gardés ; le fichier est remplacé d'un coup (jamais à moitié écrit).

    Le reste (une date qui se lit dans un autre ordre, une clé proche de deux
    clés connues…) n'est pas touché : la vérification du fichier corrigé le
    signale, comme « inet-stages validate ». Code de sortie, sur les fichiers
    après correction : 0 si toutes les offres sont valides, 1 si une offre est
    invalide, 2 si un chemin est introuvable ou un fichier illisible.

    Exemples :

      inet-stages fix offre.toml --diff

      inet-stages fix offres/
    """
    day = common.parse_today(today)
    calendar = common.load_calendar(ctx, today=day)

    from inet_stages.batch.check import collect
    from inet_stages.rules import Context

    collected = collect(paths)
    for problem in collected.missing:
        common.warn(f"inet-stages : erreur : {problem}")
    # With --diff, stdout is the diff alone (it can be saved or piped to patch).
    console = common.stderr_console() if diff else common.stdout_console()
    context = Context(calendar=calendar, today=day)
    unusable = bool(collected.missing)
    invalid = False
    total = 0
    for target in collected.targets:
        report, changed, usable = _fix_one(target, context, console, diff=diff)
        total += changed
        unusable = unusable or not usable
        invalid = invalid or not report.valid
    if not collected.targets:
        console.print("Aucun fichier .toml à corriger.")
    elif len(collected.targets) > 1:
        plural = "s" if total > 1 else ""
        verb = f"proposée{plural} (rien n'est écrit)" if diff else f"faite{plural}"
        console.print(f"Bilan : {total} correction{plural} {verb}.")
    if unusable:
        raise typer.Exit(common.EXIT_USAGE)
    raise typer.Exit(common.EXIT_INVALID if invalid else common.EXIT_OK)


def _fix_one(
    target: Target, context: Context, console: Console, *, diff: bool
) -> tuple[FileReport, int, bool]:
    """Fix one file; returns its verdict after fixing, the count of changes, and
    whether it could be read and written."""
    from dataclasses import replace

    from inet_stages.batch.check import check_file, check_text
    from inet_stages.io import tomlsafe
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.offer.fix import Change, decode_any, fix_text, unified_diff
    from inet_stages.render import validate as render
    from inet_stages.text.textsafe import clean

    try:
        before = _signature(Path(target.path))
        raw = tomlsafe.read_bytes(target.path)
        text, encoding = decode_any(raw)
        if encoding is None:
            text = tomlsafe.decode(target.name, raw)
    except (tomlsafe.TomlInputError, UnicodeDecodeError):
        # Unreadable or damaged UTF-8: nothing to fix; the verdict says why, as validate does.
        report, _offer = check_file(target, context, keep_offer=False)
        console.print(render.file_block(report), soft_wrap=True)
        return report, 0, not any(f.code == "F001" for f in report.findings)
    fixed = fix_text(text)
    if encoding is not None:
        # The file's bytes change even when its text does not: one more correction.
        converted = Change(line=1, key=None, what=f"fichier en {encoding} enregistré en UTF-8")
        fixed = replace(fixed, changes=(converted, *fixed.changes))
    name = clean(target.name)
    _print_changes(console, name, fixed.changes, "corrigé")
    usable = True
    if fixed.text != text or encoding is not None:
        if diff:
            label = f"{target.name} (avant, {encoding})" if encoding else None
            lines = unified_diff(target.name, text, fixed.text, before_label=label)
            if not lines:  # the text is the same: the headers say what changes
                lines = [f"--- {label}", f"+++ {target.name} (corrigé, UTF-8)"]
            for line in lines:
                sys.stdout.write(clean(line) + "\n")
            sys.stdout.flush()
        else:
            content = (_BOM if raw.startswith(_BOM) else b"") + fixed.text.encode("utf-8")
            refusal = _refusal(Path(target.path), raw, before)
            try:
                if refusal is not None:
                    raise WriteRefused(Path(target.path), refusal)
                write_atomic(Path(target.path), content, force=True)
            except WriteRefused as exc:
                console.print(f"{name}: {clean(exc.message)}", soft_wrap=True, markup=False)
                usable = False
    count = len(fixed.changes)
    if count:
        plural = "s" if count > 1 else ""
        done = "à faire (--diff : rien n'est écrit)" if diff or not usable else f"écrite{plural}"
        console.print(f"{name}: {count} correction{plural} {done}.", soft_wrap=True, markup=False)
    else:
        console.print(f"{name}: aucune correction sûre à faire.", soft_wrap=True, markup=False)
    _print_changes(console, name, fixed.left, "à décider")
    # The verdict on the file as it is now (or would be, with --diff).
    report = check_text(target.name, fixed.text if usable else text, context)
    console.print(render.file_block(report), soft_wrap=True)
    console.print()
    return report, count if usable else 0, usable


def _signature(path: Path) -> tuple[int, int, int, int, int] | None:
    """What tells that a file changed: device, inode, size, modification time, links."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_nlink)


def _refusal(path: Path, raw: bytes, before: tuple[int, int, int, int, int] | None) -> str | None:
    """Why ``fix`` must not rewrite ``path`` (French), or None.

    ``fix`` never loses a byte of hers: it does not write over a file she made
    read-only, nor break the hard links of a file shared under several names
    (the new file would leave the others on the old text), nor write through a
    link, nor over a file that changed since it was read (her editor saved it
    meanwhile): the file is read again just before the write and compared.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        from inet_stages.io.writes import reason

        return f"non corrigé : fichier inaccessible ({reason(exc)})."
    if stat.S_ISLNK(info.st_mode):
        return "non corrigé : c'est un lien symbolique ; corrigez le fichier qu'il désigne."
    if not info.st_mode & stat.S_IWUSR:
        return "non corrigé : fichier en lecture seule (rendez-le modifiable, puis relancez)."
    if info.st_nlink > 1:
        return (
            f"non corrigé : le fichier a {info.st_nlink} liens physiques (plusieurs noms) ; "
            "le réécrire les séparerait. Appliquez les corrections à la main (--diff les montre)."
        )
    now = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_nlink)
    changed = "non corrigé : le fichier a changé pendant la correction ; relancez fix."
    if before is None or now != before:
        return changed
    try:
        with open(path, "rb") as stream:
            if stream.read(len(raw) + 1) != raw:
                return changed
    except OSError:
        return changed
    return None


#: Changes listed one by one per file; beyond, one line counts the rest.
SHOWN = 50


def _print_changes(console: Console, name: str, changes: tuple[Change, ...], label: str) -> None:
    for change in changes[:SHOWN]:
        console.print(_line(name, change, label), soft_wrap=True, markup=False)
    if len(changes) > SHOWN:
        from inet_stages.text.frdates import format_number

        rest = format_number(len(changes) - SHOWN)
        console.print(f"{name}: {label} : {rest} autres, non détaillés.", soft_wrap=True)


def _line(name: str, change: Change, label: str) -> str:
    from inet_stages.text.textsafe import clean

    where = f"{name}:{change.line}:" if change.line else f"{name}:"
    key = f" [{clean(change.key, limit=80)}]" if change.key else ""
    return f"{where} {label} : {clean(change.what)}{key}"
