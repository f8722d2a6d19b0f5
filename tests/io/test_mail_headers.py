"""E-mail drafts whose headers cannot be forged: encoded-words, line breaks, long names,
Unicode addresses. Runs on the interpreter of the suite (3.11 and 3.12 decode encoded-words
into headers; CI also runs this file under the other supported versions when it can)."""

from __future__ import annotations

from datetime import UTC, datetime
from email import message_from_string, policy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.io.mail import Attachment, Mailbox, build_draft

WHEN = datetime(2026, 1, 20, 9, tzinfo=UTC)
SENDER = Mailbox(name="Coordination des stages (INET)", address="stages.inet@cnfpt.fr")
FORGED = "=?utf-8?q?Nom=0D=0ABcc:_victim@evil.example?="
ENDS_EARLY = "=?utf-8?q?x=0D=0A=0D=0Acorps_forg=C3=A9?="
SET = {"To", "From", "Reply-To", "Subject", "Date", "X-Unsent", "X-INET-Reference"}
MIME = {"Content-Type", "Content-Transfer-Encoding", "MIME-Version"}


def _parse(data: bytes) -> tuple[dict[str, list[str]], object]:
    head = data.split(b"\r\n\r\n", 1)[0].decode("utf-8")
    parsed = message_from_string(head + "\r\n\r\n", policy=policy.default)
    keys: dict[str, list[str]] = {}
    for key in parsed:
        keys.setdefault(key, []).append(key)
    return keys, parsed


def _draft(
    name: str,
    address: str = "camille.martin@colmar.fr",
    *,
    subject: str = "Votre offre",
    reference: str = "colmar.toml",
    out: list[str] | None = None,
) -> bytes:
    return build_draft(
        to=Mailbox(name=name, address=address),
        sender=SENDER,
        subject=subject,
        body="Madame,\n",
        when=WHEN,
        reference=reference,
        problems=out,
        attachments=[Attachment(data=b"x", filename="offres.xlsx")],
    )


def _assert_exact(data: bytes, *, to: str | None = "camille.martin@colmar.fr") -> None:
    keys, parsed = _parse(data)
    expected = SET if to is not None else SET - {"To"}
    assert set(keys) - MIME == expected
    assert all(len(v) == 1 for v in keys.values()), keys
    assert all(len(line) <= 998 for line in data.split(b"\r\n"))
    if to is not None:
        found = parsed["To"].addresses  # type: ignore[index]
        assert [a.addr_spec for a in found] == [to]
    assert [a.addr_spec for a in parsed["From"].addresses] == ["stages.inet@cnfpt.fr"]  # type: ignore[index]


@pytest.mark.parametrize("where", ["name", "subject", "reference"])
@pytest.mark.parametrize("value", [FORGED, ENDS_EARLY, "Nom\r\nBcc: victim@evil.example"])
def test_no_encoded_word_or_line_break_adds_a_header(where: str, value: str) -> None:
    name = value if where == "name" else "Camille Martin"
    data = _draft(
        name,
        subject=value if where == "subject" else "Votre offre",
        reference=value if where == "reference" else "colmar.toml",
    )
    _assert_exact(data)
    assert b"corps forg" not in data


def test_a_display_name_never_changes_the_recipient() -> None:
    data = _draft('"Pirate" <pirate@evil.example>, autre@evil.example')
    _assert_exact(data)


@pytest.mark.parametrize(
    ("address", "written"),
    [
        ("stages@mairie-éxemple.fr", "stages@xn--mairie-xemple-hhb.fr"),
        ("accès.stages@mairie.example.fr", "accès.stages@mairie.example.fr"),
    ],
)
def test_unicode_addresses_give_a_valid_to(address: str, written: str) -> None:
    out: list[str] = []
    data = _draft("Camille", address, out=out)
    _assert_exact(data, to=written)
    assert out == []


def test_an_address_that_cannot_be_written_leaves_no_to_and_is_reported() -> None:
    out: list[str] = []
    data = _draft("Camille", "a b@colmar.fr", out=out)
    _assert_exact(data, to=None)
    assert out and "sans destinataire" in out[0]


@pytest.mark.parametrize("length", [1000, 5000])
def test_no_header_line_over_998_octets(length: int) -> None:
    for name in ("x" * length, "é" * length, "a " * length):
        _assert_exact(_draft(name, subject="y" * length, reference="z" * length))


@settings(max_examples=150, deadline=None)
@given(
    name=st.text(alphabet=st.sampled_from('=?qQbB_:\r\n\t <>",@é\u2028\x00aZ0'), max_size=80),
    subject=st.text(alphabet=st.sampled_from("=?qQ_:\r\n <>é0aX"), max_size=80),
)
def test_any_name_or_subject_keeps_exactly_the_headers_set(name: str, subject: str) -> None:
    _assert_exact(_draft(name, subject=subject, reference=name))


def test_a_subject_folded_between_two_encoded_words_keeps_its_space_and_its_addresses() -> None:
    # Python 3.11's folder splits this subject between two encoded-words and drops the space
    # at the fold (« stagethématique »); the draft then lost To, From and Reply-To.
    subject = "Relance : dépôt des offres pour le stage thématique jusqu'au 30 janvier 2026 (INET)"
    subject = subject.replace(" :", "\u00a0:").replace(
        "30 janvier 2026", "30\u00a0janvier\u00a02026"
    )
    out: list[str] = []
    data = _draft("Paul Durand", "dgs@mulhouse.fr", subject=subject, out=out)
    _assert_exact(data, to="dgs@mulhouse.fr")
    _keys, parsed = _parse(data)
    assert str(parsed["Subject"]) == subject  # type: ignore[index]
    assert out == []
