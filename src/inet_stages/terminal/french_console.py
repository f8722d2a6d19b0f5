"""A Rich console that typesets French as it prints, and never breaks a line at U+00A0.

Every result and message goes through :class:`FrenchConsole`
(:func:`inet_stages.cli.common.stdout_console`, ``stderr_console``): each
string and each :class:`rich.text.Text` it renders — alone, in a table cell,
a title — is passed through :func:`inet_stages.text.frtypo.typeset` before Rich
lays it out, so the non-breaking spaces are in place when lines are wrapped.

Rich (13.x and 14.x) splits words with ``\\s``, which in Python matches the
non-breaking space too: left alone, it would wrap « 40 000 » or put « : » at
the start of a line. :func:`keep_nonbreaking_spaces` replaces the word
pattern of ``rich._wrap`` by one where U+00A0 and U+202F belong to the word;
a test renders a narrow table to check that it still holds with the Rich
version installed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.text import Text

from inet_stages.text.frtypo import typeset

if TYPE_CHECKING:
    from rich.console import ConsoleOptions, RenderableType, RenderResult

# Whitespace except the two non-breaking spaces; and its complement.
_BREAKING = r"[^\S\u00a0\u202f]"
_WORD = r"[\S\u00a0\u202f]"
_RE_WORD = re.compile(rf"{_BREAKING}*{_WORD}+{_BREAKING}*")


def keep_nonbreaking_spaces() -> None:
    """Make Rich's line wrapping treat U+00A0 and U+202F as part of a word (idempotent)."""
    import rich._wrap

    if hasattr(rich._wrap, "re_word"):
        rich._wrap.re_word = _RE_WORD


def typeset_text(text: Text) -> Text:
    """A copy of ``text`` typeset, its styles kept (typeset replaces one character by one)."""
    plain = typeset(text.plain)
    if plain == text.plain:
        return text
    copy = text.copy()
    copy.plain = plain
    return copy


class FrenchConsole(Console):
    """A console whose strings and texts are typeset as French before layout."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        keep_nonbreaking_spaces()
        super().__init__(*args, **kwargs)

    def print(self, *objects: Any, crop: bool = False, **kwargs: Any) -> None:
        """Print without cropping: a file name longer than the line is shown whole.

        Tables and wrapped text never exceed the width; only a word longer
        than the whole line (:class:`inet_stages.render.fit.Wrapped`) does.
        """
        super().print(*objects, crop=crop, **kwargs)

    def render_str(self, text: str, *args: Any, **kwargs: Any) -> Text:
        """Strings (and table cells given as strings) typeset, then made into text."""
        return super().render_str(typeset(text), *args, **kwargs)

    def render(
        self, renderable: RenderableType, options: ConsoleOptions | None = None
    ) -> Iterable[Any]:
        """Texts typeset, anywhere in the tree (Rich renders table cells through here)."""
        if isinstance(renderable, Text):
            renderable = typeset_text(renderable)
        result: RenderResult = super().render(renderable, options)
        return result
