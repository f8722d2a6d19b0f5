"""Saved e-mails read back: hosts answer the call by e-mail with the form attached.

``.eml`` (Thunderbird, Outlook on the web, any client) is read with the
standard :mod:`email` package; ``.msg`` (Outlook for Windows) with
``extract-msg``, an optional extra (its GPL licence does not suit the MIT
core): when it is missing, :class:`MailError` says how to install it.

What comes out is what ``import`` needs: the sender's address, the subject,
the ``Date`` header as an aware datetime, and every attached file (name and
bytes). Nothing here decides what an attachment is; ``import`` does. A file
that cannot be read raises :class:`MailError`, French, naming the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.errors import UserError
from inet_stages.text.textsafe import clean

if TYPE_CHECKING:
    from email.message import EmailMessage

#: Largest saved e-mail read, in bytes: attachments are encoded in base64, a
#: third larger than the files they carry (a form of a thousand offers is 300 KB).
MAX_MAIL_BYTES = 40 * 1024 * 1024

#: Most attachments read from one e-mail.
MAX_ATTACHMENTS = 200

#: The suffixes of saved e-mails.
MAIL_SUFFIXES = (".eml", ".msg")

MSG_INSTALL = (
    "lire un e-mail .msg d'Outlook demande le module facultatif extract-msg : réinstallez "
    "l'outil avec l'option msg, depuis son dossier : uv tool install --force '.[msg]' (ou "
    "pipx install --force '.[msg]') ; ou, dans Outlook, enregistrez l'e-mail au format .eml "
    "(Fichier > Enregistrer sous), ou enregistrez ses pièces jointes."
)


class MailError(UserError):
    """An e-mail that cannot be read; ``message`` is French and names the file."""


@dataclass(frozen=True, kw_only=True)
class Attached:
    """One attached file: its name as the sender gave it (cleaned) and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True, kw_only=True)
class Received:
    """A saved e-mail: who sent it, about what, when (aware datetime), and what it carries."""

    path: str
    sender: str | None
    subject: str
    sent: datetime | None
    attachments: tuple[Attached, ...]


def read_mail(path: Path) -> Received:
    """Read ``path`` (``.eml`` or ``.msg``); raises :class:`MailError`."""
    name = clean(str(path))
    try:
        if not path.is_file():
            raise MailError(f"{name} : ce n'est pas un fichier ordinaire.")
        size = path.stat().st_size
        if size > MAX_MAIL_BYTES:
            raise MailError(
                f"{name} : e-mail trop gros ({_grouped(size)} octets ; au plus "
                f"{_grouped(MAX_MAIL_BYTES)} acceptés)."
            )
        data = path.read_bytes()
    except PermissionError:
        raise MailError(f"{name} : accès refusé (droits insuffisants).") from None
    except OSError as exc:
        raise MailError(f"{name} : lecture impossible ({exc.strerror or exc}).") from None
    if path.suffix.lower() == ".msg":
        return _read_msg(data, name)
    return parse_eml(data, name)


def _grouped(number: int) -> str:
    return f"{number:,}".replace(",", "\u00a0")


def parse_eml(data: bytes, name: str) -> Received:
    """An ``.eml`` file's bytes read; ``name`` is the file as shown in messages."""
    from email import policy
    from email.message import EmailMessage
    from email.parser import BytesParser

    if not data.strip():
        raise MailError(f"{name} : le fichier est vide.")
    try:
        message = BytesParser(policy=policy.default).parsebytes(data)
    except Exception:
        raise MailError(f"{name} : e-mail illisible.") from None
    if not isinstance(message, EmailMessage) or not any(
        message.get(h) for h in ("From", "Date", "Subject", "Content-Type")
    ):
        raise MailError(f"{name} : ce n'est pas un e-mail enregistré (.eml) lisible.")
    attachments: list[Attached] = []
    for part in message.walk():
        if part.is_multipart():
            continue
        try:
            filename = part.get_filename()
        except Exception:  # a malformed parameter: no name, not an attachment we can use
            filename = None
        if not filename:
            continue
        try:
            payload = part.get_payload(decode=True)
        except Exception:
            payload = None
        if isinstance(payload, bytes):
            attachments.append(Attached(filename=_file_name(filename), data=payload))
        if len(attachments) >= MAX_ATTACHMENTS:
            break
    return Received(
        path=name,
        sender=_sender(message),
        subject=_subject(message),
        sent=_sent(message),
        attachments=tuple(attachments),
    )


def _subject(message: EmailMessage) -> str:
    try:
        return _one_line(str(message.get("Subject") or ""))
    except Exception:  # an undecodable encoded-word
        return ""


def _sender(message: EmailMessage) -> str | None:
    try:
        header = message.get("From")
        addresses = getattr(header, "addresses", ())
        for address in addresses:
            spec = str(address.addr_spec)
            if "@" in spec:
                return _one_line(spec)
    except Exception:
        return None
    return None


def _sent(message: EmailMessage) -> datetime | None:
    from email.utils import parsedate_to_datetime

    try:
        raw = str(message.get("Date") or "")
        when = parsedate_to_datetime(raw)
    except Exception:
        return None
    if when is None:
        return None
    # « -0000 » means « time zone unknown »: the time is UTC (RFC 5322).
    return when if when.tzinfo is not None else when.replace(tzinfo=UTC)


def _one_line(text: str) -> str:
    return clean(re.sub(r"[\s\u2028\u2029]+", " ", text).strip(), limit=200)


def _file_name(text: str) -> str:
    # Only the last part of a path a sender's client may have put in the name.
    base = re.split(r"[\\/]", text)[-1]
    return _one_line(base) or "piece-jointe"


def _read_msg(data: bytes, name: str) -> Received:
    try:
        import extract_msg
    except ImportError:
        raise MailError(f"{name} : {MSG_INSTALL}") from None
    import io

    try:
        message = extract_msg.openMsg(io.BytesIO(data))
    except Exception:
        raise MailError(f"{name} : e-mail Outlook (.msg) illisible.") from None
    try:
        attachments: list[Attached] = []
        for item in getattr(message, "attachments", ())[:MAX_ATTACHMENTS]:
            payload = getattr(item, "data", None)
            filename = getattr(item, "longFilename", None) or getattr(item, "shortFilename", None)
            if isinstance(payload, bytes) and isinstance(filename, str) and filename:
                attachments.append(Attached(filename=_file_name(filename), data=payload))
        sender = _msg_sender(str(getattr(message, "sender", "") or ""))
        subject = _one_line(str(getattr(message, "subject", "") or ""))
        sent = getattr(message, "date", None)
        if isinstance(sent, datetime) and sent.tzinfo is None:
            sent = sent.replace(tzinfo=UTC)
        return Received(
            path=name,
            sender=sender,
            subject=subject,
            sent=sent if isinstance(sent, datetime) else None,
            attachments=tuple(attachments),
        )
    except Exception:
        raise MailError(f"{name} : e-mail Outlook (.msg) illisible.") from None
    finally:
        close = getattr(message, "close", None)
        if callable(close):
            close()


def _msg_sender(text: str) -> str | None:
    from email.utils import parseaddr

    _, address = parseaddr(text)
    return _one_line(address) if "@" in address else None
