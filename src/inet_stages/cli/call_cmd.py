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
    from inet_stages.call.plan import Answer, Planned

FORMATS = ("table", "json", "csv")


def call(
    ctx: typer.Context,
    contacts: Path | None = typer.Option(
        None, "--contacts", "-c", metavar="FICHIER", show_default=False
    ),
    output: Path = typer.Option(..., "--output", "-o", metavar="DOSSIER", show_default=False),
    internships: list[str] = typer.Option(
        [], "--internship", "-i", metavar="STAGE", show_default=False
    ),
    attach_form: bool = typer.Option(False, "--attach-form"),
    remind: bool = typer.Option(False, "--remind"),
    offers: Path | None = typer.Option(None, "--offers", metavar="DOSSIER"),
    within: int = typer.Option(14, "--within", metavar="JOURS", min=0, max=common.MAX_WITHIN),
    force: bool = typer.Option(False, "--force"),
    output_format: str = common.format_option(*FORMATS),
    header: str = common.header_option(),
    promotion: list[str] | None = typer.Option(None, "--promotion", metavar="ANNÉE"),
    today: str | None = common.today_option(),
) -> None:
    """Write the call for offers, or the reminders, as e-mail drafts."""
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
    wanted = common.resolve_ids("--internship", internships, calendar.internship_ids, "internship")
    book = _read_contacts(contacts, calendar)
    answers = _answers(ctx, offers, day) if remind and offers is not None else []

    from inet_stages.call import drafts as core
    from inet_stages.call.mailing import plan, render_drafts, with_forms
    from inet_stages.cli.letters_out import draft_time
    from inet_stages.report.texts import LetterError

    found, left_out = plan(
        book.contacts,
        calendars,
        day,
        remind=remind,
        within=within,
        answers=answers,
        internships=tuple(wanted),
    )
    forms: dict[str, tuple[str, bytes]] = {}
    if attach_form:
        from inet_stages.render.form import render_form

        for each in with_forms(calendars, found):
            forms[each.school_year] = (core.form_name(each), render_form(each, day))
    try:
        rendered = render_drafts(
            calendar,
            found,
            today=day,
            when=draft_time(day, today is not None),
            own=common.own_folder(),
            forms=forms,
            say=common.warn,
        )
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
    from inet_stages.call.answers import answers_of
    from inet_stages.cli import promotions
    from inet_stages.cli.offers_opt import check_offers

    if common.probe(folder, "--offers") != "dir":
        common.fail(f"--offers {folder} : dossier introuvable.")
    common.readable_folder(folder, "--offers")
    calendar, _, chooser = promotions.for_offers(ctx, day)
    _, report = check_offers([str(folder)], calendar, chooser, day, apply=False, said="--offers : ")
    answers, unread = answers_of(report, calendar.school_year)
    for path in unread:
        common.warn(f"--offers : {path} illisible, non compté comme réponse.")
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
    from inet_stages.io.writes import write_many

    common.output_folder(folder, "les brouillons")
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
