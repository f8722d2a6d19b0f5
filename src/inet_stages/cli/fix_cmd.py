"""``inet-stages fix``: rewrite the slips of offer files that have one safe answer."""

from __future__ import annotations

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


def fix(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(..., metavar="CHEMIN...", show_default=False),
    diff: bool = typer.Option(False, "--diff"),
    today: str | None = common.today_option(),
) -> None:
    """Correct what can be corrected in offer files."""
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
    from inet_stages.batch.check import check_file, check_text
    from inet_stages.io import tomlsafe
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.offer.fix import fix_file, rewrite_refusal, signature
    from inet_stages.render import validate as render
    from inet_stages.text.textsafe import clean

    try:
        before = signature(Path(target.path))
        raw = tomlsafe.read_bytes(target.path)
        fixing = fix_file(target.name, raw)
    except (tomlsafe.TomlInputError, UnicodeDecodeError):
        # Unreadable or damaged UTF-8: nothing to fix; the verdict says why, as validate does.
        report, _offer = check_file(target, context, keep_offer=False)
        console.print(render.file_block(report), soft_wrap=True)
        return report, 0, not any(f.code == "F001" for f in report.findings)
    fixed, text = fixing.fixed, fixing.text
    name = clean(target.name)
    _print_changes(console, name, fixed.changes, "corrigé")
    usable = True
    if fixing.changed and diff:
        for line in fixing.diff():
            sys.stdout.write(clean(line) + "\n")
        sys.stdout.flush()
    elif fixing.changed:
        refusal = rewrite_refusal(Path(target.path), raw, before)
        try:
            if refusal is not None:
                raise WriteRefused(Path(target.path), refusal)
            write_atomic(Path(target.path), fixing.content, force=True)
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
