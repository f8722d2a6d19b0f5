"""Offers that come as table rows (the form, a CSV, an online form's export) turned into data.

Pure: a :class:`~inet_stages.io.tabular.Table` and the calendar in, one offer
document per row (the nested dicts that tomli-w writes) and the problems of
each row out. No file is read or written here.

Columns are recognised as :mod:`inet_stages.intake.columns` says; cells are read by
:mod:`inet_stages.intake.cells`.

A value that cannot be turned into its field (a date that cannot be read,
« beaucoup » habitants, an unknown internship) is a :class:`Problem` naming the
row and the column, and the row is not written. A value left empty is simply
absent from the document: the validator then says what is missing, as for a
hand-written file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from inet_stages.calendar import Calendar
from inet_stages.ids import free_name, slug
from inet_stages.intake.cells import LIST_SPLIT, Unreadable, Vocabulary, cell_value
from inet_stages.intake.columns import KEYS, Columns, Missing, match_columns
from inet_stages.io.tabular import Table, TableRow
from inet_stages.text.textsafe import strip

if TYPE_CHECKING:
    from inet_stages.batch.check import FileReport


# --- Rows ------------------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Problem:
    """A cell that could not become its field: row, column (as written), key, French message."""

    row: int
    column: str | None
    key: str | None
    message: str


@dataclass(frozen=True, kw_only=True)
class Converted:
    """One row: the offer document (None when a cell could not be read), its problems, notes."""

    row: int
    document: dict[str, dict[str, Any]] | None
    problems: tuple[Problem, ...]
    notes: tuple[str, ...] = ()

    @property
    def host_name(self) -> str | None:
        """The host's name, for the file name."""
        return self._text("host", "name")

    @property
    def internship(self) -> str | None:
        """The internship id, for the file name."""
        return self._text("offer", "internship")

    def _text(self, table: str, key: str) -> str | None:
        """The text at ``table.key`` of the document; None when absent, not text, or no document."""
        if self.document is None:
            return None
        value = self.document.get(table, {}).get(key)
        return value if isinstance(value, str) else None


def convert_row(
    row: TableRow,
    columns: Columns,
    table: Table,
    vocabulary: Vocabulary,
    today: date,
    *,
    received: date | None = None,
) -> Converted:
    """Turn one row into an offer document, or say which cells cannot be read.

    A row without a date of deposit gets ``today`` (the day the coordination
    receives it), with a note saying so. A row that came by e-mail
    (``received``: the message's date in Paris) gets that date; a different
    date typed by the host is kept as a note, not used for the deadline.
    """
    values: dict[str, object] = {}
    tracks: list[str] = []
    problems: list[Problem] = []

    def problem(header: str, key: str, message: str) -> None:
        problems.append(
            Problem(row=row.number, column=table.columns[header], key=key, message=message)
        )

    for header, key in columns.keys.items():
        cell = row.cells.get(header)
        if cell is None:
            continue
        try:
            if key == "offer.tracks":
                parts = [cell] if not isinstance(cell, str) else LIST_SPLIT.split(cell)
                for part in parts:
                    if str(part).strip():
                        track = vocabulary.track(str(part).strip())
                        if track not in tracks:
                            tracks.append(track)
            else:
                values[key] = cell_value(key, cell, vocabulary)
        except Unreadable as exc:
            problem(header, key, str(exc) + ".")
    if not problems and not values and not tracks:
        problems.append(
            Problem(
                row=row.number,
                column=None,
                key=None,
                message="aucune valeur dans les colonnes reconnues : ce n'est pas une offre.",
            )
        )
    if problems:
        return Converted(row=row.number, document=None, problems=tuple(problems))
    notes: list[str] = []
    if tracks:
        values["offer.tracks"] = tracks
    if received is not None:
        typed = values.get("offer.submitted")
        values["offer.submitted"] = received
        if isinstance(typed, date) and typed != received:
            notes.append(
                f"date de dépôt saisie par la structure : {typed.strftime('%d/%m/%Y')} ; "
                f"retenue : celle de l'e-mail, {received.strftime('%d/%m/%Y')}"
            )
    elif "offer.submitted" not in values:
        values["offer.submitted"] = today
        notes.append(f"date de dépôt absente : la date du jour ({today.isoformat()}) est retenue")
    return Converted(row=row.number, document=_document(values), problems=(), notes=tuple(notes))


def _document(values: Mapping[str, object]) -> dict[str, dict[str, Any]]:
    # Keys in the order of the format (and of the template), tables in the format's order.
    document: dict[str, dict[str, Any]] = {}
    for key in KEYS:
        if key in values and values[key] != "":
            table, name = key.split(".")
            document.setdefault(table, {})[name] = values[key]
    return document


def convert_table(
    table: Table,
    calendar: Calendar,
    today: date,
    mapping: Mapping[str, str] | None = None,
    received: date | None = None,
) -> tuple[Columns, list[Converted]]:
    """Every row of ``table`` converted; the columns as they were understood.

    ``received``: the date the e-mail carrying the table was sent (Paris), the
    date of deposit of every row.
    """
    columns = match_columns(table, mapping)
    vocabulary = Vocabulary(calendar)
    rows = [
        convert_row(row, columns, table, vocabulary, today, received=received) for row in table.rows
    ]
    return columns, rows


# --- File names ------------------------------------------------------------------------


def file_stem(converted: Converted) -> str:
    """``ville-de-colmar-thematique``: the host's name then the internship."""
    host = slug(converted.host_name or "") or "offre"
    internship = converted.internship
    return f"{host}-{slug(internship)}" if internship else host


def unique_names(stems: Iterable[str]) -> list[str]:
    """File names for ``stems`` in order: the second of a name gets ``-2``, then ``-3``…"""
    taken: set[str] = set()
    return [free_name(stem, ".toml", taken) for stem in stems]


def render_offer(
    document: Mapping[str, Mapping[str, Any]],
    source: str,
    row: int,
    notes: Sequence[str] = (),
) -> str:
    """The offer file's text, written by tomli-w, after comments saying where it came from.

    ``notes`` (the sender of the e-mail, a date typed by the host and not
    kept) are comment lines too: the file stays a valid offer.
    """
    origin = comment_text(source)
    body = dumps(document)
    extra = "".join(f"# {_sentence(comment_text(note))}\n" for note in notes)
    return f"# Offre importée de {origin}, ligne {row} (inet-stages import).\n{extra}\n{body}"


#: What a TOML basic string cannot hold as is: such a text goes through tomli-w.
_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f\x7f"\\]')
_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")


def dumps(document: Mapping[str, Mapping[str, Any]]) -> str:
    """``tomli_w.dumps(document, multiline_strings=True)``, the same text, faster.

    An offer is tables of texts, numbers, booleans, dates and lists of texts;
    tomli-w formats each text a character at a time, which was a fifth of an
    import of a thousand rows. A text with nothing to escape is written here;
    anything else (an escape, a line break, another shape) by tomli-w itself.
    tests/test_intake.py checks that both give the same text.
    """
    import tomli_w

    chunks: list[str] = []
    for table, content in document.items():
        if not isinstance(content, Mapping) or not _BARE_KEY.fullmatch(table):
            return tomli_w.dumps(document, multiline_strings=True)
        lines = [f"[{table}]"]
        for key, value in content.items():
            literal = _literal(value)
            if literal is None or not _BARE_KEY.fullmatch(key):
                return tomli_w.dumps(document, multiline_strings=True)
            lines.append(f"{key} = {literal}")
        chunks.append("\n".join(lines) + "\n")
    return "\n".join(chunks)


def _literal(value: object) -> str | None:
    import tomli_w

    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | date):
        return str(value)
    if isinstance(value, str):
        if _NEEDS_ESCAPE.search(value) is None:
            return f'"{value}"'
        return tomli_w.dumps({"k": value}, multiline_strings=True)[4:-1]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        if not value:
            return "[]"
        return "[\n" + ",\n".join(f"    {_literal(v)}" for v in value) + ",\n]"
    return None


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + ("" if text.endswith(".") else ".")


def comment_text(text: str) -> str:
    """One line of text safe in a TOML comment (no line break, no control character)."""
    return re.sub(r"[\x00-\x1f\x7f\u2028\u2029]+", " ", strip(text)).strip()


# --- Outcomes --------------------------------------------------------------------------

#: What became of a row: written and valid, written and invalid, not written
#: because a cell could not be read, or because the file could not be written.
Status = str  # "valid" | "invalid" | "rejected" | "not_written"


@dataclass(frozen=True, kw_only=True)
class RowOutcome:
    """One row of one source: the file written (if any) and its verdict.

    ``report`` is the validator's verdict on the written file (None when no
    file was written); ``reason`` says why a file was not written.
    """

    source: str
    row: int
    file: str | None
    status: Status
    problems: tuple[Problem, ...] = ()
    notes: tuple[str, ...] = ()
    reason: str | None = None
    report: FileReport | None = None


@dataclass(frozen=True, kw_only=True)
class SourceOutcome:
    """One file given to ``import``: its columns as understood, or why it could not be read."""

    path: str
    error: str | None = None
    columns: Mapping[str, str] | None = None  # header as written -> key
    ignored: tuple[tuple[str, str], ...] = ()
    rows: int = 0
    #: The e-mail that carried the file: sender's address, date sent (Paris, ISO 8601).
    sender: str | None = None
    received: str | None = None
    #: Required columns not recognised: what to add to the mapping.
    missing: Missing | None = None
    #: Why nothing of this file was written although some rows could be (all or nothing).
    held: str | None = None


@dataclass(frozen=True, kw_only=True)
class MailOutcome:
    """One saved e-mail: who sent it, when, what was taken from it and what was not."""

    path: str
    sender: str | None
    subject: str
    received: str | None
    imported: tuple[str, ...] = ()
    #: Attachments left aside, each with the reason (another type, received twice).
    skipped: tuple[tuple[str, str], ...] = ()
    error: str | None = None

    @property
    def usable(self) -> bool:
        """Whether at least one attachment was imported."""
        return bool(self.imported)


@dataclass(frozen=True, kw_only=True)
class ImportResult:
    """The whole import: sources, rows, and the calendar and day it was judged against."""

    school_year: str
    today: date
    output: str
    sources: tuple[SourceOutcome, ...]
    rows: tuple[RowOutcome, ...]
    mails: tuple[MailOutcome, ...] = ()

    def count(self, status: Status) -> int:
        """Rows of that status."""
        return sum(1 for r in self.rows if r.status == status)

    @property
    def unreadable(self) -> int:
        """Sources that could not be read at all (or whose needed columns were not found)."""
        return sum(1 for s in self.sources if s.error is not None) + sum(
            1 for m in self.mails if m.error is not None
        )

    def exit_code(self) -> int:
        """0 every row written and valid; 1 a row rejected, not written or invalid; 2 a source
        unreadable (after the others were imported)."""
        if self.unreadable:
            return 2
        if any(not m.usable for m in self.mails):
            return 1  # an e-mail without an offer: someone must look at it
        return 0 if all(r.status == "valid" for r in self.rows) else 1
