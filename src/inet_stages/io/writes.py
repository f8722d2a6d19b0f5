"""Writing files the user owns: never over an existing file without ``force``, atomically.

The content goes to a temporary file in the target's directory, is flushed to
disk, then put in place:

- without ``force``, by a hard link of the temporary file to the target, which
  the system refuses when the target exists: of two runs writing one target
  at the same moment, exactly one succeeds, the other is told the file exists
  (where links are not supported, an empty file created exclusively reserves
  the name, and the temporary file is renamed over it);
- with ``force``, by a rename over the target.

Either way an interrupted write leaves the previous file (or no file) intact,
never half a file, and never a temporary file: its name is chosen before it
is created, so that a Ctrl-C at any moment can remove it. Temporary names are
short (a hash of the target's name), so that a target whose name is at the
system's limit can still be written. New files get the permissions the
user's umask gives (0600 under ``umask 077``), as any program of hers would.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
from pathlib import Path

from inet_stages.errors import UserError
from inet_stages.text.textsafe import clean

#: French reasons for the errors a write meets (``strerror`` is the system's language).
_REASONS = {
    errno.ENAMETOOLONG: "nom de fichier ou chemin trop long",
    errno.EACCES: "permission refusée",
    errno.EPERM: "opération non permise",
    errno.ENOSPC: "plus de place sur le disque",
    errno.EROFS: "système de fichiers en lecture seule",
    errno.ENOENT: "dossier introuvable",
    errno.ENOTDIR: "un élément du chemin n'est pas un dossier",
    errno.EISDIR: "c'est un dossier",
    errno.ELOOP: "trop de liens symboliques",
    errno.EDQUOT: "quota de disque dépassé",
}

#: Errors of ``os.link`` meaning « this file system has no hard links » (FAT, some shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}


class WriteRefused(UserError):
    """A write that must not happen or could not; ``message`` is French."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path


def reason(exc: OSError) -> str:
    """The French reason of an ``OSError`` (the system's text when there is none)."""
    return _REASONS.get(exc.errno or 0) or exc.strerror or str(exc)


def current_umask() -> int:
    """The process's umask, read without changing it where the system allows."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Elsewhere the only way is to set it and put it back (a blink, in one thread).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def temporary_name(target: Path) -> str:
    """A short, unpredictable temporary name for ``target``: ``.inet-<hash>-<random>.tmp``.

    The hash of the target's name keeps the temporaries of one target together
    (and recognisable) whatever the length of that name.
    """
    digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:12]
    return f".inet-{digest}-{secrets.token_hex(4)}.tmp"


def _open_exclusive(path: str, mode: int) -> int:
    """Create ``path``, which must not exist, for writing; the file descriptor."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    return os.open(path, flags, mode)


def _create_temporary(directory: Path, target: Path) -> str:
    """Create an empty temporary file beside ``target`` and return its path.

    The name is chosen before the file is created, so that an interrupt at any
    moment (even inside the system call) can be cleaned up by the caller.
    """
    for _attempt in range(100):
        name = str(directory / temporary_name(target))
        try:
            os.close(_open_exclusive(name, 0o600))
        except FileExistsError:
            continue
        except BaseException:
            # Ctrl-C may land after the file was created but before we knew it.
            with contextlib.suppress(OSError):
                os.unlink(name)
            raise
        return name
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def _fill(temporary: str, data: bytes, mode: int) -> None:
    """Write ``data`` to the temporary file, give it ``mode`` and flush it to disk."""
    with open(temporary, "r+b") as stream:
        if hasattr(os, "fchmod"):
            os.fchmod(stream.fileno(), mode)
        else:  # pragma: no cover - Windows keeps only the read-only bit
            os.chmod(temporary, mode)
        stream.write(data)
        stream.flush()
        os.fsync(stream.fileno())


def _place_exclusively(temporary: str, target: Path) -> None:
    """Put ``temporary`` at ``target``; ``FileExistsError`` when ``target`` exists."""
    try:
        os.link(temporary, target)
    except FileExistsError:
        raise
    except (OSError, AttributeError, NotImplementedError) as exc:
        if isinstance(exc, OSError) and exc.errno not in _NO_LINKS:
            raise
        # No hard links here: reserve the name with an exclusive creation,
        # then rename the full file over the (empty) reservation.
        os.close(_open_exclusive(str(target), 0o600))
        try:
            os.replace(temporary, target)
        except BaseException:
            with contextlib.suppress(OSError):
                os.unlink(target)
            raise
        return
    os.unlink(temporary)


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` atomically.

    Raises :class:`WriteRefused` when ``path`` exists and ``force`` is false
    (even when another process creates it meanwhile), when it is a directory
    or not a regular file, or when it cannot be written (French reason: name
    too long, permission, disk full…).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    shown = clean(str(path))  # messages show the path on one line, escapes visible
    exists = f"{shown} existe déjà ; ajoutez --force pour le remplacer."
    try:
        _write(path, data, force=force, shown=shown, exists=exists)
    except FileExistsError:
        raise WriteRefused(path, exists) from None
    except OSError as exc:
        raise WriteRefused(path, f"{shown} : écriture impossible ({reason(exc)}).") from None


def _write(path: Path, data: bytes, *, force: bool, shown: str, exists: str) -> None:
    if path.is_dir():
        raise WriteRefused(path, f"{shown} : c'est un dossier ; donnez un nom de fichier.")
    if (path.exists() or path.is_symlink()) and not force:
        raise WriteRefused(path, exists)
    if path.exists() and not stat.S_ISREG(path.stat().st_mode):
        # Renaming over /dev/null or a FIFO would replace the node itself.
        raise WriteRefused(
            path,
            f"{shown} n'est pas un fichier ordinaire (périphérique, tube…) ; même avec --force.",
        )
    if force and path.is_symlink():
        # Replace the file the link points to, and keep the link.
        path = path.resolve()
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise WriteRefused(path, f"{shown} : le dossier {clean(str(directory))} n'existe pas.")
    mode = 0o666 & ~current_umask()
    if force and path.exists():
        # Keep the permissions the user gave the file being replaced.
        with contextlib.suppress(OSError):
            mode = path.stat().st_mode & 0o7777
    temporary = _create_temporary(directory, path)
    try:
        _fill(temporary, data, mode)
        if force:
            os.replace(temporary, path)
        else:
            _place_exclusively(temporary, path)
    finally:
        # Whatever happened (refusal, error, Ctrl-C), no temporary file stays.
        with contextlib.suppress(OSError):
            os.unlink(temporary)


def _refusal(path: Path, force: bool, folders: dict[Path, bool]) -> WriteRefused | None:
    """Why ``path`` must not be written (as :func:`write_atomic` refuses), or None.

    One ``lstat`` per file, and one check per folder (``folders`` caches them):
    on a busy disk each metadata call counts, a thousand times over.
    """
    shown = clean(str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if parent not in folders:
        folders[parent] = parent.is_dir()
    if not folders[parent]:
        return WriteRefused(path, f"{shown} : le dossier {clean(str(parent))} n'existe pas.")
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return WriteRefused(path, f"{shown} : écriture impossible ({exc.strerror or exc}).")
    if stat.S_ISLNK(info.st_mode):
        # A link: judged by what it points to, as write_atomic does.
        if path.is_dir():
            return WriteRefused(path, f"{shown} : c'est un dossier ; donnez un nom de fichier.")
        if not path.exists():
            return None
        info = path.stat()
    if stat.S_ISDIR(info.st_mode):
        return WriteRefused(path, f"{shown} : c'est un dossier ; donnez un nom de fichier.")
    if not force:
        return WriteRefused(path, f"{shown} existe déjà ; ajoutez --force pour le remplacer.")
    if not stat.S_ISREG(info.st_mode):
        return WriteRefused(
            path,
            f"{shown} n'est pas un fichier ordinaire (périphérique, tube…) ; même avec --force.",
        )
    return None


def write_many(
    items: list[tuple[Path, str | bytes]], *, force: bool = False
) -> list[WriteRefused | None]:
    """Write several files, each atomically, with one flush to disk for the whole batch.

    Same promises as :func:`write_atomic` for each file (no overwrite without
    ``force``, never half a file), and the refusal of one file does not stop
    the others: the result holds, per item, None or its :class:`WriteRefused`.
    Every content goes to a temporary file first; then one ``os.sync()`` (where
    the system has it; else one ``fsync`` per file) makes them durable before
    any is renamed over its target. Measured on 1 000 offers: one flush per
    file cost 6 s of the import's 10, one flush for the batch a few
    milliseconds (``bench/intake.py``).
    """
    results: list[WriteRefused | None] = [None] * len(items)
    staged: list[tuple[int, Path, str, bool]] = []
    folders: dict[Path, bool] = {}
    renamed: set[int] = set()
    sync_all = hasattr(os, "sync")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        for index, (path, content) in enumerate(items):
            refused = _refusal(path, force, folders)
            if refused is not None:
                results[index] = refused
                continue
            target = path.resolve() if path.is_symlink() else path
            data = content.encode("utf-8") if isinstance(content, str) else content
            replacing = force and target.exists()
            # Short, hashed names (a long offer name stays within NAME_MAX);
            # the user's umask applies to 0o666, as for any new file of hers.
            temporary = os.path.join(
                str(target.parent if str(target.parent) else Path(".")),
                f"{temporary_name(target)}-{index}",
            )
            try:
                handle = os.open(temporary, flags, 0o666)
            except OSError as exc:
                results[index] = WriteRefused(
                    path, f"{clean(str(path))} : écriture impossible ({exc.strerror or exc})."
                )
                continue
            staged.append((index, target, temporary, replacing))
            try:
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                    if not sync_all:
                        stream.flush()
                        os.fsync(stream.fileno())
            except OSError as exc:
                results[index] = WriteRefused(
                    path, f"{clean(str(path))} : écriture impossible ({exc.strerror or exc})."
                )
        if sync_all and staged:
            os.sync()
        for index, target, temporary, replacing in staged:
            if results[index] is not None:
                continue
            try:
                if replacing:
                    # Keep the permissions the user gave the file being replaced.
                    with contextlib.suppress(OSError):
                        os.chmod(temporary, target.stat().st_mode & 0o7777)
                if force:
                    os.replace(temporary, target)
                else:
                    # Exclusive, as write_atomic: a file another run made
                    # meanwhile is never replaced.
                    _place_exclusively(temporary, target)
                renamed.add(index)
            except FileExistsError:
                results[index] = WriteRefused(
                    target, f"{clean(str(target))} existe déjà ; ajoutez --force pour le remplacer."
                )
            except OSError as exc:
                results[index] = WriteRefused(
                    target, f"{clean(str(target))} : écriture impossible ({exc.strerror or exc})."
                )
    finally:
        # Whatever was not renamed (an error, Ctrl-C): leave no temporary file behind.
        for index, _, temporary, _ in staged:
            if index not in renamed:
                with contextlib.suppress(OSError):
                    os.unlink(temporary)
    return results
