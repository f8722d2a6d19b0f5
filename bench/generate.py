"""Seeded generator of realistic offer files (offer format version 1, docs/reference/template.md).

By default about one offer in six carries a mistake a host really makes (a
late deposit, a typo in a key, a town too small for a projet collectif, a DGA
as observation tutor, a bad e-mail…), so that validation does real work on
both paths. ``--error-rate 0.5`` makes the error-path corpus: half the offers
wrong, with every family of mistake, Word's slips included (curly quotes,
dates in French order).

    uv run python bench/generate.py 1000 /tmp/offres --seed 7
    uv run python bench/generate.py 1000 /tmp/erreurs --error-rate 0.5
"""

from __future__ import annotations

import argparse
import random
import unicodedata
from datetime import timedelta
from pathlib import Path

from inet_stages.calendar import Window, load_calendar

TOWNS = [
    ("Colmar", "commune", 67_000),
    ("Mulhouse", "commune", 105_000),
    ("Strasbourg", "commune", 290_000),
    ("Metz", "commune", 120_000),
    ("Nancy", "commune", 105_000),
    ("Reims", "commune", 180_000),
    ("Dijon", "commune", 160_000),
    ("Besançon", "commune", 120_000),
    ("Lille", "commune", 236_000),
    ("Rennes", "commune", 225_000),
    ("Nantes", "commune", 320_000),
    ("Bordeaux", "commune", 260_000),
    ("Lyon", "commune", 520_000),
    ("Grenoble", "commune", 157_000),
    ("Annecy", "commune", 130_000),
    ("Obernai", "commune", 11_000),
    ("Sélestat", "commune", 19_000),
]
GROUPS = [
    ("Eurométropole de Strasbourg", "epci", 510_000),
    ("Département du Bas-Rhin", "departement", 1_150_000),
    ("Région Grand Est", "region", 5_560_000),
    ("Collectivité européenne d'Alsace", "collectivite_unique", 1_900_000),
    ("SDIS du Haut-Rhin", "etablissement_public_local", 0),
]
OTHERS = [
    ("Préfecture du Bas-Rhin", "etat"),
    ("Caisse des Dépôts", "entreprise_publique"),
    ("Bibliothèque nationale de France", "etablissement_public_national"),
    ("Association Lire et faire lire", "association"),
    ("Cabinet Conseil Territoires", "entreprise_privee"),
]
FIRST = [
    "Camille",
    "Dominique",
    "Claude",
    "Sacha",
    "Alix",
    "Jeanne",
    "Karim",
    "Léa",
    "Hugo",
    "Inès",
]
LAST = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy"]
TOPICS = [
    "Diagnostic et plan de lutte contre l'absentéisme",
    "Stratégie bas carbone de la collectivité",
    "Mutualisation des fonctions support de la Ville et du CCAS",
    "Politique documentaire du réseau intercommunal des bibliothèques",
    "Schéma directeur des systèmes d'information",
    "Plan pluriannuel d'investissement et prospective financière",
    "Démarche de gestion des risques internes",
    "Offre de service dédiée aux entreprises",
    "Rénovation énergétique des bâtiments scolaires",
    "Cartographie des métiers concernés par l'IA",
]


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


#: Kinds of mistake: 0 small town (projet collectif), 1 late, 2 DGA tutor, 3 bad
#: e-mail, 4 key typo with a suggestion, 5 start before the window, 6 curly
#: quotes around the title, 7 a date in French order, 8 unknown key.
MISTAKES = 9


def offer(rng: random.Random, index: int, windows: list[Window], error_rate: float = 1 / 6) -> str:
    """One offer file's text, for one of the calendar's windows."""
    window = rng.choice(windows)
    internship = window.internship
    tracks = [] if internship == "projet_collectif" else [window.track]
    start, end, deadline = window.start, window.end, window.offers_deadline
    if window.alternatives:
        start, end = window.alternatives[0].start, window.alternatives[0].end
    mistake = rng.random() < error_rate
    # The historical corpus drew six kinds; the error-path corpus draws them all.
    kinds = 6 if error_rate < 0.25 else MISTAKES
    kind_of_mistake = rng.randrange(kinds) if mistake else -1
    if internship in ("ouverture",) and rng.random() < 0.5:
        host, kind = rng.choice(OTHERS)
        population = 0
    elif internship == "projet_collectif":
        host, kind, population = rng.choice(TOWNS[:15] + GROUPS[:4])
        host = f"Ville de {host}" if kind == "commune" else host
    else:
        host, kind, population = rng.choice(TOWNS + GROUPS)
        host = f"Ville de {host}" if kind == "commune" else host
    if kind_of_mistake == 0 and internship == "projet_collectif":
        host, kind, population = "Ville d'Obernai", "commune", 11_000
    topic = rng.choice(TOPICS)
    submitted = (deadline or start - timedelta(days=60)) - timedelta(days=rng.randrange(1, 90))
    if kind_of_mistake == 1 and deadline is not None:
        submitted = deadline + timedelta(days=rng.randrange(1, 20))
    first, last = rng.choice(FIRST), rng.choice(LAST)
    position = "Directrice générale des services"
    if kind_of_mistake == 2:
        position = "Directeur général adjoint"
    # Addresses carry no accents (léa.petit → lea.petit), as real ones do.
    plain = unicodedata.normalize("NFKD", f"{first}.{last}".lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    email = f"{plain}@example.fr"
    if kind_of_mistake == 3:
        email = f"{plain}example.fr"
    chosen_tracks = tracks
    if internship == "observation" and chosen_tracks == ["conservateurs"]:
        position = rng.choice(
            ["Directrice du réseau de lecture publique", "Directeur de la médiathèque"]
        )
    population_key = "popluation" if kind_of_mistake == 4 else "population"
    description = (
        f"{topic}. La mission s'inscrit dans le projet d'administration de la collectivité "
        "et associe la direction générale, les élus référents et les services concernés. "
        "L'élève réalise un diagnostic, conduit des entretiens et formule des préconisations "
        f"opérationnelles. Référence interne {index:05d}."
    )
    lines = [
        "[offer]",
        f"internship = {_quote(internship)}",
    ]
    if chosen_tracks:
        lines.append("tracks = [" + ", ".join(_quote(t) for t in chosen_tracks) + "]")
    title = _quote(f"{topic} (réf. {index:05d})")
    if kind_of_mistake == 6:
        title = "\u201c" + title[1:-1] + "\u201d"  # Word's “…”
    day = submitted.isoformat()
    if kind_of_mistake == 7:
        day = submitted.strftime("%d/%m/%Y")
    lines += [
        # Hosts send different missions: the reference keeps titles apart, so
        # that duplicates (a warning) stay the exception they are in real life.
        f"title = {title}",
        f'description = """{description}"""',
        f"{'submited' if kind_of_mistake == 8 else 'submitted'} = {day}",
    ]
    if rng.random() < 0.4:
        shift = 3 if kind_of_mistake == 5 else 0
        lines += [
            f"start = {(start - timedelta(days=shift)).isoformat()}",
            f"end = {end.isoformat()}",
        ]
    lines += ["", "[host]", f"name = {_quote(host)}", f"kind = {_quote(kind)}"]
    if population:
        lines.append(f"{population_key} = {population}")
    lines += [
        f"city = {_quote(host.removeprefix('Ville de '))}",
        "",
        "[tutor]",
        f"name = {_quote(first + ' ' + last)}",
        f"position = {_quote(position)}",
        f"email = {_quote(email)}",
        'phone = "03 88 00 00 00"',
    ]
    if internship == "projet_collectif":
        lines += ["", "[collective_project]", "fee_accepted = true"]
    return "\n".join(lines) + "\n"


def generate(
    count: int,
    destination: Path,
    *,
    seed: int = 2026,
    error_rate: float = 1 / 6,
    identical: bool = False,
) -> list[Path]:
    """Write ``count`` offers under ``destination`` (100 per sub-folder); return their paths.

    ``identical`` writes ``count`` copies of one valid offer: the worst case of
    duplicate detection (every file in one group).
    """
    rng = random.Random(seed)
    windows = list(load_calendar().windows)
    first = offer(rng, 0, windows, 0.0)
    paths = []
    for index in range(count):
        folder = destination / f"lot_{index // 100:03d}"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"offre_{index:05d}.toml"
        text = first if identical else offer(rng, index, windows, error_rate)
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("destination", type=Path)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--error-rate", type=float, default=1 / 6)
    parser.add_argument("--identical", action="store_true", help="copies of one offer")
    args = parser.parse_args()
    generate(
        args.count,
        args.destination,
        seed=args.seed,
        error_rate=args.error_rate,
        identical=args.identical,
    )


if __name__ == "__main__":
    main()
