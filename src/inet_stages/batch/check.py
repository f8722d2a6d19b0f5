"""Checking a batch of offer files: collect the paths, read and check each, report.

Pure core: takes the calendar and ``today``, returns a :class:`Report`;
printing and exit codes belong to the CLI. One file that cannot be read is a
report entry (F-code), never the end of the batch.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.batch.decisions import DECISIONS_NAME, Decisions, decide, key_in, orphans
from inet_stages.batch.verdict import (
    ELIGIBLE,
    PROMOTION_WHY,
    AppliedDecision,
    OfferVerdict,
    Verdicts,
    judge_batch,
    judge_file,
)
from inet_stages.calendar.model import Calendar
from inet_stages.findings import Counted, Finding, count, finding
from inet_stages.ids import normalize
from inet_stages.io import tomlsafe
from inet_stages.io.writes import reason
from inet_stages.offer.model import Offer, ReadResult
from inet_stages.offer.reader import read_offer, read_text
from inet_stages.rules import Context, check_offer

if TYPE_CHECKING:
    from inet_stages.offer.promotion import Chooser


@dataclass(frozen=True, kw_only=True)
class Target:
    """One file to check: ``name`` is the path as the user gave it or as found in a folder."""

    name: str
    path: Path


@dataclass(frozen=True, kw_only=True)
class Collected:
    """The files found under the given paths, and the paths that could not be used."""

    targets: tuple[Target, ...]
    missing: tuple[str, ...]  # French messages, one per unusable path
    #: The given paths that do not exist at all (a typo, most often), among ``missing``.
    absent: tuple[str, ...] = ()


#: Deepest folder level walked under a given folder: real trees of offers are
#: a few levels deep; a deeper one is reported, not walked (nor crashed on).
MAX_DEPTH = 50


def collect(paths: Iterable[str]) -> Collected:
    """Files as given, and every ``*.toml`` under given folders (recursively, sorted).

    Symbolic links to folders are not followed (no loops); a link to a file
    outside the given folder is not followed either (an archive sent by a host
    could point at any file of the coordinator's disk) and is reported, as is
    a tree deeper than :data:`MAX_DEPTH`. A file found in a folder is kept
    whatever it is (a FIFO named ``x.toml`` is reported by the reader as
    unreadable, not opened).
    """
    targets: list[Target] = []
    missing: list[str] = []
    absent: list[str] = []
    seen: set[object] = set()

    def add(name: str, path: Path) -> None:
        # The same file named twice (« a.toml ./a.toml », a file and its folder,
        # a link to it) is one file, not its own duplicate. Known by
        # its device and inode: one stat, where realpath walks every folder of
        # the path; by its real path when it cannot be stat'ed (a broken link).
        real: object
        try:
            status = os.stat(name)
            real = (status.st_dev, status.st_ino)
        except OSError:
            real = os.path.realpath(name)
        if real not in seen:
            seen.add(real)
            targets.append(Target(name=name, path=path))

    for given in paths:
        path = Path(given)
        if path.name == DECISIONS_NAME and not path.is_dir():
            continue  # the coordinator's decisions, never an offer
        try:
            is_dir = path.is_dir()
            exists = is_dir or path.exists() or path.is_symlink()
        except OSError as exc:  # a name too long, a loop of links
            missing.append(f"{given} : chemin inutilisable ({reason(exc)}).")
            continue
        if is_dir:
            found, problems = _walk(given)
            missing.extend(problems)
            for name in found:
                add(name, Path(name))
        elif exists:
            add(given, path)
        else:
            missing.append(f"{given} : fichier ou dossier introuvable.")
            absent.append(given)
    return Collected(targets=tuple(targets), missing=tuple(missing), absent=tuple(absent))


def _walk(folder: str) -> tuple[list[str], list[str]]:
    """The ``*.toml`` under ``folder``, walked with a stack (no recursion), and the problems."""
    found: list[str] = []
    problems: list[str] = []
    top = os.path.realpath(folder)
    stack: list[tuple[str, int]] = [(folder, 0)]
    while stack:
        current, depth = stack.pop()
        try:
            with os.scandir(current) as entries:
                listed = sorted(entries, key=lambda e: e.name)
        except OSError as exc:
            problems.append(f"{current} : dossier illisible ({reason(exc)}).")
            continue
        for entry in listed:
            try:
                if entry.is_dir(follow_symlinks=False):
                    if depth + 1 > MAX_DEPTH:
                        problems.append(
                            f"{entry.path} : plus de {MAX_DEPTH} niveaux de dossiers "
                            f"sous {folder} ; ce dossier n'est pas parcouru."
                        )
                    else:
                        stack.append((entry.path, depth + 1))
                elif _links_to_folder(entry):
                    continue  # a link to a folder: not followed (no loops)
                elif entry.name.endswith(".toml") and entry.name != DECISIONS_NAME:
                    if entry.is_symlink() and not _inside(os.path.realpath(entry.path), top):
                        problems.append(
                            f"{entry.path} : lien vers un fichier hors de {folder}, non suivi."
                        )
                    else:
                        found.append(entry.path)
            except OSError as exc:
                problems.append(f"{entry.path} : illisible ({reason(exc)}).")
    found.sort(key=lambda name: Path(name).parts)
    return found, problems


def _links_to_folder(entry: os.DirEntry[str]) -> bool:
    """Whether ``entry`` leads to a folder; a loop of links does not (the reader reports it)."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(path: str, top: str) -> bool:
    """Whether ``path`` (resolved) lies under the folder ``top`` (resolved)."""
    return path == top or path.startswith(top.rstrip(os.sep) + os.sep)


@dataclass(frozen=True, kw_only=True)
class FileReport(Counted):
    """The verdict on one file; ``offer`` is what was read, when the caller asked to keep it."""

    path: str
    internship: str | None
    tracks: tuple[str, ...] | None
    findings: tuple[Finding, ...]
    offer: Offer | None = field(default=None, compare=False, repr=False)
    #: The school year of the calendar the offer was checked against (None if unread).
    calendar: str | None = None
    #: « Reçue par e-mail de … » for an offer imported from an e-mail (see ``import``).
    received: str | None = None
    #: How that calendar was chosen (:data:`inet_stages.calendar.promotions.FitReason`).
    promotion_reason: str | None = None
    #: The tutor's address as written (letters: one reply per address), None if absent.
    address: str | None = None
    #: The host's name as written (reminders: who has answered), None if absent.
    host: str | None = None
    #: The coordination's decision applied to this file, if any.
    decision: AppliedDecision | None = None
    #: Codes the batch settled for this file: W002 once every other copy is refused.
    settled: frozenset[str] = frozenset()

    @cached_property
    def verdict(self) -> OfferVerdict:
        """The verdict per track (:mod:`inet_stages.batch.verdict`), computed once per file."""
        return judge_file(
            path=self.path,
            tracks=self.tracks,
            findings=self.findings,
            settled=self.settled,
            address=self.address,
        )

    @property
    def promotion_why(self) -> str:
        """Why this promotion judged the offer, in French (empty when unread)."""
        return PROMOTION_WHY.get(self.promotion_reason or "", "")

    @property
    def errors(self) -> int:
        """Number of errors (those the coordination accepted left out)."""
        return count((f for f in self.findings if not f.accepted), "error")

    @property
    def warnings(self) -> int:
        """Number of warnings (those the coordination accepted left out)."""
        return count((f for f in self.findings if not f.accepted), "warning")

    @property
    def valid(self) -> bool:
        """Valid when no error (warnings allowed); a view of :attr:`verdict`.

        An accepted error does not count; the file is valid when every track is.
        """
        return self.verdict.outcome in ELIGIBLE

    def valid_for(self, track: str) -> bool:
        """Valid for ``track`` (``retenue`` or ``retenue_sous_reserve``): a view of :attr:`verdict`.

        An offer whose dates fit the administrateurs' window and not the
        conservateurs' is valid for the first and not for the second.
        """
        return self.verdict.eligible_for(track)

    @property
    def valid_tracks(self) -> tuple[str, ...]:
        """The offer's tracks it is valid for (none when unreadable): a view of :attr:`verdict`."""
        return self.verdict.valid_tracks


@dataclass(frozen=True, kw_only=True)
class Report:
    """The verdict on a batch."""

    school_year: str
    today: date
    files: tuple[FileReport, ...]
    #: Groups of paths that look like the same offer (W002), in file order.
    duplicates: tuple[tuple[str, ...], ...] = ()
    #: Findings on the decisions files themselves (X003), with the file's path.
    decision_notes: tuple[tuple[str, Finding], ...] = ()

    @cached_property
    def verdicts(self) -> Verdicts:
        """Every file's verdict and the dossiers (copies of one offer), computed once."""
        return judge_batch([f.verdict for f in self.files], self.duplicates)

    @property
    def errors(self) -> int:
        """Errors over all files."""
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        """Warnings over all files, and on the decisions files."""
        return sum(f.warnings for f in self.files) + count(
            (note for _, note in self.decision_notes), "warning"
        )

    @property
    def accepted(self) -> int:
        """Findings the coordination accepted (still shown, no longer blocking)."""
        return sum(1 for f in self.files for x in f.findings if x.accepted)

    @property
    def valid(self) -> int:
        """Number of valid files."""
        return sum(1 for f in self.files if f.valid)

    @property
    def invalid(self) -> int:
        """Number of invalid files."""
        return len(self.files) - self.valid

    @property
    def unreadable(self) -> int:
        """Files that could not be read at all (F001: permission, not a file, too big…)."""
        return sum(1 for f in self.files if any(x.code == "F001" for x in f.findings))


def check_file(
    target: Target,
    ctx: Context,
    *,
    keep_offer: bool = True,
    chooser: Chooser | None = None,
    contexts: dict[str, Context] | None = None,
) -> tuple[FileReport, Offer | None]:
    """Read and check one file: every finding, sorted by line.

    The offer is returned either way; ``keep_offer`` also keeps it in the report.
    ``chooser`` picks the calendar (the promotion) the offer is checked
    against, ``ctx.calendar`` otherwise; ``contexts`` keeps one context per
    calendar across a batch.
    """
    result = read_offer(target.path, ctx.calendar, name=target.name)
    report = _judged(target.name, result, ctx, chooser, contexts, keep_offer=keep_offer)
    return report, result.offer


def check_text(name: str, text: str, ctx: Context, *, chooser: Chooser | None = None) -> FileReport:
    """Read and check an offer from its decoded text (``fix`` checks what it writes), as
    :func:`check_file` checks a file: against its promotion when ``chooser`` is given."""
    return _judged(name, read_text(name, text, ctx.calendar), ctx, chooser, None, keep_offer=False)


def _judged(
    name: str,
    result: ReadResult,
    ctx: Context,
    chooser: Chooser | None,
    contexts: dict[str, Context] | None,
    *,
    keep_offer: bool,
) -> FileReport:
    """The report of an offer read: the rules of its promotion's calendar (``chooser``) or
    of ``ctx.calendar``, the choice's own findings, sorted by line."""
    findings = list(result.findings)
    offer = result.offer
    used = ctx.calendar.school_year if offer is not None else None
    why: str | None = "only" if offer is not None else None
    if offer is not None and chooser is None:
        findings.extend(check_offer(offer, ctx))
    elif offer is not None and chooser is not None:
        choice = chooser(offer)
        cache = contexts if contexts is not None else {}
        year = used = choice.calendar.school_year
        why = choice.reason
        if year not in cache:
            cache[year] = Context(calendar=choice.calendar, today=ctx.today)
        findings.extend(choice.findings)
        checked = check_offer(offer, cache[year])
        findings.extend(f for f in checked if f.code not in choice.superseded)
    return FileReport(
        path=name,
        internship=offer.internship if offer else None,
        tracks=tuple(offer.tracks) if offer and offer.tracks else None,
        findings=tuple(_sorted(findings)),
        offer=offer if keep_offer else None,
        calendar=used,
        promotion_reason=why,
        address=offer.tutor.email if offer is not None else None,
        host=offer.host.name if offer is not None else None,
        received=result.received,
    )


def _sorted(findings: list[Finding]) -> list[Finding]:
    # File-level findings (no line) first, then by line; stable within a line.
    return sorted(findings, key=lambda f: f.line or 0)


_SELECTORS = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")


def _visible(text: str) -> str:
    """``text`` without Unicode format characters (Cf) nor variation selectors.

    Soft hyphens, zero-width spaces and joiners, word joiners, BOMs and bidi
    marks (all category Cf) are invisible: two titles that differ only by
    them look the same to the coordinator, so they are the same title here.
    """
    if text.isascii():
        return text  # the common case, and no invisible character is ASCII
    if text.isprintable() and _SELECTORS.search(text) is None:
        # Accented, nothing hidden: every Cf character is non-printable; the
        # variation selectors (Mn) are printable, hence looked for apart.
        return text
    return "".join(
        ch
        for ch in text
        if unicodedata.category(ch) != "Cf"
        and not ("\ufe00" <= ch <= "\ufe0f" or "\U000e0100" <= ch <= "\U000e01ef")
    )


def duplicate_key(offer: Offer) -> tuple[str, str, str] | None:
    """Same host, internship and title, ignoring case, accents, spacing and invisible characters."""
    if offer.host.name is None or offer.internship is None or offer.title is None:
        return None
    return normalize(_visible(offer.host.name)), offer.internship, normalize(_visible(offer.title))


def check_files(
    targets: Sequence[Target],
    calendar: Calendar,
    today: date,
    *,
    progress: Callable[[Target], None] | None = None,
    keep_offers: bool = False,
    chooser: Chooser | None = None,
) -> Report:
    """Check every file, then flag duplicates (same host, internship and title) on each.

    ``progress`` is called after each file is checked (a progress bar, in the CLI).
    ``keep_offers`` keeps each read offer in its :class:`FileReport` (``report``
    needs the hosts and tutors); ``validate`` does without, to spare memory on
    large batches. ``chooser`` checks each offer against the calendar of its
    promotion (``calendar`` still reads the files).
    """
    ctx = Context(calendar=calendar, today=today)
    contexts: dict[str, Context] = {calendar.school_year: ctx}
    reports: list[FileReport] = []
    # Only the duplicate keys and the title's line are kept, not the offers: an
    # offer holds its file's text (to locate keys), and a batch may be large.
    # Grouping by key keeps the search linear: no pair of files is compared,
    # no file is read twice. The promotion is part of the key: a host may offer
    # the same mission to two promotions.
    by_key: dict[tuple[str, str, str, str], list[tuple[int, int | None]]] = {}
    first_lines: dict[tuple[str, str, str, str], Callable[[str | None], int | None]] = {}
    for index, target in enumerate(targets):
        report, offer = check_file(
            target, ctx, keep_offer=keep_offers, chooser=chooser, contexts=contexts
        )
        reports.append(report)
        key = duplicate_key(offer) if offer else None
        if key is not None and offer is not None:
            grouped = (*key, report.calendar or "")
            members = by_key.get(grouped)
            if members is None:
                # The title's line is wanted only if a copy comes: locating
                # keys costs more than the rules, so the first of each key
                # keeps its (lazy) lines until then.
                by_key[grouped] = [(index, None)]
                first_lines[grouped] = offer.line
            else:
                first = first_lines.pop(grouped, None)
                if first is not None:
                    members[0] = (members[0][0], first("offer.title"))
                members.append((index, offer.line("offer.title")))
        if progress is not None:
            progress(target)
    groups = [members for members in by_key.values() if len(members) > 1]
    for members in groups:
        for index, line in members:
            # The first three others, found without listing the whole group (a
            # group of 10 000 copies stays linear), by their names only: this
            # message is quoted in the letter to the host, and the folders are
            # the coordinator's.
            others = [Path(reports[i].path).name for i, _ in members[:4] if i != index][:3]
            shown = ", ".join(others)
            if len(members) - 1 > 3:
                shown += f" et {len(members) - 4} autres"
            extra = finding(
                "W002",
                "offer.title",
                f"même structure, même stage et même intitulé que {shown} : offre en double ?",
                line,
            )
            old = reports[index]
            reports[index] = replace(old, findings=tuple(_sorted([*old.findings, extra])))
    return Report(
        school_year=calendar.school_year,
        today=today,
        files=tuple(reports),
        duplicates=tuple(tuple(reports[i].path for i, _ in members) for members in groups),
    )


def apply_decisions(report: Report, books: Sequence[Decisions]) -> Report:
    """``report`` under the coordinator's decisions: accepted, refused, stale, orphan.

    Each file is looked up in every decisions file whose folder holds it (the
    first decision found applies); only a file with a decision is hashed —
    read once more, a few files of a batch.
    """
    if not books:
        return report
    files = list(report.files)
    for index, file_report in enumerate(files):
        path = Path(file_report.path)
        for book in books:
            key = key_in(path, book.folder)
            decision = book.get(key) if key is not None else None
            if decision is None:
                continue
            try:
                digest = hashlib.sha256(tomlsafe.read_bytes(path)).hexdigest()
            except tomlsafe.TomlInputError:
                break  # unreadable: F001 already says so
            findings = decide(decision, book, file_report.findings, digest)
            stale = decision.sha256 is not None and not digest.startswith(decision.sha256)
            applied = AppliedDecision(
                source=f"{book.path}:{decision.line}" if decision.line else book.path,
                accepted=decision.accept,
                refused=decision.refuse,
                reason=decision.reason,
                stale=stale,
            )
            files[index] = replace(
                file_report, findings=tuple(_sorted(list(findings))), decision=applied
            )
            break
    files = _settle_copies(files, report.duplicates)
    notes: list[tuple[str, Finding]] = []
    for book in books:
        present = [e.offer for e in book.entries if (book.folder / e.offer).is_file()]
        notes.extend((book.path, note) for note in orphans(book, present))
    return replace(report, files=tuple(files), decision_notes=tuple(notes))


def _settle_copies(
    files: list[FileReport], duplicates: Sequence[Sequence[str]]
) -> list[FileReport]:
    """A copy's W002 is settled once every other copy of its dossier is refused; and a refused
    copy's own W002 too: which copy to keep is decided.

    The example of docs/reference/decisions.md: the resent copy refused (« Doublon de l'offre déjà
    retenue »), the original is no longer in doubt, and the refused copy's letter does not
    say « la coordination vérifiera avec vous laquelle retenir ». A decision on one copy
    applies to that copy only: the refusal itself never reaches the others.
    """
    if not duplicates:
        return files
    refused = {f.path for f in files if f.decision is not None and f.decision.refused}
    if not refused:
        return files
    index = {f.path: i for i, f in enumerate(files)}
    for group in duplicates:
        for path in group:
            if path not in index:
                continue
            if path in refused or all(other in refused for other in group if other != path):
                i = index[path]
                files[i] = replace(files[i], settled=files[i].settled | {"W002"})
    return files


def exit_code(report: Report, *, strict: bool) -> int:
    """0 all valid, 1 an invalid file (or, with ``strict``, a warning), as validate.md says."""
    if report.invalid or (strict and report.warnings):
        return 1
    return 0
