"""``import``, whole: read the sources, convert, write one offer per row, validate each.

Folders are opened (one level) and saved e-mails too (:mod:`inet_stages.io.received`);
each source is converted by :mod:`inet_stages.intake.rows` and written all or
nothing (:func:`inet_stages.io.writes.write_many`), then every file written is
checked as one batch. Prints nothing: ``inet-stages import`` and
``bench/intake.py`` show the :class:`~inet_stages.intake.rows.ImportResult`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.io.received import MAIL_SUFFIXES
from inet_stages.io.tabular import WORKBOOK_SUFFIXES

if TYPE_CHECKING:
    from inet_stages.calendar import Calendar
    from inet_stages.intake.columns import Missing
    from inet_stages.intake.rows import (
        Converted,
        ImportResult,
        MailOutcome,
        RowOutcome,
        SourceOutcome,
    )


#: What import reads: workbooks, CSV, offer files (from an e-mail or given), saved e-mails,
#: as the readers of io name them.
_TABLES = (*WORKBOOK_SUFFIXES, ".csv")
_OFFERS = (".toml",)
_MAILS = MAIL_SUFFIXES
_NOT_IMPORTED = "ni formulaire, ni classeur, ni CSV, ni offre"


@dataclass(frozen=True, kw_only=True)
class _Input:
    """One file to import: given on the command line, found in a folder, or attached."""

    shown: str
    name: str
    path: Path | None = None
    data: bytes | None = None
    sender: str | None = None
    sent: datetime | None = None


def _expand(files: list[Path]) -> tuple[list[_Input], list[SourceOutcome], list[MailOutcome]]:
    """Folders opened (one level), e-mails opened, attachments received twice set aside."""
    import hashlib

    from inet_stages.intake.rows import MailOutcome, SourceOutcome
    from inet_stages.io.received import MailError, read_mail
    from inet_stages.text.textsafe import clean

    inputs: list[_Input] = []
    errors: list[SourceOutcome] = []
    mails: list[MailOutcome] = []
    seen: dict[str, str] = {}
    for given in files:
        paths = [given]
        try:
            is_folder = given.is_dir()
        except OSError as exc:  # a folder she cannot read on the way: this source only
            from inet_stages.io.writes import reason

            errors.append(
                SourceOutcome(
                    path=str(given), error=f"{clean(str(given))} : illisible ({reason(exc)})."
                )
            )
            continue
        if is_folder:
            try:
                paths = sorted(
                    p
                    for p in given.iterdir()
                    if not p.name.startswith(".")
                    and p.suffix.lower() in (*_TABLES, *_OFFERS, *_MAILS)
                    and p.is_file()
                )
            except OSError as exc:
                errors.append(
                    SourceOutcome(
                        path=str(given),
                        error=f"{clean(str(given))} : dossier illisible ({exc.strerror or exc}).",
                    )
                )
                continue
            if not paths:
                errors.append(
                    SourceOutcome(
                        path=str(given),
                        error=(
                            f"{clean(str(given))} : c'est un dossier, sans e-mail (.eml, .msg), "
                            "classeur (.xlsx, .xls, .ods) ni fichier .csv à importer."
                        ),
                    )
                )
                continue
        for path in paths:
            if path.suffix.lower() not in _MAILS:
                inputs.append(_Input(shown=str(path), name=path.name, path=path))
                continue
            try:
                mail = read_mail(path)
            except MailError as exc:
                mails.append(
                    MailOutcome(
                        path=str(path), sender=None, subject="", received=None, error=exc.message
                    )
                )
                continue
            imported: list[str] = []
            skipped: list[tuple[str, str]] = []
            for attached in mail.attachments:
                suffix = Path(attached.filename).suffix.lower()
                if suffix not in (*_TABLES, *_OFFERS):
                    skipped.append(
                        (attached.filename, "ni formulaire, ni classeur, ni CSV, ni offre")
                    )
                    continue
                digest = hashlib.sha256(attached.data).hexdigest()
                if digest in seen:
                    skipped.append((attached.filename, f"déjà reçue : {seen[digest]}"))
                    continue
                shown = f"{path} › {attached.filename}"
                seen[digest] = shown
                imported.append(attached.filename)
                inputs.append(
                    _Input(
                        shown=shown,
                        name=attached.filename,
                        data=attached.data,
                        sender=mail.sender,
                        sent=mail.sent,
                    )
                )
            mails.append(
                MailOutcome(
                    path=str(path),
                    sender=mail.sender,
                    subject=mail.subject,
                    received=_paris(mail.sent).isoformat(timespec="minutes") if mail.sent else None,
                    imported=tuple(imported),
                    skipped=tuple(skipped),
                )
            )
    return inputs, errors, mails


def _paris(when: datetime) -> datetime:
    """An e-mail's date in Paris time: the date of deposit the brochure's deadlines speak of."""
    from zoneinfo import ZoneInfo

    return when.astimezone(ZoneInfo("Europe/Paris"))


def _mail_notes(item: _Input) -> list[str]:
    notes: list[str] = []
    if item.sent is not None:
        when = _paris(item.sent)
        notes.append(
            f"reçue par e-mail de {item.sender or 'expéditeur inconnu'} le "
            f"{when.strftime('%d/%m/%Y à %H:%M')} (heure de Paris)"
        )
    elif item.sender is not None:
        notes.append(f"reçue par e-mail de {item.sender} (e-mail sans date)")
    return notes


def run_import(
    files: list[Path],
    output: Path,
    calendar: Calendar,
    today: date,
    *,
    mapping: dict[str, str] | None,
    force: bool,
) -> ImportResult:
    """Read, convert, write and validate: the whole import, its outcome returned.

    Folders are opened (one level) and saved e-mails too: every attachment
    that is a workbook, a CSV or an offer is imported, once. Each source is
    all or nothing: a file whose needed columns are not recognised, or one of
    whose rows cannot be read, writes no offer. Used by the command and by
    ``bench/intake.py``; prints nothing.
    """
    from inet_stages.intake.columns import OFFERS_SHEET, missing_columns
    from inet_stages.intake.rows import ImportResult, SourceOutcome, convert_table
    from inet_stages.io.tabular import TableError, read_table, read_table_bytes

    inputs, sources, mails = _expand(files)
    converted: list[tuple[_Input, Converted]] = []
    offers: list[tuple[_Input, str]] = []
    for item in inputs:
        received = _paris(item.sent).date() if item.sent is not None else None
        received_text = received.isoformat() if received else None
        if Path(item.name).suffix.lower() in _OFFERS:
            offers.append((item, item.shown))
            continue
        try:
            if item.data is not None:
                table = read_table_bytes(item.data, item.shown, prefer=OFFERS_SHEET)
            else:
                assert item.path is not None
                table = read_table(item.path, prefer=OFFERS_SHEET)
        except TableError as exc:
            sources.append(
                SourceOutcome(
                    path=item.shown, error=exc.message, sender=item.sender, received=received_text
                )
            )
            continue
        except OSError as exc:  # a folder she cannot read on the way: this source only
            from inet_stages.io.writes import reason

            sources.append(
                SourceOutcome(
                    path=item.shown,
                    error=f"{item.shown} : illisible ({reason(exc)}).",
                    sender=item.sender,
                    received=received_text,
                )
            )
            continue
        columns, rows = convert_table(table, calendar, today, mapping, received=received)
        if not columns.keys:
            sources.append(
                SourceOutcome(
                    path=item.shown,
                    error=(
                        f"{table.name} : aucune colonne reconnue ({_listed(table.headers)}) ; "
                        "ce ne sont pas des offres, ou il faut une correspondance (--mapping)."
                    ),
                    ignored=columns.ignored,
                    sender=item.sender,
                    received=received_text,
                )
            )
            continue
        missing = missing_columns(table, columns)
        if missing is not None:
            sources.append(
                SourceOutcome(
                    path=item.shown,
                    error=_missing_message(table.name, missing),
                    ignored=columns.ignored,
                    missing=missing,
                    rows=len(rows),
                    sender=item.sender,
                    received=received_text,
                )
            )
            continue
        refused = [row.row for row in rows if row.document is None]
        held = (
            f"rien n'est écrit de ce fichier tant que {_rows_named(refused)} "
            f"{_NOT_CORRECTED[len(refused) > 1]} "
            "(chaque fichier est importé en entier ou pas du tout)"
            if refused
            else None
        )
        sources.append(
            SourceOutcome(
                path=item.shown,
                columns={table.columns[h]: key for h, key in columns.keys.items()},
                ignored=columns.ignored,
                rows=len(rows),
                held=held,
                sender=item.sender,
                received=received_text,
            )
        )
        converted += [(item, row) for row in rows]
    outcomes = _write(converted, output, force, {s.path: s.held for s in sources})
    outcomes += _copy_offers(offers, output, force, sources)
    outcomes = _validate(outcomes, calendar, today)
    return ImportResult(
        school_year=calendar.school_year,
        today=today,
        output=str(output),
        sources=tuple(sources),
        rows=tuple(outcomes),
        mails=tuple(mails),
    )


def _already_there(names: list[str]) -> str:
    """Why a source writes nothing: every file of it already there, named (the first five)."""
    if len(names) == 1:
        return (
            f"rien n'est écrit de ce fichier : {names[0]} existe déjà ; ajoutez --force pour "
            "le remplacer"
        )
    shown = ", ".join(names[:5]) + (f"… ({len(names)} fichiers)" if len(names) > 5 else "")
    return (
        f"rien n'est écrit de ce fichier : {shown} existent déjà ; ajoutez --force pour "
        "les remplacer"
    )


#: « tant que la ligne 3 n'est pas corrigée », « … les lignes 3 et 6 ne sont pas corrigées ».
_NOT_CORRECTED = ("n'est pas corrigée", "ne sont pas corrigées")


def _rows_named(numbers: list[int]) -> str:
    """« la ligne 3 », « les lignes 3, 6 et 8 »; past ten, the first eight, « … », the last
    and how many in all: no row left out without a word."""
    if len(numbers) == 1:
        return f"la ligne {numbers[0]}"
    if len(numbers) <= 10:
        shown = ", ".join(str(n) for n in numbers[:-1])
        return f"les lignes {shown} et {numbers[-1]}"
    first = ", ".join(str(n) for n in numbers[:8])
    return f"les lignes {first}, … et {numbers[-1]} ({len(numbers)} lignes)"


def _missing_message(name: str, missing: Missing) -> str:
    from inet_stages.intake.columns import REQUIRED_LABELS
    from inet_stages.text.textsafe import clean

    needed = ", ".join(f"{REQUIRED_LABELS[k]} ({k})" for k in missing.keys)
    lines = [
        f"{name} : colonne nécessaire non reconnue : {needed} ; rien n'est importé de ce fichier."
    ]
    for proposal in missing.proposals:
        if proposal.nearest is not None:
            lines.append(
                f"  « {clean(proposal.header, limit=60)} » : non reconnue ; la plus proche : "
                f"« {proposal.nearest} » ({proposal.key})."
            )
        else:
            lines.append(f"  « {clean(proposal.header, limit=60)} » : non reconnue.")
    lines.append("  Écrivez dans le fichier de correspondance (--mapping) :")
    lines.append("    [columns]")
    lines += [f"    {clean(line)}" for line in missing.mapping_lines]
    return "\n".join(lines)


def _listed(headers: tuple[str, ...]) -> str:
    shown = ", ".join(f"« {h} »" for h in headers[:5])
    return shown + (", …" if len(headers) > 5 else "")


def _write(
    converted: list[tuple[_Input, Converted]],
    output: Path,
    force: bool,
    held: dict[str, str | None],
) -> list[RowOutcome]:
    """Write every converted row's offer (one flush to disk for the batch), source by source.

    All or nothing per source: a source held back (a row refused), or one of
    whose files exists already (without --force), writes none; a source one
    of whose writes failed has the others removed, so that no orphan is left.
    """
    from inet_stages.intake.rows import RowOutcome, file_stem, render_offer, unique_names
    from inet_stages.io.writes import write_many

    documents = [
        (item, row)
        for item, row in converted
        if row.document is not None and held.get(item.shown) is None
    ]
    names = unique_names(file_stem(row) for _, row in documents)
    targets = {id(row): output / name for (_, row), name in zip(documents, names, strict=True)}
    existing: dict[str, list[str]] = {}
    if not force:
        for item, row in documents:
            target = targets[id(row)]
            # A link planted in the folder is the writer's to refuse, in its own words.
            if target.exists() and not target.is_symlink():
                existing.setdefault(item.shown, []).append(target.name)
    blocked = {source: _already_there(names) for source, names in existing.items()}
    chosen = [(item, row) for item, row in documents if item.shown not in blocked]
    notes = {id(row): [*row.notes, *_mail_notes(item)] for item, row in chosen}
    results = write_many(
        [
            (
                targets[id(row)],
                render_offer(row.document, item.name, row.row, notes[id(row)]),
            )
            for item, row in chosen
            if row.document is not None
        ],
        force=force,
    )
    problems = {id(row): problem for (_, row), problem in zip(chosen, results, strict=True)}
    failed = {item.shown for (item, row) in chosen if problems[id(row)] is not None}
    outcomes: list[RowOutcome] = []
    for item, row in converted:
        source = item.shown
        if row.document is None:
            outcomes.append(
                RowOutcome(
                    source=source, row=row.row, file=None, status="rejected", problems=row.problems
                )
            )
            continue
        reason = held.get(source) or blocked.get(source)
        problem = problems.get(id(row))
        if reason is None and problem is not None:
            reason = problem.message
        elif reason is None and source in failed:
            targets[id(row)].unlink(missing_ok=True)
            reason = "retirée : une autre offre du même fichier n'a pu être écrite"
        outcomes.append(
            RowOutcome(
                source=source,
                row=row.row,
                file=str(targets[id(row)]) if reason is None else None,
                status="written" if reason is None else "not_written",
                notes=tuple(notes.get(id(row), row.notes)),
                reason=reason,
            )
        )
    return outcomes


def _copy_offers(
    offers: list[tuple[_Input, str]],
    output: Path,
    force: bool,
    sources: list[SourceOutcome],
) -> list[RowOutcome]:
    """Offer files (``.toml``) received or given: read safely, dated by their e-mail, written."""
    from inet_stages.ids import slug
    from inet_stages.intake.rows import RowOutcome, SourceOutcome, unique_names
    from inet_stages.io import tomlsafe
    from inet_stages.io.writes import write_many

    ready: list[tuple[_Input, str, list[str]]] = []
    for item, shown in offers:
        try:
            data = item.data if item.data is not None else tomlsafe.read_bytes(item.path or Path())
            text = tomlsafe.decode(shown, data)
            tomlsafe.parse(shown, text)
        except tomlsafe.TomlInputError as exc:
            sources.append(SourceOutcome(path=shown, error=exc.located(), sender=item.sender))
            continue
        notes = _mail_notes(item)
        if item.sent is not None:
            text, note = _dated(text, _paris(item.sent).date())
            if note:
                notes.insert(0, note)
        header = "".join(f"# {_comment(note)}\n" for note in notes)
        ready.append((item, header + text, notes))
        sources.append(
            SourceOutcome(path=shown, rows=1, sender=item.sender, received=None, columns={})
        )
    names = unique_names((slug(Path(item.name).stem) or "offre") for item, _, _ in ready)
    results = write_many(
        [(output / name, text) for (_, text, _), name in zip(ready, names, strict=True)],
        force=force,
    )
    return [
        RowOutcome(
            source=item.shown,
            row=1,
            file=str(output / name) if problem is None else None,
            status="written" if problem is None else "not_written",
            notes=tuple(notes),
            reason=problem.message if problem is not None else None,
        )
        for (item, _, notes), name, problem in zip(ready, names, results, strict=True)
    ]


def _comment(text: str) -> str:
    from inet_stages.intake.rows import comment_text

    line = comment_text(text)
    return line[:1].upper() + line[1:] + ("" if line.endswith(".") else ".")


def _dated(text: str, received: date) -> tuple[str, str | None]:
    """``offer.submitted`` set to the e-mail's date, comments kept; the note of a typed date."""
    import tomlkit

    try:
        document = tomlkit.parse(text)
        offer = document.get("offer")
        if not isinstance(offer, dict):
            return text, None
        typed = offer.get("submitted")
        offer["submitted"] = received
        note = None
        if isinstance(typed, date) and typed != received:
            note = (
                f"date de dépôt saisie par la structure : {typed.strftime('%d/%m/%Y')} ; "
                f"retenue : celle de l'e-mail, {received.strftime('%d/%m/%Y')}"
            )
        return tomlkit.dumps(document), note
    except Exception:  # tomlkit refuses what tomli accepted: keep the file as sent
        return text, None


def _validate(outcomes: list[RowOutcome], calendar: Calendar, today: date) -> list[RowOutcome]:
    """Check every written file as one batch (duplicates within the import are found too)."""
    from dataclasses import replace

    from inet_stages.batch.check import Target, check_files

    written = [o for o in outcomes if o.status == "written" and o.file]
    report = check_files(
        [Target(name=o.file, path=Path(o.file)) for o in written if o.file], calendar, today
    )
    by_path = {f.path: f for f in report.files}
    checked: list[RowOutcome] = []
    for outcome in outcomes:
        verdict = by_path.get(outcome.file or "") if outcome.status == "written" else None
        if verdict is None:
            checked.append(outcome)
        else:
            status = "valid" if verdict.valid else "invalid"
            checked.append(replace(outcome, status=status, report=verdict))
    return checked
