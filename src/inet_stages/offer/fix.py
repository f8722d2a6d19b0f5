"""``inet-stages fix``: the slips of an offer file that have one safe answer, rewritten.

What is rewritten (and only that):

- the Word slips of :mod:`inet_stages.offer.slips` — typographic quotes as
  delimiters, odd spaces outside strings, numbers with spaces, dates typed
  day first (the French order) or ISO without its zeros, spaces around the
  tutor's address;
- a key (or table name) misspelt with exactly one close known key that the
  table does not already have (``popluation`` → ``population``).

A date readable only in another order (``02/28/2026``), a key close to two
known keys, a key whose right spelling is already there: left as typed, and
the check of the file after fixing reports them. Every edit is a change of
one line, in place: comments, blank lines, key order, line endings are kept.
A file with typographic quotes is not TOML, so the text is mended first, line
by line; keys and values are then edited on their line and each edit is
checked by parsing the result (an edit that does not give the expected
document is undone and left to the user).

A file saved in Windows-1252, Latin-1 or UTF-16 (with its byte-order mark)
has one reading too: :func:`decode_any` gives its text, and ``fix`` writes it
back in UTF-8.

Pure: text in, text out; reading and writing the file belong to the CLI.
"""

from __future__ import annotations

import difflib
import os
import re
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from inet_stages.io import tomlsafe
from inet_stages.io.writes import reason
from inet_stages.offer import slips
from inet_stages.offer.shape import FIELDS

#: How close a typed key must be to a known one (difflib's ratio, in lower case):
#: ``emial``/``email`` is 0.8, ``hots``/``host`` 0.75; ``nom``/``name`` 0.57 is not.
CLOSE = 0.75


@dataclass(frozen=True, kw_only=True)
class Change:
    """One rewrite: the line, the key it concerns and what was done, in French."""

    line: int
    key: str | None
    what: str


@dataclass(frozen=True, kw_only=True)
class Fixed:
    """The text after fixing, what was changed, and what was left for the user to decide."""

    text: str
    changes: tuple[Change, ...]
    left: tuple[Change, ...]


#: Passes over the keys at most: a table renamed, then the keys inside it (a third for safety).
_KEY_PASSES = 3


def fix_text(text: str) -> Fixed:
    """Rewrite the slips of ``text`` that have one safe answer; the rest is listed in ``left``."""
    changes: list[Change] = []
    left: list[Change] = []
    try:
        data = tomlsafe.parse("offre.toml", text)
    except tomlsafe.TomlInputError:
        recovered = slips.recover_text(text, quote_unreadable=False)
        text = recovered.text
        changes.extend(Change(line=s.line, key=s.key, what=_describe(s)) for s in recovered.slips)
        try:
            data = tomlsafe.parse("offre.toml", text)
        except tomlsafe.TomlInputError as exc:
            # Still not TOML: the certain text edits are kept; what stops the reading is
            # listed for the user (nothing else can be fixed until it is mended).
            left.append(Change(line=exc.line or 0, key=None, what=exc.message))
            return Fixed(text=text, changes=tuple(changes), left=tuple(left))
    # Keys first: the address of a misspelt « emial » is mended once it is « email ».
    # Again once a table is renamed ([Host] → [host]): its own keys are known only then,
    # and a second run of fix would otherwise find more to do. What is left is the last
    # pass's (each pass lists everything it cannot mend).
    for _ in range(_KEY_PASSES):
        found: list[Change] = []
        done = len(changes)
        text = _fix_keys(text, data, changes, found)
        data = _parsed(text) or data
        if len(changes) == done:
            break
    left.extend(found)
    text, data = _fix_values(text, data, changes, left)
    return Fixed(
        text=text,
        changes=tuple(sorted(changes, key=lambda c: c.line)),
        left=tuple(sorted(left, key=lambda c: c.line)),
    )


def decode_any(data: bytes) -> tuple[str, str | None]:
    """The text of ``data`` and the name of its encoding when it is not UTF-8.

    UTF-16 is known by its byte-order mark; anything else that is not UTF-8
    is Windows-1252 (what Word and Excel write in France), or Latin-1 for the
    five bytes Windows-1252 leaves undefined. Raises ``UnicodeDecodeError``
    for UTF-8 text that is damaged.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "UTF-16"
    try:
        return data.removeprefix(b"\xef\xbb\xbf").decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "Latin-1"


def _describe(slip: slips.Slip) -> str:
    if slip.code == "F005":
        if len(slip.typed) == 1:
            return f"guillemet typographique {slip.typed} remplacé par un guillemet droit"
        return (
            f"guillemets typographiques {slip.typed[0]} {slip.typed[-1]} remplacés par des "
            "guillemets droits"
        )
    if slip.code == "F006":
        name = slips.ODD_SPACES.get(slip.typed)
        if name:
            return f"{name} remplacée par une espace ordinaire"
        return f"caractère invisible {slips.INVISIBLE.get(slip.typed, '')} supprimé"
    if slip.code == "F007":
        if slip.typed.strip() == slip.replacement:
            return f"nombre écrit {slip.replacement}, sans guillemets"
        return f"nombre écrit {slip.replacement}, sans espace"
    if slip.code == "F009":
        return f"« {slip.typed.strip()} » écrit {slip.replacement}"
    if slip.code in ("D007", "D008"):
        return f"date {slip.typed.strip()} écrite {slip.replacement}"
    if slip.code == "F008" and "mailto:" in slip.typed.casefold():
        return f"« mailto: » retiré devant l'adresse « {slip.replacement} »"
    if slip.code == "F008":
        return f"espaces autour de l'adresse « {slip.replacement} » retirés"
    return slip.message  # pragma: no cover - every code of the slips is above


# --- Values ------------------------------------------------------------------------


def _value_at(data: Any, key: str) -> Any:
    for part in key.split("."):
        if not isinstance(data, dict) or part not in data:
            return None
        data = data[part]
    return data


def _literal(value: str) -> re.Pattern[str]:
    """The TOML string that holds exactly ``value``, double or single quotes."""
    double = re.escape('"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"')
    single = re.escape("'" + value + "'")
    return re.compile(f"{double}|{single}")


def _edit_line(
    text: str, line: int | None, region: Callable[[str], tuple[int, int]], pattern: str, new: str
) -> str | None:
    """``text`` with the one match of ``pattern`` in ``region`` of ``line`` replaced, else None."""
    if line is None:
        return None
    lines = text.split("\n")
    if not 0 < line <= len(lines):
        return None
    current = lines[line - 1]
    start, end = region(current)
    matches = list(re.finditer(pattern, current[start:end]))
    if len(matches) != 1:
        return None
    match = matches[0]
    lines[line - 1] = current[: start + match.start()] + new + current[start + match.end() :]
    return "\n".join(lines)


def _after_equals(line: str) -> tuple[int, int]:
    return line.find("=") + 1, len(line)


def _parsed(text: str) -> dict[str, Any] | None:
    try:
        return tomlsafe.parse("offre.toml", text)
    except tomlsafe.TomlInputError:
        return None


def _fix_values(
    text: str, data: dict[str, Any], changes: list[Change], left: list[Change]
) -> tuple[str, dict[str, Any]]:
    lines = tomlsafe.locate_keys(text)
    mended, found = slips.recover_values(data, text, lambda key: tomlsafe.line_of(lines, key))
    for slip in found:
        typed = _value_at(data, slip.key or "")
        if not isinstance(typed, str) or slip.key is None:
            continue
        # A date becomes a TOML date (no quotes), an address keeps its quotes.
        expected = _value_at(mended, slip.key)
        new = (
            slip.replacement
            if slip.code in ("D007", "D008", "F007", "F009")
            else f'"{slip.replacement}"'
        )
        line = tomlsafe.line_of(lines, slip.key)
        candidate = _edit_line(text, line, _after_equals, _literal(typed).pattern, new)
        parsed = _parsed(candidate) if candidate is not None else None
        if parsed is not None and _value_at(parsed, slip.key) == expected:
            text, data = candidate or text, parsed
            changes.append(Change(line=slip.line, key=slip.key, what=_describe(slip)))
        else:
            left.append(
                Change(line=slip.line, key=slip.key, what=slips.without_place(slip).message)
            )
    return text, data


# --- Keys --------------------------------------------------------------------------


def _close(word: str, known: list[str]) -> list[str]:
    return difflib.get_close_matches(word.lower(), known, n=3, cutoff=CLOSE)


def _key_region(line: str) -> tuple[int, int]:
    header = re.match(r"^[ \t]*\[\[?([^\[\]]*)\]", line)
    if header:
        return header.start(1), header.end(1)
    equals = line.find("=")
    return 0, equals if equals >= 0 else 0


def _token(name: str) -> str:
    bare = re.escape(name)
    return rf"(?<![A-Za-z0-9_-]){bare}(?![A-Za-z0-9_-])|\"{bare}\"|'{bare}'"


def _fix_keys(text: str, data: dict[str, Any], changes: list[Change], left: list[Change]) -> str:
    # Each misspelt key with its table ("" at the top) and its one candidate.
    # Lines are located once: a hostile file has thousands of unknown keys.
    located = tomlsafe.locate_keys(text)
    wanted: list[tuple[str, str, str]] = []
    for name, content in data.items():
        if name not in FIELDS:
            found = _choice("", name, list(FIELDS), data, left=left, line=located.get(name))
            wanted.append(("", name, found))
        elif isinstance(content, dict):
            known = list(FIELDS[name])
            for key in content:
                if key not in known:
                    line = located.get(f"{name}.{key}")
                    found = _choice(name, key, known, content, left=left, line=line)
                    wanted.append((name, key, found))
    targets = Counter((table, new) for table, _key, new in wanted if new)
    for table, key, new in wanted:
        if not new:
            continue
        dotted = f"{table}.{key}" if table else key
        if targets[(table, new)] > 1:
            line = located.get(dotted)
            left.append(
                _left(line, dotted, f"clé « {key} » : d'autres clés ressemblent à « {new} »")
            )
            continue
        # At most one rename per known key: the lines are located again after each.
        line = tomlsafe.locate_keys(text).get(dotted)
        candidate = _edit_line(text, line, _key_region, _token(key), new)
        parsed = _parsed(candidate) if candidate is not None else None
        before = data.get(table, {}) if table else data
        after = (parsed or {}).get(table, {}) if table else parsed
        if (
            candidate is not None
            and isinstance(after, dict)
            and isinstance(before, dict)
            and key not in after
            and after.get(new) == before.get(key)
        ):
            text = candidate
            what = (
                f"table [{key}] renommée [{new}]"
                if not table
                else f"clé « {key} » renommée « {new} »"
            )
            changes.append(
                Change(line=line or 0, key=f"{table}.{new}" if table else new, what=what)
            )
        else:
            left.append(
                _left(line, dotted, f"clé « {key} » : écrivez « {new} » (à corriger à la main)")
            )
    return text


def _choice(
    table: str,
    key: str,
    known: list[str],
    present: dict[str, Any],
    *,
    left: list[Change],
    line: int | None,
) -> str:
    """The one known key ``key`` is a misspelling of, or "" (and why, in ``left``)."""
    close = _close(key, known)
    dotted = f"{table}.{key}" if table else key
    shown = f"table [{key}]" if not table else f"clé « {key} »"

    def name(known_key: str) -> str:
        return f"[{known_key}]" if not table else f"« {known_key} »"

    if len(close) > 1:
        choices = " ou ".join(name(c) for c in close)
        left.append(_left(line, dotted, f"{shown} : {choices} ? à vous de choisir"))
        return ""
    if close and close[0] in present:
        left.append(
            _left(line, dotted, f"{shown} : {name(close[0])} est déjà là ; gardez l'une des deux")
        )
        return ""
    return close[0] if close else ""


def _left(line: int | None, key: str, what: str) -> Change:
    return Change(line=line or 0, key=key, what=what)


def unified_diff(
    name: str, before: str, after: str, *, before_label: str | None = None
) -> list[str]:
    """The change as a unified diff, one string per line (without its newline).

    ``before_label`` names the file before (« offre.toml (avant, Windows-1252) »).
    """
    return [
        line.rstrip("\r\n")
        for line in difflib.unified_diff(
            before.splitlines(keepends=True),
            after.splitlines(keepends=True),
            fromfile=before_label or f"{name} (avant)",
            tofile=f"{name} (corrigé)" if before_label is None else f"{name} (corrigé, UTF-8)",
        )
    ]


# --- One file, from its bytes -------------------------------------------------------

_BOM = b"\xef\xbb\xbf"


@dataclass(frozen=True, kw_only=True)
class FileFix:
    """One file's fix: its text as read, the fixed text, and its encoding when not UTF-8."""

    name: str
    text: str
    fixed: Fixed
    encoding: str | None
    #: The bytes to write: the fixed text in UTF-8, with the byte-order mark it had.
    content: bytes

    @property
    def changed(self) -> bool:
        """Whether the file would be rewritten (its text, or only its encoding)."""
        return self.fixed.text != self.text or self.encoding is not None

    def diff(self) -> list[str]:
        """The unified diff; for a change of encoding alone, the headers that say it."""
        label = f"{self.name} (avant, {self.encoding})" if self.encoding else None
        lines = unified_diff(self.name, self.text, self.fixed.text, before_label=label)
        if not lines:  # the text is the same: the headers say what changes
            lines = [f"--- {label}", f"+++ {self.name} (corrigé, UTF-8)"]
        return lines


def fix_file(name: str, raw: bytes) -> FileFix:
    """Fix a file's bytes; raises ``TomlInputError`` or ``UnicodeDecodeError`` when unreadable."""
    text, encoding = decode_any(raw)
    if encoding is None:
        text = tomlsafe.decode(name, raw)
    fixed = fix_text(text)
    if encoding is not None:
        # The file's bytes change even when its text does not: one more correction.
        converted = Change(line=1, key=None, what=f"fichier en {encoding} enregistré en UTF-8")
        fixed = Fixed(text=fixed.text, changes=(converted, *fixed.changes), left=fixed.left)
    content = (_BOM if raw.startswith(_BOM) else b"") + fixed.text.encode("utf-8")
    return FileFix(name=name, text=text, fixed=fixed, encoding=encoding, content=content)


# --- Rewriting in place, only when nothing of hers is lost ---------------------------


def signature(path: Path) -> tuple[int, int, int, int, int] | None:
    """What tells that a file changed: device, inode, size, modification time, links."""
    try:
        info = os.lstat(path)
    except OSError:
        return None
    return (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_nlink)


def rewrite_refusal(
    path: Path, raw: bytes, before: tuple[int, int, int, int, int] | None
) -> str | None:
    """Why ``fix`` must not rewrite ``path`` (French), or None.

    ``fix`` never loses a byte of hers: it does not write over a file she made
    read-only, nor break the hard links of a file shared under several names
    (the new file would leave the others on the old text), nor write through a
    link, nor over a file that changed since it was read (her editor saved it
    meanwhile): the file is read again just before the write and compared.
    """
    try:
        info = os.lstat(path)
    except OSError as exc:
        return f"non corrigé : fichier inaccessible ({reason(exc)})."
    if stat.S_ISLNK(info.st_mode):
        return "non corrigé : c'est un lien symbolique ; corrigez le fichier qu'il désigne."
    if not info.st_mode & stat.S_IWUSR:
        return "non corrigé : fichier en lecture seule (rendez-le modifiable, puis relancez)."
    if info.st_nlink > 1:
        return (
            f"non corrigé : le fichier a {info.st_nlink} liens physiques (plusieurs noms) ; "
            "le réécrire les séparerait. Appliquez les corrections à la main (--diff les montre)."
        )
    now = (info.st_dev, info.st_ino, info.st_size, info.st_mtime_ns, info.st_nlink)
    changed = "non corrigé : le fichier a changé pendant la correction ; relancez fix."
    if before is None or now != before:
        return changed
    try:
        with open(path, "rb") as stream:
            if stream.read(len(raw) + 1) != raw:
                return changed
    except OSError:
        return changed
    return None
