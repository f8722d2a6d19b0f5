"""The coordinator's decisions: accept an offer despite a finding, or refuse a valid one.

``decisions.toml``, in a folder given to ``validate``/``report`` (or named by
``--decisions FILE``), records them, one table per offer, keyed by the offer's
path relative to that file (docs/reference/decisions.md)::

    ["colmar.toml"]
    accept = ["D002"]          # codes accepted for this offer
    reason = "Accord de la direction du 20 février"
    sha256 = "3f1c…"           # the offer as it was when the decision was taken

    ["lunel.toml"]
    refuse = true
    reason = "Doublon de l'offre déjà retenue"

How a decision knows its offer changed: ``sha256`` is the SHA-256 of the
offer file's bytes when the decision was taken. The tool computes it — a
decision without one is applied and reported (X004) with the exact line to
paste; the coordinator pastes it, and from then on a changed offer is
reported (X002) and its accepted codes no longer apply until she reads it
again and pastes the new line. No option rewrites her file: the record is
hers, comments and all. A refusal still applies to a changed offer (a host
cannot lift it by touching the file).

This module reads the file (through :mod:`inet_stages.io.tomlsafe`) and holds
the pure logic; :func:`inet_stages.batch.check.apply_decisions` applies it to a
batch. Its codes (X001–X004) are documented in :mod:`inet_stages.rules.decisions`.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from inet_stages.errors import UserError
from inet_stages.findings import CODES, Finding, finding
from inet_stages.io import tomlsafe

#: The file's name, in a folder of offers; never read as an offer.
DECISIONS_NAME = "decisions.toml"

_KEYS = ("accept", "refuse", "reason", "sha256")
_HEX = frozenset("0123456789abcdef")
#: Shortest hash prefix accepted (a full SHA-256 is 64 hexadecimal digits).
MIN_HASH = 12


class DecisionsError(UserError):
    """A ``decisions.toml`` that cannot be used; the message names the file and line."""


@dataclass(frozen=True, kw_only=True)
class Decision:
    """What the coordination decided for one offer file."""

    offer: str  # the key: the offer's path relative to the decisions file, with « / »
    accept: tuple[str, ...] = ()
    refuse: bool = False
    reason: str = ""
    sha256: str | None = None
    line: int | None = None


@dataclass(frozen=True, kw_only=True)
class Decisions:
    """A decisions file: where it is (its folder is the base of the keys) and its decisions."""

    path: str
    folder: Path
    entries: tuple[Decision, ...]

    def get(self, key: str) -> Decision | None:
        """The decision for the offer at ``key`` (relative path), if any."""
        for entry in self.entries:
            if entry.offer == key:
                return entry
        return None


def key_in(path: Path, folder: Path) -> str | None:
    """The offer's key in the decisions file of ``folder``: its path below it; None if outside."""
    try:
        return path.resolve().relative_to(folder.resolve()).as_posix()
    except ValueError:
        return None


def book_for(offer: Path, season_offers: Path | None) -> Path:
    """The decisions file of ``offer``: the season's (``season_offers``), else its folder's.

    ``decide`` writes there, and every command reads it for an offer named alone.
    """
    if season_offers is not None and key_in(offer, season_offers) is not None:
        return season_offers / DECISIONS_NAME
    return offer.parent / DECISIONS_NAME


def find_decisions(paths: Iterable[str], season_offers: Path | None = None) -> list[Path]:
    """The decisions files of the given paths, each once.

    A folder's ``decisions.toml`` (and the season's, for a folder below the
    season's offres or holding them); a decisions file named; and for an offer file named
    alone, the decisions file ``decide`` writes for it (:func:`book_for`): a
    decision taken on an offer holds whatever path the batch names it by.
    """
    found: dict[Path, Path] = {}
    tried: set[Path] = set()  # a batch of thousands of files names a few decisions files
    # book_for, with the season's folder resolved once rather than for each file.
    season = season_offers.resolve() if season_offers is not None else None
    season_book = season_offers / DECISIONS_NAME if season_offers is not None else None
    for given in paths:
        path = Path(given)
        try:
            if path.is_dir():
                # The season's decisions hold in a folder below its offres, and in one that
                # holds them (the season folder itself, « . »).
                candidates = [path / DECISIONS_NAME, book_for(path / DECISIONS_NAME, season_offers)]
                if season_offers is not None and key_in(season_offers, path) is not None:
                    candidates.append(season_offers / DECISIONS_NAME)
            elif path.name == DECISIONS_NAME:
                candidates = [path]
            elif season_book is not None and season and path.resolve().is_relative_to(season):
                candidates = [season_book]
            else:
                candidates = [path.parent / DECISIONS_NAME]
            for candidate in candidates:
                if candidate not in tried:
                    tried.add(candidate)
                    if candidate.is_file():
                        found.setdefault(candidate.resolve(), candidate)
        except OSError:
            # A folder she cannot read: the batch already says so, path by path.
            continue
    return list(found.values())


def read_decisions(path: Path) -> Decisions:
    """Read and check a decisions file; raise :class:`DecisionsError` (or TomlInputError)."""
    name = str(path)
    text = tomlsafe.decode(name, tomlsafe.read_bytes(path))
    # An empty file is no decision yet, not an error.
    data = tomlsafe.parse(name, text) if text.strip() else {}
    lines = tomlsafe.locate_keys(text)
    entries = [_entry(name, key, value, lines) for key, value in data.items()]
    return Decisions(path=name, folder=path.parent, entries=tuple(entries))


def _entry(name: str, key: str, value: Any, lines: Mapping[str, int]) -> Decision:
    line = tomlsafe.line_of(lines, key)
    if line is None:  # [colmar.toml] unquoted: only « colmar.toml » is located
        nested = [n for k, n in lines.items() if k.startswith(f"{key}.")]
        line = min(nested) if nested else None

    def fail(message: str, at: str | None = None) -> DecisionsError:
        where = tomlsafe.line_of(lines, f"{key}.{at}") if at else line
        place = f"{name}:{where}" if where is not None else name
        return DecisionsError(f"{place}: décision pour « {key} » : {message}")

    if not isinstance(value, dict):
        raise fail(
            'une table est attendue : ["colmar.toml"] puis accept = ["D002"] ou refuse = true, '
            "et reason = « … »."
        )
    if any(isinstance(v, dict) for v in value.values()):
        raise fail(
            "le chemin de l'offre s'écrit entre guillemets, sinon son point coupe la table en "
            f'deux : ["{key}.…"] — par exemple ["colmar.toml"].'
        )
    for unknown in (k for k in value if k not in _KEYS):
        close = difflib.get_close_matches(unknown, _KEYS, n=1)
        hint = f" Vouliez-vous dire « {close[0]} » ?" if close else ""
        raise fail(
            f"clé inconnue « {unknown} ».{hint} Clés possibles : {', '.join(_KEYS)}.", unknown
        )
    accept = value.get("accept", [])
    if not isinstance(accept, list) or not all(isinstance(c, str) for c in accept):
        raise fail('accept est une liste de codes : accept = ["D002", "H004"].', "accept")
    codes = tuple(c.strip().upper() for c in accept)
    for code in codes:
        if code not in CODES:
            close = difflib.get_close_matches(code, list(CODES), n=1)
            hint = f" Vouliez-vous dire {close[0]} ?" if close else ""
            raise fail(f"code inconnu « {code[:20]} ».{hint} Liste : inet-stages rules.", "accept")
    refuse = value.get("refuse", False)
    if not isinstance(refuse, bool):
        raise fail("refuse vaut true ou false.", "refuse")
    reason = value.get("reason", "")
    if not isinstance(reason, str) or not reason.strip():
        raise fail(
            "reason est obligatoire : la raison de la décision, entre guillemets "
            '(reason = "Accord de la direction du 20 février").',
            "reason" if "reason" in value else None,
        )
    if not codes and not refuse:
        raise fail('rien n\'est décidé : ajoutez accept = ["CODE", …] ou refuse = true.')
    if codes and refuse:
        raise fail("accept et refuse ensemble : une offre refusée n'a rien à accepter.", "refuse")
    sha = value.get("sha256")
    if sha is not None:
        if (
            not isinstance(sha, str)
            or len(sha.strip()) < MIN_HASH
            or not set(sha.strip().lower()) <= _HEX
        ):
            raise fail(
                "sha256 est l'empreinte que donne inet-stages (64 chiffres hexadécimaux, "
                f"au moins les {MIN_HASH} premiers).",
                "sha256",
            )
        sha = sha.strip().lower()
    return Decision(
        offer=_key(key),
        accept=codes,
        refuse=refuse,
        reason=reason.strip(),
        sha256=sha,
        line=line,
    )


def _key(text: str) -> str:
    """A path as written in the file, in the form keys are compared: « / », no « ./ »."""
    parts = [p for p in text.replace("\\", "/").split("/") if p not in ("", ".")]
    return "/".join(parts)


def hash_line(sha256: str) -> str:
    """The line to paste in the decision: ``sha256 = "…"``."""
    return f'sha256 = "{sha256}"'


def decide(
    decision: Decision, decisions: Decisions, findings: Sequence[Finding], sha256: str
) -> tuple[Finding, ...]:
    """The file's findings under ``decision``: accepted ones marked, the decision's own added.

    ``sha256`` is the file's current hash. A changed file (X002) keeps its
    findings unaccepted; a refusal (X001) applies whatever the hash.
    """
    at = f"{decisions.path}:{decision.line}" if decision.line else decisions.path
    notes: list[Finding] = []
    stale = decision.sha256 is not None and not sha256.startswith(decision.sha256)
    if decision.sha256 is None:
        notes.append(
            finding(
                "X004",
                None,
                f"décision de la coordination ({at}) sans empreinte de l'offre : ajoutez "
                f"{hash_line(sha256)} dans sa table, pour être prévenue si l'offre change.",
                None,
            )
        )
    elif stale:
        accepted = ", ".join(decision.accept) or "aucun"
        notes.append(
            finding(
                "X002",
                None,
                f"l'offre a changé depuis la décision de la coordination ({at}) : codes "
                f"acceptés ({accepted}) non appliqués. Relisez-la, puis remplacez son empreinte "
                f"par {hash_line(sha256)}.",
                None,
            )
        )
    if decision.refuse:
        notes.append(
            finding(
                "X001",
                None,
                f"offre refusée par la coordination des stages : {_cut(decision.reason)} ({at}).",
                None,
            )
        )
    kept = list(findings)
    if decision.accept and not stale:
        wanted = set(decision.accept)
        kept = [replace(f, accepted=True) if f.code in wanted else f for f in kept]
    return (*notes, *kept)


#: Characters of a decision's reason shown in a message (as a host's name in the report);
#: the decisions file keeps it whole.
REASON_CHARS = 200


def _cut(reason: str) -> str:
    """The reason on one line, cut to :data:`REASON_CHARS` like any other long text."""
    one_line = " ".join(reason.split())
    if len(one_line) <= REASON_CHARS:
        return one_line
    return one_line[: REASON_CHARS - 1].rstrip() + "…"


def orphans(decisions: Decisions, exists: Iterable[str]) -> tuple[Finding, ...]:
    """Decisions whose offer file is gone (X003), as findings on the decisions file.

    ``exists`` lists the keys whose file is still there.
    """
    present = set(exists)
    return tuple(
        finding(
            "X003",
            entry.offer,
            f"décision pour « {entry.offer} », fichier introuvable à côté de "
            f"{Path(decisions.path).name} : retirez la décision ou corrigez le chemin.",
            entry.line,
        )
        for entry in decisions.entries
        if entry.offer not in present
    )


# --- Writing a decision (``inet-stages decide``) ----------------------------------------


def record(
    text: str,
    key: str,
    *,
    sha256: str,
    accept: Sequence[str] = (),
    refuse: bool = False,
    reason: str | None = None,
    default_reason: str = "",
) -> str:
    """``text`` (a decisions file) with the decision for ``key`` recorded; the new text.

    Edited with tomlkit, so that her comments, blank lines and key order stay
    as she wrote them. An existing decision for the offer is updated: codes
    accepted add to those already accepted (a refusal replaces them, an
    acceptance lifts a refusal), ``reason`` replaces the reason when given
    (``default_reason`` fills a decision that has none, or whose kind
    changed), and ``sha256`` is always the offer as it is now — the decision
    was taken on that file. A file with Windows line ends keeps them.
    """
    import tomlkit
    from tomlkit.exceptions import TOMLKitError

    plain = text.replace("\r\n", "\n")
    try:
        document = tomlkit.parse(plain)
    except TOMLKitError as exc:
        raise DecisionsError(f"{DECISIONS_NAME} illisible : {exc}") from None
    existing = next((k for k in document if _key(k) == key), None)
    if existing is None:
        table = tomlkit.table()
        if refuse:
            table["refuse"] = True
        else:
            table["accept"] = list(dict.fromkeys(accept))
        table["reason"] = reason or default_reason
        table["sha256"] = sha256
        if document.body and not plain.endswith("\n\n"):
            document.add(tomlkit.nl())
        document.append(key, table)
    else:
        _update(
            document,
            existing,
            sha256=sha256,
            accept=accept,
            refuse=refuse,
            reason=reason,
            default_reason=default_reason,
        )
    edited = tomlkit.dumps(document)
    return edited.replace("\n", "\r\n") if "\r\n" in text else edited


def _update(
    document: Any,
    existing: str,
    *,
    sha256: str,
    accept: Sequence[str],
    refuse: bool,
    reason: str | None,
    default_reason: str,
) -> None:
    """The decision already in ``document`` under ``existing``, updated in place."""
    table = document[existing]
    if not isinstance(table, dict):
        raise DecisionsError(f"{DECISIONS_NAME} : « {existing} » n'est pas une table.")
    # From a refusal to an acceptance, or back: the old reason no longer says why.
    switched = bool(table.get("refuse", False)) != refuse
    if refuse:
        if "accept" in table:
            del table["accept"]
        _put(table, "refuse", True)
    else:
        if "refuse" in table:
            del table["refuse"]
        before = [str(c).strip().upper() for c in table.get("accept", [])]
        _put(table, "accept", list(dict.fromkeys([*before, *accept])))
    if reason or switched or not str(table.get("reason", "")).strip():
        _put(table, "reason", reason or default_reason)
    _put(table, "sha256", sha256)


def _put(table: Any, name: str, value: object) -> None:
    """Set ``name`` in a tomlkit table, keeping its comment, or add it after the last key.

    A new key goes after the table's last key rather than at its end: what
    follows the last key (blank lines, the comment above the next table) is
    hers and belongs to what comes next.
    """
    import tomlkit

    item = tomlkit.item(value)
    if name in table:
        old = table.item(name)
        item.trivia.comment = old.trivia.comment
        item.trivia.comment_ws = old.trivia.comment_ws
        table[name] = item
        return
    keys = list(table.keys())
    if keys:
        # tomlkit has no public « insert after »; this keeps the layout (0.15).
        table.value._insert_after(keys[-1], name, item)
    else:
        table[name] = item
