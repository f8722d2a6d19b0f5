"""``inet-stages deadlines``: what is due, soonest first."""

from __future__ import annotations

import typer

from inet_stages.cli import common, promotions

FORMATS = ("table", "json")
KINDS = ("offers", "internships", "schooling")


def deadlines(
    ctx: typer.Context,
    track: str | None = common.track_option(),
    today: str | None = common.today_option(),
    within: int | None = typer.Option(
        None, "--within", "-w", metavar="JOURS", min=0, max=common.MAX_WITHIN
    ),
    include_past: bool = typer.Option(False, "--all", "-a"),
    kind: list[str] | None = typer.Option(None, "--kind", "-k", metavar="TYPE"),
    output_format: str = common.format_option(*FORMATS),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """The coming dates, nearest first, with the days left."""
    families = [common.check_choice("--kind", k, KINDS) for k in kind or []]
    day = common.parse_today(today)
    from datetime import timedelta

    end = day + timedelta(days=within) if within is not None else None
    shown = promotions.select(ctx, day, end=end, years=promotion, drafts=drafts).calendars
    cal = shown[0]
    track_id = common.resolve_track(cal, track)

    from inet_stages.calendar.events import agendas as agendas_of
    from inet_stages.render import deadlines as render
    from inet_stages.render import promotions as many

    agendas = agendas_of(
        shown, day, track=track_id, within=within, include_past=include_past, families=families
    )
    if output_format == "json":
        common.emit_json(many.deadlines_json(agendas, day))
        return

    from rich.text import Text

    from inet_stages.text.frdates import format_date

    console = common.stdout_console()
    if len(agendas) == 1:
        result = agendas[0][1]
        title = f"Échéances du calendrier {cal.school_year}, au {format_date(day)}"
        before, after = render.deadlines_notes(cal, result, within=within)
    else:
        title = f"Échéances des promotions {many.years_text(shown)}, au {format_date(day)}"
        before, after = many.deadlines_notes(agendas, within=within)
    if track_id:
        title += f" — {cal.track(track_id).short}"
    console.print(Text(title, style="bold"))
    for note in before:
        console.print(Text(note))
    events = many.merged(agendas)
    if events:
        console.print(render.deadlines_table(events, promotions=len(agendas) > 1))
        console.print(Text(render.urgency_legend(), style="dim"))
    for note in after:
        console.print(Text(note))
    console.print(Text(render.contact_footer(cal), style="dim"))
