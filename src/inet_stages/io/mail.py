"""E-mail drafts (``.eml``) the coordination opens in Outlook or Thunderbird and sends.

Built with the standard :mod:`email` package only: an
:class:`~email.message.EmailMessage` under ``email.policy.SMTP`` (CRLF line
ends, headers encoded as RFC 2047 where they are not ASCII), a UTF-8
``text/plain`` body, and ``X-Unsent: 1`` so that Outlook opens the file as
a draft to send rather than as a received message. Attachments (the call
for offers joins the host's spreadsheet) are given as bytes.

Pure: the date is a parameter, nothing is read or written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime


@dataclass(frozen=True, kw_only=True)
class Attachment:
    """A file joined to a draft: its bytes, its name, its MIME type (``type/subtype``)."""

    data: bytes
    filename: str
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True, kw_only=True)
class Mailbox:
    """A display name and an address (« Camille Martin <camille.martin@colmar.fr> »)."""

    name: str
    address: str


def _address(box: Mailbox) -> Address | str:
    """The header value; an address the library cannot split is kept as written."""
    local, sign, domain = box.address.strip().rpartition("@")
    if not sign or not local or not domain:
        return box.address.strip()
    try:
        return Address(display_name=box.name.strip(), username=local, domain=domain)
    except (ValueError, IndexError):
        return box.address.strip()


def build_draft(
    *,
    to: Mailbox | None,
    sender: Mailbox,
    subject: str,
    body: str,
    when: datetime,
    attachments: Sequence[Attachment] = (),
) -> bytes:
    """The ``.eml`` bytes of a draft from ``sender`` to ``to`` (no ``To`` when None).

    ``From`` and ``Reply-To`` are the sender (the coordination's address),
    ``Date`` is ``when`` (give it a timezone), the body is UTF-8 text/plain
    with its line ends made CRLF.
    """
    message = EmailMessage(policy=policy.SMTP)
    if to is not None:
        message["To"] = _address(to)
    message["From"] = _address(sender)
    message["Reply-To"] = _address(sender)
    # One line (a newline would start another header), but the non-breaking
    # spaces of French typography kept: str.split() would take them too.
    message["Subject"] = re.sub(r"[ \t\r\n\f\v]+", " ", subject).strip()
    message["Date"] = format_datetime(when)
    message["X-Unsent"] = "1"
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    for item in attachments:
        maintype, _, subtype = item.mime_type.partition("/")
        message.add_attachment(
            item.data, maintype=maintype, subtype=subtype or "octet-stream", filename=item.filename
        )
    return message.as_bytes()
