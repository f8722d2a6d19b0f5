"""Checking a batch of offer files: collect the paths, read and check each, report.

Pure core: takes the calendar and ``today``, returns a :class:`Report`;
printing and exit codes belong to the CLI. One file that cannot be read is a
report entry (F-code), never the end of the batch.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from inet_stages.calendar import Calendar
from inet_stages.findings import Finding
from inet_stages.ids import normalize
from inet_stages.offers import Offer, read_offer
from inet_stages.rules import Context, check_offer, finding


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
class FileReport:
    """The verdict on one file."""

    path: str
    internship: str | None
    tracks: tuple[str, ...] | None
    findings: tuple[Finding, ...]

    @property
    def errors(self) -> int:
        """Number of errors."""
        return sum(1 for f in self.findings if f.severity == "error")

    @property
    def warnings(self) -> int:
        """Number of warnings."""
        return sum(1 for f in self.findings if f.severity == "warning")

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


def check_file(target: Target, ctx: Context) -> tuple[FileReport, Offer | None]:
    """Read and check one file: every finding, sorted by line."""
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
    )
    return report, offer


def _sorted(findings: list[Finding]) -> list[Finding]:
    # File-level findings (no line) first, then by line; stable within a line.
    return sorted(findings, key=lambda f: f.line or 0)


def _duplicate_key(offer: Offer) -> tuple[str, str, str] | None:
    if offer.host.name is None or offer.internship is None or offer.title is None:
        return None
    return normalize(offer.host.name), offer.internship, normalize(offer.title)


def check_files(targets: Sequence[Target], calendar: Calendar, today: date) -> Report:
    """Check every file, then flag duplicates (same host, internship and title) on each."""
    ctx = Context(calendar=calendar, today=today)
    reports: list[FileReport] = []
    by_key: dict[tuple[str, str, str], list[int]] = {}
    # Only the line of each title is kept, not the offers: an offer keeps its
    # file's text (to locate keys), and a batch may be large.
    title_lines: dict[int, int | None] = {}
    for index, target in enumerate(targets):
        report, offer = check_file(target, ctx)
        reports.append(report)
        key = _duplicate_key(offer) if offer else None
        if key is not None and offer is not None:
            by_key.setdefault(key, []).append(index)
            title_lines[index] = offer.line("offer.title")
    for indexes in by_key.values():
        if len(indexes) < 2:
            continue
        for index in indexes:
            others = [reports[i].path for i in indexes if i != index]
            shown = ", ".join(others[:3])
            if len(others) > 3:
                shown += f" et {len(others) - 3} autres"
            extra = finding(
                "W002",
                "offer.title",
                f"même structure, même stage et même intitulé que {shown} : offre en double ?",
                title_lines[index],
            )
            old = reports[index]
            reports[index] = FileReport(
                path=old.path,
                internship=old.internship,
                tracks=old.tracks,
                findings=tuple(_sorted([*old.findings, extra])),
            )
    return Report(school_year=calendar.school_year, today=today, files=tuple(reports))


def exit_code(report: Report, *, strict: bool) -> int:
    """SPEC: 0 all valid, 1 an invalid file (or, with ``strict``, a warning)."""
    if report.invalid or (strict and report.warnings):
        return 1
    return 0
