"""``report --letters``: every letter of a report rendered in memory, and what is said of them.

The letters are planned and rendered by :mod:`inet_stages.report.letters`;
here they are rendered all at once, before anything is written (a template
of hers that fails stops the command first), and the summary that ``report``
prints once they are written is worded. Pure: the folder and the clock come
from the CLI.
"""

from __future__ import annotations

import hashlib
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from pathlib import Path

from inet_stages.batch.check import Report
from inet_stages.batch.verdict import Outcome as Verdict
from inet_stages.calendar import Calendar
from inet_stages.io.tomlsafe import TomlInputError, read_bytes
from inet_stages.report.letters import LetterFormat, LetterOutcome, plan, render, to_email
from inet_stages.report.tally import letter_names
from inet_stages.report.texts import environment, load_texts
from inet_stages.text.textsafe import clean


@dataclass(frozen=True, kw_only=True)
class Rendered:
    """One letter ready to write, and what ``report`` says of it."""

    name: str
    outcome: LetterOutcome
    content: bytes
    files: tuple[str, ...] = ()
    to: str | None = None
    problem: str | None = None
    reference: str = ""
    outcomes: Mapping[str, Verdict] = field(default_factory=dict)
    #: The verdict the draft records in its header (:attr:`Letter.told`), which a kept
    #: draft is compared by.
    told: Mapping[str, str] = field(default_factory=dict)

    def as_json(
        self, folder: Path, *, kept: bool = False, stale: bool = False
    ) -> dict[str, object]:
        """The ``letters`` item of ``report --format json``.

        ``outcomes`` are the batch's; ``kept``: the file was there and kept as
        it is; ``stale``: kept, and it no longer tells them (its offer or its
        verdict changed since it was written).
        """
        return {
            "path": str(folder / self.name),
            "files": list(self.files),
            "to": self.to,
            "outcomes": dict(self.outcomes),
            "reference": self.reference,
            "problem": self.problem,
            "kept": kept,
            "stale": stale,
        }


#: Hex digits of a file's SHA-256 in a letter's reference: enough to tell a change, short
#: enough for three copies in one header line.
DIGEST_CHARS = 16


def _digest(path: str) -> str:
    """The start of the SHA-256 of the offer file as answered, "" when it cannot be read."""
    try:
        return hashlib.sha256(read_bytes(Path(path))).hexdigest()[:DIGEST_CHARS]
    except TomlInputError:
        return ""


def render_all(
    calendar: Calendar,
    report: Report,
    *,
    own: Path | None,
    day: date,
    when: datetime,
    letters_format: LetterFormat,
) -> list[Rendered]:
    """Every letter of ``report`` rendered; a template of hers that fails raises LetterError."""
    names = {
        p: n.removesuffix(".md") for p, n in letter_names(f.path for f in report.files).items()
    }
    texts = load_texts(own)
    env = environment(own)
    rendered: list[Rendered] = []
    for planned in plan(report, names):
        letter = replace(planned, digests=tuple(_digest(f.path) for f in planned.files))
        body, context = render(
            calendar,
            letter,
            today=day,
            own=own,
            markdown=letters_format == "md",
            texts=texts,
            env=env,
        )
        lost: list[str] = []
        if letters_format == "eml":
            content = to_email(calendar, letter, body, context, when, problems=lost)
        else:
            content = body.encode("utf-8")
        rendered.append(
            Rendered(
                name=f"{letter.name}.{letters_format}",
                outcome=letter.outcome,
                content=content,
                files=tuple(f.path for f in letter.files),
                # A header the draft could not carry: listed « sans destinataire ».
                to=None if lost else letter.to,
                problem=letter.problem or "; ".join(lost) or None,
                reference=letter.reference,
                outcomes=dict(letter.outcomes),
                told=letter.told,
            )
        )
    return rendered


def _s(count: int, word: str = "s") -> str:
    return word if count > 1 else ""


#: Why a kept letter no longer tells the batch's verdict (season.answers.Reason).
_STALE = {"changed": "offre modifiée depuis", "verdict": "verdict changé depuis"}


def written_lines(
    folder: Path,
    written: Sequence[Rendered],
    kept: Sequence[str],
    stale: Mapping[str, str] | None = None,
) -> list[str]:
    """What ``report`` says once the letters are written: how many, which kept, which lost.

    ``stale``: the kept letters that no longer tell the batch's verdict, and
    why. Each name is escaped on its own line: a list stays a list.
    """
    stale = stale or {}
    lines = [f"Lettres écrites dans {clean(str(folder))} : {len(written)}{_detail(written)}."]
    lines += [f"  {clean(item.name)} : {clean(item.reference)}" for item in written]
    if kept:
        n = len(kept)
        lines.append(
            f"{n} lettre{_s(n)} déjà présente{_s(n)}, gardée{_s(n)} telle{_s(n)} "
            f"quelle{_s(n)} (--force pour les réécrire) :"
        )
        lines += [
            f"  {clean(name)}" + (f" : périmée, {_STALE[stale[name]]}" if name in stale else "")
            for name in kept
        ]
    if stale:
        n = len(stale)
        them = "les" if n > 1 else "la"
        lines.append(
            f"{n} lettre{_s(n)} gardée{_s(n)} ne di{'sent' if n > 1 else 't'} plus le verdict "
            f"du jour ; pour {them} réécrire :"
        )
        lines.append(f"  supprimez-{them} de {clean(str(folder))}, puis relancez la commande.")
    lost = [item for item in written if item.problem]
    if lost:
        lines.append(
            f"{len(lost)} lettre{_s(len(lost))} sans destinataire (à compléter avant l'envoi) :"
        )
        lines += [
            f"  {clean(item.name)} ({clean(', '.join(item.files))}) : {clean(item.problem or '')}"
            for item in lost
        ]
    return lines


def fitted_head(lines: list[str], width: int) -> list[str]:
    """``lines`` (typeset) with the first, the count, within ``width``; the others name one
    file each and stay whole. The folder's path is never cut, nor an outcome's words."""
    head = textwrap.wrap(
        lines[0], width, subsequent_indent="  ", break_long_words=False, break_on_hyphens=False
    )
    return [*(head or lines[:1]), *lines[1:]]


def stopped_lines(folder: Path, written: Sequence[Rendered], total: int) -> list[str]:
    """Stopped midway: which letters are on disk, so that none is sent twice or forgotten."""
    names = [f"  {clean(item.name)}" for item in written]
    head = f"Lettres écrites dans {clean(str(folder))} avant l'arrêt : {len(written)} sur {total}"
    return [head + (" :" if names else "."), *names]


#: The summary's words for each outcome, singular and plural.
_WORDS = (
    ("retenue", "retenue", "retenues"),
    ("retenue_sous_reserve", "retenue sous réserve", "retenues sous réserve"),
    ("a_completer", "à compléter", "à compléter"),
    ("non_retenue", "non retenue", "non retenues"),
    ("mixte", "différente selon la filière", "différentes selon la filière"),
)


def _detail(written: Sequence[Rendered]) -> str:
    """« (2 retenues, 1 à compléter) »: the outcomes that occur, in the verdicts' order, each
    kept whole on its line (« à compléter » is not cut when the line is wrapped)."""
    parts = []
    for outcome, one, many in _WORDS:
        count = sum(1 for r in written if r.outcome == outcome)
        if count:
            parts.append(f"{count}\u00a0{one if count == 1 else many}".replace(" ", "\u00a0"))
    return f" ({', '.join(parts)})" if parts else ""
