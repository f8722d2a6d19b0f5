"""Writing files the user owns: never over an existing file without ``force``, atomically.

The content goes to a temporary file in the target's directory, is flushed to
disk, then renamed over the target: an interrupted write leaves the previous
file (or no file) intact, never half a file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from inet_stages.errors import UserError
from inet_stages.textsafe import clean


class WriteRefused(UserError):
    """A write that must not happen or could not; ``message`` is French."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` atomically.

    Raises :class:`WriteRefused` when ``path`` exists and ``force`` is false,
    when it is a directory, or when the directory cannot be written.
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    shown = clean(str(path))  # messages show the path on one line, escapes visible
    if path.is_dir():
        raise WriteRefused(path, f"{shown} : c'est un dossier ; donnez un nom de fichier.")
    if path.exists() and not force:
        raise WriteRefused(path, f"{shown} existe déjà ; ajoutez --force pour le remplacer.")
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        # Renaming over /dev/null or a FIFO would replace the node itself.
        raise WriteRefused(
            path,
            f"{shown} n'est pas un fichier ordinaire (périphérique, tube…) ; même avec --force.",
        )
    if path.is_symlink():
        # Replace the file the link points to, and keep the link.
        path = path.resolve()
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise WriteRefused(path, f"{shown} : le dossier {clean(str(directory))} n'existe pas.")
    try:
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise WriteRefused(
            path, f"{shown} : écriture impossible ({exc.strerror or exc})."
        ) from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            # Keep the permissions the user gave the file being replaced.
            with contextlib.suppress(OSError):
                os.chmod(temporary, path.stat().st_mode & 0o7777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise WriteRefused(
            path, f"{shown} : écriture impossible ({exc.strerror or exc})."
        ) from None
    except BaseException:
        # Ctrl-C in the middle: the previous file is intact; leave no temporary one.
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise
