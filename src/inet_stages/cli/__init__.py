"""The command-line layer: Typer app, root options and the entry point.

Commands live in sibling modules, one per command family, and import the core
(and Rich, pydantic…) inside their bodies, so that ``--help`` and
``--version`` pay only for Typer.
"""

from __future__ import annotations

import os
import sys

import typer

from inet_stages import __version__
from inet_stages.cli.common import EXIT_USAGE, Options

app = typer.Typer(
    name="inet-stages",
    help=(
        "Calendrier des stages de l'INET : fenêtres de stage, dates limites de dépôt "
        "des offres, vérification des offres des structures d'accueil."
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"inet-stages {__version__}\n")
        raise typer.Exit(0)


@app.callback()
def root(
    ctx: typer.Context,
    calendar: str | None = typer.Option(
        None,
        "--calendar",
        envvar="INET_STAGES_CALENDAR",
        metavar="FICHIER",
        help=(
            "Calendrier à utiliser (fichier TOML) à la place du calendrier 2026-2027 fourni. "
            "Variable d'environnement : INET_STAGES_CALENDAR."
        ),
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
    ),
) -> None:
    """Calendrier des stages de l'INET."""
    ctx.obj = Options(calendar=calendar)


# Registration: each module adds its commands to ``app`` when imported.
from inet_stages.cli.calendar_cmd import calendar_app  # noqa: E402

app.add_typer(calendar_app, name="calendar")
from inet_stages.cli import template_cmd as template_cmd  # noqa: E402
from inet_stages.cli import validate_cmd as validate_cmd  # noqa: E402

_CLICK_MESSAGES = (
    ("No such option:", "option inconnue :"),
    ("No such command", "commande inconnue"),
    ("Missing argument", "argument manquant"),
    ("Missing option", "option manquante"),
    ("Invalid value for", "valeur invalide pour"),
    ("Got unexpected extra arguments", "arguments en trop"),
    ("Got unexpected extra argument", "argument en trop"),
    ("Option", "l'option"),
    ("requires an argument", "attend une valeur"),
    ("Did you mean", "Vouliez-vous dire"),
    ("is not a valid integer", "n'est pas un nombre entier"),
    ("is not one of", "n'est pas parmi"),
)


def _french(message: str) -> str:
    for english, french in _CLICK_MESSAGES:
        message = message.replace(english, french)
    return message


def _prepare_streams() -> None:
    # A terminal or pipe that cannot encode « é » (PYTHONIOENCODING=ascii, a
    # C locale) must degrade the text, not crash the command.
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")


def main(argv: list[str] | None = None) -> int:
    """Entry point of the ``inet-stages`` script; returns the exit code (and exits)."""
    _prepare_streams()
    from inet_stages.textsafe import clean

    try:
        result = app(args=argv, standalone_mode=False, prog_name="inet-stages")
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        sys.stderr.write("inet-stages : interrompu.\n")
        code = 130
    except KeyboardInterrupt:
        sys.stderr.write("inet-stages : interrompu.\n")
        code = 130
    except BrokenPipeError:
        # The reader went away (``| head``): nothing more to say to it.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except Exception as exc:
        # Usage errors of the vendored click (no public class to name them by).
        if hasattr(exc, "format_message") and hasattr(exc, "exit_code"):
            command = getattr(getattr(exc, "ctx", None), "command_path", "inet-stages")
            text = clean(_french(exc.format_message()), keep_newlines=True)
            sys.stderr.write(f"inet-stages : erreur : {text}\nVoir « {command} --help ».\n")
            code = int(exc.exit_code) if exc.exit_code else EXIT_USAGE
        elif os.environ.get("INET_STAGES_DEBUG"):
            raise
        else:
            # A bug of ours, not the user's: say so plainly, without a traceback.
            sys.stderr.write(
                "inet-stages : erreur interne inattendue "
                f"({type(exc).__name__}: {clean(str(exc), limit=200)}).\n"
                "Relancez avec INET_STAGES_DEBUG=1 pour le détail et signalez-la.\n"
            )
            code = EXIT_USAGE
    else:
        code = result if isinstance(result, int) else 0
    sys.exit(code)
