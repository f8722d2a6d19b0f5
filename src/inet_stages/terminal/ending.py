"""How a command's end is said when something escaped it: one French line or two, an exit code.

The entry point catches what no command worded itself and hands it here:
a refused input (:class:`~inet_stages.errors.UserError`), a path the system
refused, a structure nested too deep, a usage error of click, or a bug of
ours. Each is said in French, naming the file where there is one, never
with a traceback nor the system's English.
"""

from __future__ import annotations

import os

from inet_stages.errors import UserError
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import clean

#: Exit code of a usage error, an unreadable path or a refused input.
USAGE = 2
PREFIX = "inet-stages : erreur : "


def ending(exc: Exception, command: str) -> tuple[str, int] | None:
    """What to print on stderr for ``exc`` (without the final newline) and the exit code;
    None for a bug of ours (:func:`internal_error`).

    ``command`` (« inet-stages report ») is named where click's error comes
    without its context, in the advice to read its help.
    """
    if isinstance(exc, UserError):
        # A refused input that a command did not word itself: French, naming the file.
        return typeset(PREFIX + clean(exc.render(), keep_newlines=True)), USAGE
    if isinstance(exc, OSError):
        # A path no command checked first (a folder she cannot read on the way).
        from inet_stages.io.writes import reason

        where = clean(os.fsdecode(exc.filename)) + " : " if exc.filename is not None else ""
        return typeset(f"{PREFIX}{where}{reason(exc)}."), USAGE
    if isinstance(exc, RecursionError):
        # A structure nested beyond what any reader handles (never « RecursionError »).
        return typeset(PREFIX + "donnée trop imbriquée pour être lue."), USAGE
    # Usage errors of the vendored click: no public class to name them by.
    if type(exc).__name__ == "NoArgsIsHelpError":
        # A group called without its command: its help is the answer.
        return exc.format_message(), USAGE  # type: ignore[attr-defined]
    if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
        from inet_stages.terminal.help_fr import french_error

        text = clean(french_error(exc.format_message()), keep_newlines=True)
        where = getattr(getattr(exc, "ctx", None), "command_path", command)
        return typeset(f"{PREFIX}{text}\nVoir « {where} --help »."), int(exc.exit_code or USAGE)
    return None


def internal_error(exc: Exception) -> str:
    """A bug of ours, not the user's: said plainly, without a traceback."""
    return (
        "inet-stages\u00a0: erreur interne inattendue "
        f"({type(exc).__name__}: {clean(str(exc), limit=200)}).\n"
        "Relancez avec INET_STAGES_DEBUG=1 pour le détail et signalez-la."
    )
