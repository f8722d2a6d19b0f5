"""Shell completion (bash, zsh, fish), in French, at no cost to an ordinary run.

Typer's own ``--install-completion``/``--show-completion`` would add two
options to every start (and speak English). Here the entry point hands them to
:func:`handle_options` before building any command, and a completion request
(the ``_INET_STAGES_COMPLETE`` variable set by the installed script) to
:func:`prepare_request`, which registers Typer's completion classes only then.
The root ``--help`` lists both options (:func:`root_options`).

The scripts and the installation are Typer's (its ``_completion_shared``):
bash in ``~/.bash_completions/inet-stages.sh`` sourced from ``~/.bashrc``, zsh
in ``~/.zfunc/_inet-stages``, fish in ``~/.config/fish/completions/``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import Any

import typer

from inet_stages.errors import UserError

PROG_NAME = "inet-stages"
#: The variable the completion scripts set to ask for completions.
COMPLETE_VAR = "_INET_STAGES_COMPLETE"
#: The shells whose completion is supported.
SHELLS = ("bash", "zsh", "fish")
INSTALL, SHOW = "--install-completion", "--show-completion"


def root_options() -> tuple[Any, Any]:
    """The two options as the root ``--help`` lists them (handled before click parses)."""
    install = typer.Option(False, INSTALL, metavar="[bash|zsh|fish]", expose_value=False)
    show = typer.Option(False, SHOW, metavar="[bash|zsh|fish]", expose_value=False)
    return install, show


def requested(args: Sequence[str], commands: Sequence[str]) -> str | None:
    """``--install-completion`` or ``--show-completion`` if given before any command."""
    for token in args:
        if token in (INSTALL, SHOW):
            return token
        if token in commands:
            return None
    return None


def _shell(args: Sequence[str], option: str) -> str:
    """The shell named after ``option``, else the terminal's; refused in French if unsupported."""
    position = list(args).index(option)
    given = args[position + 1] if position + 1 < len(args) else None
    if given is not None and not given.startswith("-"):
        shell = given.strip().lower()
    else:
        from typer._completion_shared import _get_shell_name

        detected = _get_shell_name()
        if detected is None:
            raise UserError(
                f"shell non détecté : précisez-le, par exemple « {PROG_NAME} {option} bash » "
                f"({', '.join(SHELLS)})."
            )
        shell = detected
    if shell not in SHELLS:
        raise UserError(
            f"complétion non prise en charge pour le shell « {shell} » : "
            f"{', '.join(SHELLS[:-1])} ou {SHELLS[-1]} seulement."
        )
    return shell


def handle_options(args: Sequence[str], option: str) -> int:
    """Show or install the completion script; the exit code."""
    from typer._completion_shared import get_completion_script, install

    from inet_stages.text.frtypo import typeset

    shell = _shell(args, option)
    if option == SHOW:
        script = get_completion_script(prog_name=PROG_NAME, complete_var=COMPLETE_VAR, shell=shell)
        sys.stdout.write(script + "\n")
        return 0
    try:
        _, path = install(shell=shell, prog_name=PROG_NAME, complete_var=COMPLETE_VAR)
    except OSError as exc:
        from inet_stages.io.writes import reason

        raise UserError(
            f"complétion {shell} non installée : {reason(exc)} ({exc.filename})."
        ) from exc
    sys.stdout.write(
        typeset(
            f"Complétion {shell} installée dans {path} : elle prendra effet dans un "
            "nouveau terminal.\n"
        )
    )
    return 0


def prepare_request() -> bool:
    """Ready a completion request if the script asked for one; whether it did.

    Click's order (``bash_source``) is accepted beside Typer's
    (``source_bash``), and an unknown shell or instruction is refused in
    French instead of click's English.
    """
    instruction = os.environ.get(COMPLETE_VAR)
    if not instruction:
        return False
    first, _, second = instruction.partition("_")
    if first in SHELLS and second in ("source", "complete"):
        first, second = second, first
    if first not in ("source", "complete") or second not in SHELLS:
        raise UserError(
            f"demande de complétion non comprise ({COMPLETE_VAR}={instruction}) : "
            "attendu complete_bash, complete_zsh, complete_fish ou source_bash…"
        )
    os.environ[COMPLETE_VAR] = f"{first}_{second}"
    import typer._completion_classes as classes

    from inet_stages.terminal.help_fr import one_line

    classes.completion_init()
    # Typer renders each description (zsh, fish) as Rich markup at 100 columns:
    # « [clé] » would vanish and a long help would carry a raw newline into the
    # shell's list. Ours are plain text: one line, as written.
    classes._sanitize_help_text = one_line
    return True
