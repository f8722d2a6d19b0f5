"""French typography for everything printed for people: one function, :func:`typeset`.

French puts a space before « : ; ! ? », inside « », between groups of digits
(« 40 000 »), between a number and its unit (« 4 000 € »), and keeps a date
together (« 24 novembre 2025 »). Each of these spaces must never become a
line break: a line that starts with « : » or a year wrapped away from its
date reads as a mistake. :func:`typeset` makes them non-breaking.

Which space: U+00A0 (NO-BREAK SPACE) everywhere. The finer U+202F (NARROW
NO-BREAK SPACE) is what the Imprimerie nationale prescribes before « ; ! ? »
and in « 40 000 », but some terminal fonts, older Outlook versions and
spreadsheet programs show it as a box or a full-width gap; U+00A0 is shown
as a plain space by all of them. Both are accepted on input (a text already
typeset with U+202F keeps it).

What is left alone, on purpose:

- a colon, semicolon, ``!`` or ``?`` with no space before it (« 10:30 »,
  ``https://``, ``stages.inet@cnfpt.fr``, ``a:b``): typeset never *adds* a
  space before punctuation, it only makes an existing one non-breaking — a
  URL, an e-mail address, a time or a path holds no space before a colon;
- a mark followed by something other than a space, the end of the text or
  closing punctuation (``x ?= y``, ``a !b``): that is code, not a sentence;
- newlines: a space before punctuation at the start of a line is not
  touched (there is no word to hold it to).

The function is idempotent (``typeset(typeset(t)) == typeset(t)``) and,
apart from the guillemets (where a missing space is added), replaces one
character by one, so styles laid over the text keep their place.
"""

from __future__ import annotations

import re

#: The space put wherever French forbids a line break.
NBSP = "\u00a0"
#: Accepted on input as already non-breaking (fine spacing).
NNBSP = "\u202f"

_SPACES = f"[ \t{NBSP}{NNBSP}]"

# A run of spaces after a word (or a closing mark) and before « : ; ! ? »
# that is followed by the end, a space or closing punctuation.
_BEFORE_MARK = re.compile(rf"(?<=[^\s]){_SPACES}+(?=[:;!?](?:$|[\s!?.,;:»)\]'\"…]))", re.MULTILINE)
# « text »: the space inside each guillemet, added when missing.
_AFTER_OPENING = re.compile(rf"«{_SPACES}*(?=[^\s»])")
_BEFORE_CLOSING = re.compile(rf"(?<=[^\s«]){_SPACES}*»")
# 40 000, 1 234 567: groups of three digits after one to three digits.
_GROUPED_NUMBER = re.compile(rf"(?<![\d.,])\d{{1,3}}(?:{_SPACES}\d{{3}})+(?!\d)")
# A number and its unit: symbols, and the words that count things in the tool.
_UNITS = (
    "€|k€|M€|%|‰|°C|km|kg|Mo|Go|ko|h|min|"
    "semaines?|jours?|mois|ans?|heures?|habitants?|élèves?|places?|offres?|euros?"
)
_NUMBER_UNIT = re.compile(rf"(?<=\d){_SPACES}+(?=(?:{_UNITS})(?![\w]))")
# « 10 h 30 »: the minutes stay with the hour.
_HOUR_MINUTES = re.compile(rf"(?<=\dh){_SPACES}+(?=\d)|(?<=\d{NBSP}h){_SPACES}+(?=\d{{2}}\b)")
# « 24 novembre 2025 », « 1er janv. 2026 »: day, month and year stay together.
_MONTHS = (
    "janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|"
    r"janv\.|févr\.|avr\.|juil\.|sept\.|oct\.|nov\.|déc\."
)
_DAY_MONTH = re.compile(rf"(?<![\w])(\d{{1,2}}|1er){_SPACES}+(?=(?:{_MONTHS})(?!\w))")
_MONTH_YEAR = re.compile(rf"(?<![\w])((?:{_MONTHS})){_SPACES}+(?=\d{{4}}(?!\d))")
# « n° 3 », « p. 12 »
_NUMERO = re.compile(rf"(?<![\w])(n°|no|p\.){_SPACES}+(?=\d)")
# French telephone numbers: « 03 88 15 53 69 » stays on one line.
_PHONE = re.compile(rf"(?<![\d])0\d(?:{_SPACES}\d\d){{4}}(?!\d)")


def _nbsp_runs(match: re.Match[str]) -> str:
    """The matched text with each run of spaces made one non-breaking space."""
    return re.sub(_SPACES + "+", NBSP, match.group())


def typeset(text: str) -> str:
    """``text`` with the spaces French keeps unbroken made non-breaking (U+00A0).

    Before « : ; ! ? », inside « », in « 40 000 » and « 4 000 € », between a
    day, its month and its year; see the module docstring for what is left
    alone (URLs, times, code). Idempotent.
    """
    if not text:
        return text
    text = _BEFORE_MARK.sub(NBSP, text)
    if "«" in text or "»" in text:
        text = _AFTER_OPENING.sub("«" + NBSP, text)
        text = _BEFORE_CLOSING.sub(NBSP + "»", text)
    if any(c.isdigit() for c in text):
        text = _GROUPED_NUMBER.sub(_nbsp_runs, text)
        text = _PHONE.sub(_nbsp_runs, text)
        text = _NUMBER_UNIT.sub(NBSP, text)
        text = _HOUR_MINUTES.sub(NBSP, text)
        text = _DAY_MONTH.sub(lambda m: m.group(1) + NBSP, text)
        text = _MONTH_YEAR.sub(lambda m: m.group(1) + NBSP, text)
        text = _NUMERO.sub(lambda m: m.group(1) + NBSP, text)
    return text


_TAG_OR_RAW = re.compile(r"(<(style|script)\b.*?</\2\s*>|<!--.*?-->|<[^>]*>)", re.DOTALL | re.I)


_READ_ATTRIBUTE = re.compile(r'(\b(?:title|alt|aria-label)=")([^"]*)"')


def typeset_html(page: str) -> str:
    """An HTML page with its text typeset: tags, attributes, styles and scripts left as they are.

    The non-breaking spaces are written as characters (the page is UTF-8),
    not as ``&nbsp;``, so that a test can read them back in the text.
    """
    pieces = _TAG_OR_RAW.split(page)
    out: list[str] = []
    index = 0
    while index < len(pieces):
        out.append(typeset(pieces[index]))
        if index + 1 < len(pieces):
            tag = pieces[index + 1]
            if pieces[index + 2] is None:  # a tag, not a style or script block
                # Attributes people read (tooltips, screen readers) are French too.
                tag = _READ_ATTRIBUTE.sub(lambda m: m.group(1) + typeset(m.group(2)) + '"', tag)
            out.append(tag)
        index += 3  # split() also returns the inner group (style|script)
    return "".join(out)
