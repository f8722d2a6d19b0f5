"""Every French string the tool prints is typeset: no breaking space before « : ; ! ? » or in « ».

The strings are taken where people read them — the terminal (through the
real CLI), help pages, the offer template, the web page, the calendar
files for other programs — so that a new message printed some other way
would be caught here.
"""

from __future__ import annotations

import csv
import email
import email.policy
import io
import re
import shutil
from pathlib import Path

import pytest

from inet_stages.cli import COMMANDS
from inet_stages.rules import RULES
from inet_stages.text.frtypo import NBSP
from tests.conftest import REPO, TESTS, Run
from tests.french import plain_spaces_left

TODAY = ("--today", "2026-11-28")


def _assert_typeset(where: str, text: str) -> None:
    spots = plain_spaces_left(str(text))
    assert spots == [], f"{where}: {spots[:5]}"


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_help_pages(cli: Run, command: str) -> None:
    result = cli(command, "--help")
    assert result.exit_code == 0
    _assert_typeset(f"{command} --help", result.stdout)


def test_main_help(cli: Run) -> None:
    _assert_typeset("--help", cli("--help").stdout)


@pytest.mark.parametrize("code", sorted(RULES))
def test_rule_pages(cli: Run, code: str) -> None:
    result = cli("rules", code)
    assert result.exit_code == 0
    _assert_typeset(f"rules {code}", result.stdout)


@pytest.mark.parametrize(
    "args",
    [
        ("rules",),
        ("calendar", *TODAY),
        ("calendar", "--format", "timeline", *TODAY),
        ("deadlines", *TODAY),
        ("deadlines", "--all", *TODAY),
        ("template", "thematique", *TODAY),
        ("template", "projet_collectif", *TODAY),
        ("validate", "examples", *TODAY),
        ("report", "examples", *TODAY),
        ("export", "html", *TODAY),
        ("export", "ics", *TODAY),
    ],
)
def test_command_output(cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(REPO)
    result = cli(*args)
    assert result.exit_code in (0, 1), result.stderr
    _assert_typeset(" ".join(args), result.stdout)
    _assert_typeset(" ".join(args) + " (stderr)", result.stderr)


@pytest.mark.parametrize(
    "args",
    [
        ("deadlines", "--track", "conservatuers"),
        ("deadlines", "--within", "dix"),
        ("report", "examples", "--cohort", "x"),
        ("template", "inconnu"),
        ("validate", "absent.toml"),
    ],
)
def test_error_messages(cli: Run, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...]) -> None:
    monkeypatch.chdir(REPO)
    result = cli(*args)
    assert result.exit_code == 2
    assert f"inet-stages{NBSP}: erreur{NBSP}: " in str(result.stderr)
    _assert_typeset(" ".join(args), result.stderr)


def test_csv_cells(cli: Run) -> None:
    result = cli("export", "csv", *TODAY)
    rows = list(csv.reader(io.StringIO(str(result.stdout).lstrip("\ufeff")), delimiter=";"))
    for row in rows:
        for cell in row:
            _assert_typeset("export csv", cell)


def test_rich_never_breaks_at_a_nonbreaking_space() -> None:
    """A narrow console wraps between words, never inside « 40 000 » or before « : »."""
    from inet_stages.terminal.french_console import FrenchConsole

    console = FrenchConsole(width=20, file=io.StringIO(), color_system=None, markup=False)
    console.print("Seuil : 40 000 habitants le 24 novembre 2025 ; « oui » !")
    lines = console.file.getvalue().splitlines()  # type: ignore[attr-defined]
    assert len(lines) > 2
    assert not any(line.lstrip().startswith((":", ";", "!", "»", "000", "2025")) for line in lines)
    assert any("24\u00a0novembre\u00a02025" in line for line in lines)
    assert any("40\u00a0000" in line for line in lines)


# --- The commands added since: import, fix, assign, form, decisions, promotions -------

GUIDE_IMPORT = REPO / "docs" / "guide" / "formulaire-et-import.md"
_NUMBERS_AND_DATES = re.compile(
    r"\d \d{3}\b|\d (?:€|habitants|semaines|élèves|jours)\b"
    r"|\b\d{1,2} (?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre"
    r"|novembre|décembre)\b|(?:janvier|février|mars|avril|mai|juin|juillet|août"
    r"|septembre|octobre|novembre|décembre) \d{4}"
)


def _assert_french(where: str, text: str) -> None:
    """Typeset, numbers and dates included (« 40 000 », « 24 novembre 2025 »)."""
    _assert_typeset(where, text)
    # Lines of a diff (fix --diff) are the host's file as typed, not our French.
    prose = "\n".join(line for line in text.splitlines() if not line.startswith(("-", "+")))
    spots = [
        prose[max(m.start() - 15, 0) : m.end() + 5] for m in _NUMBERS_AND_DATES.finditer(prose)
    ]
    assert spots == [], f"{where}: {spots[:5]}"


@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the repository's data linked, the import guide's files, decisions."""
    for name in ("examples", "tests", "data"):
        (tmp_path / name).symlink_to(REPO / name)
    blocks = GUIDE_IMPORT.read_text(encoding="utf-8").split("```")[1::2]
    for language, name in (("csv", "reponses.csv"), ("toml", "correspondance.toml")):
        block = next(b for b in blocks if b.startswith(language + "\n"))
        (tmp_path / name).write_text(block.split("\n", 1)[1], encoding="utf-8")
    shutil.copytree(REPO / "tests" / "data" / "report", tmp_path / "offres")
    shutil.copy(REPO / "tests" / "data" / "slips" / "colmar-word.toml", tmp_path)
    (tmp_path / "offres" / "decisions.toml").write_text(
        '["colmar.toml"]\naccept = ["D002"]\nreason = "Accord de la direction du 20 février"\n'
        '\n["lunel.toml"]\nrefuse = true\nreason = "Doublon de l\'offre retenue"\n'
        '\n["absente.toml"]\nrefuse = true\nreason = "Offre retirée"\n',
        encoding="utf-8",
    )
    wrong = tmp_path / "mauvaises-decisions"
    wrong.mkdir()
    shutil.copy(REPO / "examples" / "colmar-thematique.toml", wrong / "colmar.toml")
    (wrong / "decisions.toml").write_text(
        '["colmar.toml"]\naccept = ["D999"]\nreason = "?"\n', encoding="utf-8"
    )
    monkeypatch.chdir(tmp_path)
    return tmp_path


_STUDENTS = ("--students", "tests/data/affectation/eleves-thematique.csv")
NEWER_COMMANDS = [
    ("import", "reponses.csv", "--mapping", "correspondance.toml", "-o", "o1", *TODAY),
    ("import", "reponses.csv", "-o", "o2", *TODAY),
    ("import", "reponses.csv", "--mapping", "correspondance.toml", "-o", "o1", *TODAY),
    ("fix", "colmar-word.toml", "--diff", *TODAY),
    ("fix", "colmar-word.toml", *TODAY),  # fixed in place: a copy
    ("assign", "tests/data/affectation/thematique", *_STUDENTS, "-i", "thematique", *TODAY),
    (
        "assign",
        "tests/data/affectation/thematique",
        "--students",
        "tests/data/affectation/eleves-erreurs.csv",
        "-i",
        "thematique",
        *TODAY,
    ),
    (
        "assign",
        "tests/data/affectation/projets",
        "--students",
        "tests/data/affectation/eleves-projets.csv",
        "-i",
        "projet_collectif",
        *TODAY,
    ),
    ("form", "-o", "formulaire.xlsx", *TODAY),
    ("form", "-o", "formulaire.xlsx", *TODAY),  # exists: refused without --force
    ("validate", "offres", "--today", "2026-01-20"),
    ("report", "offres", "--today", "2026-01-20", "--letters", "lettres"),
    ("validate", "mauvaises-decisions", *TODAY),
    # Two promotions in progress on 1 March 2027.
    ("deadlines", "--today", "2027-03-01"),
    ("calendar", "--today", "2027-03-01"),
    ("validate", "examples", "--today", "2027-03-01"),
    ("report", "examples", "--today", "2027-03-01"),
]


def test_newer_commands(cli: Run, work: Path) -> None:
    seen = set()
    for args in NEWER_COMMANDS:
        result = cli(*args)
        where = " ".join(args)
        assert result.exit_code in (0, 1, 2), where
        assert "Traceback" not in result.stderr
        _assert_french(where, result.stdout)
        _assert_french(where + " (stderr)", result.stderr)
        seen.add((args[0], result.exit_code))
    # Each kind of run printed something: successes, findings and refusals alike.
    assert {("import", 1), ("fix", 1), ("assign", 0), ("form", 0), ("form", 2)} <= seen
    assert ("validate", 2) in seen  # the decisions file with an unknown code


def test_files_the_newer_commands_write(cli: Run, work: Path) -> None:
    cli("import", "reponses.csv", "--mapping", "correspondance.toml", "-o", "o1", *TODAY)
    cli("report", "offres", "--today", "2026-01-20", "--letters", "lettres")
    imported = sorted((work / "o1").glob("*.toml"))
    letters = sorted((work / "lettres").rglob("*.eml"))
    assert imported and letters
    for path in imported:
        comments = [line for line in path.read_text("utf-8").splitlines() if line.startswith("#")]
        _assert_french(path.name, "\n".join(comments))
    for path in letters:
        message = email.message_from_bytes(path.read_bytes(), policy=email.policy.default)
        body = message.get_body(("plain",))
        assert body is not None
        _assert_french(path.name, body.get_content())
        _assert_french(path.name + " (objet)", str(message["Subject"]))


def test_json_messages_are_typeset(cli: Run) -> None:
    """A diagnostic's message is for people, in JSON as on a terminal."""
    import json

    def messages(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node["message"]] if isinstance(node.get("message"), str) else []
            return found + [m for value in node.values() for m in messages(value)]
        if isinstance(node, list):
            return [m for value in node for m in messages(value)]
        return []

    args = ("validate", "examples", "--today", "2026-02-10", "--format", "json")
    found = messages(json.loads(cli(*args).stdout))
    assert found
    assert [(m, plain_spaces_left(m)) for m in found if plain_spaces_left(m)] == []


@pytest.mark.parametrize(
    ("args", "key"),
    [
        (("deadlines", "--today", "2026-11-28", "--format", "json", "--all"), "label"),
        (
            (
                *("call", "--contacts", "tests/data/contacts.csv", "-o", "appel"),
                *("--today", "2025-10-01", "--format", "json"),
            ),
            "message",
        ),
    ],
)
def test_json_sentences_are_typeset(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: tuple[str, ...], key: str
) -> None:
    """Event labels and refused rows, in JSON as on a terminal."""
    import json

    monkeypatch.chdir(tmp_path)
    (tmp_path / "tests").symlink_to(TESTS, target_is_directory=True)

    def texts(node: object) -> list[str]:
        if isinstance(node, dict):
            found = [node[key]] if isinstance(node.get(key), str) else []
            return found + [t for value in node.values() for t in texts(value)]
        if isinstance(node, list):
            return [t for value in node for t in texts(value)]
        return []

    found = texts(json.loads(cli(*args).stdout))
    assert found
    assert [(t, plain_spaces_left(t)) for t in found if plain_spaces_left(t)] == []
