"""Display hygiene for text that came from a file (docs/reference/limits.md).

Such text is shown as text: Rich never reads it as markup (callers wrap it in
``rich.text.Text`` and the console runs with ``markup=False, emoji=False``),
and the characters that could steer a terminal or disguise what is shown are
replaced by a visible escape: C0 and C1 controls, DEL, bidirectional
overrides and zero-width characters. JSON output keeps the exact text.
"""

from __future__ import annotations

import functools
import re

# Beyond C0: DEL, C1, bidi embeddings/overrides/isolates and marks, zero-width
# and BOM characters, and the line/paragraph separators that some terminals
# treat as line breaks. Lone surrogates too: a file name that is not UTF-8
# arrives as \udcff (surrogateescape) and cannot be encoded for the terminal.
_INVISIBLE = (
    "\x7f-\x9f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ud800-\udfff\ufeff\ufff9-\ufffb"
)
# C0 controls except tab and newline (handled by ``keep_newlines``), then the rest;
# and what a JSON encoder leaves raw (it escapes C0 itself). Compiled on first
# use, so that a command that shows no text from a file (``--version``) does not
# compile them.
_SOURCES = {
    "unsafe": f"[\x00-\x08\x0b-\x1f{_INVISIBLE}]",
    "with_newlines": f"[\x00-\x1f{_INVISIBLE}]",
    "json": f"[{_INVISIBLE}]",
}


@functools.cache
def _pattern(kind: str) -> re.Pattern[str]:
    return re.compile(_SOURCES[kind])


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, *, keep_newlines: bool = False, limit: int | None = None) -> str:
    """Return ``text`` safe to print: unsafe characters escaped visibly.

    Tabs become spaces. With ``keep_newlines`` a newline stays a line break;
    otherwise it is shown as ``\\n`` too, so one value stays on one line.
    ``limit`` cuts the result to that many characters, ending with ``…``.
    """
    text = text.replace("\t", " ")
    if keep_newlines:
        text = text.replace("\r\n", "\n")
    result = _pattern("unsafe" if keep_newlines else "with_newlines").sub(_escape, text)
    if limit is not None and len(result) > limit:
        result = result[: max(limit - 1, 0)] + "…"
    return result


def strip(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` without the unsafe characters of :func:`clean` (for files we write).

    Tabs become spaces; newlines become spaces unless ``keep_newlines``.
    """
    text = text.replace("\t", " ").replace("\r\n", "\n")
    if not keep_newlines:
        text = text.replace("\n", " ")
    return _pattern("unsafe").sub("", text)


def escape_json(text: str) -> str:
    """JSON text with the unsafe characters of :func:`clean` written as ``\\uXXXX`` escapes.

    The value read back is the same; only the encoded text changes, so a JSON
    document shown on a terminal cannot steer it. C0 controls are escaped by
    the JSON encoder already.
    """
    return _pattern("json").sub(lambda m: f"\\u{ord(m.group()):04x}", text)
