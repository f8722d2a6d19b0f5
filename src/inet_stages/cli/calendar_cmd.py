"""``inet-stages calendar``: the windows per track, as tables, a month grid or JSON."""

from __future__ import annotations

import typer

from inet_stages.cli import common, promotions

calendar_app = typer.Typer(invoke_without_command=True, no_args_is_help=False)

FORMATS = ("table", "timeline", "json")


@calendar_app.callback()
def calendar(
    ctx: typer.Context,
    track: str | None = common.track_option(),
    today: str | None = common.today_option(),
    output_format: str = common.format_option(*FORMATS),
    promotion: list[str] | None = promotions.promotion_option(),
    drafts: bool = promotions.drafts_option(),
) -> None:
    """Show the calendar's windows per track; the group of calendar check, roll and diff."""
    if ctx.invoked_subcommand is not None:
        return
    day = common.parse_today(today)
    shown = promotions.select(ctx, day, end=day, years=promotion, drafts=drafts).calendars
    track_id = common.resolve_track(shown[0], track)
    selected = [(c, [t for t in c.tracks if track_id is None or t.id == track_id]) for c in shown]
    selected = [(c, tracks) for c, tracks in selected if tracks]

    from inet_stages.render import calendar as render
    from inet_stages.render import promotions as many

    if output_format == "json":
        if len(shown) == 1:
            cal, tracks = shown[0], selected[0][1] if selected else []
            document = render.calendar_json(cal, tracks, day)
            document["calendars"] = [cal.school_year]
            for track_json in document["tracks"]:
                for window in track_json["windows"]:
                    window["calendar"] = cal.school_year
            common.emit_json(document)
        else:
            common.emit_json(many.calendar_json_many(selected, day))
        return
    console = common.stdout_console()
    several = len(selected) > 1
    for index, (cal, tracks) in enumerate(selected):
        if index:
            console.print()
        if output_format == "timeline":
            console.print(render.timeline(cal, tracks, day, width=console.width))
            continue
        tables = render.calendar_tables(cal, tracks, day, promotion=several, width=console.width)
        for table in tables:
            console.print(table)
