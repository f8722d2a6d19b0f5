"""Every path under a folder she cannot read (EACCES on stat/open): a French error naming the
path, exit 2, the rest of the batch still checked, never « erreur interne » nor English.

Root ignores file modes, so where the suite runs as root the command runs in a real process
without the capabilities that let root pass them (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH),
through util-linux's ``setpriv``; as another user, the modes apply as they are.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO
from tests.offer_factory import offer_text

DROP = "-dac_override,-dac_read_search"
CONTACTS = REPO / "tests" / "data" / "contacts.csv"
ENGLISH = ("Permission denied", "Error", "interne", "Traceback", "No such file")


def _prefix() -> list[str] | None:
    if os.name != "posix":
        return None
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    return [setpriv, f"--inh-caps={DROP}", f"--bounding-set={DROP}"]


PREFIX = _prefix()
pytestmark = pytest.mark.skipif(PREFIX is None, reason="needs POSIX modes (setpriv as root)")


@pytest.fixture
def locked(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "ferme"
    folder.mkdir()
    (folder / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    (folder / "sous").mkdir()
    folder.chmod(0)
    yield folder
    folder.chmod(0o755)


def run(*args: str, home: Path | None = None, cwd: Path = REPO) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("INET_STAGES_CALENDAR", None)
    if home is not None:
        env["INET_STAGES_HOME"] = str(home)
    else:
        env.pop("INET_STAGES_HOME", None)
    assert PREFIX is not None
    return subprocess.run(
        [*PREFIX, sys.executable, "-m", "inet_stages", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _french(result: subprocess.CompletedProcess[str], path: Path) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert str(path) in result.stderr, result.stderr
    assert "refusée" in result.stderr or "droits insuffisants" in result.stderr, result.stderr
    for word in ENGLISH:
        assert word not in result.stderr, result.stderr


@pytest.fixture
def offers(tmp_path: Path) -> Path:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    return folder


def test_validate_and_report_go_on_with_the_rest(locked: Path, offers: Path) -> None:
    for command in ("validate", "report"):
        result = run(command, str(locked / "colmar.toml"), str(offers), "--today", "2026-01-20")
        _french(result, locked / "colmar.toml")
        assert "1" in result.stdout  # the readable offer was still counted
        whole = run(command, str(locked), str(offers), "--today", "2026-01-20", "-f", "json")
        _french(whole, locked)
        assert "colmar.toml" in whole.stdout or '"files": 1' in whole.stdout


def test_decisions_under_a_locked_folder(locked: Path, offers: Path) -> None:
    given = locked / "decisions.toml"
    result = run("report", str(offers), "--decisions", str(given), "--today", "2026-01-20")
    _french(result, given)


def test_import_sources_and_output(locked: Path, tmp_path: Path) -> None:
    source = locked / "offres.csv"
    result = run("import", str(source), str(CONTACTS), "-o", str(tmp_path / "o"), "--today",
                 "2025-10-01", "-f", "json")  # fmt: skip
    assert str(source) in result.stdout + result.stderr
    assert "refusée" in result.stdout + result.stderr
    assert "contacts.csv" in result.stdout  # the other source was still read
    assert result.returncode != 0
    out = run("import", str(CONTACTS), "-o", str(locked / "o"), "--today", "2025-10-01")
    _french(out, locked / "o")


def test_assign_students_and_output(locked: Path, offers: Path, tmp_path: Path) -> None:
    students = tmp_path / "eleves.csv"
    students.write_text("nom;filiere;voeu1\nA;administrateurs;colmar\n", encoding="utf-8")
    common = ["assign", str(offers), "-i", "thematique", "--today", "2026-01-20"]
    _french(run(*common, "-s", str(locked / "eleves.csv")), locked / "eleves.csv")
    _french(run(*common, "-s", str(students), "-o", str(locked / "a.csv")), locked / "a.csv")


def test_call_contacts_output_and_offers(locked: Path, tmp_path: Path) -> None:
    base = ["call", "--today", "2025-10-01"]
    _french(
        run(*base, "--contacts", str(locked / "c.csv"), "-o", str(tmp_path / "a")),
        locked / "c.csv",
    )
    _french(run(*base, "--contacts", str(CONTACTS), "-o", str(locked / "o")), locked / "o")
    _french(
        run(
            *base,
            "--contacts",
            str(CONTACTS),
            "-o",
            str(tmp_path / "b"),
            "--remind",
            "--offers",
            str(locked / "offres"),
        ),
        locked / "offres",
    )


def test_an_unreadable_home(locked: Path, offers: Path) -> None:
    for home in (locked / "home", locked):
        result = run("validate", str(offers), "--today", "2026-01-20", home=home)
        _french(result, home)


def test_the_checker_sees_the_modes(locked: Path) -> None:
    # Guards the tests above: the process really meets EACCES.
    assert PREFIX is not None
    probe = subprocess.run(
        [*PREFIX, sys.executable, "-c", f"import os; os.stat({str(locked / 'colmar.toml')!r})"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "PermissionError" in probe.stderr


def test_a_folder_where_nothing_can_be_written_says_it_briefly(tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    rows = [f"Nom {n};c{n}@ville{n}.example.fr;Ville {n};Commune;50000" for n in range(30)]
    contacts.write_text("Nom;Courriel;Structure;Nature;Habitants\n" + "\n".join(rows) + "\n",
                        encoding="utf-8")  # fmt: skip
    out = tmp_path / "lecture-seule"
    out.mkdir()
    out.chmod(0o555)
    result = run("call", "--contacts", str(contacts), "-o", str(out), "--today", "2025-10-01")
    out.chmod(0o755)
    _french(result, out)
    errors = [line for line in result.stderr.splitlines() if "erreur" in line]
    assert len(errors) == 11 and "20 autres fichiers refusés de même" in errors[-1]
    assert list(out.iterdir()) == []
