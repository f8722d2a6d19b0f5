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
        help=(
            "Classeurs (.xlsx, .xlsm, .xls, .ods), fichiers .csv, e-mails enregistrés "
            "(.eml, .msg) et dossiers qui en contiennent."
        ),
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

    E-mails (.eml ; .msg avec l'option msg) : chaque pièce jointe formulaire,
    classeur, CSV ou offre .toml est importée, une seule fois ; la date de
    dépôt est celle de l'e-mail (heure de Paris) ; l'expéditeur est noté.

    Chaque offre écrite est vérifiée aussitôt. Un fichier est importé en entier
    ou pas du tout : si une colonne nécessaire (structure, stage, intitulé)
    n'est pas reconnue, ou si une ligne est illisible, rien n'en est écrit.
    Aucun fichier existant n'est remplacé sans --force. Code de sortie : 0 si
    toutes les lignes donnent une offre valide, 1 sinon, 2 si un fichier est
    illisible.

    Exemples :

      inet-stages import offres.xlsx -o offres/

      inet-stages import retours/ -o offres/

      inet-stages import reponses.csv -o offres/ --mapping correspondance.toml

      inet-stages import offres.xlsx -o offres/ --format json
    """
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
