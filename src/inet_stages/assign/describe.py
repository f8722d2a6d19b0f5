"""The placements' figures in French sentences: ranks obtained, teams' sizes."""

from __future__ import annotations

from collections import Counter

from inet_stages.assign.models import AssignResult, TeamPlan
from inet_stages.text.frdates import format_number


def _students(n: int) -> str:
    return f"{format_number(n)}\u00a0élève{'s' if n > 1 else ''}"


def _ordinal(rank: int) -> str:
    return "1er" if rank == 1 else f"{rank}e"


def describe_ranks(result: AssignResult) -> str:
    """« 1er vœu : 9 élèves, 2e vœu : 3 élèves, hors vœux : 1 élève » (empty when none placed)."""
    parts = [f"{_ordinal(r)} vœu\u00a0: {_students(n)}" for r, n in sorted(result.ranks.items())]
    if result.unlisted:
        parts.append(f"hors vœux\u00a0: {_students(result.unlisted)}")
    return ", ".join(parts)


def describe_plan(plan: TeamPlan) -> str:
    """The teams' sizes in a sentence, saying which teams take one more or one fewer."""
    if not plan.sizes:
        return "Aucune équipe."
    count = Counter(plan.sizes)
    teams = len(plan.sizes)
    parts = [
        f"{format_number(n)} de {format_number(s)}"
        for s, n in sorted(count.items(), key=lambda kv: -kv[1])
    ]
    head = f"{format_number(teams)} équipe{'s' if teams > 1 else ''}"
    if len(count) == 1:
        return f"{head} de {_students(plan.sizes[0])}."
    text = f"{head} pour {_students(plan.places)}\u00a0: {' et '.join(parts)}"
    if plan.larger:
        n = plan.larger
        return (
            f"{text} ({format_number(n)} équipe{'s' if n > 1 else ''} "
            f"d'un élève de plus que {plan.size})."
        )
    n = plan.smaller
    return (
        f"{text} ({format_number(n)} équipe{'s' if n > 1 else ''} "
        f"d'un élève de moins que {plan.size})."
    )
