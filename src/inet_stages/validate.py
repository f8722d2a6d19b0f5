"""Checking a batch of offer files: collect the paths, read and check each, report.

Pure core: takes the calendar and ``today``, returns a :class:`Report`;
printing and exit codes belong to the CLI. One file that cannot be read is a
report entry (F-code), never the end of the batch.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from inet_stages import tomlsafe
from inet_stages.calendar.model import Calendar
from inet_stages.findings import Counted, Finding, finding
from inet_stages.ids import normalize
from inet_stages.offer.model import Offer
from inet_stages.offer.reader import read_offer
from inet_stages.rules import Context, check_offer


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


def collect(paths: Iterable[str]) -> Collected:
    """Files as given, and every ``*.toml`` under given folders (recursively, sorted).

    Symbolic links to folders are not followed (no loops); a file found in a
    folder is kept whatever it is (a FIFO named ``x.toml`` is reported by the
    reader as unreadable, not opened).
    """
    targets: list[Target] = []
    missing: list[str] = []
    seen: set[str] = set()

    def add(name: str, path: Path) -> None:
        if name not in seen:
            seen.add(name)
            targets.append(Target(name=name, path=path))

    for given in paths:
        path = Path(given)
        if path.is_dir():
            found, problem = _walk(given)
            if problem:
                missing.append(problem)
            for name in found:
                add(name, Path(name))
        elif path.exists() or path.is_symlink():
            add(given, path)
        else:
            missing.append(f"{given} : fichier ou dossier introuvable.")
    return Collected(targets=tuple(targets), missing=tuple(missing))


def _walk(folder: str) -> tuple[list[str], str | None]:
    found: list[str] = []
    problems: list[str] = []

    def on_error(error: OSError) -> None:
        problems.append(f"{error.filename} : dossier illisible ({error.strerror or error}).")

    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs.sort()
        found.extend(os.path.join(root, name) for name in files if name.endswith(".toml"))
    found.sort(key=lambda name: Path(name).parts)
    return found, problems[0] if problems else None


@dataclass(frozen=True, kw_only=True)
class FileReport(Counted):
    """The verdict on one file; ``offer`` is what was read, when the caller asked to keep it."""

    path: str
    internship: str | None
    tracks: tuple[str, ...] | None
    findings: tuple[Finding, ...]
    offer: Offer | None = field(default=None, compare=False, repr=False)

    @property
    def valid(self) -> bool:
        """SPEC: valid when no error (warnings allowed)."""
        return self.errors == 0


@dataclass(frozen=True, kw_only=True)
class Report:
    """The verdict on a batch."""

    school_year: str
    today: date
    files: tuple[FileReport, ...]
    #: Groups of paths that look like the same offer (W002), in file order.
    duplicates: tuple[tuple[str, ...], ...] = ()

    @property
    def errors(self) -> int:
        """Errors over all files."""
        return sum(f.errors for f in self.files)

    @property
    def warnings(self) -> int:
        """Warnings over all files."""
        return sum(f.warnings for f in self.files)

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
    target: Target, ctx: Context, *, keep_offer: bool = True
) -> tuple[FileReport, Offer | None]:
    """Read and check one file: every finding, sorted by line.

    The offer is returned either way; ``keep_offer`` also keeps it in the report.
    """
    result = read_offer(target.path, ctx.calendar, name=target.name)
    findings = list(result.findings)
    offer = result.offer
    if offer is not None:
        findings.extend(check_offer(offer, ctx))
    report = FileReport(
        path=target.name,
        internship=offer.internship if offer else None,
        tracks=tuple(offer.tracks) if offer and offer.tracks else None,
        findings=tuple(_sorted(findings)),
        offer=offer if keep_offer else None,
    )
    return report, offer


def _sorted(findings: list[Finding]) -> list[Finding]:
    # File-level findings (no line) first, then by line; stable within a line.
    return sorted(findings, key=lambda f: f.line or 0)


def _duplicate_key(offer: Offer) -> tuple[str, str, str] | None:
    if offer.host.name is None or offer.internship is None or offer.title is None:
        return None
    return normalize(offer.host.name), offer.internship, normalize(offer.title)


def check_files(
    targets: Sequence[Target],
    calendar: Calendar,
    today: date,
    *,
    progress: Callable[[Target], None] | None = None,
    keep_offers: bool = False,
) -> Report:
    """Check every file, then flag duplicates (same host, internship and title) on each.

    ``progress`` is called after each file is checked (a progress bar, in the CLI).
    ``keep_offers`` keeps each read offer in its :class:`FileReport` (``report``
    needs the hosts and tutors); ``validate`` does without, to spare memory on
    large batches.
    """
    ctx = Context(calendar=calendar, today=today)
    reports: list[FileReport] = []
    # Only the duplicate keys are kept, not the offers: an offer holds its
    # file's text (to locate keys), and a batch may be large.
    by_key: dict[tuple[str, str, str], list[int]] = {}
    for index, target in enumerate(targets):
        report, offer = check_file(target, ctx, keep_offer=keep_offers)
        reports.append(report)
        key = _duplicate_key(offer) if offer else None
        if key is not None:
            by_key.setdefault(key, []).append(index)
        if progress is not None:
            progress(target)
    groups = [indexes for indexes in by_key.values() if len(indexes) > 1]
    for indexes in groups:
        for index in indexes:
            others = [reports[i].path for i in indexes if i != index]
            shown = ", ".join(others[:3])
            if len(others) > 3:
                shown += f" et {len(others) - 3} autres"
            extra = finding(
                "W002",
                "offer.title",
                f"même structure, même stage et même intitulé que {shown} : offre en double ?",
                _title_line(targets[index].path),
            )
            old = reports[index]
            reports[index] = FileReport(
                path=old.path,
                internship=old.internship,
                tracks=old.tracks,
                findings=tuple(_sorted([*old.findings, extra])),
                offer=old.offer,
            )
    return Report(
        school_year=calendar.school_year,
        today=today,
        files=tuple(reports),
        duplicates=tuple(tuple(reports[i].path for i in indexes) for indexes in groups),
    )


def _title_line(path: Path) -> int | None:
    """The line of ``offer.title`` in a duplicate, read again (duplicates are rare)."""
    try:
        text = tomlsafe.decode(str(path), tomlsafe.read_bytes(path))
    except tomlsafe.TomlInputError:
        return None
    return tomlsafe.line_of(tomlsafe.locate_keys(text), "offer.title")


def exit_code(report: Report, *, strict: bool) -> int:
    """SPEC: 0 all valid, 1 an invalid file (or, with ``strict``, a warning)."""
    if report.invalid or (strict and report.warnings):
        return 1
    return 0
