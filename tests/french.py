"""French typography as the tests check it: where a text still has a space French forbids."""

from __future__ import annotations

import re


def plain_spaces_left(text: str) -> list[str]:
    """Where ``text`` still has a breaking space French forbids: before « : ; ! ? » or in « ».

    The tests walk every French string the tool prints with it; an empty
    list means the text is well typeset. Each item is the offending
    spot with a few characters around it.
    """
    spots = []
    # One space only: a run of spaces is a table's padding before a mark
    # that begins the next column (« !! dans 4 j »), not a sentence.
    for pattern in (
        re.compile(r"(?<=[^\s]) [:;!?](?:$|[\s!?.,;:»)\]])", re.MULTILINE),
        re.compile(r"«[ \t]"),
        re.compile(r"[ \t]»"),
    ):
        for match in pattern.finditer(text):
            start, end = match.span()
            spots.append(text[max(start - 15, 0) : end + 5])
    return spots
