"""The one writer of every file the tool makes: never over a file without ``force``, never
through a link, atomically.

Every output (a letter, a call draft, an imported offer, a placement, an
export, a fixed offer) goes through :func:`write_atomic` or :func:`write_many`.
The content goes to a temporary file in the target's folder, created
exclusively and without following a link (``O_CREAT | O_EXCL | O_NOFOLLOW``
where the system has it), is flushed to disk, then put in place:

- without ``force``, by a hard link of the temporary file to the target, which
  the system refuses when the name is taken, by a file or by a link (even a
  dangling one): of two runs writing one target at the same moment, exactly
  one succeeds, the other is told the file exists; where hard links are not
  supported (FAT, some shares, some Windows volumes), an empty file created
  exclusively reserves the name, and the temporary file is renamed over it;
- with ``force``, by a rename over the target, which replaces a link itself,
  never the file it points to.

A link planted at the target's name (a host's zip can carry one) is refused
and reported without ``force``; a folder, a device or a pipe is refused even
with it. An interrupted write leaves the previous file (or no file) intact,
never half a file, and never a temporary file: its name is chosen before it is
created, so that a Ctrl-C at any moment can remove it. Temporary names are
short (a hash of the target's name), so that a target whose name is at the
system's limit can still be written.

New files get the permissions the user's umask gives (0600 under ``umask
077``), as any program of hers would: the temporary file is created with mode
0666 and the system applies the umask itself. The umask is never read, so the
process never changes it (POSIX has no call that reads it without setting
it); a file replaced with ``force`` keeps its own permissions.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import sys
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
    errno.EEXIST: "le fichier existe déjà",
    errno.EBUSY: "fichier occupé",
    errno.ETXTBSY: "fichier occupé",
    errno.EIO: "erreur d'entrée-sortie du disque",
    errno.EMFILE: "trop de fichiers ouverts",
    errno.ENFILE: "trop de fichiers ouverts",
    errno.EFBIG: "fichier trop grand",
    errno.EINVAL: "nom de fichier refusé par le système",
    errno.ENXIO: "périphérique absent",
    errno.ENODEV: "périphérique absent",
    errno.EXDEV: "autre disque",
}

#: Errors of ``os.link`` meaning « this file system has no hard links » (FAT, some shares).
_NO_LINKS = {errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV, errno.ENOSYS, errno.EMLINK}

#: Creation flags of every new file: exclusive, never through a link, not inherited.
_CREATE = (
    os.O_WRONLY
    | os.O_CREAT
    | os.O_EXCL
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)

#: One ``os.sync()`` for a batch on POSIX; one ``fsync`` per file on Windows, which has
#: no ``sync`` (``mypy --platform win32`` in CI checks that no such call lands alone).
_SYNC_ALL = sys.platform != "win32"


class WriteRefused(UserError):
    """A write that must not happen or could not; ``message`` is French.

    ``taken`` is true when the name holds a file already (kept without
    ``force``); ``link`` when it holds a link, which is never written through.
    """

    def __init__(self, path: Path, message: str, *, taken: bool = False, link: bool = False):
        super().__init__(message)
        self.path = path
        self.taken = taken
        self.link = link


def reason(exc: OSError) -> str:
    """The French reason of an ``OSError`` (never the system's English text)."""
    known = _REASONS.get(exc.errno or 0)
    if known:
        return known
    return f"erreur système n° {exc.errno}" if exc.errno else "erreur système"


def temporary_name(target: Path) -> str:
    """A short, unpredictable temporary name for ``target``: ``.inet-<hash>-<random>.tmp``.

    The hash of the target's name keeps the temporaries of one target together
    (and recognisable) whatever the length of that name.
    """
    digest = hashlib.sha256(os.fsencode(target.name)).hexdigest()[:12]
    return f".inet-{digest}-{secrets.token_hex(4)}.tmp"


def _open_exclusive(path: str, mode: int) -> int:
    """Create ``path``, which must not exist (nor be a link), for writing; the descriptor."""
    return os.open(path, _CREATE, mode)


def _messages(path: Path) -> tuple[str, str, str]:
    shown = clean(str(path))  # messages show the path on one line, escapes visible
    return (
        f"{shown} existe déjà ; ajoutez --force pour le remplacer.",
        f"{shown} est un lien symbolique : rien n'est écrit à travers un lien "
        "(--force remplace le lien lui-même, jamais son fichier).",
        shown,
    )


def _refused_by_name(path: Path, force: bool) -> WriteRefused | None:
    """Why the name ``path`` must not be (re)written, from one ``lstat``; None when free."""
    exists, linked, shown = _messages(path)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as exc:
        return WriteRefused(path, f"{shown} : écriture impossible ({reason(exc)}).")
    if stat.S_ISLNK(info.st_mode):
        return None if force else WriteRefused(path, linked, link=True)
    if stat.S_ISDIR(info.st_mode):
        return WriteRefused(path, f"{shown} : c'est un dossier ; donnez un nom de fichier.")
    if not stat.S_ISREG(info.st_mode):
        # Renaming over /dev/null or a FIFO would replace the node itself.
        return WriteRefused(
            path,
            f"{shown} n'est pas un fichier ordinaire (périphérique, tube…) ; même avec --force.",
        )
    return None if force else WriteRefused(path, exists, taken=True)


def _refusal(path: Path, force: bool, folders: dict[Path, bool]) -> WriteRefused | None:
    """Why ``path`` must not be written, or None: its folder, then its name.

    One check per folder (``folders`` caches them) and one ``lstat`` per file:
    on a busy disk each metadata call counts, a thousand times over.
    """
    shown = clean(str(path))
    parent = path.parent if str(path.parent) else Path(".")
    if parent not in folders:
        try:
            folders[parent] = stat.S_ISDIR(os.stat(parent).st_mode)
        except FileNotFoundError:
            folders[parent] = False
        except OSError as exc:
            return WriteRefused(path, f"{shown} : écriture impossible ({reason(exc)}).")
    if not folders[parent]:
        return WriteRefused(path, f"{shown} : le dossier {clean(str(parent))} n'existe pas.")
    return _refused_by_name(path, force)


def _taken(path: Path) -> WriteRefused:
    """The refusal for a name another run (or a planted link) took meanwhile."""
    exists, linked, _ = _messages(path)
    with contextlib.suppress(OSError):
        if stat.S_ISLNK(os.lstat(path).st_mode):
            return WriteRefused(path, linked, link=True)
    return WriteRefused(path, exists, taken=True)


def _fill(temporary: str, data: bytes, mode: int | None, *, sync: bool = True) -> None:
    """Write ``data`` to the (empty, just created) temporary file and flush it to disk.

    ``mode``: the permissions of the file being replaced, kept; None for the
    umask's (applied at creation).
    """
    flags = os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    with os.fdopen(os.open(temporary, flags), "wb") as stream:
        if mode is not None:
            if hasattr(os, "fchmod"):
                os.fchmod(stream.fileno(), mode)
            else:  # pragma: no cover - Windows keeps only the read-only bit
                os.chmod(temporary, mode)
        stream.write(data)
        stream.flush()
        if sync:
            os.fsync(stream.fileno())


def _place_exclusively(temporary: str, target: Path) -> None:
    """Put ``temporary`` at ``target``; ``FileExistsError`` when the name is taken (even by
    a dangling link: ``link`` and ``O_EXCL`` never follow one)."""
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


def _kept_mode(target: Path) -> int | None:
    """The permissions of the regular file ``force`` replaces (None: a link, or no file)."""
    try:
        info = os.lstat(target)
    except OSError:
        return None
    return info.st_mode & 0o7777 if stat.S_ISREG(info.st_mode) else None


def _put(temporary: str, target: Path, force: bool) -> None:
    """Put the full temporary file at ``target``: exclusively, or over it with ``force``."""
    if force:
        # rename never follows a link at the target: the link itself is replaced.
        os.replace(temporary, target)
    else:
        _place_exclusively(temporary, target)


def _create_temporary(directory: Path, target: Path, made: list[str]) -> str:
    """Create an empty temporary file beside ``target``; its name is in ``made`` before it
    exists, so that an interrupt at any moment (even inside the system call) can remove it."""
    for _attempt in range(100):
        name = str(directory / temporary_name(target))
        made.append(name)
        try:
            os.close(_open_exclusive(name, 0o666))
        except FileExistsError:
            made.remove(name)  # not ours
            continue
        return name
    raise FileExistsError(errno.EEXIST, "no free temporary name", str(directory))


def _cleanup(made: list[str]) -> None:
    """Remove every temporary file of ``made``; a second Ctrl-C meanwhile does not stop it
    (it is raised once all are gone)."""
    interrupted = False
    for name in made:
        while True:
            try:
                with contextlib.suppress(OSError):
                    os.unlink(name)
            except KeyboardInterrupt:
                interrupted = True
                continue
            break
    if interrupted:
        raise KeyboardInterrupt


def write_atomic(path: Path, content: str | bytes, *, force: bool = False) -> None:
    """Write ``content`` (text as UTF-8) to ``path`` atomically.

    Raises :class:`WriteRefused` when ``path`` exists and ``force`` is false
    (even when another process creates it meanwhile), when it is a link and
    ``force`` is false, when it is a folder or not a regular file, or when it
    cannot be written (French reason: name too long, permission, disk full…).
    """
    data = content.encode("utf-8") if isinstance(content, str) else content
    refused = _refusal(path, force, {})
    if refused is not None:
        raise refused
    directory = path.parent if str(path.parent) else Path(".")
    made: list[str] = []
    try:
        temporary = _create_temporary(directory, path, made)
        _fill(temporary, data, _kept_mode(path) if force else None)
        _put(temporary, path, force)
    except FileExistsError:
        raise _taken(path) from None
    except OSError as exc:
        message = f"{clean(str(path))} : écriture impossible ({reason(exc)})."
        raise WriteRefused(path, message) from None
    finally:
        # Whatever happened (refusal, error, Ctrl-C), no temporary file stays.
        _cleanup(made)


def write_many(
    items: list[tuple[Path, str | bytes]], *, force: bool = False
) -> list[WriteRefused | None]:
    """Write several files, each atomically, with one flush to disk for the whole batch.

    Same promises as :func:`write_atomic` for each file (no overwrite without
    ``force``, no write through a link, never half a file), and the refusal of
    one file does not stop the others: the result holds, per item, None or its
    :class:`WriteRefused` (``taken`` when another file, or another run, had the
    name). Every content goes to a temporary file first; then one ``os.sync()``
    (POSIX; one ``fsync`` per file on Windows) makes them durable before any is
    put in place. Measured on 1 000 offers: one flush per file cost 6 s of the
    import's 10, one flush for the batch a few milliseconds (``bench/intake.py``).
    """
    results: list[WriteRefused | None] = [None] * len(items)
    staged: list[tuple[int, Path, str]] = []
    folders: dict[Path, bool] = {}
    made: list[str] = []
    try:
        for index, (path, content) in enumerate(items):
            refused = _refusal(path, force, folders)
            if refused is not None:
                results[index] = refused
                continue
            data = content.encode("utf-8") if isinstance(content, str) else content
            directory = path.parent if str(path.parent) else Path(".")
            try:
                temporary = _create_temporary(directory, path, made)
                _fill(temporary, data, _kept_mode(path) if force else None, sync=not _SYNC_ALL)
            except OSError as exc:
                results[index] = WriteRefused(
                    path, f"{clean(str(path))} : écriture impossible ({reason(exc)})."
                )
                continue
            staged.append((index, path, temporary))
        if sys.platform != "win32" and staged:
            os.sync()
        for index, target, temporary in staged:
            try:
                _put(temporary, target, force)
            except FileExistsError:
                # Exclusive, as write_atomic: a file another run made meanwhile
                # is never replaced.
                results[index] = _taken(target)
            except OSError as exc:
                results[index] = WriteRefused(
                    target, f"{clean(str(target))} : écriture impossible ({reason(exc)})."
                )
    finally:
        # Whatever was not put in place (an error, Ctrl-C): no temporary file stays.
        _cleanup(made)
    return results
