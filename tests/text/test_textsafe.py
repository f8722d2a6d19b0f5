"""The printable fast path of :mod:`inet_stages.text.textsafe` skips nothing it should escape."""

from __future__ import annotations

import re

import pytest

from inet_stages.text import textsafe


@pytest.mark.parametrize("kind", ["unsafe", "with_newlines", "json"])
def test_every_unsafe_character_is_not_printable(kind: str) -> None:
    pattern = re.compile(textsafe._SOURCES[kind])
    caught = [c for c in map(chr, range(0x110000)) if pattern.fullmatch(c)]
    assert len(caught) > 100  # the classes are really there
    assert [c for c in caught if c.isprintable()] == []


def test_clean_still_escapes_and_leaves_plain_text_alone() -> None:
    assert textsafe.clean("Ville de Colmar — 40 000 habitants") == (
        "Ville de Colmar — 40 000 habitants"
    )
    assert textsafe.clean("a\u202eb\x1bc") == "a\\u202eb\\x1bc"
    assert textsafe.strip("a\u200bb") == "ab"
    assert textsafe.escape_json("a\u2028b") == "a\\u2028b"
