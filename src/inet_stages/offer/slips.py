"""Word slips in an offer file: found, explained, and recovered in memory.

The people who write offers use Word: it turns "…" into “…” or « … », puts a
non-breaking space where a space was typed, and they write dates the French
way (10/02/2026). Each such slip would stop the TOML parser at the first one
(F004), so that a host fixed one thing at a time. Here each slip gets its own
code and a French message saying what was typed and what to type, with its
line and column; the line is rewritten in memory to what TOML wants, so that
the rest of the file is still read and checked, every finding at once. A
rewrite never adds or removes a line: the line numbers of every other finding
stay right.

Two passes:

- :func:`recover_text`, on the text, for slips that make the file invalid TOML
  (typographic quotes as delimiters, odd spaces outside strings, numbers with
  spaces, unquoted dates); run only when the file does not parse;
- :func:`recover_values`, on the parsed document, for slips that are valid TOML
  but wrong values (a date written "10/02/2026" or "10/02/26", a number
  written as text "104 000", "oui" for true, spaces or « mailto: » around the
  address).

Each :class:`Slip` says whether its answer is certain (``inet-stages fix``
applies only those). Pure functions: no I/O, no clock.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from inet_stages.text.frdates import format_date

#: Typographic quotes that open a value, and those that may close it (Word,
#: French guillemets, German „…“, single quotes).
OPENING = "“”«»„‚‘’‹›"
CLOSING = "”“»«’‘›‹"

#: Spaces TOML does not accept outside a string, with their French names.
ODD_SPACES = {
    "\u00a0": "espace insécable (U+00A0)",
    "\u202f": "espace fine insécable (U+202F)",
    "\u2007": "espace numérique (U+2007)",
    "\u2009": "espace fine (U+2009)",
    "\u3000": "espace idéographique (U+3000)",
}
#: Invisible characters Word or a web page leaves behind; TOML refuses them.
INVISIBLE = {
    "\u200b": "espace sans chasse (U+200B)",
    "\ufeff": "marque d'ordre d'octets (U+FEFF) au milieu du fichier",
}

#: Date keys of an offer (the only ones a date slip is looked for in).
DATE_KEYS = ("offer.submitted", "offer.start", "offer.end")
EMAIL_KEY = "tutor.email"
NUMBER_KEY = "host.population"
BOOLEAN_KEY = "collective_project.fee_accepted"
_YES_NO = {"oui": "true", "non": "false"}
#: A whole number written as text: « 104 000 », « 104000 », « 104.000 ».
_NUMBER_TEXT = re.compile(r"\d{1,3}(?:[ \u00a0\u202f\u2007\u2009.]\d{3})+|\d{1,9}")


def yes_no_message(typed: str) -> str:
    """The message of F009: « oui » or « non » where TOML wants true or false."""
    answer = _YES_NO[typed.strip().casefold()]
    return f"« {typed.strip()} » pour oui ou non : écrivez {answer}, sans guillemets"


@dataclass(frozen=True, kw_only=True)
class Slip:
    """One slip: its code, where it is, what was typed and what replaces it."""

    code: str
    line: int
    column: int
    key: str | None
    message: str  # French, ends with the place: « … (ligne 4, colonne 9) »
    typed: str
    replacement: str
    #: The answer is the only one possible: ``fix`` may write it.
    certain: bool = True


@dataclass(frozen=True, kw_only=True)
class Recovered:
    """A text with its slips rewritten (same lines), and the slips found."""

    text: str
    slips: tuple[Slip, ...]


def _place(line: int, column: int) -> str:
    return f" (ligne {line}, colonne {column})"


# --- Dates -------------------------------------------------------------------------

_FRENCH = re.compile(r"(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})")
_YEAR_FIRST = re.compile(r"(\d{4})([/.-])(\d{1,2})\2(\d{1,2})")
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}")
#: What looks like a date typed without quotes (TOML refuses anything but ISO).
_DATE_LIKE = re.compile(r"\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}")


_TWO_DIGIT_YEAR = re.compile(r"[/.-]\d{2}$")


def _valid_iso(text: str) -> bool:
    if not _ISO.fullmatch(text):
        return False
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


@dataclass(frozen=True)
class DateReading:
    """How a typed date can be read: ``kind`` is ``french`` (day first, the
    French order: certain), ``loose`` (year first, a zero or dash missing:
    certain) or ``other`` (readable only in another order: a proposal)."""

    kind: str
    value: date


def read_date(typed: str) -> DateReading | None:
    """The date ``typed`` means, when it is not ISO but has one reading; else None.

    ``10/02/2026`` and ``3.4.2026`` are day first (French order, the convention
    of the people who write offers); ``2026-1-28`` and ``2026/01/28`` are ISO
    written loosely. A text readable only the other way (``02/28/2026``
    month first, ``2026-28-01`` day before month) is an ``other`` reading: a
    proposal, never applied without asking.
    """
    text = typed.strip()
    french = _FRENCH.fullmatch(text)
    if french:
        day, month, year = int(french.group(1)), int(french.group(3)), int(french.group(4))
        if len(french.group(4)) == 2:
            # 10/02/26: offers are of this century; the year has one reading.
            year += 2000
        found = _day(year, month, day)
        if found is not None:
            return DateReading("french", found)
        swapped = _day(year, day, month)
        return DateReading("other", swapped) if swapped else None
    first = _YEAR_FIRST.fullmatch(text)
    if first:
        year, month, day = int(first.group(1)), int(first.group(3)), int(first.group(4))
        found = _day(year, month, day)
        if found is not None:
            return None if _ISO.fullmatch(text) else DateReading("loose", found)
        swapped = _day(year, day, month)
        return DateReading("other", swapped) if swapped else None
    return None


def date_message(typed: str, reading: DateReading) -> tuple[str, str]:
    """(code, message) of a date slip: what was typed and what to type."""
    iso = reading.value.isoformat()
    if reading.kind == "french" and _TWO_DIGIT_YEAR.search(typed.strip()):
        return (
            "D007",
            f"date {typed} : écrivez {iso} (l'année en quatre chiffres, le mois, puis le jour)",
        )
    if reading.kind == "french":
        return "D007", f"date {typed} : écrivez {iso} (l'année, le mois, puis le jour)"
    if reading.kind == "loose":
        return (
            "D008",
            f"date {typed} : écrivez {iso} (AAAA-MM-JJ, deux chiffres au mois et au jour)",
        )
    raise ValueError(reading.kind)


def other_order_hint(typed: str) -> str:
    """`` ; si c'est le 28 février 2026, écrivez 2026-02-28`` for a date read in another order."""
    reading = read_date(typed)
    if reading is None or reading.kind != "other":
        return ""
    shown = format_date(reading.value, weekday=False)
    return f" ; si c'est le {shown}, écrivez {reading.value.isoformat()}"


# --- The text pass -----------------------------------------------------------------

_HEADER = re.compile(r"^[ \t]*\[\[?([^\[\]]+)\]\]?")
_KEY_PART = re.compile(r"[A-Za-z0-9_\-]+|\"[^\"\n]*\"|'[^'\n]*'")
#: A number written with thousands separated by spaces (67 000, 67 000).
_SPACED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:[ \t\u00a0\u202f\u2007\u2009]\d{3})+")
_VALUE_END = ",]}#"


def _escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace('"', '\\"')


# A closing quote followed by nothing but spaces, then a comma, a bracket, a
# comment or the end of the line. Possessive: the scan stays linear.
_CLOSER = re.compile(rf"[{CLOSING}](?=[ \t\u00a0\u202f]*+(?:[,\]}}#]|$))")


def _closers(line: str) -> list[int]:
    """Where a typographic quote may close a value on ``line``, in order (one scan)."""
    return [match.start() for match in _CLOSER.finditer(line)]


def _bare_token(line: str, start: int) -> str:
    """The unquoted value starting at ``start``, up to a comma, bracket, comment or the end."""
    end = start
    while end < len(line) and line[end] not in _VALUE_END:
        end += 1
    return line[start:end].rstrip(" \t")


class _LineScanner:
    """Rewrites one physical line outside strings; collects its slips."""

    def __init__(self, line: str, number: int, key: str | None, quote_unreadable: bool) -> None:
        self.source = line
        self.number = number
        self.key = key
        self.quote_unreadable = quote_unreadable
        self.out: list[str] = []
        self.slips: list[Slip] = []
        #: Opened a multi-line string that this line does not close.
        self.open_multiline: str | None = None
        #: Arrays opened minus arrays closed on this line (outside strings).
        self.depth = 0

    def slip(self, code: str, column: int, message: str, typed: str, replacement: str) -> None:
        self.slips.append(
            Slip(
                code=code,
                line=self.number,
                column=column + 1,
                key=self.key,
                message=message + _place(self.number, column + 1),
                typed=typed,
                replacement=replacement,
            )
        )

    def run(self, begin: int, value_position: bool) -> str:
        """The line rewritten from ``begin`` (what precedes it is kept as is)."""
        line = self.source
        self.out.append(line[:begin])
        i = begin
        spaces_seen: set[str] = set()
        closers: list[int] | None = None
        while i < len(line):
            ch = line[i]
            if ch == "#":
                self.out.append(line[i:])
                break
            if ch in "\"'":
                i = self._string(i)
                value_position = False
                continue
            if ch in ODD_SPACES or ch in INVISIBLE:
                if ch not in spaces_seen:
                    spaces_seen.add(ch)
                    self._odd_space(i, ch)
                self.out.append(" " if ch in ODD_SPACES else "")
                i += 1
                continue
            if value_position and ch in OPENING:
                if closers is None:
                    closers = _closers(line)
                # The first closing quote after the opening one (bisect: a
                # line of thousands of quotes stays linear).
                found = bisect.bisect_right(closers, i)
                end = closers[found] if found < len(closers) else None
                if end is not None:
                    self._typographic(i, end)
                    i = end + 1
                    value_position = False
                    continue
            if value_position and ch in "oOnN" and self.key == BOOLEAN_KEY:
                token = _bare_token(line, i)
                if token.casefold() in _YES_NO:
                    self._yes_no(i, token)
                    i += len(token)
                    value_position = False
                    continue
            if value_position and (ch.isdigit() or ch in "+-"):
                token = _bare_token(line, i)
                if self._bare(i, token):
                    i += len(token)
                    value_position = False
                    continue
            if ch == "[" and value_position:
                self.depth += 1
            elif ch == "]":
                self.depth -= 1
            if ch in "=,[":
                value_position = ch != "[" or value_position
            elif ch not in " \t":  # « { » too: keys follow it
                value_position = False
            self.out.append(ch)
            i += 1
        return "".join(self.out)

    def _odd_space(self, index: int, ch: str) -> None:
        if ch in ODD_SPACES:
            message = f"{ODD_SPACES[ch]} hors des guillemets : tapez une espace ordinaire"
            self.slip("F006", index, message, ch, " ")
        else:
            self.slip("F006", index, f"caractère invisible, {INVISIBLE[ch]} : supprimez-le", ch, "")

    def _typographic(self, start: int, end: int) -> None:
        line = self.source
        opening, closing = line[start], line[end]
        content = line[start + 1 : end]
        if opening in "«»‹›":
            # French guillemets come with (non-breaking) spaces inside: typography, not text.
            content = content.strip(" \u00a0\u202f")
        replacement = f'"{_escape(content)}"'
        self.slip(
            "F005",
            start,
            f'guillemets typographiques {opening}…{closing} : tapez des guillemets droits "…"',
            line[start : end + 1],
            replacement,
        )
        self.out.append(replacement)

    def _string(self, start: int) -> int:
        """Copy a TOML string from ``start``; returns the index after it."""
        line = self.source
        quote = line[start]
        triple = line[start : start + 3] == quote * 3
        if triple:
            close = line.find(quote * 3, start + 3)
            if close < 0:
                self.open_multiline = quote * 3
                self.out.append(line[start:])
                return len(line)
            end = close + 3
            while end < len(line) and line[end] == quote:  # """a"""" ends with the last three
                end += 1
            self.out.append(line[start:end])
            return end
        index = start + 1
        while index < len(line):
            ch = line[index]
            if quote == '"' and ch == "\\":
                index += 2
                continue
            if ch == quote:
                self.out.append(line[start : index + 1])
                return index + 1
            index += 1
        # Unterminated: a straight quote opened, Word's curly one closed it ("Diagnostic”).
        stripped = line.rstrip(" \t")
        if quote == '"' and stripped and stripped[-1] in CLOSING and len(stripped) - 1 > start:
            end = len(stripped) - 1
            content = line[start + 1 : end]
            replacement = f'"{content}"'
            self.slip(
                "F005",
                end,
                f"guillemet typographique {line[end]} pour fermer le texte : tapez un guillemet "
                'droit "',
                line[end],
                '"',
            )
            self.out.append(replacement + line[end + 1 :])
            return len(line)
        self.out.append(line[start:])
        return len(line)

    def _yes_no(self, start: int, token: str) -> None:
        answer = _YES_NO[token.casefold()]
        self.slip("F009", start, yes_no_message(token), token, answer)
        self.out.append(answer)

    def _bare(self, start: int, token: str) -> bool:
        """An unquoted number with spaces or date: rewritten (or quoted) when recognised."""
        if _SPACED_NUMBER.fullmatch(token):
            digits = re.sub(r"[ \t\u00a0\u202f\u2007\u2009]", "", token)
            shown = token.replace("\t", " ").replace("\u00a0", " ").replace("\u202f", " ")
            self.slip(
                "F007",
                start,
                f"nombre écrit avec des espaces « {shown} » : écrivez {digits}, sans espace",
                token,
                digits,
            )
            self.out.append(digits)
            return True
        if _DATE_LIKE.fullmatch(token) and not _valid_iso(token):
            reading = read_date(token)
            if reading is not None and reading.kind != "other":
                code, message = date_message(token, reading)
                iso = reading.value.isoformat()
                self.slip(code, start, message, token, iso)
                self.out.append(iso)
                return True
            if self.quote_unreadable:
                # Read as a text in memory: the model then says why it is no date (D001).
                self.out.append(f'"{token}"')
                return True
        return False


def _key_of(line: str, table: list[str]) -> str | None:
    """The dotted key a ``key = value`` line sets, if it is one."""
    index = 0
    parts: list[str] = []
    stripped = line.lstrip(" \t\u00a0\u202f")
    while True:
        match = _KEY_PART.match(stripped, index)
        if not match:
            return None
        parts.append(match.group().strip("\"'"))
        index = match.end()
        while index < len(stripped) and stripped[index] in " \t\u00a0\u202f":
            index += 1
        if index < len(stripped) and stripped[index] == ".":
            index += 1
            while index < len(stripped) and stripped[index] in " \t\u00a0\u202f":
                index += 1
            continue
        if index < len(stripped) and stripped[index] == "=":
            return ".".join([*table, *parts])
        return None


def recover_text(text: str, *, quote_unreadable: bool = True) -> Recovered:
    """Rewrite the slips that make ``text`` invalid TOML, line by line, same line count.

    ``quote_unreadable`` also puts quotes around a date-like value that has no
    certain reading (``31/02/2026``), so that the document parses and the model
    explains it (D001); ``fix`` leaves such a value as typed.
    """
    pieces = text.split("\n")
    slips: list[Slip] = []
    table: list[str] = []
    multiline: str | None = None
    array_key: str | None = None
    depth = 0
    for index, raw in enumerate(pieces):
        ending = "\r" if raw.endswith("\r") else ""
        line = raw[:-1] if ending else raw
        begin = 0
        if multiline is not None:
            close = line.find(multiline)
            if close < 0:
                continue
            # The rest of the line after the closing quotes is scanned as usual.
            begin, multiline = close + 3, None
        key: str | None = None
        value_position = False
        if begin == 0 and depth == 0:
            header = _HEADER.match(line)
            if header and "=" not in line.split("#", 1)[0]:
                table = [p.strip("\"'") for p in _KEY_PART.findall(header.group(1))]
                array_key = None
            else:
                key = _key_of(line, table)
        elif depth > 0:
            key, value_position = array_key, begin == 0
        scanner = _LineScanner(line, index + 1, key, quote_unreadable)
        new = scanner.run(begin, value_position)
        multiline = scanner.open_multiline
        if key is not None:
            depth = max(depth + scanner.depth, 0)
            array_key = key if depth > 0 else None
        if scanner.slips or new != line:
            slips.extend(scanner.slips)
            pieces[index] = new + ending
    return Recovered(text="\n".join(pieces), slips=tuple(slips))


# --- The value pass ----------------------------------------------------------------


def _column(lines: list[str], line: int | None, typed: str) -> int:
    if line is None or not 0 < line <= len(lines):
        return 1
    found = lines[line - 1].find(typed)
    return found + 1 if found >= 0 else 1


def recover_values(
    data: dict[str, Any], text: str, line_of: Callable[[str], int | None]
) -> tuple[dict[str, Any], tuple[Slip, ...]]:
    """Dates typed "10/02/2026" and addresses with spaces: slips, and the values mended.

    ``line_of`` maps a dotted key to its line (or None). The document is not
    changed: the mended tables are copies.
    """
    # Copied only when a value is mended: most files have no slip.
    result = data
    slips: list[Slip] = []
    lines: list[str] | None = None

    def add(key: str, code: str, message: str, typed: str, replacement: str) -> None:
        nonlocal lines
        if lines is None:
            lines = text.split("\n")
        line = line_of(key)
        column = _column(lines, line, typed)
        place = _place(line, column) if line else ""
        slips.append(
            Slip(
                code=code,
                line=line or 0,
                column=column,
                key=key,
                message=message + place,
                typed=typed,
                replacement=replacement,
            )
        )

    def mend(key: str, value: Any) -> None:
        nonlocal result
        table, name = key.split(".")
        copy = dict(result)
        content = dict(copy[table])
        content[name] = value
        copy[table] = content
        result = copy

    for key in DATE_KEYS:
        table, name = key.split(".")
        content = result.get(table)
        value = content.get(name) if isinstance(content, dict) else None
        if not isinstance(value, str):
            continue
        reading = read_date(value)
        if reading is None or reading.kind == "other":
            continue
        code, message = date_message(value.strip(), reading)
        add(key, code, message, value, reading.value.isoformat())
        mend(key, reading.value)
    host = result.get("host")
    population = host.get("population") if isinstance(host, dict) else None
    if isinstance(population, str) and _NUMBER_TEXT.fullmatch(population.strip()):
        digits = re.sub(r"\D", "", population)
        shown = population.strip().replace("\u00a0", " ").replace("\u202f", " ")
        add(
            NUMBER_KEY,
            "F007",
            f"nombre écrit comme un texte « {shown} » : écrivez {digits}, sans guillemets ni "
            "espace",
            population,
            digits,
        )
        mend(NUMBER_KEY, int(digits))
    project = result.get("collective_project")
    answer = project.get("fee_accepted") if isinstance(project, dict) else None
    if isinstance(answer, str) and answer.strip().casefold() in _YES_NO:
        replacement = _YES_NO[answer.strip().casefold()]
        add(BOOLEAN_KEY, "F009", yes_no_message(answer), answer, replacement)
        mend(BOOLEAN_KEY, replacement == "true")
    tutor = result.get("tutor")
    email = tutor.get("email") if isinstance(tutor, dict) else None
    if isinstance(email, str) and email.strip().casefold().startswith("mailto:"):
        address = email.strip()[len("mailto:") :].strip()
        if address and not any(ch.isspace() for ch in address):
            add(
                EMAIL_KEY,
                "F008",
                f"« mailto: » devant l'adresse « {address} » : tapez \"{address}\", l'adresse "
                "seule",
                email,
                address,
            )
            mend(EMAIL_KEY, address)
            email = None
    if isinstance(email, str) and email != email.strip() and email.strip():
        address = email.strip()
        if not any(ch.isspace() for ch in address):
            add(
                EMAIL_KEY,
                "F008",
                f'espaces autour de l\'adresse « {address} » : tapez "{address}", '
                "sans espace entre les guillemets",
                email,
                address,
            )
            mend(EMAIL_KEY, address)
    return result, tuple(slips)


def without_place(slip: Slip) -> Slip:
    """The slip with its message cut before the place (for lists that show the line)."""
    message = re.sub(r" \(ligne \d+, colonne \d+\)$", "", slip.message)
    return replace(slip, message=message)
