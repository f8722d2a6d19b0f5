"""Reading an offer file: every problem at once, then the plain :class:`Offer`.

An offer comes from a host organisation and is typed by hand, so reading it
collects *every* problem at once:

1. the file is read with :mod:`inet_stages.io.tomlsafe` (F-codes when it cannot be);
2. the parsed document is checked against the pydantic model
   (:class:`~inet_stages.offer.schema.OfferFile`), whose errors all arrive
   together and are translated into French findings (S-codes, D001) with the
   key path and the line;
3. whatever was readable is copied into the plain frozen :class:`Offer`, ids
   resolved against the calendar (I001, I002, H003); unreadable fields are
   ``None`` and listed in :attr:`Offer.bad_fields`, so that the rules of
   :mod:`inet_stages.rules` still run on the rest of the file.

The codes this reader emits are all errors, documented in their families
(:mod:`inet_stages.rules.files`, ``structure``…); the reader names them without
importing the rules, which sit above it (a test holds the two to agreement).
pydantic is imported here and in the schema only, and only for a document
that :func:`inet_stages.offer.shape.conforms` cannot vouch for: checking
offers that are well formed never imports it.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from inet_stages.calendar.model import Calendar
from inet_stages.findings import Finding
from inet_stages.ids import UnknownId, resolve
from inet_stages.io import tomlsafe
from inet_stages.offer import slips
from inet_stages.offer.model import Host, Offer, ReadResult, Tutor
from inet_stages.offer.shape import (
    FIELDS,
    MAX_DETAILED,
    MAX_POPULATION,
    conforms,
    iso_date,
)
from inet_stages.text.frdates import format_number
from inet_stages.text.values import brief as _brief
from inet_stages.text.values import kind_of as _kind
from inet_stages.text.vocabulary import (
    CIVILITY_SPELLINGS,
    HOST_KINDS,
    OTHER_KINDS,
    PLACEHOLDER,
    TERRITORIAL_KINDS,
)


def finding(code: str, key: str | None, message: str, line: int | None) -> Finding:
    """An error of the reader (every code the reader emits is an error)."""
    return Finding(code=code, severity="error", field=key or None, message=message, line=line)


def read_offer(path: Path, calendar: Calendar, *, name: str | None = None) -> ReadResult:
    """Read the offer file at ``path``; ``name`` is how the path is shown (as given)."""
    shown = name if name is not None else str(path)
    try:
        raw = tomlsafe.read_bytes(path)
    except tomlsafe.TomlInputError as exc:
        return _file_problem("F001", exc.message)
    try:
        text = tomlsafe.decode(shown, raw)
    except tomlsafe.TomlInputError as exc:
        return _file_problem("F002", exc.message, exc.line)
    return read_text(shown, text, calendar)


def read_text(name: str, text: str, calendar: Calendar) -> ReadResult:
    """Read an offer from its decoded ``text``: Word slips explained and recovered.

    A file that is not TOML because of slips (typographic quotes, odd spaces,
    dates typed the French way…) gets one finding per slip, and the rest of
    the file, read from the lines rewritten in memory, is checked as usual;
    F004 remains only when the file is still not TOML once they are mended.
    """
    if not text.strip():
        return _file_problem(
            "F003", "le fichier est vide : une offre a les tables [offer], [host] et [tutor]."
        )
    try:
        data = tomlsafe.parse(name, text)
    except tomlsafe.TomlInputError as exc:
        recovered = slips.recover_text(text)
        found = _slip_findings(recovered.slips)
        if recovered.text == text:
            return _file_problem("F004", _with_place(exc), exc.line)
        try:
            data = tomlsafe.parse(name, recovered.text)
        except tomlsafe.TomlInputError as still:
            return ReadResult(
                offer=None, findings=(*found, finding("F004", None, _with_place(still), still.line))
            )
        result = read_document(name, recovered.text, data, calendar)
        return ReadResult(offer=result.offer, findings=(*found, *result.findings))
    return read_document(name, text, data, calendar)


def _with_place(exc: tomlsafe.TomlInputError) -> str:
    where = f" (ligne {exc.line}, colonne {exc.column})" if exc.line and exc.column else ""
    return exc.message + where


def _slip_finding(slip: slips.Slip) -> Finding:
    return finding(slip.code, slip.key, slip.message, slip.line or None)


def _slip_findings(found: tuple[slips.Slip, ...]) -> tuple[Finding, ...]:
    """One finding per slip, the first :data:`MAX_DETAILED`; then one that counts the rest."""
    if len(found) <= MAX_DETAILED:
        return tuple(_slip_finding(s) for s in found)
    rest = found[MAX_DETAILED:]
    last = finding(
        rest[0].code,
        None,
        f"{format_number(len(rest))} autres fautes de frappe du même genre non détaillées "
        "(guillemets, espaces, dates) : « inet-stages fix » les corrige.",
        rest[0].line,
    )
    return (*(_slip_finding(s) for s in found[:MAX_DETAILED]), last)


def _file_problem(code: str, message: str, line: int | None = None) -> ReadResult:
    return ReadResult(offer=None, findings=(finding(code, None, message, line),))


def read_document(name: str, text: str, data: dict[str, Any], calendar: Calendar) -> ReadResult:
    """Check a parsed document against the model and build the :class:`Offer`."""
    lines = tomlsafe.LazyLines(text)
    # Dates typed "10/02/2026" and addresses with spaces: explained, then mended.
    data, value_slips = slips.recover_values(data, text, lines)
    found: list[Finding] = [_slip_finding(s) for s in value_slips]

    def add(code: str, key: str | None, message: str) -> None:
        found.append(finding(code, key, message, lines(key)))

    placeholders = set(_placeholders(data))
    for key in sorted(placeholders, key=lambda k: lines(k) or 0):
        add("S006", key, f"valeur à compléter : remplacez « {PLACEHOLDER} … » par la vraie valeur.")
    bad: set[str] = set(placeholders)
    if not conforms(data):
        # Something is wrong (or unusual): the model says what, in full. A
        # well-formed document is never shown to it, and pydantic not imported.
        _check_model(data, placeholders, bad, add, found)

    offer = _build(name, data, bad=bad, calendar=calendar, add=add, lines=lines)
    return ReadResult(offer=offer, findings=tuple(found), received=received_note(text))


#: ``import`` heads the offers it writes with this comment, then its notes.
_IMPORTED = "# Offre importée de "
_RECEIVED = re.compile(r"# (Reçue par e-mail de [^\n]{1,300})")


def received_note(text: str) -> str | None:
    """The « Reçue par e-mail de … » note of an offer ``import`` took from an e-mail, if any.

    Only the comment lines ``import`` writes at the top are read (a file that does
    not start with its first line has none), so a hand-written offer costs one test.
    """
    if not text.startswith(_IMPORTED):
        return None
    for line in text.splitlines()[1:6]:
        if not line.startswith("#"):
            break
        match = _RECEIVED.match(line)
        if match is not None:
            return match.group(1).rstrip(".")
    return None


def _check_model(
    data: dict[str, Any],
    placeholders: set[str],
    bad: set[str],
    add: Callable[[str, str | None, str], None],
    found: list[Finding],
) -> None:
    """The pydantic model's errors on ``data``, as findings; their keys added to ``bad``."""
    from pydantic import ValidationError

    from inet_stages.offer.schema import OfferFile

    try:
        # The model's validator is compiled once, when the class is defined.
        OfferFile.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=True)
        typos = _typos(data, errors)
        skipped = [e for e in errors if _key_of(e["loc"]) not in placeholders]
        detailed = _said(skipped, typos, bad, add, room=MAX_DETAILED)
        # A misspelt « tracks » leaves tracks unset: not missing, misspelt.
        bad.update(typos.values())
        detailed += _inside_renamed(data, typos, bad, add, room=MAX_DETAILED - detailed)
        if detailed > MAX_DETAILED:
            rest = format_number(detailed - MAX_DETAILED)
            found.append(
                finding(
                    "S007",
                    None,
                    f"{rest} autres erreurs de structure non détaillées (clés inconnues, "
                    "types…) : ce fichier ne suit pas le format des offres.",
                    None,
                )
            )


def _inside_renamed(
    data: dict[str, Any],
    typos: Mapping[str, str],
    bad: set[str],
    add: Callable[[str, str | None, str], None],
    *,
    room: int,
) -> int:
    """The faults inside a misspelt table ([Host]), checked as the table it stands for.

    Said once the table is renamed, they would reach the host one letter at a
    time; here they are found with it (« Name » in [Host]: write « name »), at
    their lines in the file as it is. Returns how many there are.
    """
    from pydantic import ValidationError

    from inet_stages.offer.schema import OfferFile

    renamed = {old: new for old, new in typos.items() if "." not in old and old in data}
    if not renamed:
        return 0
    back = {new: old for old, new in renamed.items()}
    document = {renamed.get(name, name): content for name, content in data.items()}
    try:
        OfferFile.model_validate(document)
    except ValidationError as exc:
        errors = [
            e
            for e in exc.errors(include_url=False, include_input=True)
            if len(e["loc"]) >= 2 and e["loc"][0] in back
        ]
    else:
        return 0
    # Each at the key as the file has it ([Host]), for its line.
    return _said(errors, _typos(document, errors), bad, add, room=room, table=back)


def _said(
    errors: list[Any],
    typos: Mapping[str, str],
    bad: set[str],
    add: Callable[[str, str | None, str], None],
    *,
    room: int,
    table: Mapping[str, str] | None = None,
) -> int:
    """The model's ``errors`` as findings, the first ``room`` said; returns how many there are.

    A missing key that a misspelt one stands for is said once, by the misspelling;
    ``table`` maps a table checked under its right name back to the name in the file.
    """
    count = 0
    for error in errors:
        key = _key_of(error["loc"])
        name, dot, rest = key.partition(".")
        where = f"{table[name]}{dot}{rest}" if table and name in table else key
        bad.add(where)
        if error["type"] == "missing" and key in typos.values():
            continue  # one finding per typo: the misspelt key says it
        count += 1
        if count <= room:
            code, message = _translate(error)
            if key in typos:
                message = _typo_message(error["loc"], typos[key])
            add(code, where, message)
    return count


_PLACEHOLDER_TEXT = re.compile(r"\s*[àa]\s*compl[ée]ter", re.IGNORECASE)


def _placeholders(data: Mapping[str, Any]) -> Iterable[str]:
    for table, content in data.items():
        if not isinstance(content, dict):
            continue
        for key, value in content.items():
            if isinstance(value, str) and _PLACEHOLDER_TEXT.match(value):
                yield f"{table}.{key}"


def _key_of(loc: tuple[int | str, ...]) -> str:
    # A list item error concerns the whole list: ``offer.tracks``.
    return ".".join(str(part) for part in loc if isinstance(part, str))


_EXPECTED = {
    "string_type": "un texte entre guillemets est attendu",
    "int_type": "un nombre entier est attendu",
    "bool_type": "true ou false est attendu",
    "list_type": 'une liste entre crochets est attendue (["…", "…"])',
    "model_type": "une table est attendue",
    "model_attributes_type": "une table est attendue",
    "dict_type": "une table est attendue",
    "date_type": "une date AAAA-MM-JJ est attendue",
}


def _translate(error: Any) -> tuple[str, str]:
    """A pydantic error as (code, French message) in the user's words (key, table, text)."""
    kind: str = error["type"]
    loc: tuple[int | str, ...] = error["loc"]
    value = error.get("input")
    item = next((p for p in loc if isinstance(p, int)), None)
    where = f"élément n° {item + 1} : " if item is not None else ""
    if kind == "missing":
        return "S001", _missing_message(loc)
    if kind == "extra_forbidden":
        return "S003", _unknown_message(loc)
    if kind in ("date_text", "date_with_time"):
        shown = str(value)[:40]  # a text or a datetime (see _to_date)
        if kind == "date_with_time":
            return "D001", f"« {shown} » : une date sans heure est attendue, forme AAAA-MM-JJ."
        hint = slips.other_order_hint(value) if isinstance(value, str) else ""
        if hint:
            return "D001", f"date illisible « {shown} » : forme attendue AAAA-MM-JJ{hint}."
        return (
            "D001",
            f"date illisible « {shown} » : forme attendue AAAA-MM-JJ (par exemple 2026-02-10).",
        )
    if kind in _EXPECTED:
        return "S002", f"{where}{_EXPECTED[kind]}, pas {_kind(value)}."
    if kind in ("greater_than_equal", "less_than_equal"):
        highest = format_number(MAX_POPULATION)
        return "S004", f"{_brief(value)} est hors limites : attendu entre 1 et {highest}."
    if kind in ("string_too_long", "too_long"):
        limit = (error.get("ctx") or {}).get("max_length")
        unit = "caractères" if kind == "string_too_long" else "éléments"
        return "S004", f"{where}trop long : au plus {limit} {unit}."
    if kind == "string_pattern_mismatch":
        return "S005", f"{where}valeur vide : un texte est attendu."
    if kind == "too_short":
        return "S005", "liste vide : au moins un élément est attendu."
    return "S002", f"{where}valeur invalide."


#: How close an unknown key must be to an absent known key to be taken for a
#: misspelling of it (difflib ratio: « emial » and « email » are 0.8 apart).
TYPO_CUTOFF = 0.75


def _typos(data: Mapping[str, Any], errors: Iterable[Any]) -> dict[str, str]:
    """Unknown keys that are a misspelling of a known key absent from their table.

    ``{"offer.submited": "offer.submitted"}``: reported once, as a misspelt key,
    rather than once unknown (S003) and once missing (S001): one slip, one finding.
    """
    typos: dict[str, str] = {}
    for error in errors:
        loc = error["loc"]
        if error["type"] != "extra_forbidden" or len(loc) not in (1, 2):
            continue
        if len(loc) == 1:  # a misspelt table: [ofer]
            tables = [t for t in FIELDS if t not in data]
            close = difflib.get_close_matches(str(loc[0]), tables, n=1, cutoff=TYPO_CUTOFF)
            if close and close[0] not in typos.values():
                typos[str(loc[0])] = close[0]
            continue
        table, key = str(loc[0]), str(loc[1])
        content = data.get(table)
        if table not in FIELDS or not isinstance(content, dict):
            continue
        absent = [k for k in FIELDS[table] if k not in content]
        taken = set(typos.values())
        close = difflib.get_close_matches(key, absent, n=1, cutoff=TYPO_CUTOFF)
        if close and f"{table}.{close[0]}" not in taken:
            typos[f"{table}.{key}"] = f"{table}.{close[0]}"
    return typos


def _typo_message(loc: tuple[int | str, ...], right: str) -> str:
    if len(loc) == 1:
        return f"table [{_brief(str(loc[0]))}] mal orthographiée : écrivez [{right}]."
    table, key = str(loc[0]), str(loc[-1])
    name = right.split(".", 1)[1]
    return f"clé « {_brief(key)} » mal orthographiée dans la table [{table}] : écrivez « {name} »."


def _missing_message(loc: tuple[int | str, ...]) -> str:
    if len(loc) == 1:
        return f"table [{loc[0]}] manquante."
    return f"clé obligatoire « {loc[-1]} » manquante dans la table [{loc[0]}]."


def _unknown_message(loc: tuple[int | str, ...]) -> str:
    key = str(loc[-1])
    if len(loc) == 1:
        close = difflib.get_close_matches(key, list(FIELDS), n=1)
        hint = f" Vouliez-vous dire [{close[0]}] ?" if close else ""
        return (
            f"table ou clé inconnue « {_brief(key)} » au premier niveau.{hint} Tables possibles : "
            + (", ".join(f"[{t}]" for t in FIELDS) + ".")
        )
    table = str(loc[0])
    known = list(FIELDS[table]) if table in FIELDS else []
    # A key of another table, written in this one, is pointed at first: « population »
    # in [offer] belongs to [host], even though it looks like [offer]'s « promotion ».
    elsewhere = [t for t, fields in FIELDS.items() if t != table and key in fields]
    close = difflib.get_close_matches(key, known, n=1)
    if elsewhere:
        hint = f" Cette clé appartient à la table [{elsewhere[0]}]."
    elif close:
        hint = f" Vouliez-vous dire « {close[0]} » ?"
    else:
        hint = ""
    return f"clé inconnue « {_brief(key)} » dans la table [{table}].{hint} Clés possibles : " + (
        ", ".join(known) + "."
    )


def _good(data: Mapping[str, Any], key: str, bad: set[str]) -> Any:
    """The raw value at ``key`` when it passed the model, else None."""
    # Called for every key of every file: one split, and the common case
    # (nothing bad in the file) skips the membership tests.
    table, name = key.split(".")
    if bad and (key in bad or table in bad):
        return None
    content = data.get(table)
    if not isinstance(content, dict):
        return None
    return content.get(name)


def _build(
    name: str,
    data: Mapping[str, Any],
    *,
    bad: set[str],
    calendar: Calendar,
    add: Callable[[str, str | None, str], None],
    lines: tomlsafe.LazyLines,
) -> Offer:
    def text(key: str) -> str | None:
        value = _good(data, key, bad)
        return value if isinstance(value, str) else None

    def day(key: str) -> date | None:
        value = iso_date(_good(data, key, bad))
        return value if isinstance(value, date) else None

    internship = None
    internship_text = text("offer.internship")
    if internship_text is not None:
        try:
            internship = resolve(internship_text, calendar.internship_ids, kind="internship")
        except UnknownId as exc:
            add("I001", "offer.internship", exc.message)

    tracks: list[str] = []
    raw_tracks = _good(data, "offer.tracks", bad)
    tracks_given = isinstance(raw_tracks, list)
    for item in raw_tracks if isinstance(raw_tracks, list) else ():
        try:
            track = resolve(item, calendar.track_ids, kind="track")
        except UnknownId as exc:
            add("I002", "offer.tracks", exc.message)
            continue
        if track not in tracks:
            tracks.append(track)
    collective = internship is not None and calendar.internship(internship).collective is not None
    if not tracks_given and "offer.tracks" not in bad and "offer" not in bad:
        if collective and internship is not None:
            tracks = [w.track for w in calendar.windows_of_internship(internship)]
        elif isinstance(data.get("offer"), dict):
            add(
                "S001",
                "offer.tracks",
                "clé obligatoire « tracks » manquante dans la table "
                '[offer] (par exemple tracks = ["administrateurs"]).',
            )

    kind = None
    kind_text = text("host.kind")
    if kind_text is not None:
        try:
            kind = resolve(kind_text, HOST_KINDS, kind="host")
        except UnknownId as exc:
            add("H003", "host.kind", _host_kind_message(kind_text, exc.suggestion))

    civility = None
    civility_text = text("tutor.civility")
    if civility_text is not None:
        civility = CIVILITY_SPELLINGS.get(civility_text.strip().casefold())
        if civility is None:
            add(
                "S002",
                "tutor.civility",
                f"civilité « {_brief(civility_text)} » inconnue : écrivez « Madame » ou "
                "« Monsieur », ou retirez la clé.",
            )

    population = _good(data, "host.population", bad)
    fee = _good(data, "collective_project.fee_accepted", bad)
    return Offer(
        path=name,
        internship=internship,
        tracks=tuple(tracks),
        tracks_given=tracks_given,
        title=text("offer.title"),
        description=text("offer.description"),
        submitted=day("offer.submitted"),
        start=day("offer.start"),
        end=day("offer.end"),
        mission_kind=text("offer.mission_kind"),
        promotion=text("offer.promotion"),
        host=Host(
            name=text("host.name"),
            kind=kind,
            population=population if isinstance(population, int) else None,
            city=text("host.city"),
        ),
        tutor=Tutor(
            name=text("tutor.name"),
            civility=civility,
            position=text("tutor.position"),
            email=text("tutor.email"),
            phone=text("tutor.phone"),
        ),
        collective_table=isinstance(data.get("collective_project"), dict),
        fee_accepted=fee if isinstance(fee, bool) else None,
        bad_fields=frozenset(bad),
        line=lines,
    )


def _host_kind_message(value: str, suggestion: str | None) -> str:
    shown = value if len(value) <= 60 else value[:57] + "..."
    hint = f" Vouliez-vous dire « {suggestion} » ?" if suggestion else ""
    return (
        f"nature de structure inconnue « {shown} ».{hint} Collectivités : "
        f"{', '.join(TERRITORIAL_KINDS)} ; autres : {', '.join(OTHER_KINDS)}."
    )
