"""One bounded reader for every file a person hands the tool: offers, calendars, tables, e-mails.

Such a file must never block, exhaust memory or end in a traceback:

- only regular files are read (a FIFO would block, a device never end);
- the size is checked before reading, and the reading stops past the limit
  whatever the file has become since;
- every refusal is a French sentence (:class:`FileRefused`), the system's
  reason included in French, never its English text.

Each reader words the refusal its own way around the file's name: the TOML
reader as a ``TomlInputError``, the tables as a ``TableError``, the e-mails as
a ``MailError``.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from inet_stages.errors import UserError
from inet_stages.text.frdates import format_number


class FileRefused(UserError):
    """A file that cannot be read; ``message`` is French, without the file's name."""


def read_bytes(path: Path, *, limit: int, what: str = "fichier") -> bytes:
    """The bytes of the regular file ``path`` of at most ``limit`` bytes, or :class:`FileRefused`.

    ``what`` names the file in the size refusal: « fichier trop gros », « e-mail trop gros ».
    """
    # Opened first, then checked through the descriptor: one system call less
    # than stat() then open() on the hot path of a batch, and no window for the
    # file to change in between. O_NONBLOCK: a FIFO opens without waiting for a
    # writer (and is then refused, unread). O_BINARY (Windows only): without it
    # the file opens in text mode, CRLF read as LF and Ctrl-Z as its end.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0)
    flags |= getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise FileRefused("fichier introuvable.") from None
    except PermissionError:
        # Windows refuses to open a folder with « access denied »: say what it is.
        if os.path.isdir(path):
            raise FileRefused("c'est un dossier, pas un fichier.") from None
        raise FileRefused("accès refusé (droits insuffisants).") from None
    except IsADirectoryError:
        raise FileRefused("c'est un dossier, pas un fichier.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise FileRefused("boucle de liens symboliques.") from None
        if exc.errno == errno.ENXIO:
            raise FileRefused(
                "ce n'est pas un fichier ordinaire (socket, périphérique…)."
            ) from None
        raise FileRefused(f"lecture impossible ({_reason(exc)}).") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise FileRefused("c'est un dossier, pas un fichier.")
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("ce n'est pas un fichier ordinaire (tube, périphérique…).")
        if info.st_size > limit:
            raise FileRefused(
                f"{what} trop gros ({format_number(info.st_size)} octets ; au plus "
                f"{format_number(limit)} octets acceptés)."
            )
        # Capped whatever the file has become since fstat() (it may be growing).
        chunks: list[bytes] = []
        remaining = limit + 1
        while remaining > 0:
            chunk = os.read(fd, min(remaining, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            remaining -= len(chunk)
            if len(chunk) == info.st_size and len(chunks) == 1:
                break  # the whole file in one read: no second call to learn it ended
    except OSError as exc:
        raise FileRefused(f"lecture impossible ({_reason(exc)}).") from None
    finally:
        os.close(fd)
    data = b"".join(chunks) if len(chunks) != 1 else chunks[0]
    if len(data) > limit:
        raise FileRefused(f"{what} trop gros (au plus {format_number(limit)} octets acceptés).")
    return data


def _reason(exc: OSError) -> str:
    """The system's reason in French; the writers' module is imported on this error path only
    (it brings hashlib and secrets, 6 ms that every calendar read would pay)."""
    from inet_stages.io.writes import reason

    return reason(exc)
