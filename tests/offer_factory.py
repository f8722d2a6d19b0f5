"""Build offer files from a valid base and a few changes, and check them like ``validate``."""

from __future__ import annotations

import copy
from datetime import date
from typing import Any

import tomli
import tomli_w

from inet_stages.calendar import Calendar, load_calendar
from inet_stages.findings import Finding
from inet_stages.offer.reader import read_document
from inet_stages.rules import Context, check_offer

CALENDAR: Calendar = load_calendar()
TODAY = date(2026, 11, 28)

#: Marks a key to delete in :func:`offer_text`.
DELETE = object()

DESCRIPTION = (
    "Analyser l'absentéisme des agents sur trois ans, le comparer à des collectivités de "
    "taille proche et proposer à la direction générale un plan d'action chiffré."
)

BASE: dict[str, Any] = {
    "offer": {
        "internship": "thematique",
        "tracks": ["administrateurs"],
        "title": "Diagnostic et plan de lutte contre l'absentéisme",
        "description": DESCRIPTION,
        "submitted": date(2026, 2, 10),
    },
    "host": {"name": "Ville de Colmar", "kind": "commune", "population": 67000, "city": "Colmar"},
    "tutor": {
        "name": "Camille Martin",
        "position": "Directrice générale des services",
        "email": "camille.martin@example.fr",
    },
}

#: A valid base per internship (the changes each needs from BASE).
PER_INTERNSHIP: dict[str, dict[str, Any]] = {
    "observation": {
        "offer.internship": "observation",
        "offer.submitted": date(2025, 11, 20),
    },
    "thematique": {},
    "projet_collectif": {
        "offer.internship": "projet_collectif",
        "offer.tracks": DELETE,
        "offer.submitted": date(2026, 6, 1),
        "collective_project.fee_accepted": True,
    },
    "ouverture": {
        "offer.internship": "ouverture",
        "offer.submitted": date(2026, 10, 1),
        "host.kind": "association",
    },
    "perfectionnement": {
        "offer.internship": "perfectionnement",
        "offer.tracks": ["ingenieurs"],
        "offer.submitted": date(2026, 10, 1),
    },
    "professionnalisation": {
        "offer.internship": "professionnalisation",
        "offer.submitted": date(2026, 10, 1),
        "offer.mission_kind": "pilotage_projet",
    },
}


def offer_data(internship: str = "thematique", **changes: Any) -> dict[str, Any]:
    """The base offer of ``internship`` with ``changes`` (``host__population=40000``)."""
    data = copy.deepcopy(BASE)
    merged = {**PER_INTERNSHIP[internship], **{k.replace("__", "."): v for k, v in changes.items()}}
    for dotted, value in merged.items():
        table, key = dotted.split(".")
        if value is DELETE:
            data.get(table, {}).pop(key, None)
        else:
            data.setdefault(table, {})[key] = value
    return data


def offer_text(internship: str = "thematique", **changes: Any) -> str:
    """The TOML text of :func:`offer_data`."""
    return tomli_w.dumps(offer_data(internship, **changes))


def check_text(text: str, today: date = TODAY) -> list[Finding]:
    """Every finding ``validate`` gives for this text (reader and rules)."""
    result = read_document("offre.toml", text, tomli.loads(text), CALENDAR)
    found = list(result.findings)
    if result.offer is not None:
        found.extend(check_offer(result.offer, Context(calendar=CALENDAR, today=today)))
    return found


def codes(
    internship: str = "thematique", *, today: date = TODAY, **changes: Any
) -> set[tuple[str, str | None]]:
    """The (code, field) pairs found in the base offer with ``changes``."""
    return {(f.code, f.field) for f in check_text(offer_text(internship, **changes), today)}
