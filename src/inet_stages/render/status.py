"""``inet-stages status``: the season on one screen (80 columns), and its JSON document.

Each section names the command that acts on it, on its own line (« → … »),
so that it can be copied whole. Lists are cut to a few lines each, to keep
the screen; the JSON document has every item.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping, Sequence
from typing import Any

from inet_stages.calendar import Calendar
from inet_stages.season.folder import CONTACTS, STUDENTS
from inet_stages.season.status import Coverage, Pending, Status, ToAnswer
from inet_stages.season.verdicts import LABELS, VERDICTS
from inet_stages.text.frdates import format_date, format_days_left, plural
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

#: The screen's width: lines longer are cut, at spaces, for it.
WIDTH = 80
#: A host's name is cut to this many characters on screen (the JSON has it whole).
HOST_WIDTH = 30
#: Items shown per section on screen; the rest are counted.
SHOWN = 5

#: How to add each missing part of the season folder.
ADVICE: dict[str, str] = {
    "offres": "pas de dossier « offres » : créez le dossier de saison (inet-stages init .) "
    "ou importez les offres (inet-stages import FORMULAIRE.xlsx -o offres).",
    "decisions": "pas encore de offres/decisions.toml : inet-stages decide le crée à la "
    "première décision.",
    "lettres": "pas de dossier « lettres » : inet-stages report offres --letters lettres le crée.",
    "contacts": f"pas de fichier {CONTACTS[0]} ou {CONTACTS[1]} : ajoutez les contacts des "
    "structures pour savoir qui relancer (colonnes : nom, courriel, structure, nature).",
    "eleves": f"pas de fichier {STUDENTS[0]} ou {STUDENTS[1]} : ajoutez les élèves et leurs vœux "
    "avant l'affectation (colonnes : name, track, wish1, wish2…).",
    "affectations": "pas de dossier « affectations » : mkdir affectations, puis "
    "inet-stages assign -i STAGE -f json -o affectations/STAGE.json.",
}

_REASONS = {
    "no_letter": "sans lettre",
    "changed": "modifiée depuis sa lettre",
    "verdict": "verdict changé depuis sa lettre",
}
_PENDING = {
    "warnings": "avertissements à trancher",
    "changed": "offre modifiée depuis la décision",
    "no_hash": "décision sans empreinte de l'offre",
    "orphan": "décision pour un fichier introuvable",
}


def _names(calendars: Sequence[Calendar]) -> tuple[dict[str, str], dict[str, str]]:
    internships: dict[str, str] = {}
    tracks: dict[str, str] = {}
    for calendar in calendars:
        for internship in calendar.internships:
            internships.setdefault(internship.id, internship.short or internship.label)
        for track in calendar.tracks:
            tracks.setdefault(track.id, track.short)
    return internships, tracks


def _listed(lines: list[str], heading: str, items: Sequence[str]) -> None:
    """A section's ``heading``, its first :data:`SHOWN` items, and how many more JSON has."""
    lines.append(heading)
    lines.extend(items[:SHOWN])
    if len(items) > SHOWN:
        lines.append(f"  … et {len(items) - SHOWN} de plus (inet-stages status --format json).")


def _coverage_line(
    coverage: Coverage, internships: Mapping[str, str], tracks: Mapping[str, str], *, many: bool
) -> str:
    row = coverage.row
    who = tracks.get(row.track, row.track) if row.track else "toutes filières"
    year = f" ({coverage.calendar})" if many else ""
    counts = coverage.counts
    verdicts = ", ".join(plural(counts[v], LABELS[v]) for v in VERDICTS if counts[v])
    cohort = "effectif ?" if row.cohort is None else f"effectif {row.cohort}"
    missing = "" if row.missing is None else f", manque {row.missing}"
    return (
        f"  {internships.get(row.internship, row.internship)}, {who}{year} : "
        f"{verdicts or 'aucune offre'} — {plural(row.places, 'place')}, "
        f"{cohort}{missing}"
    )


def _watched(coverage: Coverage, status: Status) -> bool:
    """A row to look at: places missing, offers to complete, or offers still being sent."""
    deadline = coverage.row.offers_deadline
    open_ = deadline is not None and deadline >= status.today
    return bool(coverage.row.missing) or bool(coverage.counts["a_completer"]) or open_


#: What happens, said once per day for every internship it concerns.
_KINDS = {
    "offers_deadline": "date limite de dépôt",
    "internship_start": "début",
    "internship_end": "fin",
    "schooling_start": "début de la scolarité",
    "schooling_end": "fin de la scolarité",
}


def _days(status: Status, internships: Mapping[str, str]) -> list[str]:
    """One line per day, kind and promotion, naming the internships it concerns."""
    grouped: dict[tuple[object, str, str], list[str]] = {}
    for deadline in status.deadlines:
        event = deadline.due.event
        names = grouped.setdefault((event.day, event.kind, deadline.calendar), [])
        if event.internship is not None:
            name = internships.get(event.internship, event.internship)
            if name not in names:
                names.append(name)
    lines: list[str] = []
    for (day, kind, calendar), names in grouped.items():
        due = next(
            d.due
            for d in status.deadlines
            if (d.due.event.day, d.due.event.kind, d.calendar) == (day, kind, calendar)
        )
        what = _KINDS[kind]
        what = what[0].upper() + what[1:]
        year = f" ({calendar})" if len(status.calendars) > 1 else ""
        which = f" — {', '.join(names)}" if names else ""
        # No year: within 30 days, the weekday and the days left tell it.
        when = format_date(due.event.day, short=True).rsplit(" ", 1)[0]
        lines.append(f"  {when}, {format_days_left(due.days_left)} : {what}{which}{year}")
    return lines


def _answer_line(item: ToAnswer) -> str:
    host = f" ({clean(item.host, limit=HOST_WIDTH)})" if item.host else ""
    return f"  {clean(item.files[0])}{host} : {_REASONS[item.reason]}"


def _pending_line(pending: Pending) -> str:
    codes = f" ({', '.join(pending.codes)})" if pending.codes else ""
    return f"  {clean(pending.file)} : {_PENDING[pending.reason]}{codes}"


def status_text(status: Status, calendars: Sequence[Calendar], *, width: int = WIDTH) -> str:
    """The status as text lines for a terminal of 80 columns (typeset, file text escaped)."""
    internships, tracks = _names(calendars)
    years = ", ".join(status.calendars)
    lines = [f"État de la saison au {format_date(status.today)} (promotions {years})", ""]

    days = _days(status, internships)
    _listed(lines, f"Échéances des 30 prochains jours : {len(days)}", days)
    lines.append("  → inet-stages deadlines --within 30")
    lines.append("")

    watched = [r for r in status.coverage if _watched(r, status)]
    # Rows of another promotion than those in progress (an offer for 2027-2028 already
    # received) say their year too: two « Observation, Administrateurs » must differ.
    many = len({r.calendar for r in status.coverage} | set(status.calendars)) > 1
    _listed(
        lines,
        f"Places à suivre (manque, offres à compléter, dépôt en cours) : {len(watched)} "
        f"sur {plural(len(status.coverage), 'ligne')}",
        [_coverage_line(row, internships, tracks, many=many) for row in watched],
    )
    if any(r.row.cohort is None for r in watched):
        lines.append("  Effectifs inconnus : ajoutez « cohort » au calendrier, ou donnez-les :")
        lines.append("  → inet-stages report offres -c administrateurs=40 -c conservateurs=15")
    else:
        lines.append("  → inet-stages report offres")
    lines.append("")

    _listed(
        lines,
        f"Offres à qui répondre : {len(status.to_answer)}",
        [_answer_line(item) for item in status.to_answer],
    )
    # An outdated letter is kept by report --letters: it must go before a new one is written.
    changed = [i for i in status.to_answer if i.reason != "no_letter" and i.letter]
    if changed:
        lines.append(
            f"  → supprimez l'ancienne lettre (par exemple {clean(str(changed[0].letter))}), puis"
        )
    if status.to_answer:
        lines.append("  → inet-stages report offres --letters lettres")
    lines.append("")

    if status.remind_deadline is not None:
        within = (status.remind_deadline - status.today).days
        people: dict[tuple[str, str], list[str]] = {}
        for remind in status.to_remind:
            person = (clean(remind.contact or remind.organisation), clean(remind.email))
            stage = internships.get(remind.internship, remind.internship)
            if stage not in people.setdefault(person, []):
                people[person].append(stage)
        _listed(
            lines,
            f"Contacts à relancer avant le {format_date(status.remind_deadline)} : {len(people)}",
            [
                f"  {name} <{email}> : {', '.join(stages)}"
                for (name, email), stages in people.items()
            ],
        )
        if status.to_remind:
            lines.append(f"  → inet-stages call --remind --within {within} -o relances")
        elif "contacts" in status.missing:
            lines.append("  (pas de fichier de contacts : voir plus bas)")
    else:
        lines.append("Contacts à relancer : aucune date limite de dépôt dans les 30 jours.")
    lines.append("")

    _listed(
        lines,
        f"Décisions en attente : {len(status.pending)}",
        [_pending_line(pending) for pending in status.pending],
    )
    if status.pending:
        first = status.pending[0]
        if first.reason == "orphan":
            lines.append("  → retirez la décision de offres/decisions.toml")
        elif first.refused:
            lines.append(f"  → inet-stages decide {clean(first.file)} --refuse")
        else:
            accept = ",".join(first.codes) or "CODE"
            lines.append(f"  → inet-stages decide {clean(first.file)} --accept {accept}")
            if first.reason == "warnings":
                lines.append('    ou --refuse --reason "…"')

    if status.placements:
        lines.append("")
        unplaced = sum(len(p.unplaced) for p in status.placements)
        lines.append(f"Élèves non placés : {unplaced}")
        for placement in status.placements[:SHOWN]:
            if placement.problem:
                lines.append(f"  {clean(placement.file)} : {placement.problem}")
                continue
            stage = internships.get(placement.internship or "", placement.internship or "?")
            names = ", ".join(clean(u.student) for u in placement.unplaced[:SHOWN])
            lines.append(
                f"  {stage} : {plural(placement.placed, 'placé')}, "
                f"{plural(len(placement.unplaced), 'non placé')}" + (f" ({names})" if names else "")
            )
        lines.append("  → inet-stages assign -i STAGE -f json -o affectations/STAGE.json --force")

    if status.above is not None:
        lines.append("")
        lines.append(
            f"Vous êtes dans un sous-dossier du dossier de saison {clean(status.above)} : "
            "lancez la commande depuis celui-ci."
        )
        lines.append("  → cd ..")
    elif status.missing:
        lines.append("")
        lines.append("À compléter dans le dossier de saison :")
        lines.extend(f"  {ADVICE[part]}" for part in status.missing)
    return "\n".join(_wrap(typeset(line), min(width, WIDTH)) for line in lines) + "\n"


def _wrap(line: str, width: int) -> str:
    """``line`` cut between words at ``width`` columns, the rest indented; a word (a file
    name) is never cut, nor a command (« → ») she copies."""
    if len(line) <= width or line.lstrip().startswith("→"):
        return line
    indent = " " * (len(line) - len(line.lstrip()) + 2)
    return textwrap.fill(
        line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False
    )


def status_json(status: Status) -> dict[str, Any]:
    """The status as one JSON document (docs/reference/status.md; keys added, never renamed)."""
    return {
        "version": 1,
        "today": status.today.isoformat(),
        "calendars": list(status.calendars),
        "deadlines": [
            {
                "date": d.due.event.day.isoformat(),
                "kind": d.due.event.kind,
                "internship": d.due.event.internship,
                "tracks": list(d.due.event.tracks),
                "days_left": d.due.days_left,
                "label": typeset(d.due.event.label),
                "calendar": d.calendar,
            }
            for d in status.deadlines
        ],
        "coverage": [
            {
                "internship": c.row.internship,
                "track": c.row.track,
                "calendar": c.calendar,
                "places": c.row.places,
                "cohort": c.row.cohort,
                "missing": c.row.missing,
                "offers_deadline": (
                    c.row.offers_deadline.isoformat() if c.row.offers_deadline else None
                ),
                "offers": {v: c.counts[v] for v in VERDICTS},
            }
            for c in status.coverage
        ],
        "to_answer": [
            {"files": list(a.files), "host": a.host, "reason": a.reason, "letter": a.letter}
            for a in status.to_answer
        ],
        "to_remind": [
            {
                "contact": r.contact,
                "organisation": r.organisation,
                "email": r.email,
                "internship": r.internship,
                "deadline": r.deadline.isoformat(),
                "calendar": r.calendar,
            }
            for r in status.to_remind
        ],
        "decisions_pending": [
            {"file": p.file, "reason": p.reason, "codes": list(p.codes), "refused": p.refused}
            for p in status.pending
        ],
        "placement": {
            "run": bool(status.placements),
            "results": [
                {
                    "file": p.file,
                    "internship": p.internship,
                    "placed": p.placed,
                    "unplaced": [
                        {"student": u.student, "track": u.track, "reason": u.reason}
                        for u in p.unplaced
                    ],
                    "problem": p.problem,
                }
                for p in status.placements
            ],
        },
        "missing": [{"part": part, "advice": typeset(ADVICE[part])} for part in status.missing],
        "season_folder_above": status.above,
    }
