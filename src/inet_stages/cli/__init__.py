"""The command-line layer: Typer app, root options and the entry point.

Commands live in sibling modules, one per command family, and import the core
(and Rich, pydantic…) inside their bodies, so that ``--help`` and
``--version`` pay only for Typer. What ``--help`` says of each command and
option, in French, is in ``aide.toml`` (read by :mod:`inet_stages.terminal.help_fr`).
"""

from __future__ import annotations

import importlib
import inspect
import os
import sys
from collections.abc import Callable, Iterable

import typer

from inet_stages import __version__
from inet_stages.cli.common import EXIT_USAGE, Options
from inet_stages.terminal.help_fr import FrenchCommand, FrenchGroup, frenchify

#: Every command: name -> (module that defines it, attribute, is a group,
#: modules that add subcommands to it). Turning a function into a click
#: command costs start-up time, so ``main`` builds only the command asked for
#: (all of them for ``--help`` or a mistyped name).
COMMANDS: dict[str, tuple[str, str, bool, tuple[str, ...]]] = {
    "calendar": (
        "inet_stages.cli.calendar_cmd",
        "calendar_app",
        True,
        ("inet_stages.cli.calendar_tools",),
    ),
    "deadlines": ("inet_stages.cli.deadlines_cmd", "deadlines", False, ()),
    "validate": ("inet_stages.cli.validate_cmd", "validate", False, ()),
    "rules": ("inet_stages.cli.validate_cmd", "rules", False, ()),
    "fix": ("inet_stages.cli.fix_cmd", "fix", False, ()),
    "template": ("inet_stages.cli.template_cmd", "template", False, ()),
    "schema": ("inet_stages.cli.template_cmd", "schema_app", True, ()),
    "export": ("inet_stages.cli.export_cmd", "export_app", True, ()),
    "report": ("inet_stages.cli.report_cmd", "report", False, ()),
    "form": ("inet_stages.cli.intake_cmd", "form", False, ()),
    "import": ("inet_stages.cli.intake_cmd", "import_offers", False, ()),
    "assign": ("inet_stages.cli.assign_cmd", "assign", False, ()),
    "call": ("inet_stages.cli.call_cmd", "call", False, ()),
    "letters": ("inet_stages.cli.letters_cmd", "letters_app", True, ()),
    "init": ("inet_stages.cli.init_cmd", "init", False, ()),
    "status": ("inet_stages.cli.status_cmd", "status", False, ()),
    "decide": ("inet_stages.cli.decide_cmd", "decide", False, ()),
}

#: Root options that take a value (so that the value is not taken for a command).
_ROOT_VALUED = ("--calendar",)


def _calendar_help() -> str:
    """The ``--calendar`` help, naming the coordinator's folder as it is on this machine."""
    from inet_stages.cli.common import HOME_ENV, own_folder

    return (
        "Calendrier à utiliser : un fichier TOML, ou une année scolaire (2027-2028) "
        "cherchée parmi les calendriers fournis et dans votre dossier de calendriers, "
        f"sur cet ordinateur : {own_folder()} (réglable par la variable {HOME_ENV}). "
        "Sans cette option, les commandes qui montrent des dates (deadlines, calendar, "
        "export) montrent toutes les promotions en cours ; les autres prennent le "
        "calendrier dont la scolarité couvre la date du jour, sinon le suivant. "
        "Variable d'environnement : INET_STAGES_CALENDAR."
    )


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"inet-stages {__version__}\n")
        raise typer.Exit(0)


def root(
    ctx: typer.Context,
    calendar: str | None = typer.Option(
        None,
        "--calendar",
        envvar="INET_STAGES_CALENDAR",
        show_envvar=False,  # the help below names it, in French
        metavar="FICHIER|ANNÉE",
        help="",  # set by make_app: it names the folder as the environment says now
    ),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Affiche la version et quitte."
    ),
) -> None:
    """The root command: its options, handed to every command."""
    ctx.obj = Options(calendar=calendar)


def _root_with_completion() -> Callable[..., None]:
    """The root callback with the completion options, for the whole app (its ``--help``).

    :func:`_run` handles the options before click parses; they are declared
    here only to be listed, and only when every command is built, so that an
    ordinary run pays nothing for them.
    """
    from inet_stages.terminal.completion import root_options

    install, show = root_options()
    defaults = inspect.signature(root).parameters

    def root_full(
        ctx: typer.Context,
        calendar: str | None = defaults["calendar"].default,
        version: bool = defaults["version"].default,
        install_completion: bool = install,
        show_completion: bool = show,
    ) -> None:
        root(ctx, calendar, version)

    root_full.__doc__ = root.__doc__
    return root_full


def make_app(names: Iterable[str] | None = None) -> typer.Typer:
    """The Typer app with the commands ``names`` (every command when None)."""
    wanted = None if names is None else set(names)
    built = typer.Typer(
        name="inet-stages",
        cls=FrenchGroup,
        no_args_is_help=True,
        add_completion=False,
        pretty_exceptions_enable=False,
        rich_markup_mode=None,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    option = inspect.signature(root).parameters["calendar"].default
    option.help = _calendar_help()
    built.callback()(root if wanted is not None else _root_with_completion())
    for name, (module, attribute, group, extras) in COMMANDS.items():
        if wanted is not None and name not in wanted:
            continue
        target = getattr(importlib.import_module(module), attribute)
        for extra in extras:
            importlib.import_module(extra)
        if group:
            frenchify(target)
            built.add_typer(target, name=name, cls=FrenchGroup)
        else:
            built.command(name, cls=FrenchCommand)(target)
    return built


def requested_command(argv: list[str]) -> str | None:
    """The command named in ``argv`` (skipping root options), if any."""
    skip = False
    for token in argv:
        if skip:
            skip = False
            continue
        if token in _ROOT_VALUED:
            skip = True
            continue
        if token.startswith("-"):
            continue
        return token
    return None


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
    from inet_stages.terminal.pipes import ReaderGone

    given = sys.stdout
    sys.stdout = ReaderGone(given)
    try:
        code = _run(argv)
        sys.stdout.flush()
    finally:
        sys.stdout = given
    sys.exit(code)


def _run(argv: list[str] | None) -> int:
    """Run the command of ``argv``; its exit code, whatever went wrong."""
    command = None
    try:
        args = sys.argv[1:] if argv is None else argv
        command = requested_command(args)
        if command is None and "--version" in args:
            _version(True)  # the eager option, without building any command
        if "--install-completion" in args or "--show-completion" in args:
            from inet_stages.terminal import completion

            option = completion.requested(args, tuple(COMMANDS))
            if option is not None:
                return completion.handle_options(args, option)
        if "_INET_STAGES_COMPLETE" in os.environ:
            from inet_stages.terminal.completion import prepare_request

            if prepare_request():
                command = None  # every command, to complete their names
        app = make_app([command] if command in COMMANDS else None)
        result = app(args=args, standalone_mode=False, prog_name="inet-stages")
    except typer.Exit as exc:
        code = exc.exit_code
    except (typer.Abort, KeyboardInterrupt):
        sys.stderr.write("inet-stages\u00a0: interrompu.\n")
        code = 130
    except BrokenPipeError:
        # A write that bypassed the guarded stdout (see terminal.pipes): nothing
        # more to say to a reader that went away.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        code = 0
    except Exception as exc:
        # What no command worded itself, said once here (terminal.ending).
        from inet_stages.terminal.ending import ending, internal_error

        typed = f"inet-stages {command}" if command in COMMANDS else "inet-stages"
        said = ending(exc, typed)
        if said is None and os.environ.get("INET_STAGES_DEBUG"):
            raise
        message, code = said if said is not None else (internal_error(exc), EXIT_USAGE)
        sys.stderr.write(message + "\n")
    else:
        code = result if isinstance(result, int) else 0
        if code == 130:
            # Typer turns Ctrl-C inside a command into the exit code 130, silently.
            sys.stderr.write("inet-stages : interrompu.\n")
    return code
