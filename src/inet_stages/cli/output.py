"""What the commands print and how they leave: the consoles, JSON, files, notices, exit codes.

Where the commands write on stdout and stderr; text that came from a file is
cleaned (``textsafe``) before it is shown.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import typer

if TYPE_CHECKING:
    from rich.console import Console

#: Exit codes, as docs/reference/README.md states them.
EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2


def stdout_console() -> Console:
    """Console for results: never reads markup or emoji codes; typesets French."""
    from inet_stages.terminal.french_console import FrenchConsole

    return FrenchConsole(markup=False, emoji=False, highlight=False)


def stderr_console() -> Console:
    """Console for errors, warnings and progress; typesets French."""
    from inet_stages.terminal.french_console import FrenchConsole

    return FrenchConsole(stderr=True, markup=False, emoji=False, highlight=False)


def warn(message: str) -> None:
    """A French notice on stderr, on one line (text from files and paths is escaped)."""
    from inet_stages.text.frtypo import typeset
    from inet_stages.text.textsafe import clean

    sys.stderr.write(typeset(clean(message)) + "\n")


def fail(message: str, code: int = EXIT_USAGE, *, lines: bool = False) -> NoReturn:
    """Print ``message`` on stderr as an error and leave with ``code`` (2 by default).

    The message is one line: a newline in it (from a file, a path, an option
    value) is shown escaped. ``lines=True`` keeps the newlines of a message
    made of several lines whose pieces were escaped where it was built
    (:meth:`CalendarError.render`).
    """
    from inet_stages.text.frtypo import typeset
    from inet_stages.text.textsafe import clean

    text = typeset(clean(message, keep_newlines=lines))
    sys.stderr.write(typeset("inet-stages : erreur : ") + text + "\n")
    raise typer.Exit(code)


def probe(path: Path, what: str) -> str:
    """What ``path`` is: ``"file"``, ``"dir"``, ``"missing"`` or ``"other"``; exit 2 when it
    cannot even be looked at (a folder she cannot read on the way: EACCES on ``stat``).

    ``Path.exists()`` and ``is_dir()`` raise there on Python 3.11; this says it
    in French, naming ``what`` (« --contacts », « -o ») and the path.
    """
    import stat

    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return "missing"
    except OSError as exc:
        fail(f"{what} {path} : {unreadable(exc)}.")
    except ValueError:  # a NUL byte in the path
        fail(f"{what} {path} : chemin invalide (caractère nul).")
    if stat.S_ISDIR(mode):
        return "dir"
    return "file" if stat.S_ISREG(mode) else "other"


def unreadable(exc: OSError) -> str:
    """« illisible (permission refusée) »: a path's French state from its ``OSError``."""
    from inet_stages.io.writes import reason

    return f"inaccessible ({reason(exc)})"


def fail_all(messages: list[str], *, shown: int = 10) -> NoReturn:
    """Each of ``messages`` as an error (at most ``shown``, then how many more); exit 2.

    A folder where nothing can be written refuses every file alike: ten
    lines say it, three hundred would hide the rest of the output.
    """
    if len(messages) <= shown:
        for message in messages[:-1]:
            warn(f"inet-stages : erreur : {message}")
        fail(messages[-1])
    for message in messages[:shown]:
        warn(f"inet-stages : erreur : {message}")
    more = len(messages) - shown
    fail(
        f"{more} autre{'s' if more > 1 else ''} fichier{'s' if more > 1 else ''} refusé"
        f"{'s' if more > 1 else ''} de même."
    )


def emit_json(document: object) -> None:
    """Write one JSON document on stdout, UTF-8 whatever the locale says.

    The text stays exact, yet what could steer a terminal (DEL, C1 controls,
    bidi and zero-width characters, line separators) or cannot be encoded (a
    lone surrogate, from a file name that is not UTF-8) is written as a JSON
    escape (``\\u202e``): such characters only occur inside JSON strings,
    where the escape reads back as the same character.
    """
    import json

    from inet_stages.text.textsafe import escape_json

    # Indented for a person at a terminal; compact otherwise, which lets the
    # json module use its C encoder (several times faster on a large batch).
    indent = 2 if sys.stdout.isatty() else None
    text = json.dumps(document, ensure_ascii=False, indent=indent) + "\n"
    text = escape_json(text)
    sys.stdout.flush()
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.buffer.flush()


def stdout_is_terminal() -> bool:
    """Whether results are read on a terminal (rather than redirected to a file)."""
    return sys.stdout.isatty()


def write_output(output: Path | None, content: str | bytes, *, force: bool) -> None:
    """``content`` to ``output`` (atomic, no overwrite without ``--force``) or to stdout."""
    if output is None or str(output) == "-":
        if isinstance(content, str) and stdout_is_terminal():
            # On a terminal the content is read, not saved: the coordinator's
            # own text (calendar roll copies her file) is shown with its
            # controls and bidi characters escaped. Redirected, it stays exact.
            from inet_stages.text.textsafe import clean

            content = clean(content, keep_newlines=True)
        data = content.encode("utf-8") if isinstance(content, str) else content
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    from inet_stages.io.writes import WriteRefused, write_atomic

    try:
        write_atomic(output, content, force=force)
    except WriteRefused as exc:
        fail(exc.message)
    from inet_stages.text.textsafe import clean

    sys.stderr.write(f"Écrit\u00a0: {clean(str(output))}\n")


def output_folder(folder: Path, what: str) -> None:
    """``-o DOSSIER`` made ready for ``what`` (« les offres »), or exit 2 saying why not.

    A file there is refused, the folder is created if need be and must be listable.
    """
    from inet_stages.io.writes import reason

    if probe(folder, "-o") not in ("dir", "missing"):
        fail(f"-o {folder} : c'est un fichier ; donnez un dossier où écrire {what}.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        fail(f"-o {folder} : dossier impossible à créer ({reason(exc)}).")
    readable_folder(folder, "-o")


def readable_folder(folder: Path, what: str) -> None:
    """Exit 2 in French when ``folder`` exists but cannot be listed or entered."""
    import os

    try:
        with os.scandir(folder):
            pass
    except OSError as exc:
        fail(f"{what} {folder} : {unreadable(exc)}.")
