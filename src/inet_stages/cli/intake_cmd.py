"""``inet-stages form`` and ``inet-stages import``: offers from hosts who do not write TOML.

``form`` writes the workbook hosts fill in; ``import`` reads it back (or a CSV,
or an online form's export), writes one offer file per row with tomli-w and
validates each at once. The conversion is :mod:`inet_stages.intake.rows` (pure);
here are the files, the clock, the printing and the exit codes.
"""

from __future__ import annotations

from pathlib import Path

import typer

from inet_stages.cli import common

FORMATS = ("text", "json")
DEFAULT_FORM = "offre.xlsx"


def form(
    ctx: typer.Context,
    output: Path = typer.Option(
        Path(DEFAULT_FORM), "--output", "-o", metavar="FICHIER.xlsx", show_default=False
    ),
    force: bool = typer.Option(False, "--force"),
    today: str | None = common.today_option(),
) -> None:
    """Write the workbook hosts fill in."""
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
    files: list[Path] = typer.Argument(..., metavar="FICHIER...", show_default=False),
    output: Path = typer.Option(..., "--output", "-o", metavar="DOSSIER", show_default=False),
    force: bool = typer.Option(False, "--force"),
    output_format: str = common.format_option(*FORMATS),
    mapping: Path | None = typer.Option(None, "--mapping", "-m", metavar="FICHIER.toml"),
    today: str | None = common.today_option(),
) -> None:
    """Turn workbooks and e-mails received into offer files."""
    day = common.parse_today(today)
    calendar = common.load_calendar(ctx, today=day)
    columns_map = _read_mapping(mapping) if mapping is not None else None
    _prepare_folder(output)
    from inet_stages.intake.run import run_import

    result = run_import(files, output, calendar, day, mapping=columns_map, force=force)
    for source in result.sources:
        if source.error is not None:
            # One warning a line: the proposals and the mapping lines stay readable.
            first, *others = source.error.split("\n")
            common.warn(f"inet-stages : erreur : {first}")
            for line in others:
                common.warn(line)
    for mail in result.mails:
        if mail.error is not None:
            common.warn(f"inet-stages : erreur : {mail.error}")
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


#: Suffixes that name a file, not a folder: ``-o offre.toml`` is a mistake, not a folder.
_FILE_SUFFIXES = (".toml", ".xlsx", ".xlsm", ".xls", ".ods", ".csv", ".json", ".txt", ".eml")


def _prepare_folder(output: Path) -> None:
    if common.probe(output, "-o") == "missing" and output.suffix.lower() in _FILE_SUFFIXES:
        common.fail(
            f"-o {output} : ce nom est celui d'un fichier ; import écrit une offre par ligne, "
            f"dans un dossier : donnez un dossier (par exemple -o {output.with_suffix('')}/)."
        )
    common.output_folder(output, "les offres")
