"""``--help`` in French: the words that Typer and click print around our texts.

Our help texts are French; the frame around them (« Usage: », « Options: »,
« Show this message and exit. », « [default: …] ») comes from click in
English. The command classes below put it in French. Replacements keep the
length of what they replace, or shorten it, so that the wrapping click did
for 80 columns still holds.
"""

from __future__ import annotations

import re
from typing import Any

import typer.core

#: The text of ``-h/--help`` in every command.
HELP_OPTION_TEXT = "Affiche cette aide et quitte."

_HEADINGS = {
    "Options:": "Options :",
    "Arguments:": "Arguments :",
    "Commands:": "Commandes :",
}
# « default: » and « défaut : » have the same length: a wrapped line stays as wide.
_WORDS = (
    (re.compile(r"\[default:"), "[défaut :"),
    (re.compile(r"\[required\]"), "[requis]"),
    (re.compile(r"^Usage: ", re.MULTILINE), "Usage : "),
)


_NOTE_SEPARATOR = re.compile(r"(?<=\S); (?=[^\[\]]*\])")


def french_help(text: str) -> str:
    """``text``, a help page from click, with its English frame in French."""
    lines = [_HEADINGS.get(line, line) for line in text.split("\n")]
    result = "\n".join(lines)
    for pattern, french in _WORDS:
        result = pattern.sub(french, result)
    # click joins the notes of an option with « ; »: « [défaut : 14; positif ou nul] ».
    return _NOTE_SEPARATOR.sub("\u00a0; ", result)


class _FrenchHelp:
    """The French help option and help page, for a command or a group."""

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
        return option

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        # Before click checks a value: its range message is then French too.
        _french_ranges(self)
        return super().parse_args(ctx, args)  # type: ignore[misc,no-any-return]

    def get_help(self, ctx: Any) -> str:
        from inet_stages.text.frtypo import typeset

        # Typeset before click wraps the page: its textwrap breaks only at
        # ASCII whitespace, so « ; » or « 40 000 » never start a line. Then
        # the frame click adds (« Usage : ») is typeset too.
        _french_ranges(self)
        _typeset_texts(self, ctx)
        return typeset(french_help(super().get_help(ctx)))  # type: ignore[misc]


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph, whole."""
    # Split on ASCII spaces only: the non-breaking ones must stay.
    paragraph = " ".join(re.split(r"[ \t\n]+", text.strip().split("\n\n", 1)[0].strip()))
    end = re.search(r"[.!?](?=\s|$)", paragraph)
    return paragraph[: end.end()] if end else paragraph


def describe_range(low: float | None, high: float | None) -> str:
    """« positif ou nul », « au moins 1 », « au plus 52 », « entre 0 et 52 »."""
    if low is not None and high is not None:
        return f"entre {low} et {high}"
    if low == 0:
        return "positif ou nul"
    if low is not None:
        return f"au moins {low}"
    if high is not None:
        return f"au plus {high}"
    return ""


def _french_ranges(command: Any) -> None:
    """Number ranges said in words, in help (« [positif ou nul] ») and in errors.

    click describes a range as ``x>=0`` in both; its ``_describe_range`` is
    replaced, on each parameter's type, by :func:`describe_range`.
    """
    for param in getattr(command, "params", ()):
        kind = getattr(param, "type", None)
        # Duck-typed: Typer ships its own copy of click, whose classes are not click's.
        if all(hasattr(kind, name) for name in ("_describe_range", "min", "max")):
            words = describe_range(kind.min, kind.max)  # type: ignore[union-attr]
            setattr(kind, "_describe_range", lambda words=words: words)  # noqa: B010


def _typeset_texts(command: Any, ctx: Any) -> None:
    """The help texts of ``command``, its parameters and its subcommands, typeset in place."""
    from inet_stages.text.frtypo import typeset

    if isinstance(getattr(command, "help", None), str):
        command.help = typeset(command.help)
    for param in getattr(command, "params", ()):
        if isinstance(getattr(param, "help", None), str):
            param.help = typeset(param.help)
    list_commands = getattr(command, "list_commands", None)
    if list_commands is not None:
        for name in list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None and isinstance(getattr(sub, "help", None), str):
                sub.help = typeset(sub.help)
                if not getattr(sub, "short_help", None):
                    # click cuts the summary at 45 characters with « ... »:
                    # the first sentence instead, whole (the list wraps it).
                    sub.short_help = first_sentence(sub.help)


class FrenchCommand(_FrenchHelp, typer.core.TyperCommand):
    """A command whose help page is French from top to bottom."""


class FrenchGroup(_FrenchHelp, typer.core.TyperGroup):
    """A group (``calendar``, ``export``…) whose help page is French."""


def frenchify(app: typer.Typer) -> None:
    """Make every subcommand of ``app`` (a group of another module) a :class:`FrenchCommand`."""
    for info in app.registered_commands:
        if info.cls in (None, typer.core.TyperCommand):
            info.cls = FrenchCommand
