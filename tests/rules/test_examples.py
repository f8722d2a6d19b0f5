"""Every rule's example, as ``inet-stages rules CODE`` shows it, is the real message.

Each offer rule's docstring ends with « Exemple : <the input, in words> donne »
and the lines the tool prints for it. :data:`EXAMPLES` holds that input as
data — the internship, the changes to the valid base offer of
:mod:`tests.offer_factory`, or the raw bytes of the file — and the test runs
it through the checker like ``validate`` and compares what it prints with
the docstring, spaces folded (the docstring wraps long lines). Changing a
message without its example, or adding a rule without one, fails here.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from inet_stages.batch.check import Target, apply_decisions, check_files
from inet_stages.batch.decisions import read_decisions
from inet_stages.findings import CODES
from inet_stages.render.validate import finding_line
from tests.offer_factory import CALENDAR, DELETE, TODAY, offer_text


@dataclass(frozen=True, kw_only=True)
class Example:
    """The input of one rule's example: an offer built from the base, or raw bytes."""

    internship: str = "thematique"
    changes: dict[str, Any] = field(default_factory=dict)
    #: Raw content of the file, instead of the base offer.
    raw: bytes | None = None
    #: A last edit of the offer's text (what no TOML writer would produce).
    edit: Callable[[str], str] | None = None
    today: date = TODAY


def _unquoted_title(text: str) -> str:
    return re.sub(r'^title = ".*"$', 'title = "Diagnostic', text, count=1, flags=re.M)


def _unknown_tables(text: str) -> str:
    return text + "".join(f"[table_{i}]\n" for i in range(3_000))


ADM_LATE: dict[str, Any] = {"offer__submitted": date(2026, 2, 17)}
EXAMPLES: dict[str, Example] = {
    "F002": Example(raw='[offer]\ntitle = "Diagnostic énergétique"\n'.encode("cp1252")),
    "F003": Example(raw=b""),
    "F004": Example(edit=_unquoted_title),
    "S001": Example(changes={"tutor__email": DELETE}),
    "S002": Example(changes={"host__population": "environ 67 000"}),
    "S003": Example(changes={"host__popluation": 67000}),
    "S004": Example(changes={"host__population": 0}),
    "S005": Example(changes={"tutor__name": ""}),
    "S006": Example(changes={"offer__title": "À COMPLÉTER : intitulé de la mission"}),
    "S007": Example(edit=_unknown_tables),
    "I001": Example(changes={"offer__internship": "thematiqe"}),
    "I002": Example(changes={"offer__tracks": ["ingénieur", "architectes"]}),
    "I003": Example(changes={"offer__tracks": ["ingenieurs"]}),
    "I004": Example(internship="professionnalisation", changes={"offer__mission_kind": "renfort"}),
    "I005": Example(changes={"offer__mission_kind": "pilotage_projet"}),
    "D001": Example(changes={"offer__submitted": "02/28/2026"}),
    "D002": Example(changes=ADM_LATE),
    "D003": Example(changes={"offer__start": date(2026, 5, 25)}),
    "D004": Example(changes={"offer__start": date(2026, 7, 10), "offer__end": date(2026, 5, 26)}),
    "D005": Example(changes={"offer__start": date(2026, 6, 1), "offer__end": date(2026, 7, 10)}),
    "D006": Example(changes={"offer__submitted": date(2026, 12, 10)}),
    "H001": Example(changes={"host__kind": "etat"}),
    "H002": Example(internship="perfectionnement", changes={"host__kind": "entreprise_publique"}),
    "H003": Example(changes={"host__kind": "mairie"}),
    "H004": Example(changes={"host__kind": "etablissement_public_local"}),
    "T001": Example(
        internship="observation", changes={"tutor__position": "Directeur général adjoint"}
    ),
    "T002": Example(
        internship="observation",
        changes={
            "offer__tracks": ["conservateurs"],
            "tutor__position": "Directrice adjointe de la médiathèque",
        },
    ),
    "T003": Example(changes={"tutor__email": "camille.martin@colmar"}),
    "T004": Example(
        internship="observation", changes={"tutor__position": "Secrétaire générale de mairie"}
    ),
    "T005": Example(
        internship="projet_collectif", changes={"tutor__position": "Directrice de l'urbanisme"}
    ),
    "P001": Example(internship="projet_collectif", changes={"host__population": DELETE}),
    "P002": Example(internship="projet_collectif", changes={"host__population": 40000}),
    "P003": Example(
        internship="projet_collectif", changes={"collective_project__fee_accepted": False}
    ),
    "P004": Example(internship="projet_collectif", changes={"offer__tracks": ["administrateurs"]}),
    "P005": Example(changes={"collective_project__fee_accepted": True}),
    "P006": Example(
        internship="projet_collectif", changes={"host__kind": "etablissement_public_local"}
    ),
    "W001": Example(changes={"offer__description": "Mission RH."}),
}

#: Codes whose example needs more than one offer file (see the tests below).
BATCH_CODES = {"F001", "W002", "X001", "X002", "X003", "X004"}
#: Word's slips: tests/rules/test_slips.py holds their examples to the real messages.
SLIP_CODES = {"D007", "D008", "F005", "F006", "F007", "F008", "F009"}
#: The promotion codes need two calendars at once: tests/calendar/test_promotions.py checks them.
PROMOTION_CODES = {"D010", "D011", "D012"}


def example_lines(code: str) -> str:
    """The printed lines of the docstring's example, spaces folded."""
    lines = CODES[code].details.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Exemple"))
    block = []
    for line in lines[start + 1 :]:
        if not line.startswith("    "):
            break
        block.append(line.strip())
    assert block, f"{code}: no example lines under « Exemple »"
    return " ".join(" ".join(block).split())


def _printed(path: str, findings: Any, code: str) -> str:
    shown = [finding_line(path, f).plain for f in findings if f.code == code]
    assert shown, f"{code}: the example does not give it"
    return " ".join(" ".join(shown).split())


def _run(tmp_path: Path, example: Example, code: str) -> str:
    path = tmp_path / "offre.toml"
    if example.raw is not None:
        path.write_bytes(example.raw)
    else:
        text = offer_text(example.internship, **example.changes)
        if example.edit is not None:
            text = example.edit(text)
        path.write_text(text, encoding="utf-8")
    checked = check_files([Target(name="offre.toml", path=path)], CALENDAR, example.today)
    return _printed("offre.toml", checked.files[0].findings, code)


@pytest.mark.parametrize("code", sorted(CODES))
def test_an_example_ends_the_explanation(code: str) -> None:
    # One « Exemple », one block of printed lines: D002, D003 and D005's sentences were
    # once split around their example (« … start = 2026-06-01 et », the finding, then
    # « end = 2026-07-10 donne » and the finding again, with another line number).
    lines = CODES[code].details.splitlines()
    heads = [i for i, line in enumerate(lines) if line.startswith("Exemple")]
    if not heads:
        return
    assert len(heads) == 1, code
    printed = [line.startswith("    ") for line in lines[heads[0] :] if line.strip()]
    # One block of printed lines at most (prose may follow it, never a second copy).
    starts = sum(1 for before, now in itertools.pairwise(printed) if now and not before)
    assert starts <= 1, code


def test_every_offer_rule_has_an_example() -> None:
    offer_codes = {c for c in CODES if c[0] != "C"}
    assert offer_codes == set(EXAMPLES) | BATCH_CODES | SLIP_CODES | PROMOTION_CODES


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_example_is_the_real_message(tmp_path: Path, code: str) -> None:
    assert _run(tmp_path, EXAMPLES[code], code) == example_lines(code)


def test_f001_example(tmp_path: Path) -> None:
    (tmp_path / "offre.toml").mkdir()
    checked = check_files(
        [Target(name="offre.toml", path=tmp_path / "offre.toml")], CALENDAR, TODAY
    )
    assert _printed("offre.toml", checked.files[0].findings, "F001") == example_lines("F001")


def test_w002_example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("offres").mkdir()
    names = ["offres/colmar.toml", "offres/colmar-v2.toml"]
    for name in names:
        Path(name).write_text(offer_text(), encoding="utf-8")
    checked = check_files([Target(name=n, path=Path(n)) for n in names], CALENDAR, TODAY)
    assert _printed(names[0], checked.files[0].findings, "W002") == example_lines("W002")


DECISIONS = """["colmar.toml"]
accept = ["D002"]
reason = "Accord de la direction du 20 février"
sha256 = "{old}"

["lunel.toml"]
refuse = true
reason = "Doublon de l'offre déjà retenue"
sha256 = "{lunel}"

["ancien.toml"]
refuse = true
reason = "Stage annulé"

["nancy.toml"]
accept = ["D002"]
reason = "Accord de la direction du 20 février"
"""


@pytest.mark.parametrize("code", ["X001", "X002", "X003", "X004"])
def test_decision_examples(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, code: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("offres").mkdir()
    late = offer_text(**ADM_LATE)
    Path("offres/colmar.toml").write_text(late, encoding="utf-8")
    Path("offres/nancy.toml").write_text(late, encoding="utf-8")
    Path("offres/lunel.toml").write_text(offer_text(offer__title="Autre"), encoding="utf-8")
    lunel = hashlib.sha256(Path("offres/lunel.toml").read_bytes()).hexdigest()
    Path("offres/decisions.toml").write_text(
        DECISIONS.format(old="0" * 64, lunel=lunel), encoding="utf-8"
    )
    names = ["offres/colmar.toml", "offres/lunel.toml", "offres/nancy.toml"]
    checked = check_files([Target(name=n, path=Path(n)) for n in names], CALENDAR, TODAY)
    decided = apply_decisions(checked, [read_decisions(Path("offres/decisions.toml"))])
    if code == "X003":
        ((path, note),) = decided.decision_notes
        printed = " ".join(finding_line(path, note).plain.split())
    else:
        file = {"X001": 1, "X002": 0, "X004": 2}[code]
        printed = _printed(names[file], decided.files[file].findings, code)
    # The hashes change with the base offer: the example shows « … » in their place.
    printed = re.sub(r'sha256 = "[0-9a-f]{64}"', 'sha256 = "…"', printed)
    assert printed == example_lines(code)
