"""E-mail drafts (``.eml``) the coordination opens in Outlook or Thunderbird and sends.

Built with the standard :mod:`email` package only: an
:class:`~email.message.EmailMessage` under ``email.policy.SMTP`` (CRLF line
ends, headers encoded as RFC 2047 where they are not ASCII), a UTF-8
``text/plain`` body, and ``X-Unsent: 1`` so that Outlook opens the file as
a draft to send rather than as a received message. Attachments (the call
for offers joins the host's spreadsheet) are given as bytes.

No header can be forged from a file. Python 3.11 and 3.12 decode an RFC 2047
encoded-word found in a header value (``=?utf-8?q?Nom=0D=0ABcc:_x@evil?=``)
and write the CR LF it holds raw, which adds a header or ends the headers
early (fixed in 3.13). So every value from outside (a name, a title, a
reference) is made one line of text without controls, and the ``=?`` that
opens an encoded-word is written ``= ?``: nothing is decoded into it. The
recipient is an :class:`~email.headerregistry.Address` built from the
validated address alone (the display name is only a name); a domain in
Unicode is written in punycode, a local part in Unicode under the SMTPUTF8
policy (RFC 6532). The draft is parsed back after serialisation: if its
headers are not exactly those set here, or a line is longer than 998 octets,
the display names are dropped, then the recipient; what is dropped is
reported in ``problems``.

Pure: the date is a parameter, nothing is read or written here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from email import message_from_string, policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

#: Longest display name, subject and reference kept (characters); past it, cut with « … ».
NAME_CHARS = 120
SUBJECT_CHARS = 400
REFERENCE_CHARS = 400
#: RFC 5322 § 2.1.1: a line holds at most 998 octets before its CR LF.
LINE_OCTETS = 998

#: Controls (C0, DEL, C1), line and paragraph separators: never in a header.
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085]+")


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


def header_text(value: str, limit: int = SUBJECT_CHARS) -> str:
    """``value`` as the text of a header: one line, no control, no encoded-word, at most
    ``limit`` characters.

    Controls and line breaks become spaces (the non-breaking spaces of French
    typography are kept); ``=?`` becomes ``= ?`` so that no version of the
    ``email`` package decodes an encoded-word (and the CR LF it may hold) into
    the header.
    """
    text = _CONTROLS.sub(" ", value)
    text = re.sub(r"[ \t]+", " ", text).strip()
    while "=?" in text:
        text = text.replace("=?", "= ?")
    if len(text) > limit:
        text = text[: limit - 1].rstrip() + "…"
    return text


def _ascii_domain(domain: str) -> str | None:
    """The domain in ASCII (punycode for a Unicode one), or None if it cannot be."""
    if domain.isascii():
        return domain
    try:
        import idna

        return idna.encode(domain, uts46=True).decode("ascii")
    except ImportError:  # pragma: no cover - idna comes with email-validator
        pass
    except (idna.IDNAError, UnicodeError, ValueError):
        return None
    try:  # pragma: no cover - the standard library's IDNA 2003
        return domain.encode("idna").decode("ascii")
    except UnicodeError:  # pragma: no cover
        return None


def _split(address: str) -> tuple[str, str] | None:
    """(local part, ASCII domain) of a plain ``local@domain`` address, or None."""
    text = address.strip()
    local, sign, domain = text.rpartition("@")
    if not sign or not local or not domain or _CONTROLS.search(text):
        return None
    if any(c in text for c in ' \t<>(),;:"[]\\') or "@" in local:
        return None
    ascii_domain = _ascii_domain(domain)
    if ascii_domain is None:
        return None
    return local, ascii_domain


def _address(box: Mailbox, *, named: bool) -> Address | None:
    """The mailbox as an Address from its address alone (None: cannot be written)."""
    parts = _split(box.address)
    if parts is None:
        return None
    name = header_text(box.name, NAME_CHARS) if named else ""
    try:
        return Address(display_name=name, username=parts[0], domain=parts[1])
    except (ValueError, IndexError):
        return None


def writable(address: str) -> bool:
    """Can ``address`` be a draft's ``To`` as it is: written, then read back the same?

    The offers' rule on the tutor's address (T003) asks it of any address
    that is not plainly ASCII, so that the verdict and the letters agree on
    which addresses a reply can be sent to.
    """
    box = _address(Mailbox(name="", address=address), named=False)
    if box is None:
        return False
    data = _build(to=box, sender=None, headers=[], body="", attachments=())
    return _faithful(data, box, None, [])


def _build(
    *,
    to: Address | None,
    sender: Address | None,
    headers: list[tuple[str, str]],
    body: str,
    attachments: Sequence[Attachment],
    wide: bool = False,
) -> bytes:
    utf8 = any(not a.username.isascii() for a in (to, sender) if a is not None)
    chosen = policy.SMTPUTF8 if utf8 else policy.SMTP
    if wide:
        # Python 3.11's folder drops the space where it splits two encoded-words
        # (« le stage thématique » read back « le stagethématique »): unfolded lines up to
        # the RFC's 998 octets keep every word; _faithful still checks the length.
        chosen = chosen.clone(max_line_length=LINE_OCTETS)
    message = EmailMessage(policy=chosen)
    if to is not None:
        message["To"] = to
    if sender is not None:
        message["From"] = sender
        message["Reply-To"] = sender
    for name, value in headers:
        message[name] = value
    message.set_content(body, subtype="plain", charset="utf-8", cte="quoted-printable")
    for item in attachments:
        maintype, _, subtype = item.mime_type.partition("/")
        message.add_attachment(
            item.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=header_text(item.filename, NAME_CHARS),
        )
    return message.as_bytes()


def _faithful(
    data: bytes, to: Address | None, sender: Address | None, headers: list[tuple[str, str]]
) -> bool:
    """Does ``data``, parsed back, hold exactly the headers set, and no line over 998 octets?"""
    head = data.split(b"\r\n\r\n", 1)[0]
    if any(len(line) > LINE_OCTETS for line in data.split(b"\r\n")):
        return False
    try:
        # Read as text: a UTF-8 header (SMTPUTF8) is compared as the characters set.
        parsed = message_from_string(head.decode("utf-8") + "\r\n\r\n", policy=policy.default)
    except UnicodeDecodeError:
        return False
    expected = (["To"] if to is not None else []) + (["From", "Reply-To"] if sender else [])
    expected += [name for name, _ in headers]
    mime = {"content-type", "content-transfer-encoding", "mime-version"}
    if sorted(k for k in parsed if k.lower() not in mime) != sorted(expected):
        return False
    for key, box in (("To", to), ("From", sender), ("Reply-To", sender)):
        if box is None:
            continue
        found: tuple[Address, ...] = getattr(parsed[key], "addresses", ())
        if len(found) != 1 or found[0].addr_spec != box.addr_spec:
            return False
    return all(str(parsed[name]) == value for name, value in headers)


def build_draft(
    *,
    to: Mailbox | None,
    sender: Mailbox,
    subject: str,
    body: str,
    when: datetime,
    attachments: Sequence[Attachment] = (),
    reference: str | None = None,
    problems: list[str] | None = None,
) -> bytes:
    """The ``.eml`` bytes of a draft from ``sender`` to ``to`` (no ``To`` when None).

    ``From`` and ``Reply-To`` are the sender (the coordination's address),
    ``Date`` is ``when`` (give it a timezone), the body is UTF-8 text/plain
    with its line ends made CRLF. ``reference`` (an offer's file, say) is
    written as ``X-INET-Reference``. The headers are exactly these, whatever
    the names, titles and references hold (see the module's docstring); an
    address that cannot be written leaves the draft without it, and a French
    sentence saying so is appended to ``problems``.
    """
    headers = [
        ("Subject", header_text(subject)),
        ("Date", format_datetime(when)),
        ("X-Unsent", "1"),
    ]
    if reference is not None:
        headers.append(("X-INET-Reference", header_text(reference, REFERENCE_CHARS)))
    notes: list[str] = []
    origin = _address(sender, named=True)
    recipient = _address(to, named=True) if to is not None else None
    if to is not None and recipient is None:
        notes.append(
            f"l'adresse « {header_text(to.address, NAME_CHARS)} » ne peut pas être écrite "
            "dans un courriel : brouillon sans destinataire, à compléter"
        )
    # Names first; then bare addresses; then no recipient rather than a wrong one.
    attempts = [(recipient, origin)]
    if to is not None:
        attempts.append((_address(to, named=False), _address(sender, named=False)))
    attempts.append((None, _address(sender, named=False)))
    tries = [(box, source, wide) for box, source in attempts for wide in (False, True)]
    for box, source, wide in tries:
        data = _build(
            to=box, sender=source, headers=headers, body=body, attachments=attachments, wide=wide
        )
        if _faithful(data, box, source, headers):
            if to is not None and recipient is not None and box is None:
                notes.append(
                    f"l'adresse « {header_text(to.address, NAME_CHARS)} » n'a pas pu être "
                    "écrite telle quelle : brouillon sans destinataire, à compléter"
                )
            break
    else:  # pragma: no cover - the sender's address itself cannot be written
        data = _build(to=None, sender=None, headers=headers, body=body, attachments=attachments)
        notes.append("en-têtes d'adresse impossibles à écrire : brouillon à compléter")
    if problems is not None:
        problems.extend(notes)
    return data
