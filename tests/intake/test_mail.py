"""``import`` of saved e-mails: hosts answer the call with the form attached."""

from __future__ import annotations

import json
import sys
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest
import tomli

from inet_stages.io.received import MSG_INSTALL, MailError, parse_eml, read_mail
from tests.conftest import Run, fr

WORKBOOKS = Path(__file__).parent.parent / "data" / "workbooks"
EXAMPLES = Path(__file__).parent.parent.parent / "examples"
TODAY = "2026-02-14"


def _mail(
    path: Path,
    *,
    sender: str = "Camille Martin <camille.martin@colmar.example.fr>",
    subject: str = "Offre de stage — Ville de Colmar",
    when: datetime = datetime(2026, 2, 12, 23, 30, tzinfo=UTC),
    attachments: tuple[tuple[str, bytes], ...] = (),
) -> Path:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = "stages@inet.example.fr"
    message["Subject"] = subject
    message["Date"] = format_datetime(when)
    message.set_content("Bonjour,\nvous trouverez notre offre en pièce jointe.\n")
    for name, data in attachments:
        message.add_attachment(data, maintype="application", subtype="octet-stream", filename=name)
    path.write_bytes(message.as_bytes())
    return path


def _import(cli: Run, *args: str) -> tuple[int, dict[str, Any], str]:
    result = cli("import", *args, "--today", TODAY, "--format", "json")
    return result.exit_code, json.loads(result.stdout), result.stderr


def test_an_e_mail_with_the_form_attached(cli: Run, tmp_path: Path) -> None:
    form = (WORKBOOKS / "offre.xlsx").read_bytes()
    mail = _mail(tmp_path / "colmar.eml", attachments=(("offre.xlsx", form),))
    out = tmp_path / "offres"
    code, document, _ = _import(cli, str(mail), "-o", str(out))
    assert code == 0, document
    [row] = document["rows"]
    assert row["source"] == f"{mail} › offre.xlsx"
    assert document["sources"][0]["sender"] == "camille.martin@colmar.example.fr"
    # 23:30 UTC on 12 February is 00:30 in Paris on the 13th: the date of deposit.
    assert document["sources"][0]["received"] == "2026-02-13"
    text = Path(row["file"]).read_text("utf-8")
    offer = tomli.loads(text)
    assert offer["offer"]["submitted"] == date(2026, 2, 13)
    # The date the host typed (10/02/2026) is a note, not the date of deposit.
    assert (
        "# Date de dépôt saisie par la structure : 10/02/2026 ; retenue : celle de l'e-mail, "
        "13/02/2026.\n# Reçue par e-mail de camille.martin@colmar.example.fr le 13/02/2026 à "
        "00:30 (heure de Paris).\n"
    ) in text
    assert any("saisie par la structure" in n for n in row["notes"])


def test_the_text_report_shows_the_sender(cli: Run, tmp_path: Path) -> None:
    form = (WORKBOOKS / "offre.ods").read_bytes()
    mail = _mail(tmp_path / "colmar.eml", attachments=(("offre.ods", form),))
    result = cli("import", str(mail), "-o", str(tmp_path / "o"), "--today", TODAY)
    assert result.exit_code == 0, result.stdout
    assert fr("Reçu par e-mail de camille.martin@colmar.example.fr le 13/02/2026") in result.stdout


def test_a_folder_of_e_mails_each_attachment_once(cli: Run, tmp_path: Path) -> None:
    inbox = tmp_path / "retours"
    inbox.mkdir()
    form = (WORKBOOKS / "offre.xlsx").read_bytes()
    _mail(inbox / "1-colmar.eml", attachments=(("offre.xlsx", form), ("logo.png", b"\x89PNG")))
    # Sent again, as a reply with the same file: imported once.
    _mail(inbox / "2-relance.eml", subject="RE: Offre", attachments=(("offre (2).xlsx", form),))
    _mail(
        inbox / "3-question.eml",
        sender="Paul Roux <paul.roux@lunel.example.fr>",
        subject="Question sur les dates",
        attachments=(("plan.pdf", b"%PDF-1.4"),),
    )
    offer = (EXAMPLES / "lunel-observation.toml").read_bytes()
    _mail(
        inbox / "4-lunel.eml",
        sender="paul.roux@lunel.example.fr",
        when=datetime(2025, 11, 20, 9, 0, tzinfo=UTC),
        attachments=(("lunel.toml", offer),),
    )
    out = tmp_path / "offres"
    code, document, _ = _import(cli, str(inbox), "-o", str(out))
    files = sorted(p.name for p in out.iterdir())
    assert files == ["lunel.toml", "ville-de-colmar-thematique.toml"]
    mails = {Path(m["path"]).name: m for m in document["mails"]}
    assert mails["2-relance.eml"]["imported"] == []
    assert "déjà reçue" in mails["2-relance.eml"]["skipped"][0]["reason"]
    assert mails["3-question.eml"]["imported"] == []
    assert mails["1-colmar.eml"]["skipped"][0]["attachment"] == "logo.png"
    lunel = (out / "lunel.toml").read_text("utf-8")
    assert tomli.loads(lunel)["offer"]["submitted"] == date(2025, 11, 20)
    assert lunel.startswith("# ")
    assert code == 1  # e-mails without an offer: someone must read them
    text = cli("import", str(inbox), "-o", str(tmp_path / "o2"), "--today", TODAY).stdout
    assert (
        "3-question.eml\u00a0: aucune pièce jointe à importer — de paul.roux@lunel.example.fr"
        in text
    )
    assert fr("objet « Question sur les dates »") in text


def test_a_typed_date_equal_to_the_mail_is_no_note(tmp_path: Path) -> None:
    mail = _mail(tmp_path / "a.eml", when=datetime(2026, 2, 10, 8, 0, tzinfo=UTC))
    received = read_mail(mail)
    assert received.sender == "camille.martin@colmar.example.fr"
    assert received.subject == "Offre de stage — Ville de Colmar"
    assert received.sent == datetime(2026, 2, 10, 8, 0, tzinfo=UTC)


def test_not_an_e_mail_and_a_hostile_subject(tmp_path: Path) -> None:
    with pytest.raises(MailError, match="le fichier est vide"):
        parse_eml(b"", "vide.eml")
    with pytest.raises(MailError, match="pas un e-mail enregistré"):
        parse_eml(b"\x00\x01binaire", "faux.eml")
    raw = (
        b"From: x@y.example\r\nSubject: =?utf-8?q?a=0D=0A=1B[31mrouge?=\r\n"
        b"Date: nonsense\r\n\r\ncorps\r\n"
    )
    received = parse_eml(raw, "a.eml")
    assert "\x1b" not in received.subject and "\n" not in received.subject
    assert received.sent is None


def test_msg_without_the_extra_says_how_to_install(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "outlook.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    monkeypatch.setitem(sys.modules, "extract_msg", None)
    with pytest.raises(MailError) as caught:
        read_mail(path)
    assert caught.value.message == f"{path} : {MSG_INSTALL}"
    assert "uv tool install --force '.[msg]'" in MSG_INSTALL


def test_a_damaged_msg_is_a_french_error(cli: Run, tmp_path: Path) -> None:
    pytest.importorskip("extract_msg")
    path = tmp_path / "outlook.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    result = cli("import", str(path), "-o", str(tmp_path / "o"), "--today", TODAY)
    assert result.exit_code == 2
    assert fr("outlook.msg\u00a0: e-mail Outlook (.msg) illisible.") in result.stderr
    assert "Traceback" not in result.stderr


def test_output_naming_a_file_is_refused(cli: Run, tmp_path: Path) -> None:
    result = cli(
        "import",
        str(WORKBOOKS / "offre.xlsx"),
        "-o",
        str(tmp_path / "offre.toml"),
        "--today",
        TODAY,
    )
    assert result.exit_code == 2
    assert fr("ce nom est celui d'un fichier") in result.stderr
    assert not (tmp_path / "offre.toml").exists()


def test_msg_through_extract_msg(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Outlook's .msg: what extract-msg gives (sender, subject, date, attachments) is used.

    No .msg fixture can be written here (an OLE file of Outlook's); the module is replaced
    by one that answers as extract-msg does, so that the adapter and the import are tested.
    """
    import types

    form = (WORKBOOKS / "offre.xls").read_bytes()

    class Attachment:
        longFilename = "offre colmar.xls"
        shortFilename = "OFFREC~1.XLS"
        data = form

    class Message:
        sender = "Camille Martin <camille.martin@colmar.example.fr>"
        subject = "Offre de stage"
        date = datetime(2026, 2, 12, 23, 30, tzinfo=UTC)

        def __init__(self) -> None:
            self.attachments = [Attachment()]

        def close(self) -> None:
            pass

    fake = types.ModuleType("extract_msg")
    fake.openMsg = lambda _stream: Message()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "extract_msg", fake)
    path = tmp_path / "colmar.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0")
    received = read_mail(path)
    assert received.sender == "camille.martin@colmar.example.fr"
    assert [a.filename for a in received.attachments] == ["offre colmar.xls"]
    out = tmp_path / "offres"
    code, document, _ = _import(cli, str(path), "-o", str(out))
    assert code == 0, document
    assert document["sources"][0]["received"] == "2026-02-13"
    assert [p.name for p in out.iterdir()] == ["ville-de-colmar-thematique.toml"]
