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
    codes = list(
        dict.fromkeys(c.strip().upper() for v in accept for c in v.split(",") if c.strip())
    )
    if bool(codes) == refuse:
        common.fail("donnez soit --accept CODE, soit --refuse (l'un des deux, pas les deux).")
    if reason is not None and not reason.strip():
        common.fail("--reason : la raison ne peut être vide.")
    day = common.parse_today(today)
    from inet_stages.batch.decisions import DECISIONS_NAME

    for path in files:
        if path.name == DECISIONS_NAME or not path.is_file():
            common.fail(f"{path} : fichier d'offre introuvable.")
    book = decisions if decisions is not None else _book(files[0])
    if book.is_symlink():
        common.fail(f"{book} est un lien : rien n'est écrit à travers un lien.")
    from inet_stages.season.decide import code_refusal

    checked = _check(ctx, book.parent, day)
    by_real = {Path(f.path).resolve(): f for f in checked}
    keys: list[tuple[Path, str]] = []
    for path in files:
        key = _relative(path, book.parent)
        if key is None:
            common.fail(
                f"{path} n'est pas sous le dossier de {book} : donnez --decisions FICHIER "
                "dans un dossier qui contient l'offre."
            )
        refusal = code_refusal(path, by_real.get(path.resolve()), codes)
        if refusal is not None:
            common.fail(refusal)
        keys.append((path, key))
    _write(book, keys, codes=codes, refuse=refuse, reason=reason, day=day)
    _show(ctx, book, files, day)


def _book(offer: Path) -> Path:
    """The decisions file of ``offer``: the season's, else the one of the offer's folder."""
    from inet_stages.batch.decisions import DECISIONS_NAME
    from inet_stages.cli.season_opt import here

    season = here().offers
    if season is not None and _relative(offer, season) is not None:
        return season / DECISIONS_NAME
    return offer.parent / DECISIONS_NAME


def _relative(path: Path, folder: Path) -> str | None:
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None


def _check(ctx: typer.Context, folder: Path, day: date) -> tuple[FileReport, ...]:
    """Every offer of ``folder`` checked (copies are found among them), without decisions."""
    from inet_stages.cli.offers_opt import check_offers

    calendar, _, chooser = promotions.for_offers(ctx, day)
    _, report = check_offers(
        [str(folder)], calendar, chooser, day, apply=False, keep_offers=False, said=None
    )
    return report.files


def _write(
    book: Path,
    keys: list[tuple[Path, str]],
    *,
    codes: list[str],
    refuse: bool,
    reason: str | None,
    day: date,
) -> None:
    """Record the decision for each offer in ``book``, checked before and after."""
    from inet_stages.batch.decisions import read_decisions
    from inet_stages.io import tomlsafe
    from inet_stages.io.writes import WriteRefused, write_atomic
    from inet_stages.season.decide import record_all

    text = ""
    if book.exists():
        read_decisions(book)  # a file she broke is said (file, line), never rewritten
        text = tomlsafe.decode(str(book), tomlsafe.read_bytes(book))
    text = record_all(text, keys, codes=codes, refuse=refuse, reason=reason, day=day)
    try:
        write_atomic(book, text, force=True)
    except WriteRefused as exc:
        common.fail(exc.message)


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
