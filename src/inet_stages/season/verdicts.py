"""The verdict per offer and track, as the batch gives it (docs/reference/validate.md).

``status`` and ``decide`` show the batch's verdict
(:mod:`inet_stages.batch.verdict`) and never judge again: this module only
forwards it and names each outcome in French for a count.
"""

from __future__ import annotations

from inet_stages.batch.check import FileReport
from inet_stages.batch.verdict import OUTCOMES, Outcome

Verdict = Outcome

#: The verdicts in the order they are counted and shown (best first).
VERDICTS: tuple[Verdict, ...] = OUTCOMES

#: How an offer is counted, for a line such as « 3 retenues, 1 à compléter ».
LABELS: dict[Verdict, str] = {
    "retenue": "retenue",
    "retenue_sous_reserve": "retenue sous réserve",
    "a_completer": "à compléter",
    "non_retenue": "non retenue",
}


def verdict_for(file: FileReport, track: str | None) -> Verdict:
    """The batch's verdict of ``file`` for ``track`` (None: the file as a whole)."""
    if track is None:
        return file.verdict.outcome
    return file.verdict.outcome_for(track)
