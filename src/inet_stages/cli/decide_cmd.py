"""``inet-stages decide``: record the coordination's decision on offers in ``decisions.toml``.

The file is edited in place with tomlkit (:func:`inet_stages.batch.decisions.record`):
her comments and layout stay, the offer's hash is written by the tool. A
code is accepted only if the offer raises it; everything is checked before
anything is written, then the resulting verdict of each offer is shown, as
``report`` and the letters will give it.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, promotions

if TYPE_CHECKING:
    from datetime import date

    from inet_stages.batch.check import FileReport


def decide(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(..., metavar="OFFRE...", show_default=False),
    accept: list[str] = typer.Option([], "--accept", "-a", metavar="CODE", show_default=False),
    refuse: bool = typer.Option(False, "--refuse"),
    reason: str | None = typer.Option(None, "--reason", "-r", metavar="TEXTE"),
    decisions: Path | None = typer.Option(None, "--decisions", metavar="FICHIER"),
    today: str | None = common.today_option(),
) -> None:
    """Record a decision of the coordination on one offer."""
    from inet_stages.batch.decisions import DECISIONS_NAME, book_for, key_in
    from inet_stages.cli.season_opt import here
    from inet_stages.season import decide as core

    codes = core.codes_of(accept)
    if bool(codes) == refuse:
        common.fail("donnez soit --accept CODE, soit --refuse (l'un des deux, pas les deux).")
    if reason is not None and not reason.strip():
        common.fail("--reason : la raison ne peut être vide.")
    day = common.parse_today(today)
    for path in files:
        if path.name == DECISIONS_NAME or not path.is_file():
            common.fail(f"{path} : fichier d'offre introuvable.")
    book = decisions if decisions is not None else book_for(files[0], here().season_offers)
    if book.is_symlink():
        common.fail(f"{book} est un lien : rien n'est écrit à travers un lien.")
    checked = _check(ctx, book.parent, day)
    by_real = {Path(f.path).resolve(): f for f in checked}
    keys: list[tuple[Path, str]] = []
    for path in files:
        key = key_in(path, book.parent)
        if key is None:
            common.fail(
                f"{path} n'est pas sous le dossier de {book} : donnez --decisions FICHIER "
                "dans un dossier qui contient l'offre."
            )
        refusal = core.code_refusal(path, by_real.get(path.resolve()), codes)
        if refusal is not None:
            common.fail(refusal)
        keys.append((path, key))
    text = core.recorded(book, keys, codes=codes, refuse=refuse, reason=reason, day=day)
    from inet_stages.io.writes import WriteRefused, write_atomic

    try:
        write_atomic(book, text, force=True)
    except WriteRefused as exc:
        common.fail(exc.message)
    _show(ctx, book, files, day)


def _check(ctx: typer.Context, folder: Path, day: date) -> tuple[FileReport, ...]:
    """Every offer of ``folder`` checked (copies are found among them), without decisions."""
    from inet_stages.cli.offers_opt import check_offers

    calendar, _, chooser = promotions.for_offers(ctx, day)
    _, report = check_offers(
        [str(folder)], calendar, chooser, day, apply=False, keep_offers=False, said=None
    )
    return report.files


def _show(ctx: typer.Context, book: Path, files: list[Path], day: date) -> None:
    """Each offer's verdict per track, with the decision now applied."""
    import sys

    from inet_stages.batch.check import Report, apply_decisions
    from inet_stages.batch.decisions import read_decisions
    from inet_stages.season.decide import decided_lines
    from inet_stages.text.frtypo import typeset
    from inet_stages.text.textsafe import clean

    checked = _check(ctx, book.parent, day)
    calendar, _, _ = promotions.for_offers(ctx, day)
    report = apply_decisions(
        Report(school_year="", today=day, files=checked), [read_decisions(book)]
    )
    lines = decided_lines(report, calendar, book, files)
    sys.stdout.write("\n".join(typeset(clean(line)) for line in lines) + "\n")
