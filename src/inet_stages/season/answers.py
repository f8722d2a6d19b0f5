"""Which offers have a reply in ``lettres/``, and which changed since their reply.

A reply is the file ``report --letters`` writes, named after the offer
(:func:`inet_stages.report.tally.letter_names`: ``colmar.toml`` →
``colmar.eml``, ``.txt`` or ``.md``). What it answered is read from its
``X-INET-Reference`` header, the coordination's reference that mail
programs do not show: each offer file it answers, with ``sha256=`` and the
SHA-256 of the offer's bytes when the reply was written, then ``verdict``
and the outcome it told per track. An offer whose hash differs has changed
since its reply; for a reply without a recorded hash (``.txt``, ``.md``, or
a reference that names the files only), an offer saved after the reply
counts as changed. A reply whose verdict is no longer the batch's (a
decision taken since, a calendar corrected) is outdated too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from email.parser import BytesHeaderParser
from email.policy import default
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from inet_stages.report.replies import Rendered

#: Reply files, in the order a name is looked for.
EXTENSIONS = (".eml", ".txt", ".md")
#: The header ``report --letters`` writes with the coordination's reference.
REFERENCE_HEADER = "X-INET-Reference"
#: Largest reply read for its headers: a draft with the form attached is ~40 kB.
MAX_REPLY = 2_000_000

_ENTRY = re.compile(r"(?P<name>[^\s;,=]+\.toml)\b[^;]*?sha256[=:]\s*(?P<sha>[0-9a-fA-F]{12,64})")
_VERDICT = re.compile(r";\s*verdict\s+(?P<told>(?:[a-z_]+=[a-z_]+\s*)+)")

Reason = Literal["no_letter", "changed", "verdict"]


@dataclass(frozen=True, kw_only=True)
class Reply:
    """A reply found in the letters folder: its file and the hashes it recorded, by offer name."""

    path: Path
    hashes: dict[str, str]
    #: The outcome the reply told, per track (empty: not recorded, an older or a text reply).
    told: dict[str, str] = field(default_factory=dict)


def read_reply(path: Path) -> Reply:
    """The reply at ``path`` and the offer hashes its reference header records (maybe none)."""
    hashes: dict[str, str] = {}
    told: dict[str, str] = {}
    if path.suffix == ".eml":
        try:
            with path.open("rb") as stream:
                head = stream.read(MAX_REPLY)
        except OSError:
            return Reply(path=path, hashes=hashes)
        # Headers only: the body (and an attached form) is never decoded.
        message = BytesHeaderParser(policy=default).parsebytes(head)
        for value in message.get_all(REFERENCE_HEADER) or []:
            for match in _ENTRY.finditer(str(value)):
                hashes[PurePath(match["name"]).name] = match["sha"].lower()
            verdict = _VERDICT.search(str(value))
            if verdict is not None:
                told = dict(pair.split("=", 1) for pair in verdict["told"].split())
    return Reply(path=path, hashes=hashes, told=told)


def find_reply(folder: Path, stem: str) -> Reply | None:
    """The reply named ``stem`` in ``folder`` (``.eml`` first), if any."""
    for extension in EXTENSIONS:
        candidate = folder / f"{stem}{extension}"
        try:
            if candidate.is_file():
                return read_reply(candidate)
        except OSError:
            continue
    return None


def file_hash(path: Path) -> str | None:
    """The SHA-256 of the file's bytes, None when it cannot be read."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


def why_answer(
    reply: Reply | None, offers: Iterable[Path], outcomes: Mapping[str, str] | None = None
) -> Reason | None:
    """Why a dossier (its offer files) needs a reply: none yet, changed since it; else None.

    By the hash the reply recorded; for a reply that recorded none, by the
    files' dates (an offer saved after its reply was written has changed, as
    far as anyone can tell). ``outcomes``, the verdict per track the reply
    would tell now: a reply that recorded another one is outdated.
    """
    if reply is None:
        return "no_letter"
    for offer in offers:
        recorded = reply.hashes.get(offer.name)
        if recorded is not None:
            now = file_hash(offer)
            if now is not None and not now.startswith(recorded):
                return "changed"
        elif _newer(offer, reply.path):
            return "changed"
    if outcomes is not None and reply.told and reply.told != dict(outcomes):
        return "verdict"
    return None


def stale_letters(folder: Path, kept: Iterable[Rendered]) -> dict[str, Reason]:
    """The letters of ``kept`` (there already, kept as they are) that no longer tell the batch's
    verdict, by name, and why: their offer or their verdict changed since they were written."""
    found: dict[str, Reason] = {}
    for item in kept:
        offers = [Path(f) for f in item.files]
        why = why_answer(read_reply(folder / item.name), offers, item.told)
        if why is not None:
            found[item.name] = why
    return found


def _newer(offer: Path, reply: Path) -> bool:
    try:
        return offer.stat().st_mtime > reply.stat().st_mtime
    except OSError:
        return False
