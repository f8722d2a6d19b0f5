"""The brochure's dates, typed by hand from the seed, to compare with the packaged calendar."""

from __future__ import annotations

from datetime import date

D = date.fromisoformat

#: (track, internship) -> (start, end, weeks, offers deadline or None)
WINDOWS: dict[tuple[str, str], tuple[date, date, int, date | None]] = {
    ("administrateurs", "observation"): (D("2026-03-30"), D("2026-04-24"), 4, D("2025-11-24")),
    ("conservateurs", "observation"): (D("2026-03-30"), D("2026-04-18"), 3, D("2025-11-24")),
    ("ingenieurs", "observation"): (D("2026-06-01"), D("2026-06-19"), 3, D("2026-01-30")),
    ("administrateurs", "thematique"): (D("2026-05-26"), D("2026-07-10"), 7, D("2026-02-16")),
    ("conservateurs", "thematique"): (D("2026-05-26"), D("2026-07-10"), 7, D("2026-01-30")),
    ("administrateurs", "projet_collectif"): (D("2026-10-12"), D("2026-12-18"), 9, D("2026-06-19")),
    ("conservateurs", "projet_collectif"): (D("2026-10-12"), D("2026-12-18"), 9, D("2026-06-19")),
    ("ingenieurs", "projet_collectif"): (D("2026-10-12"), D("2026-12-18"), 9, D("2026-06-19")),
    ("administrateurs", "ouverture"): (D("2027-02-01"), D("2027-02-26"), 4, None),
    ("conservateurs", "ouverture"): (D("2027-02-01"), D("2027-02-19"), 3, None),
    ("ingenieurs", "perfectionnement"): (D("2027-02-01"), D("2027-03-19"), 7, None),
    ("administrateurs", "professionnalisation"): (D("2027-05-03"), D("2027-07-30"), 13, None),
    ("conservateurs", "professionnalisation"): (D("2027-05-18"), D("2027-07-30"), 11, None),
}

#: « 3 semaines du 30 ou 31 mars au 17 ou 18 avril 2026 »
CONSERVATEURS_OBSERVATION_ALTERNATIVES = (
    (D("2026-03-30"), D("2026-04-17")),
    (D("2026-03-31"), D("2026-04-18")),
)

SCHOOLING: dict[str, tuple[date, date]] = {
    "administrateurs": (D("2026-02-01"), D("2027-07-31")),
    "conservateurs": (D("2026-02-01"), D("2027-07-31")),
    "ingenieurs": (D("2026-04-01"), D("2027-03-31")),
}
