"""``inet-stages fix``: rewrite the slips of offer files that have one safe answer."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, offers_opt, promotions

if TYPE_CHECKING:
    from rich.console import Console

    from inet_stages.batch.check import FileReport, Target
    from inet_stages.batch.decisions import Decisions
    from inet_stages.offer.promotion import Chooser
    from inet_stages.rules import Context


def fix(
    ctx: typer.Context,
    paths: list[str] = typer.Argument(..., metavar="CHEMIN...", show_default=False),
    diff: bool = typer.Option(False, "--diff"),
    today: str | None = common.today_option(),
) -> None:
    """Correct what can be corrected in offer files."""
    day = common.parse_today(today)
    # As validate checks: each offer against its promotion, under her decisions.
    calendar, _, chooser = promotions.for_offers(ctx, day)

    from inet_stages.batch.check import collect
    from inet_stages.rules import Context

    collected = collect(paths)
    books = offers_opt.decisions_for(paths, None, lenient=True) or []
    for problem in collected.missing:
        common.warn(f"inet-stages : erreur : {problem}")
    # With --diff, stdout is the diff alone (it can be saved or piped to patch).
    console = common.stderr_console() if diff else common.stdout_console()
    context = Context(calendar=calendar, today=day)
    unusable = bool(collected.missing)
    invalid = False
    total = 0
    for target in collected.targets:
        report, changed, usable = _fix_one(
            target, context, console, diff=diff, chooser=chooser, books=books
        )
        total += changed
        unusable = unusable or not usable
        invalid = invalid or not report.valid
    if not collected.targets:
        console.print("Aucun fichier .toml à corriger.")
    elif len(collected.targets) > 1:
        from inet_stages.render.fix import summary_line

        console.print(summary_line(total, diff=diff))
    if unusable:
        raise typer.Exit(common.EXIT_USAGE)
    raise typer.Exit(common.EXIT_INVALID if invalid else common.EXIT_OK)


def _fix_one(
    target: Target,
    context: Context,
    console: Console,
    *,
    diff: bool,
    chooser: Chooser,
    books: list[Decisions],
) -> tuple[FileReport, int, bool]:
    """Fix one file; returns its verdict after fixing, the count of changes, and
    whether it could be read and written."""
    from inet_stages.batch.check import Report, apply_decisions, check_file, check_text
    from inet_stages.io import tomlsafe
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.offer.fix import fix_file, rewrite_refusal, signature
    from inet_stages.render import fix as shapes
    from inet_stages.render import validate as render
    from inet_stages.text.textsafe import clean

    try:
        before = signature(Path(target.path))
        raw = tomlsafe.read_bytes(target.path)
        fixing = fix_file(target.name, raw)
    except (tomlsafe.TomlInputError, UnicodeDecodeError):
        # Unreadable or damaged UTF-8: nothing to fix; the verdict says why, as validate does.
        report, _offer = check_file(target, context, keep_offer=False, chooser=chooser)
        console.print(render.file_block(report), soft_wrap=True)
        return report, 0, not any(f.code == "F001" for f in report.findings)
    fixed, text = fixing.fixed, fixing.text
    name = clean(target.name)
    usable = True
    if fixing.changed and not diff:
        refusal = rewrite_refusal(Path(target.path), raw, before)
        try:
            if refusal is not None:
                raise WriteRefused(Path(target.path), refusal)
            write_atomic(Path(target.path), fixing.content, force=True)
        except WriteRefused as exc:
            console.print(f"{name}: {clean(exc.message)}", soft_wrap=True, markup=False)
            usable = False
    # « corrigé » only for what was written (or shown, with --diff); else still to do.
    label = "corrigé" if usable else "non écrit"
    for line in shapes.change_lines(name, fixed.changes, label):
        console.print(line, soft_wrap=True)
    if fixing.changed and diff:
        for line in fixing.diff():
            sys.stdout.write(clean(line) + "\n")
        sys.stdout.flush()
    count = len(fixed.changes)
    lines = [shapes.count_line(name, count, diff=diff, written=usable)]
    for line in lines + shapes.change_lines(name, fixed.left, "à décider"):
        console.print(line, soft_wrap=True)
    # The verdict on the file as it is now (or would be, with --diff).
    report = check_text(target.name, fixed.text if usable else text, context, chooser=chooser)
    if books:
        batch = Report(school_year=report.calendar or "", today=context.today, files=(report,))
        (report,) = apply_decisions(batch, books).files
    console.print(render.file_block(report), soft_wrap=True)
    console.print()
    return report, count if usable else 0, usable
