"""``inet-stages call``: the call for offers in the autumn, the reminders before each deadline.

Reads the contacts file and, for reminders, the offers received; the
decisions and the texts are :mod:`inet_stages.call.drafts` (pure); here are the
files, the clock, the printing and the exit codes. Every draft is rendered
before anything is written, so that a template of hers that fails stops the
command (exit 2, file and line named) with nothing half done.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from inet_stages.cli import common, season_opt

if TYPE_CHECKING:
    from datetime import date

    from inet_stages.calendar import Calendar
    from inet_stages.call.contacts import Contacts
    from inet_stages.call.drafts import Answer, Planned

FORMATS = ("table", "json", "csv")


def call(
    ctx: typer.Context,
    contacts: Path | None = typer.Option(
        None,
        "--contacts",
        "-c",
        metavar="FICHIER",
        show_default=False,
        help=(
            "Contacts des structures (.csv, .xlsx, .xls ou .ods), une ligne par contact : "
            "nom, courriel, structure, nature, et au besoin habitants, ville, civilité, "
            "fonction, filières (les filières pour lesquelles le contact est sollicité). "
            "Par défaut : contacts.csv ou contacts.xlsx du dossier de saison."
        ),
    ),
    output: Path = typer.Option(
        ...,
        "--output",
        "-o",
        metavar="DOSSIER",
        show_default=False,
        help="Dossier où écrire les brouillons .eml (créé s'il n'existe pas).",
    ),
    internships: list[str] = typer.Option(
        [],
        "--internship",
        "-i",
        metavar="STAGE",
        show_default=False,
        help="Ce stage seulement (option répétable) ; par défaut, tous les stages.",
    ),
    attach_form: bool = typer.Option(
        False,
        "--attach-form",
        help="Joint à chaque brouillon le classeur à remplir (celui de « inet-stages form »).",
    ),
    remind: bool = typer.Option(
        False,
        "--remind",
        help=(
            "Relances plutôt que l'appel : à ceux qui n'ont pas encore envoyé d'offre pour un "
            "stage dont la date limite tombe dans les --within jours."
        ),
    ),
    offers: Path | None = typer.Option(
        None,
        "--offers",
        metavar="DOSSIER",
        help=(
            "Avec --remind : les offres reçues (.toml), pour ne pas relancer qui a répondu. "
            "Par défaut : le dossier « offres » du dossier de saison."
        ),
    ),
    within: int = typer.Option(
        14,
        "--within",
        metavar="JOURS",
        min=0,
        help="Avec --remind : dates limites dans les JOURS prochains jours.",
    ),
    force: bool = typer.Option(
        False, "--force", help="Réécrit les brouillons déjà présents dans le dossier."
    ),
    output_format: str = common.format_option(
        *FORMATS, help="Bilan : table (pour lire), json ou csv."
    ),
    header: str = common.header_option(),
    promotion: list[str] | None = typer.Option(
        None,
        "--promotion",
        metavar="ANNÉE",
        help=(
            "Seulement cette promotion, par son année scolaire (2027-2028) ; répétable. "
            "Par défaut : toutes celles dont des offres sont attendues."
        ),
    ),
    today: str | None = common.today_option(),
) -> None:
    """Écrit l'appel à offres de stages, ou les relances, en brouillons d'e-mail (.eml).

    Un brouillon par contact, pour toutes les promotions en cours, à son
    adresse, de la part de la coordination (l'adresse du calendrier, en
    réponse aussi), qui ne l'invite qu'aux stages que sa structure peut
    accueillir selon le calendrier (une préfecture n'est pas invitée au stage
    d'observation, une commune de 40 000 habitants ou moins pas aux projets
    collectifs) et, si la colonne « filières » le dit, pour ces filières
    seulement. Pour chaque stage : son objet et ses modalités (le texte de la
    brochure), le tuteur ou la tutrice demandé, la période de chaque filière
    comme la brochure l'écrit, « dépôt des offres jusqu'au … » ou « pas de
    date limite publiée », puis comment répondre.

    Avec --remind, une relance par contact pour les dates limites des
    --within jours à venir, pour chaque stage et promotion dont sa structure
    n'a encore envoyé aucune offre (une offre de --offers de la même
    structure, ou du même domaine d'adresse électronique) ; elle nomme le
    stage, dit la date limite et les offres déjà reçues.

    Les textes viennent des modèles appel.j2 et relance.j2, que la coordination
    peut copier dans le dossier « lettres » de son dossier inet-stages pour les
    modifier. Un brouillon déjà présent est gardé sans --force. Une ligne de
    contacts illisible est signalée (ligne et colonne) sans empêcher les autres ;
    code de sortie 1 s'il y en a une, 2 si le fichier est illisible.

    Exemples :

      inet-stages call --contacts contacts.csv -o appel/ --attach-form

      inet-stages call --contacts contacts.xlsx --remind --offers offres/ --within 14 -o relances/
    """
    names = common.check_choice("--header", header, ("fr", "ids"))
    contacts = season_opt.table(contacts, "--contacts")
    offers = season_opt.offers_folder(offers) if remind else offers
    day = common.parse_today(today)
    if remind and offers is None:
        common.fail("--remind : donnez le dossier des offres reçues (--offers DOSSIER).")
    if offers is not None and not remind:
        common.warn("--offers ne sert qu'avec --remind : ignoré.")
    from datetime import timedelta

    from inet_stages.cli import promotions

    # Every promotion whose offers are still to come: in the autumn, the one
    # entering in February and the one finishing its schooling.
    end = day + timedelta(days=within) if remind else None
    calendars = promotions.select(ctx, day, end=end, years=promotion).calendars
    calendar = calendars[0]
    wanted = _internships(calendar, internships)
    book = _read_contacts(contacts, calendar)
    answers = _answers(ctx, offers, day) if remind and offers is not None else []

    from inet_stages.call import drafts as core
    from inet_stages.cli.letters_out import draft_time
    from inet_stages.report.letters import LetterError

    # One draft per contact, covering every promotion in progress.
    if remind:
        found, left_out = core.plan_reminders(
            book.contacts, calendars, day, within=within, answers=answers, internships=wanted
        )
    else:
        found, left_out = core.plan_call(book.contacts, calendars, day, wanted)
    forms: dict[str, tuple[str, bytes]] = {}
    if attach_form:
        from inet_stages.render.form import render_form

        for each in calendars:
            if any(s.calendar is each for item in found for s in item.sections):
                forms[each.school_year] = (core.form_name(each), render_form(each, day))
    when = draft_time(day, today is not None)
    rendered: list[tuple[core.Planned, bytes]] = []
    try:
        env = core.environment(common.own_folder())
        for item in found:
            attached = [forms[y] for y in item.school_years if y in forms]
            body = core.render(calendar, item, today=day, env=env, attach_form=bool(attached))
            problems: list[str] = []
            content = core.to_email(
                calendar, item, body, today=day, when=when, forms=attached, problems=problems
            )
            for problem in problems:
                common.warn(f"Attention : {item.name} : {problem}.")
            rendered.append((item, content))
    except LetterError as exc:
        common.fail(exc.message)
    results, refused = _write(output, rendered, force=force)

    from inet_stages.render import call as shapes

    document = core.summary_json(
        results,
        left_out,
        shapes.rejected_rows(book.problems),
        mode="relance" if remind else "appel",
        today=day,
        school_years=[c.school_year for c in calendars],
    )
    if output_format == "json":
        common.emit_json(document)
    elif output_format == "csv":
        common.write_output(None, shapes.summary_csv(document, header=names), force=False)
    else:
        from inet_stages.render.fit import wrapped_lines

        labels = {i.id: i.short or i.label for i in calendar.internships}
        summary = shapes.summary_text(document, str(output), labels)
        common.stdout_console().print(wrapped_lines(summary.rstrip("\n")))
    if refused:
        common.fail_all(refused)
    raise typer.Exit(common.EXIT_INVALID if book.problems else common.EXIT_OK)


def _internships(calendar: Calendar, values: list[str]) -> tuple[str, ...]:
    from inet_stages.ids import UnknownId, resolve

    found: list[str] = []
    for value in values:
        try:
            found.append(resolve(value, calendar.internship_ids, kind="internship"))
        except UnknownId as exc:
            common.fail(f"--internship : {exc.message}")
    return tuple(found)


def _read_contacts(path: Path, calendar: Calendar) -> Contacts:
    from inet_stages.call.contacts import ContactsError, read_contacts
    from inet_stages.io.tabular import TableError, read_table

    if common.probe(path, "--contacts") == "dir":
        common.fail(f"--contacts {path} : c'est un dossier ; donnez le fichier des contacts.")
    try:
        return read_contacts(read_table(path), calendar)
    except TableError as exc:
        common.fail(f"--contacts : {exc.message}")
    except ContactsError as exc:
        common.fail(f"--contacts : {exc.message}")


def _answers(ctx: typer.Context, folder: Path, day: date) -> list[Answer]:
    """The offers received (the batch's dossiers): host, tutor's address, internship, promotion.

    Every readable offer counts, valid or not: the host has answered for that
    internship and promotion and is not reminded of it.
    """
    from inet_stages.batch.check import check_files, collect
    from inet_stages.call.drafts import Answer
    from inet_stages.cli import promotions

    if common.probe(folder, "--offers") != "dir":
        common.fail(f"--offers {folder} : dossier introuvable.")
    common.readable_folder(folder, "--offers")
    calendar, _, chooser = promotions.for_offers(ctx, day)
    collected = collect([str(folder)])
    for problem in collected.missing:
        common.warn(f"--offers : {problem}")
    report = check_files(collected.targets, calendar, day, keep_offers=True, chooser=chooser)
    # The batch's verdict says which promotion each offer was judged against
    # (the same as validate, report and the letters): the dossier is for that
    # internship and that promotion, whatever its outcome.
    verdicts = report.verdicts
    answers: list[Answer] = []
    for file in report.files:
        offer = file.offer
        verdict = verdicts.of(file.path) if offer is not None else None
        if offer is None or verdict is None or verdict.internship is None:
            common.warn(f"--offers : {file.path} illisible, non compté comme réponse.")
            continue
        answers.append(
            Answer(
                organisation=offer.host.name,
                email=verdict.address or offer.tutor.email,
                internship=verdict.internship,
                school_year=verdict.promotion or calendar.school_year,
            )
        )
    return answers


def _write(
    folder: Path, rendered: list[tuple[Planned, bytes]], *, force: bool
) -> tuple[list[tuple[Planned, str, bool]], list[str]]:
    """Write the drafts not yet in ``folder`` (all with ``force``).

    Returns (draft, path, written) per draft, and the French messages of the
    drafts refused (a planted link, a disk full). Each name is claimed by an
    exclusive creation, never after an ``exists()``: of two runs into one
    folder, each draft is written by one of them only, the other keeps it.
    """
    from inet_stages.io.writes import reason, write_many

    if common.probe(folder, "-o") not in ("dir", "missing"):
        common.fail(f"-o {folder} : c'est un fichier ; donnez un dossier où écrire les brouillons.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        common.fail(f"-o {folder} : dossier impossible à créer ({reason(exc)}).")
    common.readable_folder(folder, "-o")
    outcomes = write_many(
        [(folder / item.name, content) for item, content in rendered], force=force
    )
    results: list[tuple[Planned, str, bool]] = []
    refused: list[str] = []
    for (item, _), problem in zip(rendered, outcomes, strict=True):
        results.append((item, str(folder / item.name), problem is None))
        if problem is not None and not (problem.taken and not force):
            refused.append(problem.message)
    return results, refused
