"""Text from files is shown safely: controls and invisible characters escaped, the rest left alone."""

from __future__ import annotations

from inet_stages.text import textsafe


def test_clean_escapes_and_leaves_plain_text_alone() -> None:
    assert textsafe.clean("Ville de Colmar — 40 000 habitants") == (
        "Ville de Colmar — 40 000 habitants"
    )
    assert textsafe.clean("a\u202eb\x1bc") == "a\\u202eb\\x1bc"
    assert textsafe.strip("a\u200bb") == "ab"
    assert textsafe.escape_json("a\u2028b") == "a\\u2028b"
