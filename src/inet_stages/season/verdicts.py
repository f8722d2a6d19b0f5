"""The verdict per offer and track, as the batch gives it (SPEC « One verdict… »).

``status`` and ``decide`` show this verdict and never judge again. It is read
from the checked batch: the findings the batch kept (decisions applied) and
which codes no correction cures (the letters' ``definitif``, the same texts
the replies use). When the batch carries its own verdict, this module only
forwards it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Literal

from inet_stages.batch.check import FileReport

Verdict = Literal["retenue", "retenue_sous_reserve", "a_completer", "non_retenue"]

#: The verdicts in the order they are counted and shown.
VERDICTS: tuple[Verdict, ...] = ("retenue", "retenue_sous_reserve", "a_completer", "non_retenue")

LABELS: dict[Verdict, str] = {
    "retenue": "retenue",
    "retenue_sous_reserve": "retenue sous réserve",
    "a_completer": "à compléter",
    "non_retenue": "non retenue",
}


def definitive_codes(texts: Mapping[str, Mapping[str, Any]]) -> frozenset[str]:
    """The codes no correction cures, from the letters' texts (``definitif = true``)."""
    return frozenset(code for code, text in texts.items() if text.get("definitif"))


def verdict_for(file: FileReport, track: str | None, definitive: frozenset[str]) -> Verdict:
    """The verdict of ``file`` for ``track`` (None: the file as a whole)."""
    open_ = [f for f in file.findings if not f.accepted and (track is None or f.concerns(track))]
    errors = [f for f in open_ if f.severity == "error"]
    if any(f.code in definitive for f in errors):
        return "non_retenue"
    if errors or file.tracks is None:
        return "a_completer"
    if any(f.severity == "warning" for f in open_):
        return "retenue_sous_reserve"
    return "retenue"


def verdicts(file: FileReport, definitive: frozenset[str]) -> dict[str, Verdict]:
    """The verdict of ``file`` for each of its tracks (empty when it could not be read)."""
    return {track: verdict_for(file, track, definitive) for track in file.tracks or ()}
