"""``inet-stages template`` and ``inet-stages schema offer``: start an offer file right."""

from __future__ import annotations

from pathlib import Path

import typer

from inet_stages.cli import common

schema_app = typer.Typer(no_args_is_help=True)


def template(
    ctx: typer.Context,
    internship: str = typer.Argument(..., metavar="STAGE", show_default=False),
    track: str | None = common.track_option(),
    output: Path | None = common.output_option(),
    force: bool = common.force_option(),
    coordination: bool = typer.Option(False, "--coordination"),
    promotion: str | None = typer.Option(None, "--promotion", metavar="ANNÉE"),
    today: str | None = common.today_option(),
) -> None:
    """Write an offer template a host can fill."""
    from inet_stages.cli import promotions
    from inet_stages.ids import UnknownId, resolve
    from inet_stages.offer.template import choose_promotion, render_template

    day = common.parse_today(today)
    years = [promotion] if promotion else None
    calendars = list(promotions.select(ctx, day, end=None, years=years).calendars)
    first = calendars[0]
    try:
        internship_id = resolve(internship, first.internship_ids, kind="internship")
    except UnknownId as exc:
        common.fail(exc.message)
    from inet_stages.text.frdates import format_date

    track_id = common.resolve_track(first, track)
    wanted = [track_id] if track_id is not None else []
    calendar = choose_promotion(calendars, internship_id, wanted, day)
    if len(calendars) > 1 and not promotion:
        others = ", ".join(c.school_year for c in calendars if c is not calendar)
        common.warn(
            f"Modèle pour la promotion {calendar.school_year} (la plus ancienne dont la date "
            f"limite de dépôt n'est pas passée le {format_date(day, weekday=False)}) ; "
            "pour une autre : "
            f"--promotion {others}."
        )
    having = [w.track for w in calendar.windows_of_internship(internship_id)]
    if track_id is not None and track_id not in having:
        from inet_stages.rules.identifiers import not_planned

        common.fail(not_planned(calendar, internship_id, track_id))
    tracks = [track_id] if track_id is not None else having
    text = render_template(calendar, internship_id, tracks, coordination=coordination)
    common.write_output(output, text, force=force)


@schema_app.command("offer")
def schema_offer(
    output: Path | None = common.output_option(), force: bool = common.force_option()
) -> None:
    """The JSON Schema of an offer file."""
    import json

    from inet_stages.offer.schema import offer_schema

    text = json.dumps(offer_schema(), ensure_ascii=False, indent=2) + "\n"
    common.write_output(output, text, force=force)
