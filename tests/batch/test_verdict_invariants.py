"""Invariant: every output is a view of the one verdict (docs/reference/validate.md).

Hypothesis generates batches of offers — several tracks, late for one track,
copies with and without decisions, look-alike copies with another tutor
address, warnings, malformed addresses, a second calendar — and checks, for
every offer and track, that ``validate``'s JSON (``valid_tracks``,
``outcomes``), ``report``'s counts and ``assign``'s eligibility agree with the
batch's verdict (:mod:`inet_stages.batch.verdict`), and that the verdict
agrees with the findings it was built from.

The letters join the invariant through :func:`letters_outcomes` (the hook
below): it returns the outcome each letter states per (offer path, track).
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inet_stages.batch.by_promotion import split
from inet_stages.batch.check import Report, Target, apply_decisions, check_files
from inet_stages.batch.decisions import read_decisions
from inet_stages.batch.verdict import ELIGIBLE, Outcome
from inet_stages.calendar import Calendar, load_calendar
from inet_stages.findings import CODES
from inet_stages.offer.promotion import chooser
from inet_stages.render.validate import report_json
from inet_stages.report.tally import tally
from tests.conftest import rolled
from tests.offer_factory import CALENDAR, offer_text

ADM, CONS, ING = "administrateurs", "conservateurs", "ingenieurs"
TODAY = date(2026, 3, 1)
NEXT_TEXT = rolled(draft=False)


@dataclass(frozen=True)
class Spec:
    """One offer file of a generated batch."""

    internship: str
    tracks: tuple[str, ...]
    submitted: date
    host: str
    title: str
    email: str
    short: bool  # a description too short: W001
    epl: bool  # an établissement public local: H004 for observation and thématique
    decision: str | None  # None, "refuse" or "accept"


SPECS = st.builds(
    Spec,
    internship=st.sampled_from(["thematique", "observation"]),
    tracks=st.lists(st.sampled_from([ADM, CONS, ING]), min_size=1, max_size=3, unique=True).map(
        tuple
    ),
    # On time for everyone; late for the conservateurs' thématique or the
    # administrateurs' observation only; late for all; next year's campaign.
    submitted=st.sampled_from(
        [date(2025, 11, 20), date(2026, 1, 10), date(2026, 2, 10), date(2026, 2, 20)]
    ),
    host=st.sampled_from(["Ville de Colmar", "Ville de Metz"]),
    title=st.sampled_from(["Plan de lutte contre l'absentéisme", "Schéma de lecture publique"]),
    email=st.sampled_from(
        ["camille.martin@example.fr", "autre.tuteur@example.fr", "camille.martin@"]
    ),
    short=st.booleans(),
    epl=st.booleans(),
    decision=st.sampled_from([None, None, "refuse", "accept"]),
)

DESCRIPTION_SHORT = "Mission RH."


def _write(folder: Path, specs: list[Spec]) -> list[Target]:
    targets: list[Target] = []
    decisions: list[str] = []
    for index, spec in enumerate(specs):
        changes: dict[str, Any] = {
            "offer__tracks": list(spec.tracks),
            "offer__submitted": spec.submitted,
            "offer__title": spec.title,
            "host__name": spec.host,
            "tutor__email": spec.email,
        }
        if spec.short:
            changes["offer__description"] = DESCRIPTION_SHORT
        if spec.epl:
            changes["host__kind"] = "etablissement_public_local"
        name = f"offre{index:02d}.toml"
        path = folder / name
        path.write_text(offer_text(spec.internship, **changes), encoding="utf-8")
        targets.append(Target(name=str(path), path=path))
        if spec.decision == "refuse":
            decisions.append(f'["{name}"]\nrefuse = true\nreason = "Doublon"\n')
        elif spec.decision == "accept":
            decisions.append(f'["{name}"]\naccept = ["D002", "W002"]\nreason = "Accord"\n')
    if decisions:
        (folder / "decisions.toml").write_text("\n".join(decisions), encoding="utf-8")
    return targets


def _batch(folder: Path, specs: list[Spec], calendars: list[Calendar]) -> Report:
    targets = _write(folder, specs)
    choose = chooser(calendars, calendars[0]) if len(calendars) > 1 else None
    checked = check_files(targets, CALENDAR, TODAY, keep_offers=True, chooser=choose)
    book = folder / "decisions.toml"
    return apply_decisions(checked, [read_decisions(book)] if book.exists() else [])


def letters_outcomes(checked: Report, calendars: list[Calendar]) -> Mapping[tuple[str, str], str]:
    """The outcome each letter states, per (offer path, track), as ``report --letters`` writes it.

    Each promotion's letters with its own calendar, as ``report`` does; the
    outcome is read from what the rendered letter says for each track (its
    blocks), for the copy it speaks from (a refused copy in the same letter
    does not refuse the original).
    """
    from inet_stages.report.letters import plan, render
    from inet_stages.report.tally import letter_names
    from inet_stages.report.texts import environment, load_texts

    texts, env = load_texts(None), environment(None)
    ordered = sorted(calendars, key=lambda c: (c is not calendars[0], c.school_year))
    parts = split(checked, ordered) if len(calendars) > 1 else [(calendars[0], checked)]
    stated: dict[tuple[str, str], str] = {}
    for calendar, part in parts:
        names = {
            p: n.removesuffix(".md") for p, n in letter_names(f.path for f in part.files).items()
        }
        for letter in plan(part, names):
            _, context = render(calendar, letter, today=TODAY, own=None, texts=texts, env=env)
            for block in context["blocs"]:
                for track in block["filieres_ids"]:
                    stated[(letter.main.path, track)] = block["statut"]
            # Every track of the offer is said, none twice.
            said = [t for b in context["blocs"] for t in b["filieres_ids"]]
            assert sorted(said) == sorted(letter.outcomes), (letter.name, said)
    return stated


def _expected(checked: Report, path: str, track: str) -> Outcome:
    """The verdict recomputed from the file's findings, the way docs/reference/validate.md states it."""
    report = next(f for f in checked.files if f.path == path)
    open_ = [
        f
        for f in report.findings
        if not f.accepted
        and f.concerns(track)
        and f.code not in report.settled
        and not (f.severity == "warning" and f.code.startswith("X"))
    ]
    errors = [f for f in open_ if f.severity == "error"]
    if any(not CODES[f.code].curable for f in errors):
        return "non_retenue"
    if errors:
        return "a_completer"
    return "retenue_sous_reserve" if open_ else "retenue"


def _check_invariants(checked: Report, calendars: list[Calendar]) -> None:
    verdicts = checked.verdicts
    document = report_json(checked)
    # validate's JSON and each file's verdict.
    for entry, file_report in zip(document["files"], checked.files, strict=True):
        verdict = verdicts.of(file_report.path)
        tracks = list(file_report.tracks or ())
        assert entry["outcomes"] == {t: verdict.outcome_for(t) for t in tracks}
        assert entry["valid_tracks"] == [t for t in tracks if verdict.outcome_for(t) in ELIGIBLE]
        assert entry["valid"] == all(verdict.outcome_for(t) in ELIGIBLE for t in tracks)
        for track in tracks:
            assert verdict.outcome_for(track) == _expected(checked, file_report.path, track)
        # A refused copy is « non retenue », whatever else.
        if file_report.decision is not None and file_report.decision.refused:
            assert set(entry["outcomes"].values()) <= {"non_retenue"}
    # Dossiers: every file in exactly one; one addressee per distinct address.
    paths = [p for d in verdicts.dossiers for p in d.paths]
    assert sorted(paths) == sorted(f.path for f in checked.files)
    for dossier in verdicts.dossiers:
        addressed = [p for a in dossier.addressees for p in a.paths]
        assert sorted(addressed) == sorted(dossier.paths)
        keys = [a.address.casefold() if a.address else None for a in dossier.addressees]
        assert len(keys) == len(set(keys))
    # report's counts, promotion by promotion.
    ordered = sorted(calendars, key=lambda c: c.school_year)
    parts = split(checked, ordered) if len(calendars) > 1 else [(calendars[0], checked)]
    for calendar, part in parts:
        counted = tally(calendar, part, {})
        for row in counted.rows:
            if row.track is None:
                continue
            naming = [
                f
                for f in part.files
                if f.offer is not None
                and f.offer.internship == row.internship
                and row.track in f.offer.tracks
            ]
            eligible = [f for f in naming if verdicts.eligible(f.path, row.track)]
            assert row.valid == len(eligible), (row, [f.path for f in eligible])
            assert row.invalid == len(naming) - len(eligible)
            # One place per dossier, not per copy.
            dossiers = {verdicts.dossier_of(f.path).key for f in eligible}
            assert row.places == len(dossiers)
    # assign's eligibility: the places it offers are the verdict's valid tracks, one place
    # per dossier and track (copies are one place, as report counts them).
    from inet_stages.assign.plan import places_of

    main = ordered[0]
    for internship in ("thematique", "observation"):
        places = places_of(main, checked, internship).places
        offered = {p.offer: p.tracks for p in places}
        by_dossier: dict[str, list[tuple[frozenset[str], set[str]]]] = {}
        for f in checked.files:
            if (
                f.offer is None
                or f.offer.internship != internship
                or f.calendar != main.school_year
            ):
                continue
            valid = {
                t
                for t in f.offer.tracks
                if verdicts.eligible(f.path, t) and main.window(t, internship) is not None
            }
            here = offered.get(Path(f.path).stem, frozenset())
            assert here <= valid, (f.path, here, valid)
            by_dossier.setdefault(verdicts.dossier_of(f.path).key, []).append((here, valid))
        for key, copies in by_dossier.items():
            given = [t for here, _ in copies for t in here]
            assert len(given) == len(set(given)), (key, copies)
            assert set(given) == set().union(*(valid for _, valid in copies)), (key, copies)
    # The letters (hook): each outcome a letter states is the verdict's.
    stated = letters_outcomes(checked, calendars)
    assert stated or not any(f.verdict.by_track for f in checked.files)
    for (path, track), outcome in stated.items():
        assert outcome == verdicts.outcome(path, track)


# On top of the loaded profile (``ci``: derandomised, so that a failure replays
# the same anywhere; ``thorough`` explores more): each example writes files.
@settings(max_examples=25, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(specs=st.lists(SPECS, min_size=1, max_size=7), second=st.booleans())
def test_every_view_is_the_verdict(specs: list[Spec], second: bool) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        calendars = [CALENDAR]
        if second:
            (folder / "cal").mkdir()
            (folder / "cal" / "calendar_2027_28.toml").write_text(NEXT_TEXT, encoding="utf-8")
            calendars.append(load_calendar(folder / "cal" / "calendar_2027_28.toml"))
        offers = folder / "offres"
        offers.mkdir()
        checked = _batch(offers, specs, calendars)
        _check_invariants(checked, calendars)


def test_the_generator_reaches_every_outcome() -> None:
    """The strategies above can make each outcome (else the invariant proves little)."""
    seen: set[str] = set()
    specs = [
        Spec(
            "thematique",
            (ADM, CONS),
            date(2026, 2, 10),
            "A",
            "T",
            "a@example.fr",
            False,
            False,
            None,
        ),
        Spec("thematique", (ADM,), date(2026, 2, 10), "B", "T", "b@", True, False, None),
        Spec("thematique", (ADM,), date(2026, 2, 10), "C", "T", "c@example.fr", True, False, None),
        Spec(
            "thematique",
            (ADM,),
            date(2026, 2, 10),
            "C",
            "T",
            "d@example.fr",
            False,
            False,
            "refuse",
        ),
    ]
    with tempfile.TemporaryDirectory() as tmp:
        checked = _batch(Path(tmp), specs, [CALENDAR])
        _check_invariants(checked, [CALENDAR])
        for verdict in checked.verdicts.offers:
            seen.update(v.outcome for v in verdict.by_track.values())
        assert len(checked.verdicts.dossiers) == 3
    assert seen == {"retenue", "retenue_sous_reserve", "a_completer", "non_retenue"}
