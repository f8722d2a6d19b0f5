"""``--help`` in French: the words that Typer and click print around our texts.

Our help texts are French; the frame around them (« Usage: », « Options: »,
« Show this message and exit. », « [default: …] ») comes from click in
English. The command classes below put it in French. Replacements keep the
length of what they replace, or shorten it, so that the wrapping click did
for 80 columns still holds.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import typer.core

#: The text of ``-h/--help`` in every command.
HELP_OPTION_TEXT = "Affiche cette aide et quitte."

_HEADINGS = {"Options:": "Options :", "Arguments:": "Arguments :", "Commands:": "Commandes :"}
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

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        # The shells show each option's and subcommand's help beside it.
        _typeset_texts(self, ctx)
        return super().shell_complete(ctx, incomplete)  # type: ignore[misc,no-any-return]

    def get_help(self, ctx: Any) -> str:
        from inet_stages.text.frtypo import typeset

        # Typeset before click wraps the page: its textwrap breaks only at
        # ASCII whitespace, so « ; » or « 40 000 » never start a line. Then
        # the frame click adds (« Usage : ») is typeset too.
        _french_ranges(self)
        _typeset_texts(self, ctx)
        return typeset(french_help(super().get_help(ctx)))  # type: ignore[misc]


def one_line(text: str) -> str:
    """A help text on one line: its ASCII white space runs folded (non-breaking spaces kept)."""
    return re.sub(r"[ \t\r\n]+", " ", text).strip()


def first_sentence(text: str) -> str:
    """The first sentence of a help text's first paragraph, whole."""
    paragraph = one_line(text.strip().split("\n\n", 1)[0])
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


#: The French help of every command and option (:func:`texts`), in the package's ``cli/``.
CATALOGUE = ("cli", "aide.toml")
#: The catalogue's name for the root command.
ROOT = "inet-stages"


@functools.cache
def texts() -> dict[str, Any]:
    """The catalogue of help texts, read once, and only when a help is shown.

    The words a user reads in ``--help`` are kept apart from the code, in one
    file that reads as text: the coordinator can proofread them all at once,
    and an ordinary run never pays for reading them. Its table ``options``
    holds the help of an option several commands share; a command's own
    ``options`` table wins over it. tests/cli/test_help_catalogue.py holds it
    to the commands: every command and option has a help, and none is stale.
    """
    import tomllib
    from pathlib import Path

    # Found beside this package rather than through importlib.resources, whose
    # import alone costs more than reading the file (see calendar/files.py).
    # Named, not imported: this package sits below the commands whose words it holds.
    path = Path(__file__).resolve().parent.parent.joinpath(*CATALOGUE)
    return tomllib.loads(path.read_text(encoding="utf-8"))


def param_key(param: Any) -> str:
    """A parameter's name in the catalogue: its long option (``--today``), or its metavar."""
    if getattr(param, "param_type_name", "") == "option":
        return str(max(param.opts, key=len))
    return str(param.human_readable_name)


def command_path(ctx: Any) -> str:
    """``calendar check``: the words that name the command of ``ctx`` below the root."""
    names: list[str] = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return " ".join(reversed(names))


def fill(command: Any, path: str) -> None:
    """Give ``command`` (``path`` below the root) and its parameters their catalogue help.

    A help set in the code stays unless the command's own table has one: the
    code sets only what depends on this machine (the folder named by
    ``--calendar``).
    """
    catalogue = texts()
    entry = catalogue.get(path or ROOT, {})
    if "aide" in entry:
        command.help = entry["aide"]
    own = entry.get("options", {})
    for param in getattr(command, "params", ()):
        key = param_key(param)
        text = own.get(key) or (None if param.help else catalogue["options"].get(key))
        if text:
            param.help = text


#: The line, before a paragraph, that tells click not to rewrap it (\\b, backspace).
_NO_REWRAP = "\b"


def _examples_whole(text: str) -> str:
    """``text`` with each example command kept on its line, however narrow the terminal.

    click rewraps every paragraph to the width: « … --to 2028-2029 > » then
    « brouillon.toml » on the next line, which a copy and paste then runs
    cut. A paragraph that is a command (it starts with ``inet-stages``) is
    marked not to be rewrapped; the terminal folds it, the copy keeps it whole.
    """
    paragraphs = text.split("\n\n")
    return "\n\n".join(
        f"{_NO_REWRAP}\n{part}" if part.lstrip().startswith("inet-stages ") else part
        for part in paragraphs
    )


def _typeset_texts(command: Any, ctx: Any) -> None:
    """The help texts of ``command``, its parameters and its subcommands, typeset in place."""
    from inet_stages.text.frtypo import typeset

    path = command_path(ctx)
    fill(command, path)
    if isinstance(getattr(command, "help", None), str):
        command.help = _examples_whole(typeset(command.help))
    for param in getattr(command, "params", ()):
        if isinstance(getattr(param, "help", None), str):
            param.help = typeset(param.help)
    list_commands = getattr(command, "list_commands", None)
    if list_commands is not None:
        for name in list_commands(ctx):
            sub = command.get_command(ctx, name)
            if sub is not None:
                fill(sub, f"{path} {name}".strip())
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


#: click's usage errors, word for word.
_CLICK_MESSAGES = (
    # Longest first where one message starts like another.
    ("Got unexpected extra argument(s)", "argument(s) en trop"),
    ("(Possible options:", "(options possibles :"),
    ("does not take a value", "ne prend pas de valeur"),
    ("File '", "le fichier '"),
    ("Directory '", "le dossier '"),
    ("Path '", "le chemin '"),
    (" is a directory.", " est un dossier ; donnez un nom de fichier."),
    (" is a file.", " est un fichier, pas un dossier."),
    (" does not exist.", " n'existe pas."),
    (" is not readable.", " n'est pas lisible."),
    (" is not writable.", " n'est pas accessible en écriture."),
    ("Missing parameter", "paramètre manquant"),
    ("No such option:", "option inconnue :"),
    ("No such command", "commande inconnue"),
    ("Missing argument", "argument manquant"),
    ("Missing option", "option manquante"),
    ("Invalid value for", "valeur invalide pour"),
    ("Got unexpected extra arguments", "arguments en trop"),
    ("Got unexpected extra argument", "argument en trop"),
    ("Option '", "L'option '"),
    ("requires an argument", "attend une valeur"),
    ("Did you mean", "Vouliez-vous dire"),
    ("is not a valid integer", "n'est pas un nombre entier"),
    ("is not a valid int range", "n'est pas un nombre entier"),
    ("is not in the range", "n'est pas dans l'intervalle"),
    ("is not one of", "n'est pas parmi"),
    (
        "Input should be a valid integer, unable to parse string as an integer",
        "un nombre entier est attendu",
    ),
    ("Input should be a valid integer", "un nombre entier est attendu"),
    ("Input should be greater than or equal to", "la valeur doit être au moins"),
    ("Input should be less than or equal to", "la valeur doit être au plus"),
)


def french_error(message: str) -> str:
    """A usage error of click, in French: its words, then its quotes and spacing."""
    for english, french in _CLICK_MESSAGES:
        message = message.replace(english, french)
    # « valeur invalide pour '--within' / '-w': » → « … pour --within (-w) : »
    message = re.sub(r"pour '([^']+)' / '([^']+)':", r"pour \1 (\2) :", message)
    message = re.sub(r"pour '([^']+)':", r"pour \1 :", message)
    # « commande inconnue 'nope' » → French quotes around what was typed.
    message = re.sub(r"commande inconnue '([^']*)'", r"commande inconnue « \1 »", message)
    # « option manquante '--output' / '-o' » → « option manquante : --output (-o) ».
    message = re.sub(r"manquante '([^']+)' / '([^']+)'", r"manquante : \1 (\2)", message)
    message = re.sub(r"manquante '([^']+)'", r"manquante : \1", message)
    message = re.sub(r"L'option '([^']+)'", r"L'option \1", message)
    # « Vouliez-vous dire 'deadlines'? » → guillemets, and the space before « ? ».
    message = re.sub(r"Vouliez-vous dire '([^']*)'\s*\?", r"Vouliez-vous dire « \1 » ?", message)
    message = _close_options_only(message)
    # The range is said in words (help_fr.describe_range): « doit être positif ou nul ».
    return re.sub(r"n'est pas dans l'intervalle (.+?)\.", r"doit être \1.", message)


def _close_options_only(message: str) -> str:
    """Keep in « (options possibles : …) » only the options close to the one typed.

    click lists every option that shares a few letters with it (``--zone`` →
    ``--done``…); a suggestion helps only when it is likely what was meant.
    """
    import difflib

    match = re.search(r"option inconnue : (\S+) \(options possibles : ([^)]*)\)", message)
    if match is None:
        return message
    typed = match.group(1)
    close = [
        o.strip()
        for o in match.group(2).split(",")
        if difflib.SequenceMatcher(None, typed, o.strip()).ratio() >= 0.75
    ]
    hint = f" (Vouliez-vous dire {' ou '.join(f'« {o} »' for o in close)} ?)" if close else ""
    return message[: match.start()] + f"option inconnue : {typed}{hint}" + message[match.end() :]
