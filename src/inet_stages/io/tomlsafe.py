"""One safe reader for every TOML input (offers and calendars).

Offer files come from outside organisations and calendars are edited by hand,
so reading one must never crash, hang or exhaust memory:

- only regular files are read, their size checked before reading
  (:data:`MAX_BYTES`), by :func:`inet_stages.io.files.read_bytes`;
- a UTF-8 byte-order mark is dropped; other encodings are refused with a
  message that names the likely one;
- the parser is tomli, which refuses pathological nesting and dotted keys
  before they cost time and memory; every other failure of the parser
  (recursion, huge integers) becomes the same :class:`TomlInputError`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import tomli

from inet_stages.errors import UserError
from inet_stages.io import files

#: Largest file read, in bytes. An offer is a few kilobytes (the largest valid
#: one, a 20 000-character description of 4-byte characters, stays under
#: 90 KB), the packaged calendar 17 KB. Parsing costs time and memory in
#: proportion to the size: at 256 KiB the worst document known (thousands of
#: 32-part table headers) took 1.6 s and 156 MB; at this cap about half
#: (``bench/hostile.py``), well inside the 2 s and 200 MB of docs/reference/limits.md.
MAX_BYTES = 128 * 1024

#: Most parts a dotted key or table name may have. An offer's deepest key has
#: two (``host.population``), a calendar's five; tomli allows 1 000, but a
#: key's cost grows with the square of its parts (seconds and gigabytes for a
#: file of 999-part keys), so longer keys are refused before parsing.
MAX_KEY_PARTS = 32

# A run of MAX_KEY_PARTS parts followed by a dot, starting where no key part
# does. Possessive quantifiers: no backtracking, the scan stays linear. A run
# inside a string value would be refused too; no prose has 32 dotted words.
_PART_RE = r"(?:[A-Za-z0-9_-]++|\"[^\"\n]*+\"|'[^'\n]*+')"
_LONG_KEY = rf"(?<![A-Za-z0-9_.\"'-]){_PART_RE}(?:[ \t]*+\.[ \t]*+{_PART_RE}){{{MAX_KEY_PARTS},}}+"


class TomlInputError(UserError):
    """A file that cannot be read as TOML; ``message`` is French, ready to show."""

    def __init__(
        self, path: str, message: str, *, line: int | None = None, column: int | None = None
    ) -> None:
        super().__init__(message)
        self.path = path
        self.line = line
        self.column = column
        #: ``io`` when the file could not be read at all (missing, permission…),
        #: ``content`` when it was read but is not a TOML document.
        self.kind = "content"

    def located(self) -> str:
        """``path:line:column: message`` with what is known of the place, on one line.

        Without a line (a file missing, unreadable, too big), a sentence like the
        other « introuvable » messages: ``path : message``.
        """
        from inet_stages.text.textsafe import clean

        where = clean(self.path)
        if self.line is None:
            return f"{where} : {clean(self.message)}"
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return f"{where}: {clean(self.message)}"

    def render(self) -> str:
        """What the CLI prints when this error ends a command."""
        return self.located()


@dataclass(frozen=True, kw_only=True)
class TomlDocument:
    """A parsed document, its text (for locating keys) and where it came from."""

    path: str
    text: str
    data: dict[str, Any]


def _io_error(path: str, message: str) -> TomlInputError:
    error = TomlInputError(path, message)
    error.kind = "io"
    return error


def read_bytes(path: Path, *, max_bytes: int = MAX_BYTES) -> bytes:
    """Read a regular file of at most ``max_bytes``, or raise :class:`TomlInputError` (``io``).

    The reading and its refusals are :func:`inet_stages.io.files.read_bytes`'s.
    """
    try:
        return files.read_bytes(path, limit=max_bytes)
    except files.FileRefused as exc:
        raise _io_error(str(path), exc.message) from None


def decode(name: str, data: bytes) -> str:
    """UTF-8 text of ``data`` without its byte-order mark, or a French refusal."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        hint = ""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            hint = " Il semble encodé en UTF-16 ;"
        elif _looks_like_cp1252(data):
            hint = " Il semble encodé en Windows-1252 / Latin-1 ;"
        raise TomlInputError(
            name,
            f"le fichier n'est pas encodé en UTF-8 (octet 0x{data[exc.start]:02x} à la "
            f"position {exc.start}).{hint} enregistrez-le en UTF-8.",
            line=line,
        ) from None


def _looks_like_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def parse(name: str, text: str) -> dict[str, Any]:
    """Parse TOML ``text``; every failure becomes :class:`TomlInputError`."""
    # Such a key needs 32 dots; most files have fewer, and counting is cheap.
    long_key = _compiled(_LONG_KEY).search(text) if text.count(".") >= MAX_KEY_PARTS else None
    if long_key is not None:
        raise TomlInputError(
            name,
            f"TOML refusé : clé pointée de plus de {MAX_KEY_PARTS} parties (a.b.c…) ; "
            "une offre ou un calendrier n'en a jamais autant.",
            **_place(text, long_key.start()),
        )
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as exc:
        raise TomlInputError(
            name,
            f"TOML invalide : {_translate(exc.msg)}",
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except RecursionError as exc:
        # tomli's own limits (key parts, inline nesting) and Python's recursion.
        if "key" in str(exc):
            message = f"TOML refusé : clé pointée trop longue (au plus {MAX_KEY_PARTS} parties)."
        else:
            message = (
                "TOML refusé : imbrication trop profonde (tableaux ou tables en ligne "
                "imbriqués sur des centaines de niveaux)."
            )
        deep = re.search(_DEEP, text)
        raise TomlInputError(
            name, message, **_place(text, deep.start() if deep else None)
        ) from None
    except ValueError as exc:
        if "digits" in str(exc):
            # CPython refuses to convert integers of more than 4 300 digits.
            message = "TOML invalide : nombre entier trop long (des milliers de chiffres)."
            long = re.search(_LONG_NUMBER, text)
            place = _place(text, long.start() if long else None)
            raise TomlInputError(name, message, **place) from None
        message = f"TOML invalide : valeur illisible ({_short(str(exc))})."
        raise TomlInputError(name, message) from None
    except (MemoryError, OverflowError):
        raise TomlInputError(name, "TOML invalide : valeur trop grande.") from None


# Where the parser's refusals without a place most likely come from: the first
# run of many opening brackets, the first run of thousands of digits.
# Kept as strings: they serve only on the error path, and re compiles (and
# caches) a pattern on first use, which spares every good file the cost.
_DEEP = r"(?:[\[{]\s*+(?:[A-Za-z0-9_-]++\s*+=\s*+)?){100}"
_LONG_NUMBER = r"[0-9][0-9_]{4299}"


def _place(text: str, offset: int | None) -> dict[str, int | None]:
    """``line`` and ``column`` (from 1) of ``offset`` in ``text``; None when unknown."""
    if offset is None:
        return {"line": None, "column": None}
    start = text.rfind("\n", 0, offset) + 1
    return {"line": text.count("\n", 0, offset) + 1, "column": offset - start + 1}


def _short(text: str) -> str:
    return text if len(text) <= 120 else text[:117] + "..."


_TRANSLATIONS = {
    "Invalid value": "valeur invalide",
    "Invalid statement": "instruction invalide",
    "Expected '=' after a key in a key/value pair": "« = » attendu après une clé",
    "Cannot overwrite a value": "une valeur ne peut pas être redéfinie",
    "Invalid initial character for a key part": "caractère initial invalide pour une clé",
    "Unterminated string": "chaîne non terminée",
    "Expected newline or end of document after a statement": (
        "fin de ligne attendue après une instruction (une seule clé = valeur par ligne)"
    ),
    "Escaped character is not a Unicode scalar value": (
        "caractère échappé qui n'est pas un caractère Unicode valide"
    ),
    "Invalid date or datetime": "date ou date-heure invalide",
    "Invalid hex value": "valeur hexadécimale invalide",
    "Unclosed array": "tableau non fermé (« ] » manquant)",
    "Unclosed inline table": "table en ligne non fermée (« } » manquant)",
    "Illegal character": "caractère interdit",
}


_NAME = r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\""


def _dotted(names: str) -> str:
    """``('a', 'b')`` (tomli's spelling of a table) as ``a.b``."""
    return ".".join(single or double for single, double in re.findall(_NAME, names))


# Patterns as strings (error path only; see _DEEP).
_PATTERNS: tuple[tuple[str, Callable[[re.Match[str]], str]], ...] = (
    (
        r"^Cannot declare (\(.*\)) twice$",
        lambda m: f"la table [{_dotted(m.group(1))}] est déclarée deux fois",
    ),
    (
        r"^Cannot redefine namespace (\(.*\))$",
        lambda m: f"la table [{_dotted(m.group(1))}] est déjà définie",
    ),
    (
        r"^Cannot mutate immutable namespace (\(.*\))$",
        lambda m: (
            f"la table {_dotted(m.group(1))} est déjà complète (table en ligne ou tableau) : "
            "elle ne peut plus être modifiée"
        ),
    ),
    (
        r"^Duplicate inline table key (.*)$",
        lambda m: f"clé {m.group(1)} répétée dans la table en ligne",
    ),
    (
        r"^Expected (.*) at the end of a table declaration$",
        lambda m: f"{m.group(1)} attendu à la fin de la déclaration de table",
    ),
    (
        r"^Expected (.*) at the end of an array declaration$",
        lambda m: f"{m.group(1)} attendu à la fin du tableau",
    ),
    (r"^Found invalid character (.*)$", lambda m: f"caractère invalide {m.group(1)}"),
    (r"^Illegal character (.*)$", lambda m: f"caractère interdit {m.group(1)}"),
    (
        r"^Unescaped (.*) in a string$",
        lambda m: f"{m.group(1)} non échappé dans une chaîne",
    ),
    (r"^Expected (.*)$", lambda m: f"{m.group(1)} attendu"),
)


def _translate(message: str) -> str:
    # tomli's messages end with " (at line X, column Y)"; the place is shown apart.
    message = re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)$", "", message)
    for english, french in _TRANSLATIONS.items():
        if message.startswith(english):
            return french + message[len(english) :]
    for pattern, translate in _PATTERNS:
        match = re.match(pattern, message)
        if match:
            return translate(match)
    return message


def load(path: Path, *, max_bytes: int = MAX_BYTES) -> TomlDocument:
    """Read, decode and parse one TOML file; raise :class:`TomlInputError` on any failure."""
    name = str(path)
    text = decode(name, read_bytes(path, max_bytes=max_bytes))
    if not text.strip():
        raise TomlInputError(name, "le fichier est vide.")
    return TomlDocument(path=name, text=text, data=parse(name, text))


# --- Locating keys -------------------------------------------------------------

# Possessive quantifiers and TOML's own whitespace (space, tab) only: these
# run on every line of a file, and the lazy, overlapping ``\s*`` they had made a
# valid 120 KB line (« [ » and spaces, inside an array) take minutes.
# Patterns of the line scan below, compiled on first use: a good file is
# never scanned, and compiling them is start-up time of every command.
_HEADER = r"^[ \t]*+\[\[?+([^\]\[]++)\]\]?+[ \t]*+(?:#.*)?$"
_KEY_PART = r"(?:[A-Za-z0-9_\-]++|\"[^\"\n]*+\"|'[^'\n]*+')"
_KEY = rf"^[ \t]*+({_KEY_PART}(?:[ \t]*+\.[ \t]*+{_KEY_PART})*+)[ \t]*+="
_PART = r"[A-Za-z0-9_\-]+|\"[^\"\n]*\"|'[^'\n]*'"


@functools.cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def _parts(dotted: str) -> list[str]:
    return [p.strip("\"'") for p in _compiled(_PART).findall(dotted)]


def locate_keys(text: str) -> Mapping[str, int]:
    """Map dotted key paths (``host.population``) to the line that sets them.

    A line scan, not a parser: it reads table headers and ``key =`` lines and
    skips the inside of multi-line strings. Good enough to point a person at
    the right line; :func:`line_of` falls back to the closest parent.
    """
    header_pattern, key_pattern = _compiled(_HEADER), _compiled(_KEY)
    lines: dict[str, int] = {}
    table: list[str] = []
    in_multiline: str | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        if in_multiline is not None:
            if raw.count(in_multiline) % 2 == 1:
                in_multiline = None
            continue
        header = header_pattern.match(raw)
        if header:
            table = _parts(header.group(1))
            # Its parents too: ``[internships.perfectionement.windows.x]``
            # is the only line of a misspelt ``internships.perfectionement``.
            for end in range(1, len(table) + 1):
                lines.setdefault(".".join(table[:end]), number)
            continue
        key = key_pattern.match(raw)
        if key:
            path = ".".join([*table, *_parts(key.group(1))])
            lines.setdefault(path, number)
            rest = raw[key.end() :]
            for quote in ('"""', "'''"):
                if rest.count(quote) % 2 == 1:
                    in_multiline = quote
                    break
    return lines


class LazyLines(Mapping[str, int]):
    """:func:`locate_keys` of a text, computed on first use.

    Most files need no line at all (they have no finding): a good calendar is
    loaded at every start, and scanning it for nothing is start-up time lost.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: Mapping[str, int] | None = None

    def _located(self) -> Mapping[str, int]:
        if self._lines is None:
            self._lines = locate_keys(self._text)
        return self._lines

    def __getitem__(self, key: str) -> int:
        return self._located()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._located())

    def __len__(self) -> int:
        return len(self._located())

    def __call__(self, field: str | None) -> int | None:
        """The line of ``field`` (see :func:`line_of`): an offer's ``line`` callable."""
        return line_of(self, field) if field else None


def line_of(lines: Mapping[str, int], field: str | None) -> int | None:
    """The line of ``field`` or of its closest located parent, if any."""
    if not field:
        return None
    parts = field.split(".")
    while parts:
        found = lines.get(".".join(parts))
        if found is not None:
            return found
        parts.pop()
    return None
