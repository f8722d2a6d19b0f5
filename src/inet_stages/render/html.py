"""The calendar as one self-contained web page for the school's website.

One HTML file, no external asset (inline CSS, no script, no font or image to
fetch; a Content-Security-Policy says so to the browser), ``lang="fr"``:

- the offer deadlines, highlighted, soonest first;
- the month grid of the brochure as a table: one row per internship, each
  month split in three columns (1–10, 11–20, 21–end), bars with their dates
  written out for screen readers;
- one semantic table per track (``<caption>``, ``<th scope>``, ``<time>``);
- the conditions to host each internship (who may host, the tutor, the
  projets collectifs' thresholds), in the brochure's words;
- the coordination's contact;
- a print stylesheet.

The page states the day it was made (``--today``): a deadline before that day
is shown as past, in words (« passée »), not by colour alone. The same
calendar on the same day gives the same bytes.

On a phone (narrower than 40rem) the deadlines and the tables per track
reflow into cards, one per row, each value labelled by its column; the month
grid scrolls inside its own region. Nothing makes the page itself wider than
the screen (checked in Chromium at 320 to 400 pixels).

Every string that comes from the calendar file is cleaned of control
characters and HTML-escaped.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date

from inet_stages import __version__
from inet_stages.calendar import Calendar, Period, Track, Window
from inet_stages.offer.conditions import (
    collective_conditions,
    tutor_requirements,
    who_may_host,
)
from inet_stages.render.calendar import month_thirds, months_between
from inet_stages.render.publishing import (
    deadline_groups,
    join_fr,
    unpublished_internships,
)
from inet_stages.text.frdates import MONTHS, MONTHS_SHORT, format_date, format_range, format_weeks
from inet_stages.text.frtypo import typeset_html
from inet_stages.text.textsafe import clean

#: Bar colours of the month grid; white text on each passes WCAG AA (tested).
INTERNSHIP_COLOURS: dict[str, str] = {
    "observation": "#1f4e99",
    "thematique": "#7a2a80",
    "projet_collectif": "#8a4b00",
    "ouverture": "#1d6b36",
    "perfectionnement": "#0b6270",
    "professionnalisation": "#a12a2a",
}
FALLBACK_COLOUR = "#3d3d3d"
TEXT_COLOUR = "#1b1b1b"
MUTED_COLOUR = "#545454"
BACKGROUND = "#ffffff"
HEADER_BACKGROUND = "#0b3d6e"
DEADLINE_BACKGROUND = "#ffe58a"
SCHOOLING_BACKGROUND = "#d9dee5"
LINK_COLOUR = "#0b4f9c"

# The last part excludes dots: the split before the final dot is then the only
# one to try (with dots in it, a long address of dots backtracked quadratically).
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[^@\s<>\"'.]+$")
_PHONE = re.compile(r"^\+?[0-9 .\-()]{6,}$")
_WEBSITE = re.compile(r"^(https?://)?[A-Za-z0-9.-]+\.[A-Za-z]{2,}(/[^\s<>\"']*)?$")


def _h(text: str) -> str:
    """Calendar text made safe for an HTML page: no control character, escaped."""
    return html.escape(clean(text), quote=True)


def _time(day: date, *, weekday: bool = True) -> str:
    return f'<time datetime="{day.isoformat()}">{format_date(day, weekday=weekday)}</time>'


_BAR_RULES = "\n".join(
    f".grid td.bar-{key} {{ background: {value}; }}" for key, value in INTERNSHIP_COLOURS.items()
)

_CSS = f"""
:root {{ color-scheme: light; }}
* {{ box-sizing: border-box; }}
body {{ margin: 0; font-family: system-ui, "Segoe UI", Roboto, "Helvetica Neue", Arial,
  sans-serif; font-size: 16px; line-height: 1.45; color: {TEXT_COLOUR};
  background: {BACKGROUND}; }}
header.page {{ background: {HEADER_BACKGROUND}; color: #ffffff; padding: 1.25rem 2rem; }}
header.page h1 {{ margin: 0 0 .25rem; font-size: 1.75rem; }}
header.page p {{ margin: 0; }}
main {{ padding: 1rem 2rem 2rem; max-width: 80rem; }}
h2 {{ font-size: 1.3rem; margin: 2rem 0 .5rem; border-bottom: 2px solid {HEADER_BACKGROUND};
  padding-bottom: .2rem; }}
a {{ color: {LINK_COLOUR}; }}
.draft {{ background: {DEADLINE_BACKGROUND}; border: 2px solid #7a5c00; padding: .5rem 1rem;
  font-weight: bold; }}
table {{ border-collapse: collapse; margin: .5rem 0 1.5rem; }}
caption {{ text-align: left; font-weight: bold; padding: .25rem 0; }}
caption .schooling {{ display: block; font-weight: normal; color: {MUTED_COLOUR}; }}
th, td {{ border: 1px solid #b8c0cc; padding: .35rem .6rem; text-align: left;
  vertical-align: top; }}
thead th {{ background: #eef1f5; }}
.windows {{ width: 100%; }}
.windows td.weeks {{ white-space: nowrap; }}
.alt {{ display: block; font-size: .875rem; color: {MUTED_COLOUR}; }}
mark.deadline {{ background: {DEADLINE_BACKGROUND}; color: {TEXT_COLOUR}; font-weight: bold;
  padding: .05rem .3rem; border-radius: .2rem; }}
.unpublished {{ font-style: italic; color: {MUTED_COLOUR}; }}
.deadlines th[scope=row] {{ white-space: nowrap; }}
.past {{ color: {MUTED_COLOUR}; }}
.past-note {{ font-style: italic; }}
address, main p, td, th {{ overflow-wrap: break-word; }}
/* Relative: the hidden texts for screen readers (.sr, absolute) stay inside the
   region that scrolls, instead of widening the whole page. */
.scroll {{ overflow-x: auto; position: relative; }}
table.grid {{ table-layout: fixed; border-collapse: collapse; font-size: .75rem;
  width: 100%; min-width: 60rem; }}
.grid th, .grid td {{ padding: .15rem 0; border: none; text-align: center;
  vertical-align: middle; }}
.grid colgroup + colgroup {{ border-left: 1px solid #c5ccd6; }}
.grid col.label {{ width: 11rem; }}
.grid thead th {{ background: #eef1f5; border-left: 1px solid #b8c0cc; font-weight: bold; }}
.grid .year {{ display: block; font-weight: normal; color: {MUTED_COLOUR}; }}
.grid tbody th {{ text-align: left; padding: .15rem .5rem; font-weight: normal;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
.grid tbody th.track {{ font-weight: bold; font-size: .85rem; padding-top: .6rem;
  border-bottom: 1px solid #b8c0cc; }}
.grid td.bar {{ color: #ffffff; font-weight: bold; white-space: nowrap; overflow: hidden;
  border-radius: .25rem; border: 1px solid #ffffff; }}
.grid td.schooling {{ background: {SCHOOLING_BACKGROUND}; color: {TEXT_COLOUR};
  border-radius: .25rem; }}
{_BAR_RULES}
.legend {{ font-size: .875rem; color: {MUTED_COLOUR}; }}
.sr {{ position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px;
  overflow: hidden; clip: rect(0, 0, 0, 0); white-space: nowrap; border: 0; }}
address {{ font-style: normal; border-left: 4px solid {HEADER_BACKGROUND};
  padding: .25rem 1rem; }}
footer {{ padding: 1rem 2rem; font-size: .875rem; color: {MUTED_COLOUR};
  border-top: 1px solid #b8c0cc; }}
@media screen and (max-width: 40rem) {{
  header.page {{ padding: 1rem; }}
  header.page h1 {{ font-size: 1.35rem; }}
  main {{ padding: .5rem 1rem 1.5rem; }}
  footer {{ padding: 1rem; }}
  table.cards, .cards caption, .cards tbody, .cards tr, .cards th, .cards td {{
    display: block; width: auto; }}
  .cards thead {{ position: absolute; width: 1px; height: 1px; overflow: hidden;
    clip: rect(0, 0, 0, 0); }}
  .cards tr {{ border: 1px solid #b8c0cc; border-radius: .3rem; margin: 0 0 .75rem;
    padding: .4rem .75rem; }}
  .cards th, .cards th[scope=row], .cards td {{ border: none; padding: .1rem 0;
    white-space: normal; }}
  .cards th[scope=row] {{ font-weight: bold; }}
  .cards td[data-label]::before {{ content: attr(data-label) "\\00a0: "; font-weight: bold; }}
}}
@media print {{
  @page {{ size: A4 landscape; margin: 12mm; }}
  body {{ font-size: 10pt; }}
  header.page {{ background: none; color: {TEXT_COLOUR}; padding: 0 0 .5rem;
    border-bottom: 2px solid {TEXT_COLOUR}; }}
  main {{ padding: 0; max-width: none; }}
  .scroll {{ overflow: visible; }}
  table.grid {{ min-width: 0; font-size: 7pt; }}
  .grid col.label {{ width: 8rem; }}
  /* A long section may start on a page and go on to the next: only what is
     short stays whole, so that the first page is not left half empty. */
  tr, caption, table.deadlines, table.windows, .conditions, address {{
    break-inside: avoid; }}
  h2, h3, caption, .schooling {{ break-after: avoid; }}
  .grid td.bar, .grid td.schooling, mark.deadline {{ -webkit-print-color-adjust: exact;
    print-color-adjust: exact; }}
  a {{ color: {TEXT_COLOUR}; text-decoration: none; }}
  footer {{ padding: .5rem 0 0; }}
}}
"""


def render_html_many(
    shown: Sequence[tuple[Calendar, Sequence[Track]]], today: date | None = None
) -> str:
    """The page of one promotion, or of several: each with its deadlines, grid and tables.

    With several promotions (two school years in progress), each gets its own
    part, « Promotion 2027-2028 », holding the same sections one level down,
    their anchors suffixed with the year so that they stay unique, their
    landmarks named with the promotion so that each name is said once.
    ``today``: the day the page is made, which it states; the deadlines
    before it are marked as past.
    """
    several = len(shown) > 1
    calendar, tracks = shown[0]
    years = join_fr([_h(c.school_year) for c, _ in shown])
    title = f"Calendrier des stages {years}"
    if not several and len(tracks) < len(calendar.tracks):
        title += " — " + join_fr([_h(t.short) for t in tracks])
    parts = [
        "<!DOCTYPE html>",
        '<html lang="fr">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        # The page must stand alone: the browser refuses anything but inline CSS.
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f'<meta name="generator" content="inet-stages {__version__}">',
        f"<title>{title} — INET</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        '<header class="page">',
        f"<h1>{title}</h1>",
        "<p>Institut national des études territoriales (INET) — stages des élèves</p>",
        *(
            [f'<p class="made">Page à jour au {_time(today, weekday=False)}.</p>']
            if today is not None
            else []
        ),
        "</header>",
        "<main>",
    ]
    for promotion, selected in shown:
        suffix, level = (f"-{_h(promotion.school_year)}", 3) if several else ("", 2)
        part = _Part(promotion, selected, suffix=suffix, level=level, today=today)
        if several:
            parts.append(f'<section aria-labelledby="promotion{suffix}" class="promotion">')
            parts.append(
                f'<h2 id="promotion{suffix}">Promotion {_h(promotion.school_year)}'
                + (" (brouillon)" if promotion.draft else "")
                + "</h2>"
            )
        if promotion.draft:
            parts.append(
                '<p class="draft" role="note">Brouillon : ces dates sont à confirmer par '
                "l'INET.</p>"
            )
        parts += _deadlines_section(part)
        # Overview before detail: the grid shows the year at a glance.
        parts += _grid_section(part)
        parts += _tracks_section(part)
        parts += _conditions_section(part)
        if several:
            parts.append("</section>")
    parts += _contact_section(calendar)
    parts.append("</main>")
    source = f"Source : {_h(calendar.source)}. " if calendar.source and not several else ""
    which = f"calendrier {years}" if not several else f"calendriers {years}"
    parts.append(
        f"<footer><p>{source}Page produite par inet-stages {__version__} à partir du "
        f"{which}.</p></footer>"
    )
    parts += ["</body>", "</html>", ""]
    return typeset_html("\n".join(parts))


def _labelled_by(anchor: str, suffix: str) -> str:
    """The ids naming a section: its heading, and its promotion's when there are several.

    Two promotions have the same sections; each landmark's name must be
    said once, so « Dates limites de dépôt des offres Promotion 2027-2028 ».
    """
    ids = f"{anchor}{suffix}" + (f" promotion{suffix}" if suffix else "")
    return f'aria-labelledby="{ids}"'


@dataclass(frozen=True, slots=True)
class _Part:
    """One promotion's part of the page: its calendar, the tracks shown, where it stands.

    With several promotions, each part's anchors end with its year (``suffix``) and its
    headings go one ``level`` down; ``today`` marks the deadlines before it as past.
    """

    calendar: Calendar
    tracks: Sequence[Track]
    suffix: str = ""
    level: int = 2
    today: date | None = None

    def opening(self, anchor: str, title: str) -> list[str]:
        """A section and its heading, the section named by the heading (one landmark, one name)."""
        return [
            f"<section {_labelled_by(anchor, self.suffix)}>",
            f'<h{self.level} id="{anchor}{self.suffix}">{title}</h{self.level}>',
        ]


def _is_past(day: date, today: date | None) -> bool:
    return today is not None and day < today


def _deadline_mark(day: date, today: date | None) -> str:
    """The deadline highlighted, or, once past, muted and said « passée »."""
    if _is_past(day, today):
        return f'<span class="past">{_time(day)} <span class="past-note">(passée)</span></span>'
    return f'<mark class="deadline">{_time(day)}</mark>'


def _deadlines_section(part: _Part) -> list[str]:
    calendar, today = part.calendar, part.today
    out = part.opening("dates-limites", "Dates limites de dépôt des offres")
    groups = deadline_groups(calendar, part.tracks)
    if groups:
        out += [
            '<table class="deadlines cards">',
            "<caption>Les offres sont à déposer au plus tard le jour indiqué, "
            "ce jour compris.</caption>",
            '<thead><tr><th scope="col">Date limite</th><th scope="col">Stage</th>'
            '<th scope="col">Filières</th></tr></thead>',
            "<tbody>",
        ]
        for group in groups:
            names = join_fr([_h(calendar.track(t).short) for t in group.tracks])
            past = ' class="past"' if _is_past(group.day, today) else ""
            out.append(
                f'<tr data-deadline="{_h(group.internship)}"{past}>'
                f'<th scope="row">{_deadline_mark(group.day, today)}</th>'
                f'<td data-label="Stage">{_h(calendar.internship(group.internship).label)}</td>'
                f'<td data-label="Filières">{names}</td></tr>'
            )
        out += ["</tbody>", "</table>"]
    missing = unpublished_internships(calendar, part.tracks)
    if missing:
        labels = join_fr([_h(calendar.internship(i).label) for i in missing])
        out.append(
            f'<p class="unpublished-note">Pas de date limite publiée pour : {labels}. '
            "Renseignez-vous auprès de la coordination des stages.</p>"
        )
    out.append("</section>")
    return out


_DEADLINE_LABEL = "Date limite de dépôt des offres"


def _deadline_cell(window: Window, today: date | None = None) -> str:
    label = f'data-label="{_DEADLINE_LABEL}"'
    if window.offers_deadline is None:
        return f'<td {label}><span class="unpublished">non publiée</span></td>'
    return f"<td {label}>{_deadline_mark(window.offers_deadline, today)}</td>"


def _tracks_section(part: _Part) -> list[str]:
    calendar = part.calendar
    out = part.opening("stages", "Les stages par filière")
    for track in part.tracks:
        schooling = (
            f"scolarité du {_time(track.schooling.start, weekday=False)} "
            f"au {_time(track.schooling.end, weekday=False)}"
        )
        out += [
            f'<table class="windows cards" id="filiere-{_h(track.id)}{part.suffix}">',
            f'<caption>{_h(track.label)}<span class="schooling">{schooling}</span></caption>',
            '<thead><tr><th scope="col">Stage</th><th scope="col">Début</th>'
            '<th scope="col">Fin</th><th scope="col">Durée</th>'
            '<th scope="col">Date limite de dépôt des offres</th></tr></thead>',
            "<tbody>",
        ]
        for window in calendar.windows_of_track(track.id):
            periods = " ou ".join(f"du {format_range(p.start, p.end)}" for p in window.alternatives)
            alternatives = (
                f'<span class="alt">périodes possibles : {periods}</span>' if periods else ""
            )
            out.append(
                f'<tr data-window="{_h(window.internship)}-{_h(window.track)}">'
                f'<th scope="row">{_h(calendar.internship(window.internship).label)}</th>'
                f'<td data-label="Début">{_time(window.start)}</td>'
                f'<td data-label="Fin">{_time(window.end)}{alternatives}</td>'
                f'<td class="weeks" data-label="Durée">{format_weeks(window.weeks)}</td>'
                f"{_deadline_cell(window, part.today)}</tr>"
            )
        out += ["</tbody>", "</table>"]
    out.append("</section>")
    return out


# --- The month grid ------------------------------------------------------------


def _thirds(months: list[tuple[int, int]]) -> list[Period]:
    return [third for year, month in months for third in month_thirds(year, month)]


def _bar_row(thirds: list[Period], period: Period, cell: Callable[[int], str]) -> str:
    """Empty cells, ``cell(span)`` spanning the thirds ``period`` touches, empty cells.

    The span is passed to a function rather than substituted in a finished cell:
    the cell holds calendar text, where a literal ``{span}`` must stay as typed.
    """
    touched = [i for i, t in enumerate(thirds) if t.start <= period.end and period.start <= t.end]
    if not touched:
        return "<td></td>" * len(thirds)
    first, last = touched[0], touched[-1]
    span = last - first + 1
    return "<td></td>" * first + cell(span) + "<td></td>" * (len(thirds) - last - 1)


def _bar_weeks(window: Window, thirds: list[Period]) -> str:
    """« 4 sem. » in the bar; a bar of two thirds of a month only has room for « 3 »."""
    touched = sum(1 for t in thirds if t.start <= window.end and window.start <= t.end)
    if touched >= 3:
        return f"{window.weeks} sem."
    return f'{window.weeks}<span class="sr"> semaines</span>'


def _grid_section(part: _Part) -> list[str]:
    calendar, tracks, suffix = part.calendar, part.tracks, part.suffix
    first = min(t.schooling.start for t in tracks)
    last = max(t.schooling.end for t in tracks)
    months = months_between(first, last)
    thirds = _thirds(months)
    width = len(thirds) + 1
    out = [
        *part.opening("grille", "Grille des mois"),
        # The region that scrolls is named by the table's caption, not by the
        # section's heading: two landmarks of the same name are one too many.
        f'<div class="scroll" role="region" aria-labelledby="grille-table{suffix}" tabindex="0">',
        '<table class="grid">',
        f'<caption id="grille-table{suffix}">Calendrier des stages {_h(calendar.school_year)}, '
        f"de {MONTHS[months[0][1] - 1]} {months[0][0]} à "
        f"{MONTHS[months[-1][1] - 1]} {months[-1][0]}</caption>",
        '<colgroup><col class="label"></colgroup>',
        *('<colgroup span="3"></colgroup>' for _ in months),
        '<thead><tr><td aria-hidden="true"></td>',
    ]
    for index, (year, month) in enumerate(months):
        shown = index == 0 or month == 1
        year_span = (
            f'<span class="year">{year}</span>' if shown else f'<span class="sr"> {year}</span>'
        )
        out.append(
            f'<th scope="colgroup" colspan="3"><abbr title="{MONTHS[month - 1]} {year}">'
            f"{MONTHS_SHORT[month - 1]}</abbr>{year_span}</th>"
        )
    out.append("</tr></thead>")
    for track in tracks:
        out.append("<tbody>")
        out.append(
            f'<tr><th scope="rowgroup" colspan="{width}" class="track">{_h(track.label)}</th></tr>'
        )
        schooling_dates = format_range(track.schooling.start, track.schooling.end)

        def schooling(span: int, dates: str = schooling_dates) -> str:
            return f'<td class="schooling" colspan="{span}"><span class="sr">du {dates}</span></td>'

        out.append(
            '<tr><th scope="row">Scolarité</th>'
            + _bar_row(thirds, track.schooling, schooling)
            + "</tr>"
        )
        for window in calendar.windows_of_track(track.id):
            internship = calendar.internship(window.internship)
            known = window.internship in INTERNSHIP_COLOURS
            css = f"bar bar-{window.internship}" if known else "bar"
            style = "" if known else f' style="background: {FALLBACK_COLOUR}"'
            # Everything but the span is fixed before the cell is placed.
            opening = f'<td class="{css}"{style} colspan="'
            rest = (
                f'" data-bar="{_h(window.internship)}-{_h(window.track)}" '
                f'title="{_h(internship.short)} : du {format_range(window.start, window.end)}">'
                f'<span class="sr">du {format_range(window.start, window.end)}, </span>'
                f"{_bar_weeks(window, thirds)}</td>"
            )

            def cell(span: int, opening: str = opening, rest: str = rest) -> str:
                return f"{opening}{span}{rest}"

            out.append(
                f'<tr><th scope="row">{_h(internship.short)}</th>'
                + _bar_row(thirds, window.period, cell)
                + "</tr>"
            )
        out.append("</tbody>")
    out += [
        "</table>",
        "</div>",
        '<p class="legend">Chaque mois est partagé en trois colonnes : du 1er au 10, du 11 au 20, '
        "du 21 à la fin du mois. Une barre colorée est un stage, avec sa durée en semaines ; "
        "une barre grise la scolarité.</p>",
        "</section>",
    ]
    return out


def _conditions_section(part: _Part) -> list[str]:
    # What a host must know before offering an internship, for the tracks shown.
    calendar, level = part.calendar, part.level
    shown = {t.id for t in part.tracks}
    out = part.opening("conditions", "Conditions d'accueil")
    for internship in calendar.internships:
        windows = [w for w in calendar.windows_of_internship(internship.id) if w.track in shown]
        if not windows:
            continue
        items = [f"<li><strong>Structure d'accueil :</strong> {_h(who_may_host(internship))}</li>"]
        for names, requirement in tutor_requirements(calendar, windows):
            concerned = f" ({_h(names)})" if names else ""
            items.append(
                f"<li><strong>Tuteur ou tutrice{concerned} :</strong> {_h(requirement)}.</li>"
            )
        conditions = collective_conditions(internship)
        if conditions:
            items.append(
                "<li><strong>Conditions :</strong> " + _h(" ; ".join(conditions)) + ".</li>"
            )
        out += [
            f'<div class="conditions" data-conditions="{_h(internship.id)}">',
            f"<h{level + 1}>{_h(internship.label)}</h{level + 1}>",
            "<ul>",
            *items,
            "</ul>",
            "</div>",
        ]
    out.append("</section>")
    return out


def _contact_section(calendar: Calendar) -> list[str]:
    contact = calendar.contact
    lines = [f"<strong>{_h(contact.name)}</strong>"]
    if contact.role:
        lines.append(_h(contact.role))
    if _EMAIL.match(contact.email):
        lines.append(f'<a href="mailto:{_h(contact.email)}">{_h(contact.email)}</a>')
    elif contact.email:
        lines.append(_h(contact.email))
    for phone in (contact.phone, contact.mobile):
        if phone and _PHONE.match(phone):
            number = re.sub(r"[^0-9+]", "", phone)
            lines.append(f'<a href="tel:{_h(number)}">{_h(phone)}</a>')
        elif phone:
            lines.append(_h(phone))
    if contact.address:
        lines.append(_h(contact.address))
    if contact.website and _WEBSITE.match(contact.website):
        url = contact.website if "://" in contact.website else f"https://{contact.website}"
        lines.append(f'<a href="{_h(url)}">{_h(contact.website)}</a>')
    elif contact.website:
        lines.append(_h(contact.website))
    return [
        '<section aria-labelledby="contact">',
        '<h2 id="contact">Contact</h2>',
        "<p>Coordination des stages de l'INET :</p>",
        "<address>" + "<br>\n".join(lines) + "</address>",
        "</section>",
    ]
