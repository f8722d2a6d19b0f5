"""Time the placements of ``assign`` on seeded instances, in process, against the issue's targets.

    uv run python bench/assign.py [--seed N] [--wishes K] [--solver-only | --command-only]

    uv run --with scipy python bench/assign.py --scipy   # scipy.optimize.milp as the baseline
    uv run python bench/assign.py --solver-only --hard   # also wishes that ignore popularity

Targets: 100 students over 150 offers <= 2 s, 1 000 students over 1 000 offers <= 30 s,
projets collectifs with 120 students and 40 candidate projects <= 10 s; at scale, a thématique
of 5 000 students with 5 wishes on 1 000 offers about 3 s and 160 MB, 1 000 students on 300
projets collectifs <= 30 s, every placement <= 1 GB. First the installed footprint; then the
solves alone, each in a fresh process (its peak memory its own; highspy's import printed
apart), with ``--scipy`` the same models solved by ``scipy.optimize.milp`` (the solver this
project used before highspy) in the same run; then the whole command ``inet-stages assign`` in
a fresh Python process, on offer files and a students CSV written to a temporary folder
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
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from inet_stages.assign.describe import describe_plan, describe_ranks
from inet_stages.assign.models import AssignResult, Place, Student
from inet_stages.assign.solver import assign_individual
from inet_stages.assign.teams import assign_projects

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


def uniform_projects(
    seed: int, students: int, candidates: int, wishes: int
) -> tuple[list[Student], list[Place]]:
    """Projects every one as wanted as the others: wishes drawn uniformly (the hard case)."""
    rng = random.Random(seed)
    places = [Place(offer=f"projet-{k:03d}", tracks=frozenset(TRACKS)) for k in range(candidates)]
    names = [p.offer for p in places]
    result = [
        Student(
            name=f"eleve-{i:04d}",
            track=rng.choices(TRACKS, SHARES)[0],
            wishes=tuple(rng.sample(names, wishes)),
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


#: The solves alone: (kind, students, offers, wishes, target in seconds). The second block is
#: the scale of the hardening round: a large thématique, projets collectifs of 400 and 1 000.
SOLVES = (
    ("individuel", 100, 150, 10, 2.0),
    ("individuel", 1000, 1000, 10, 30.0),
    ("individuel", 5000, 1000, 5, 5.0),
    ("individuel", 10000, 2000, 10, 60.0),
    ("projets", 120, 40, 5, 10.0),
    ("projets", 400, 120, 5, 30.0),
    ("projets", 1000, 300, 5, 30.0),
)

#: With ``--hard``: 1 000 students whose wishes ignore popularity, stopped by a limit (s).
HARD = ("projets-uniformes", 1000, 300, 5, 90.0)
HARD_LIMIT = 60.0

#: Every placement's peak memory, whole process (the issue's bound).
MEMORY_TARGET_MB = 1024


def _scipy_solve(model: Any, cost: Any, time_limit: float | None, *, network: bool = False) -> Any:
    """The former solver, ``scipy.optimize.milp`` (the same HiGHS), on the same model: the
    baseline of ``--scipy`` (``uv run --with scipy``; scipy is no longer a dependency)."""
    import numpy as np
    from scipy.optimize import Bounds, LinearConstraint, milp
    from scipy.sparse import csr_array

    from inet_stages.assign.milp import Solution
    from inet_stages.assign.models import SolverStatus

    n = len(cost)
    if n == 0:
        return Solution({}, SolverStatus.OPTIMAL, 0.0)
    options = {"mip_rel_gap": 0.4 / max(1.0, sum(abs(c) for c in cost)), "presolve": True}
    if time_limit is not None:
        options["time_limit"] = max(0.01, time_limit)
    matrix = csr_array(
        (np.array(model.vals), np.array(model.cols), np.array(model.starts)),
        shape=(len(model.lower), n),
    )
    res = milp(
        np.array(cost, dtype=float),
        integrality=np.ones(n),
        bounds=Bounds(0, np.array(model.bounds)),
        constraints=[LinearConstraint(matrix, np.array(model.lower), np.array(model.upper))],
        options=options,
    )
    x = getattr(res, "x", None)
    chosen = None if x is None else {int(j): round(x[j]) for j in np.flatnonzero(x > 0.5)}
    if res.status == 0:
        return Solution(chosen, SolverStatus.OPTIMAL, 0.0)
    if res.status == 1 and chosen is not None:
        return Solution(chosen, SolverStatus.TIME_LIMIT, getattr(res, "mip_gap", None))
    return Solution(None, SolverStatus.FAILED, None, infeasible=res.status == 2)


def one(spec: str, seed: int, backend: str) -> None:
    """One solve in this (fresh) process: print wall, CPU, peak memory and the result as JSON."""
    kind, students, offers, wishes = spec.split(":")
    start = time.perf_counter()
    if backend == "scipy":
        import scipy.optimize  # noqa: F401

        import inet_stages.assign.solver as individual_module
        import inet_stages.assign.teams as teams_module

        individual_module.solve = _scipy_solve  # type: ignore[assignment]
        teams_module.solve = _scipy_solve  # type: ignore[assignment]
    else:
        import highspy  # noqa: F401
    imported = time.perf_counter() - start
    draw = {"individuel": individual, "projets": projects, "projets-uniformes": uniform_projects}
    people, places = draw[kind](seed, int(students), int(offers), int(wishes))
    start, cpu = time.perf_counter(), time.process_time()
    if kind == "individuel":
        result = assign_individual(people, places, seed=seed)
    else:
        limit = HARD_LIMIT if kind == "projets-uniformes" else None
        result = assign_projects(
            people, places, size=4, tracks=TRACKS, seed=seed, time_limit=limit, clock=time.monotonic
        )
    wall, cpu = time.perf_counter() - start, time.process_time() - cpu
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        json.dumps(
            {
                "import": imported,
                "wall": wall,
                "cpu": cpu,
                "peak_mb": peak,
                "status": result.status.value
                + ("" if result.gap in (None, 0.0) else f", écart {result.gap:.2%}"),
                "placed": result.objective.placed,
                "sum_rank_squared": result.objective.sum_rank_squared,
                "unmixed": len(result.unmixed),
                "ranks": describe_ranks(result),
                "plan": describe_plan(result.plan) if result.plan is not None else "",
            }
        )
    )


def _fresh(spec: str, seed: int, backend: str) -> dict[str, Any]:
    args = [sys.executable, __file__, "--one", spec, "--seed", str(seed), "--backend", backend]
    done = subprocess.run(args, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{spec} ({backend}) a échoué :\n{done.stderr}")
    document: dict[str, Any] = json.loads(done.stdout.splitlines()[-1])
    return document


def solves(seed: int, scipy: bool, only: str | None, hard: bool) -> None:
    """Each solve alone, in a fresh process (so that its peak memory is its own)."""
    for kind, students, offers, wishes, target in (*SOLVES, *([HARD] if hard else [])):
        spec = f"{kind}:{students}:{offers}:{wishes}"
        if only is not None and only != spec:
            continue
        got = _fresh(spec, seed, "highspy")
        verdict = "ok" if got["wall"] <= target and got["peak_mb"] <= MEMORY_TARGET_MB else "MISSED"
        what = "offres" if kind == "individuel" else "projets"
        label = f"{kind} : {students} élèves, {offers} {what}, {wishes} vœux"
        print(
            f"{label:<48} {got['wall']:6.2f} s (CPU {got['cpu']:5.2f} s) {got['peak_mb']:5.0f} Mo"
            f"   cible <= {target:>3.0f} s, {MEMORY_TARGET_MB} Mo   {verdict}\n"
            f"    {got['status']} ; placés {got['placed']}, somme des rangs au carré "
            f"{got['sum_rank_squared']} ; import de highspy {got['import']:.2f} s\n"
            f"    {got['ranks']} {got['plan']}"
        )
        if scipy and students <= 5000:  # the former solver takes minutes beyond
            base = _fresh(spec, seed, "scipy")
            same = (base["placed"], base["sum_rank_squared"]) == (
                got["placed"],
                got["sum_rank_squared"],
            )
            print(
                f"    scipy.optimize.milp, même modèle : {base['wall']:.2f} s, "
                f"{base['peak_mb']:.0f} Mo, import {base['import']:.2f} s, {base['status']}, "
                f"{'même optimum' if same else 'AUTRE OPTIMUM'} ; ratio highspy / scipy "
                f"{got['wall'] / max(base['wall'], 1e-9):.2f}"
            )


def footprint() -> None:
    """The installed footprint: the project environment's site-packages (where typer is), in MB.

    Under ``uv run --with``, the overlay's packages (scipy for ``--scipy``) are elsewhere and
    not counted.
    """
    import typer

    folder = Path(typer.__file__).resolve().parents[1]
    # Blocks on disk, as `du` counts them (the figure the issue gave).
    total = sum(f.lstat().st_blocks * 512 for f in folder.rglob("*"))
    print(f"{'empreinte installée (site-packages du projet)':<52} {total / 2**20:6.0f} Mo")


def main() -> None:
    """Run the measures (solves alone, then whole commands), each next to its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--wishes", type=int, default=10)
    parser.add_argument("--scipy", action="store_true", help="baseline: scipy.optimize.milp")
    parser.add_argument("--only", help="one solve, as individuel:5000:1000:5")
    parser.add_argument("--hard", action="store_true", help="also 1 000 on 300, uniform wishes")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--backend", default="highspy", help=argparse.SUPPRESS)
    only = parser.add_mutually_exclusive_group()
    only.add_argument("--solver-only", action="store_true")
    only.add_argument("--command-only", action="store_true")
    args = parser.parse_args()
    if args.one:
        one(args.one, args.seed, args.backend)
        return
    footprint()
    if not args.command_only:
        solves(args.seed, args.scipy, args.only, args.hard)
    if not args.solver_only and args.only is None:
        commands(args.seed, args.wishes)


if __name__ == "__main__":
    main()
