"""Time the placements of ``assign`` on seeded instances, in process, against the issue's targets.

    uv run python bench/assign.py [--seed N] [--wishes K] [--solver-only | --command-only]

Targets (issue « assign », Speed): 100 students over 150 offers <= 2 s, 1 000 students over
1 000 offers <= 30 s, projets collectifs with 120 students and 40 candidate projects <= 10 s,
each as a whole command. Two measures of each: the solves alone, in process, scipy already
imported (its import is printed apart); then the whole command ``inet-stages assign`` in a
fresh Python process, on offer files and a students CSV written to a temporary folder
(start-up, checking every offer as ``validate`` does, reading the students, solving, JSON
out). CPU time is printed beside the wall-clock time: on a shared machine the second can be
several times the first.

Instances: offers open to one track, one in five to two (administrateurs and ingénieurs);
students of the three tracks in the proportions 5:2:3; wishes drawn without replacement,
popular offers more often (weights 1/(1 + k/10)), so that many students want the same few
offers as in real life. The whole commands run on the stage d'observation (the one individual
internship with a window for every track) and the projets collectifs of 2026-2027.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inet_stages.assign.solver import (
    AssignResult,
    Place,
    Student,
    assign_individual,
    assign_projects,
    describe_plan,
    describe_ranks,
)

TRACKS = ("administrateurs", "conservateurs", "ingenieurs")
SHARED = ("administrateurs", "ingenieurs")
SHARES = (5, 2, 3)


def _draw(rng: random.Random, names: list[str], weights: list[float], k: int) -> tuple[str, ...]:
    """``k`` distinct names, the heavier more often (Efraimidis–Spirakis keys)."""
    keys = sorted(((rng.random() ** (1 / w), n) for n, w in zip(names, weights, strict=True)))
    return tuple(n for _, n in keys[-k:][::-1])


def individual(
    seed: int, students: int, offers: int, wishes: int
) -> tuple[list[Student], list[Place]]:
    """Offers of one track (one in five of two) and students with ``wishes`` ranked wishes."""
    rng = random.Random(seed)
    places = []
    for k in range(offers):
        count = 2 if rng.random() < 0.2 else 1
        # Two tracks: administrateurs and ingénieurs (an offer for conservateurs needs a
        # library's director as tutor, which the other tracks do not take).
        tracks = frozenset(SHARED if count == 2 else rng.choices(TRACKS, SHARES))
        places.append(Place(offer=f"offre-{k:04d}", tracks=tracks))
    popularity = {p.offer: 1 / (1 + k / 10) for k, p in enumerate(places)}
    result = []
    for i in range(students):
        track = rng.choices(TRACKS, SHARES)[0]
        valid = [p.offer for p in places if track in p.tracks]
        chosen = _draw(rng, valid, [popularity[o] for o in valid], min(wishes, len(valid)))
        result.append(Student(name=f"eleve-{i:04d}", track=track, wishes=chosen))
    return result, places


def projects(
    seed: int, students: int, candidates: int, wishes: int
) -> tuple[list[Student], list[Place]]:
    """Candidate projects open to every track, students ranking ``wishes`` of them."""
    rng = random.Random(seed)
    places = [Place(offer=f"projet-{k:02d}", tracks=frozenset(TRACKS)) for k in range(candidates)]
    names = [p.offer for p in places]
    weights = [1 / (1 + k / 5) for k in range(candidates)]
    result = [
        Student(
            name=f"eleve-{i:03d}",
            track=rng.choices(TRACKS, SHARES)[0],
            wishes=_draw(rng, names, weights, wishes),
        )
        for i in range(students)
    ]
    return result, places


def _line(label: str, seconds: tuple[float, float], target: float, result: AssignResult) -> str:
    wall, cpu = seconds
    verdict = "ok" if wall <= target else "MISSED"
    gap = "" if result.gap in (None, 0.0) else f", écart {result.gap:.2%}"
    return (
        f"{label:<52} {wall:6.2f} s (CPU {cpu:5.2f} s)   cible <= {target:>4.0f} s   {verdict}\n"
        f"    {result.status.value}{gap} ; placés {result.objective.placed}, "
        f"somme des rangs au carré {result.objective.sum_rank_squared}\n"
        f"    {describe_ranks(result)}"
    )


# ---------------------------------------------------------------------------------------------
# The whole command, on files

#: Internship of the individual instances: the only individual one with a window for every
#: track in 2026-2027 (the thématique has none for the ingénieurs).
INDIVIDUAL = "observation"

DESCRIPTION = (
    "Découverte de la direction générale et des grands projets de la collectivité, "
    "avec un rapport d'étonnement remis au tuteur."
)

_OFFER = """[offer]
internship = "{internship}"
{tracks}title = "{title}"
description = "{description}"
submitted = {submitted}

[host]
name = "{host}"
kind = "commune"
population = {population}
city = "{city}"

[tutor]
name = "Camille Martin"
position = "{position}"
email = "dgs@{slug}.example.fr"
{extra}"""


def _offer_text(place: Place, internship: str, k: int) -> str:
    collective = internship == "projet_collectif"
    tracks = "" if collective else f"tracks = {json.dumps(sorted(place.tracks))}\n"
    return _OFFER.format(
        internship=internship,
        tracks=tracks,
        description=DESCRIPTION,
        position=(
            "Directrice de la médiathèque"
            if place.tracks == {"conservateurs"} and not collective
            else "Directrice générale des services"
        ),
        title=f"Mission {k} auprès de la direction générale",
        submitted="2026-06-01" if collective else "2025-11-20",
        host=f"Ville numéro {k}",
        population=60000 + k,
        city=f"Ville {k}",
        slug=f"ville-{k}",
        extra="\n[collective_project]\nfee_accepted = true\n" if collective else "",
    )


def write_instance(
    folder: Path, people: list[Student], places: list[Place], internship: str
) -> tuple[Path, Path]:
    """Offer files (one per place, named after it) and the students CSV, under ``folder``."""
    offers = folder / "offres"
    offers.mkdir()
    for k, place in enumerate(places):
        (offers / f"{place.offer}.toml").write_text(
            _offer_text(place, internship, k), encoding="utf-8"
        )
    width = max((len(s.wishes) for s in people), default=0)
    lines = [";".join(["nom", "filière", *(f"vœu {k + 1}" for k in range(width))])]
    for s in people:
        wishes = [*s.wishes, *[""] * (width - len(s.wishes))]
        lines.append(";".join([s.name, s.track, *wishes]))
    students = folder / "eleves.csv"
    students.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return offers, students


def run_command(
    people: list[Student], places: list[Place], internship: str, seed: int
) -> tuple[tuple[float, float], dict[str, object], str]:
    """``inet-stages assign`` on files, in a new process: (wall, CPU) seconds, JSON, stderr."""
    with tempfile.TemporaryDirectory(prefix="bench-assign-") as tmp:
        offers, students = write_instance(Path(tmp), people, places, internship)
        args = [
            sys.executable,
            "-m",
            "inet_stages",
            "assign",
            str(offers),
            "--students",
            str(students),
            "--internship",
            internship,
            "--today",
            "2026-11-28",
            "--seed",
            str(seed),
            "--format",
            "json",
        ]
        env = {**os.environ, "INET_STAGES_HOME": tmp}
        env.pop("INET_STAGES_CALENDAR", None)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(args, capture_output=True, text=True, env=env, check=False)
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if done.returncode != 0:
        raise SystemExit(f"inet-stages assign a échoué ({done.returncode}) :\n{done.stderr}")
    return (wall, cpu), json.loads(done.stdout), done.stderr


def _command_line(
    label: str, seconds: tuple[float, float], target: float, doc: dict[str, object]
) -> str:
    wall, cpu = seconds
    verdict = "ok" if wall <= target else "MISSED"
    objective = doc["objective"]
    assert isinstance(objective, dict)
    return (
        f"{label:<52} {wall:6.2f} s (CPU {cpu:5.2f} s)   cible <= {target:>4.0f} s   {verdict}\n"
        f"    {doc['status']} ; placés {objective['placed']}, "
        f"somme des rangs au carré {objective['sum_rank_squared']}"
    )


def commands(seed: int, wishes: int) -> None:
    """The three measures as whole commands."""
    for students, offers, target in ((100, 150, 2.0), (1000, 1000, 30.0)):
        people, places = individual(seed, students, offers, wishes)
        seconds, doc, _ = run_command(people, places, INDIVIDUAL, seed)
        label = f"commande, individuel : {students} élèves, {offers} offres"
        print(_command_line(label, seconds, target, doc))
    people, places = projects(seed, 120, 40, 5)
    seconds, doc, _ = run_command(people, places, "projet_collectif", seed)
    print(
        _command_line("commande, projets collectifs : 120 élèves, 40 projets", seconds, 10.0, doc)
    )


def main() -> None:
    """Run the three measures (solves alone, then whole commands), each next to its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--wishes", type=int, default=10)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--solver-only", action="store_true")
    only.add_argument("--command-only", action="store_true")
    args = parser.parse_args()
    if not args.command_only:
        solves(args.seed, args.wishes)
    if not args.solver_only:
        commands(args.seed, args.wishes)


def solves(seed: int, wishes: int) -> None:
    """The solves alone, in process."""
    start = time.perf_counter()
    import scipy.optimize  # noqa: F401  (timed apart: paid once per command)

    print(f"{'import de scipy.optimize':<52} {time.perf_counter() - start:6.2f} s")

    for students, offers, target in ((100, 150, 2.0), (1000, 1000, 30.0)):
        people, places = individual(seed, students, offers, wishes)
        start, cpu = time.perf_counter(), time.process_time()
        result = assign_individual(people, places, seed=seed)
        elapsed = (time.perf_counter() - start, time.process_time() - cpu)
        label = f"individuel : {students} élèves, {offers} offres, {wishes} vœux"
        print(_line(label, elapsed, target, result))

    people, places = projects(seed, 120, 40, 5)
    start, cpu = time.perf_counter(), time.process_time()
    result = assign_projects(people, places, size=4, tracks=TRACKS, seed=seed)
    elapsed = (time.perf_counter() - start, time.process_time() - cpu)
    print(_line("projets collectifs : 120 élèves, 40 projets, 5 vœux", elapsed, 10.0, result))
    if result.plan is not None:
        print(f"    {describe_plan(result.plan)} Équipes non mixtes : {len(result.unmixed)}.")


if __name__ == "__main__":
    main()
