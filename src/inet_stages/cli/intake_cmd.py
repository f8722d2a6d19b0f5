"""``inet-stages form`` and ``inet-stages import``: offers from hosts who do not write TOML.

``form`` writes the workbook hosts fill in; ``import`` reads it back (or a CSV,
or an online form's export), writes one offer file per row with tomli-w and
validates each at once. The conversion is :mod:`inet_stages.intake.rows` (pure);
here are the files, the clock, the printing and the exit codes.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common

if TYPE_CHECKING:
    from datetime import date

    from inet_stages.calendar import Calendar
    from inet_stages.intake.rows import Converted, ImportResult, RowOutcome

FORMATS = ("text", "json")
DEFAULT_FORM = "offre.xlsx"


def form(
    ctx: typer.Context,
    output: Path = typer.Option(
        Path(DEFAULT_FORM),
        "--output",
        "-o",
        metavar="FICHIER.xlsx",
        show_default=False,
        help=f"Classeur à écrire (par défaut : {DEFAULT_FORM}).",
    ),
    force: bool = typer.Option(False, "--force", help="Remplace le classeur s'il existe déjà."),
    today: str | None = common.today_option(),
) -> None:
    """Écrit le classeur que les structures d'accueil remplissent : une ligne par offre.

    Feuille « Offres » : en-têtes en français, listes déroulantes (stage, filières,
    nature de la structure, participation aux frais), dates au format JJ/MM/AAAA.
    Feuille « Instructions » : fenêtres de stage, dates limites de dépôt, conditions
    et contact, tirés du calendrier. Le classeur rempli se relit avec
    « inet-stages import ». Il s'ouvre dans Excel et LibreOffice.

    Exemples :

      inet-stages form

      inet-stages form -o offres-2026.xlsx --force
    """
    day = common.parse_today(today)
    calendar = common.load_calendar(ctx, today=day)
    from inet_stages.render.form import render_form

    if output.suffix.lower() not in (".xlsx", "") and str(output) != "-":
        common.warn(
            f"Attention : {output.name} n'a pas l'extension .xlsx ; Excel risque de ne pas "
            "le reconnaître."
        )
    common.write_output(output, render_form(calendar, day), force=force)


def import_offers(
    ctx: typer.Context,
    files: list[Path] = typer.Argument(
        ...,
        metavar="FICHIER...",
        help="Classeurs .xlsx (le formulaire, ou tout classeur) et fichiers .csv.",
        show_default=False,
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        metavar="DOSSIER",
        help="Dossier où écrire les offres (créé s'il n'existe pas).",
        show_default=False,
    ),
    force: bool = typer.Option(
        False, "--force", help="Remplace les offres déjà présentes sous le même nom."
    ),
    output_format: str = common.format_option(
        *FORMATS, help="text (un tableau ligne → fichier → verdict) ou json (un seul document)."
    ),
    mapping: Path | None = typer.Option(
        None,
        "--mapping",
        "-m",
        metavar="FICHIER.toml",
        help=(
            "Correspondance des en-têtes d'un autre export : table [columns], "
            '"En-tête" = "offer.title" ("" pour ignorer une colonne).'
        ),
    ),
    today: str | None = common.today_option(" Date de dépôt des lignes qui n'en donnent pas."),
) -> None:
    """Lit des offres dans des classeurs ou des CSV et écrit une offre .toml par ligne.

    En-têtes reconnus : ceux du formulaire (« inet-stages form »), les clés du
    format (offer.title, host.name…) et les intitulés usuels des formulaires en
    ligne (« Intitulé du stage », « Nom de la structure », « Courriel du tuteur »…) ;
    --mapping adapte tout autre export. Dates en cellule date, JJ/MM/AAAA ou
    AAAA-MM-JJ ; stages, filières et natures de structure par libellé ou
    identifiant. CSV : séparateur ; ou , en UTF-8 ou Windows-1252.

    Chaque offre écrite est vérifiée aussitôt. Une ligne illisible est signalée
    (ligne et colonne) sans empêcher les autres. Aucun fichier existant n'est
    remplacé sans --force. Code de sortie : 0 si toutes les lignes donnent une
    offre valide, 1 sinon, 2 si un fichier est illisible.

    Exemples :

      inet-stages import offres.xlsx -o offres/

      inet-stages import reponses.csv -o offres/ --mapping correspondance.toml

      inet-stages import offres.xlsx -o offres/ --format json
    """
    day = common.parse_today(today)
    calendar = common.load_calendar(ctx, today=day)
    columns_map = _read_mapping(mapping) if mapping is not None else None
    _prepare_folder(output)
    result = run_import(files, output, calendar, day, mapping=columns_map, force=force)
    for source in result.sources:
        if source.error is not None:
            common.warn(f"inet-stages : erreur : {source.error}")
    from rich.text import Text

    from inet_stages.render import intake as render

    if output_format == "json":
        common.emit_json(render.result_json(result))
    else:
        console = common.stdout_console()
        for part in render.render_text(result):
            # Lines of text are never cut (one finding, one line); tables fit the width.
            console.print(part, soft_wrap=isinstance(part, Text))
    raise typer.Exit(result.exit_code())


def _read_mapping(path: Path) -> dict[str, str]:
    from inet_stages.intake.columns import MappingError, read_mapping
    from inet_stages.io import tomlsafe

    try:
        data = tomlsafe.parse(str(path), tomlsafe.decode(str(path), tomlsafe.read_bytes(path)))
        return read_mapping(data)
    except tomlsafe.TomlInputError as exc:
        common.fail(f"--mapping : {exc.located()}")
    except MappingError as exc:
        common.fail(f"--mapping : {path} : {exc.message}")


def _prepare_folder(output: Path) -> None:
    from inet_stages.io.writes import reason

    found = common.probe(output, "-o")  # a folder she cannot read on the way: exit 2
    if found not in ("dir", "missing"):
        common.fail(f"-o {output} : c'est un fichier ; donnez un dossier où écrire les offres.")
    try:
        output.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        common.fail(f"-o {output} : dossier impossible à créer ({reason(exc)}).")
    common.readable_folder(output, "-o")


def run_import(
    files: list[Path],
    output: Path,
    calendar: Calendar,
    today: date,
    *,
    mapping: dict[str, str] | None,
    force: bool,
) -> ImportResult:
    """Read, convert, write and validate: the whole import, its outcome returned.

    Used by the command and by ``bench/intake.py``; prints nothing.
    """
    from inet_stages.intake.rows import ImportResult, SourceOutcome, convert_table
    from inet_stages.io.tabular import TableError, read_table

    sources: list[SourceOutcome] = []
    converted: list[tuple[str, Converted]] = []
    for path in files:
        shown = str(path)
        try:
            table = read_table(path)
        except TableError as exc:
            sources.append(SourceOutcome(path=shown, error=exc.message))
            continue
        except OSError as exc:  # a folder she cannot read on the way: this source only
            from inet_stages.io.writes import reason

            sources.append(SourceOutcome(path=shown, error=f"{shown} : illisible ({reason(exc)})."))
            continue
        columns, rows = convert_table(table, calendar, today, mapping)
        if not columns.keys:
            sources.append(
                SourceOutcome(
                    path=shown,
                    error=(
                        f"{table.name} : aucune colonne reconnue ({_listed(table.headers)}) ; "
                        "ce ne sont pas des offres, ou il faut une correspondance (--mapping)."
                    ),
                    ignored=columns.ignored,
                )
            )
            continue
        sources.append(
            SourceOutcome(
                path=shown,
                columns={table.columns[h]: key for h, key in columns.keys.items()},
                ignored=columns.ignored,
                rows=len(rows),
            )
        )
        converted += [(shown, row) for row in rows]
    outcomes = _write(converted, output, force)
    outcomes = _validate(outcomes, calendar, today)
    return ImportResult(
        school_year=calendar.school_year,
        today=today,
        output=str(output),
        sources=tuple(sources),
        rows=tuple(outcomes),
    )


def _listed(headers: tuple[str, ...]) -> str:
    shown = ", ".join(f"« {h} »" for h in headers[:5])
    return shown + (", …" if len(headers) > 5 else "")


def _write(converted: list[tuple[str, Converted]], output: Path, force: bool) -> list[RowOutcome]:
    """Write every converted row's offer (one flush to disk for the batch)."""
    from inet_stages.intake.rows import RowOutcome, file_stem, render_offer, unique_names
    from inet_stages.io.writes import write_many

    documents = [(source, row) for source, row in converted if row.document is not None]
    names = unique_names(file_stem(row) for _, row in documents)
    targets = {id(row): output / name for (_, row), name in zip(documents, names, strict=True)}
    refused = iter(
        write_many(
            [
                (targets[id(row)], render_offer(row.document, Path(source).name, row.row))
                for source, row in documents
                if row.document is not None
            ],
            force=force,
        )
    )
    outcomes: list[RowOutcome] = []
    for source, row in converted:
        if row.document is None:
            outcomes.append(
                RowOutcome(
                    source=source, row=row.row, file=None, status="rejected", problems=row.problems
                )
            )
            continue
        problem = next(refused)
        outcomes.append(
            RowOutcome(
                source=source,
                row=row.row,
                file=str(targets[id(row)]),
                status="written" if problem is None else "not_written",
                notes=row.notes,
                reason=problem.message if problem is not None else None,
            )
        )
    return outcomes


def _validate(outcomes: list[RowOutcome], calendar: Calendar, today: date) -> list[RowOutcome]:
    """Check every written file as one batch (duplicates within the import are found too)."""
    from dataclasses import replace

    from inet_stages.batch.check import Target, check_files

    written = [o for o in outcomes if o.status == "written" and o.file]
    report = check_files(
        [Target(name=o.file, path=Path(o.file)) for o in written if o.file], calendar, today
    )
    by_path = {f.path: f for f in report.files}
    checked: list[RowOutcome] = []
    for outcome in outcomes:
        verdict = by_path.get(outcome.file or "") if outcome.status == "written" else None
        if verdict is None:
            checked.append(outcome)
        else:
            status = "valid" if verdict.valid else "invalid"
            checked.append(replace(outcome, status=status, report=verdict))
    return checked
