"""Hostile input across the whole CLI: display hygiene, paths, writes, random input.

Issue 5: nothing crashes, nothing leaks to the terminal, nothing the user
owns is lost. Shapes of single files are in ``tests/offer/test_hostile.py`` and
``tests/calendar/test_hostile.py``.
"""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import tomli
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inet_stages.calendar import packaged_path
from tests.conftest import Run, fr
from tests.offer_factory import BASE, offer_text

PACKAGED = packaged_path().read_text(encoding="utf-8")
CONTROLS = ("\x1b", "\x07", "\x9b", "\u202e", "\u200b")

#: A label that would break out of a TOML comment into a key, and steer a terminal.
EVIL_LABEL = "Stage thématique\\npopulation = 1\\n\\u001b]8;;http://e.x\\u0007[/] :warning:"


@pytest.fixture
def evil_calendar(tmp_path: Path) -> Path:
    """The packaged calendar with newlines, escapes and markup in labels and texts."""
    text = PACKAGED.replace('label = "Stage thématique"', f'label = "{EVIL_LABEL}"')
    text = text.replace(
        'host_examples = "Collectivités territoriales."',
        'host_examples = "Collectivités\\n[offer]\\u001b[2J\\u202e."',
    )
    text = text.replace('short = "Ingénieurs"', 'short = "Ingé\\nnieurs\\u001b[31m"')
    assert text.count("\\u001b") >= 3
    path = tmp_path / "evil.toml"
    path.write_text(text, encoding="utf-8")
    return path


def assert_clean(output: str) -> None:
    for char in CONTROLS:
        assert char not in output, repr(char)


def test_template_keeps_calendar_text_inside_comments(cli: Run, evil_calendar: Path) -> None:
    result = cli("--calendar", str(evil_calendar), "template", "thematique")
    assert result.exit_code == 0, result.stderr
    assert_clean(result.stdout)
    data = tomli.loads(result.stdout)  # still one TOML document...
    assert "population" not in data.get("host", {})  # ...whose keys are the template's
    assert set(data) == {"offer", "host", "tutor"}
    # The label, its newline shown escaped, inside the comment (wrapped like any comment).
    title = " ".join(line.removeprefix("# ") for line in result.stdout.splitlines()[:2])
    assert "Stage thématique\\x0apopulation = 1" in title
    for line in result.stdout.splitlines():
        assert not line.startswith(("population", "[offer]\\")), line


def test_calendar_check_and_diff_show_labels_on_one_line(cli: Run, evil_calendar: Path) -> None:
    check = cli("calendar", "check", str(evil_calendar))
    assert check.exit_code in (0, 1)
    assert_clean(check.stdout + check.stderr)
    # Move two deadlines, so that the diff names the thématique and the ingénieurs.
    moved = evil_calendar.read_text(encoding="utf-8")
    moved = moved.replace("offers_deadline = 2026-02-16", "offers_deadline = 2026-02-13")
    moved = moved.replace(
        "offers_deadline = 2026-01-30\ntutor", "offers_deadline = 2026-01-29\ntutor"
    )
    evil_calendar.write_text(moved, encoding="utf-8")
    diff = cli("calendar", "diff", "2026-2027", str(evil_calendar))
    assert diff.exit_code == 0, diff.stderr
    assert_clean(diff.stdout)
    assert "Stage thématique\\x0apopulation = 1" in diff.stdout
    assert "Ingé\\x0anieurs\\x1b[31m" in diff.stdout
    for line in diff.stdout.splitlines():
        assert not line.lstrip().startswith(("population", "nieurs")), line
    as_json = cli("calendar", "diff", "2026-2027", str(evil_calendar), "--format", "json")
    assert json.loads(as_json.stdout)["new"]["path"] == str(evil_calendar)


def test_calendar_errors_stay_one_line_each(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    bad_key = '"inconnue\\n  cal.toml:1: C000 faux\\u001b[31m"'
    path.write_text(PACKAGED.replace("[contact]", f"{bad_key} = 1\n\n[contact]"), encoding="utf-8")
    result = cli("--calendar", str(path), "calendar")
    assert result.exit_code == 2
    assert_clean(result.stderr)
    assert "C000" in result.stderr
    assert not any(
        line.lstrip().startswith("cal.toml:1: C000") for line in result.stderr.splitlines()
    )


@pytest.mark.parametrize(
    "args",
    [
        ("calendar",),
        ("calendar", "--format", "timeline"),
        ("calendar", "check"),
        ("deadlines", "--today", "2027-01-01"),
        ("template", "thematique"),
        ("export", "csv"),
        ("export", "html"),
        ("export", "ics", "--today", "2026-11-28"),
    ],
)
def test_every_calendar_output_is_clean(
    cli: Run, evil_calendar: Path, args: tuple[str, ...]
) -> None:
    if args[:2] == ("calendar", "check"):
        args = (*args, str(evil_calendar))
    result = cli("--calendar", str(evil_calendar), *args)
    assert result.exit_code in (0, 1), result.stderr
    assert_clean(result.stdout + result.stderr)


# --- A stdout that cannot encode « é » ------------------------------------------------------


def _ascii_run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("INET_STAGES_CALENDAR", None)
    env["INET_STAGES_HOME"] = str(cwd / "home")
    return subprocess.run(
        [sys.executable, "-m", "inet_stages", *args],
        capture_output=True,
        env=env,
        cwd=cwd,
        check=False,
    )


def test_ascii_stdout_every_command(tmp_path: Path) -> None:
    offer = tmp_path / "offre.toml"
    offer.write_text(offer_text(host__name="Mairie \x1b[31m é"), encoding="utf-8")
    broken = tmp_path / "cassée.toml"
    broken.write_text("title = 'é\n", encoding="utf-8")
    commands = [
        ["--help"],
        ["calendar"],
        ["calendar", "--format", "timeline"],
        ["calendar", "check"],
        ["calendar", "diff", "2026-2027", "2026-2027"],
        ["calendar", "roll"],
        ["deadlines", "--today", "2026-01-10"],
        ["validate", str(offer), str(broken), "--today", "2026-11-28"],
        ["validate", str(offer), "--format", "json", "--today", "2026-11-28"],
        ["validate", str(tmp_path / "absente.toml")],
        ["rules"],
        ["rules", "D002"],
        ["template", "thematique"],
        ["schema", "offer"],
        ["export", "csv"],
        ["export", "html"],
        ["export", "ics", "--today", "2026-11-28"],
        ["--calendar", str(broken), "calendar"],
    ]
    for args in commands:
        done = _ascii_run(args, tmp_path)
        assert done.returncode in (0, 1, 2), (args, done.stderr)
        assert b"Traceback" not in done.stderr, args
        assert b"erreur interne" not in done.stderr, args
        assert done.stdout or done.stderr, args
        assert b"\x1b" not in done.stdout + done.stderr, args


# --- Paths ----------------------------------------------------------------------------------


def _refuse_reading(monkeypatch: pytest.MonkeyPatch, name: str) -> None:
    """Make opening files called ``name`` fail as without read permission (root reads all)."""
    real_open = os.open

    def fake_open(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if os.fspath(path).endswith(name):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", fake_open)


def test_permission_denied_inside_a_folder(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "a.toml").write_text(offer_text(), encoding="utf-8")
    secret = tmp_path / "secret.toml"
    secret.write_text(offer_text(), encoding="utf-8")
    secret.chmod(0)  # the real thing: enough for anyone but root...
    if os.geteuid() == 0:
        _refuse_reading(monkeypatch, "secret.toml")  # ...for whom the same failure is simulated
    result = cli("validate", str(tmp_path), "--format", "json", "--today", "2026-11-28")
    files = json.loads(result.stdout)["files"]
    assert [f["valid"] for f in files] == [True, False]
    assert files[1]["diagnostics"][0]["code"] == "F001"
    assert "accès refusé" in files[1]["diagnostics"][0]["message"]
    assert result.exit_code == 2


def test_unreadable_subfolder(cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "a.toml").write_text(offer_text(), encoding="utf-8")
    locked = tmp_path / "verrou"
    locked.mkdir()
    (locked / "b.toml").write_text(offer_text(), encoding="utf-8")
    real_scandir = os.scandir

    def fake_scandir(path: Any = ".") -> Any:
        if os.fspath(path) == str(locked):
            raise PermissionError(errno.EACCES, "Permission denied", os.fspath(path))
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", fake_scandir)
    result = cli("validate", str(tmp_path), "--today", "2026-11-28")
    assert result.exit_code == 2
    assert fr(f"{locked} : dossier illisible") in result.stderr
    assert "a.toml: valide" in result.stdout


def test_folder_named_like_a_file_and_symlink_loop(cli: Run, tmp_path: Path) -> None:
    (tmp_path / "dossier.toml").mkdir()
    (tmp_path / "boucle.toml").symlink_to(tmp_path / "boucle.toml")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "retour").symlink_to(tmp_path)  # a loop of folders: not followed
    (tmp_path / "sub" / "ok.toml").write_text(offer_text(), encoding="utf-8")
    result = cli(
        "validate",
        str(tmp_path),
        str(tmp_path / "dossier.toml" / ".." / "dossier.toml"),
        "--format",
        "json",
        "--today",
        "2026-11-28",
    )
    files = {Path(f["path"]).name: f for f in json.loads(result.stdout)["files"]}
    assert files["ok.toml"]["valid"] is True
    assert "boucle de liens symboliques" in files["boucle.toml"]["diagnostics"][0]["message"]
    assert result.exit_code == 2


def test_folder_given_as_file_to_validate(cli: Run, tmp_path: Path) -> None:
    folder = tmp_path / "x.toml"
    folder.mkdir()
    result = cli("validate", str(folder), "--today", "2026-11-28")
    assert result.exit_code == 0  # a folder given is walked: nothing to check, said so
    assert "Aucun fichier .toml" in result.stdout


WRITERS: dict[str, list[str]] = {
    "template": ["template", "thematique"],
    "schema offer": ["schema", "offer"],
    "export ics": ["export", "ics", "--today", "2026-11-28"],
    "export html": ["export", "html"],
    "export csv": ["export", "csv"],
    "calendar roll": ["calendar", "roll", "--to", "2027-2028"],
}


@pytest.mark.parametrize("args", WRITERS.values(), ids=WRITERS.keys())
def test_output_to_a_folder_is_refused(cli: Run, tmp_path: Path, args: list[str]) -> None:
    result = cli(*args, "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "dossier" in result.stderr
    assert "erreur interne" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("args", WRITERS.values(), ids=WRITERS.keys())
def test_writes_never_overwrite_without_force(cli: Run, tmp_path: Path, args: list[str]) -> None:
    target = tmp_path / "sortie.txt"
    target.write_text("à garder\n", encoding="utf-8")
    refused = cli(*args, "-o", str(target))
    assert refused.exit_code == 2
    assert "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "à garder\n"
    forced = cli(*args, "-o", str(target), "--force")
    assert forced.exit_code == 0, forced.stderr
    assert target.read_text(encoding="utf-8") != "à garder\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["sortie.txt"]


def _interrupt(monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    def broken(*_args: Any, **_kwargs: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, where, broken)


@pytest.mark.parametrize("where", ["replace", "fsync"])
@pytest.mark.parametrize("args", WRITERS.values(), ids=WRITERS.keys())
def test_interrupted_write_keeps_the_previous_file(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str], where: str
) -> None:
    target = tmp_path / "sortie.txt"
    target.write_text("version précédente\n", encoding="utf-8")
    _interrupt(monkeypatch, where)
    result = cli(*args, "-o", str(target), "--force")
    assert result.exit_code == 2
    assert "écriture impossible" in result.stderr
    assert target.read_text(encoding="utf-8") == "version précédente\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sortie.txt"]  # no temporary file left


# --- Random input through the CLI -----------------------------------------------------------

OFFER_KEYS = sorted({key for table in BASE.values() for key in table} | {"start", "end"})
SCALARS = st.one_of(
    st.text(max_size=12),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.dates(),
    st.sampled_from(["thematique", "projet_collectif", "administrateurs", "commune", "DGS"]),
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.sampled_from(OFFER_KEYS), inner, max_size=3)
    ),
    max_leaves=8,
)
DOCUMENTS = st.dictionaries(
    st.sampled_from(["offer", "host", "tutor", "collective_project", "x"]),
    st.dictionaries(st.sampled_from(OFFER_KEYS), VALUES, max_size=6) | VALUES,
    max_size=5,
)


@pytest.fixture
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[bytes], Path]]:
    folder = tmp_path_factory.mktemp("random")

    def write(data: bytes) -> Path:
        path = folder / "offre.toml"
        path.write_bytes(data)
        return path

    yield write


def _assert_sane(cli: Run, path: Path) -> None:
    for args in (("--today", "2026-11-28"), ("--format", "json", "--today", "2026-11-28")):
        result = cli("validate", str(path), *args)
        assert result.exit_code in (0, 1, 2), result.stderr
        assert "erreur interne" not in result.stderr
        assert_clean(result.stdout)
        if "json" in args:
            assert json.loads(result.stdout)["summary"]["files"] == 1


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=300))
def test_random_bytes_through_validate(
    cli: Run, scratch: Callable[[bytes], Path], data: bytes
) -> None:
    _assert_sane(cli, scratch(data))


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=DOCUMENTS)
def test_random_documents_through_validate(
    cli: Run, scratch: Callable[[bytes], Path], document: dict[str, Any]
) -> None:
    _assert_sane(cli, scratch(tomli_w.dumps(document).encode("utf-8")))


@pytest.mark.parametrize(
    "args",
    [
        ("template", "th\nx\x1b[2J"),
        ("deadlines", "--track", "a\nb\x1b[2J"),
        ("--calendar", "a\nb\x1b[31m.toml", "calendar"),
        ("calendar", "check", "a\nb\x1b[31m.toml"),
        ("calendar", "roll", "a\nb\x1b[31m.toml"),
        ("deadlines", "--today", "2026\n-01-01"),
        ("validate", "--format", "a\nb", "x.toml"),
        ("rules", "a\nb\x1b[2J"),
    ],
)
def test_errors_are_one_line_whatever_the_value(cli: Run, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert result.stderr.startswith(fr("inet-stages : erreur : "))
    # One line of error; a usage error may add click's pointer to the help.
    lines = result.stderr.splitlines()
    assert len(lines) == 1 or (len(lines) == 2 and lines[1].startswith("Voir")), result.stderr
    assert_clean(result.stderr)


def test_json_is_exact_yet_never_raw_controls(cli: Run, tmp_path: Path) -> None:
    label = "Stage\x7f\x9b[31m\u202e\u2028\u200b thématique"
    in_toml = label.replace("\x7f", "\\u007f")  # TOML wants DEL escaped
    path = tmp_path / "cal.toml"
    path.write_text(
        PACKAGED.replace('label = "Stage thématique"', f'label = "{in_toml}"'), encoding="utf-8"
    )
    for args in (("calendar", "--format", "json"), ("deadlines", "-f", "json", "--all")):
        result = cli("--calendar", str(path), *args)
        assert result.exit_code == 0, result.stderr
        assert_clean(result.stdout)
        for char in ("\x7f", "\u2028"):
            assert fr(char) not in result.stdout
    assert "\\u009b" in result.stdout and "\\u202e" in result.stdout
    calendar = cli("--calendar", str(path), "calendar", "--format", "json")
    labels = {w["label"] for t in json.loads(calendar.stdout)["tracks"] for w in t["windows"]}
    assert label in labels  # exact once read back


def test_roll_on_a_terminal_escapes_the_copied_text(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(PACKAGED.replace("# Calendrier", "# \u202eCalendrier\x9b", 1), encoding="utf-8")
    redirected = cli("calendar", "roll", str(path))
    assert redirected.exit_code == 0, redirected.stderr
    assert "\u202eCalendrier\x9b" in redirected.stdout  # saved: exact
    from inet_stages.cli import output

    monkeypatch.setattr(output, "stdout_is_terminal", lambda: True)
    shown = cli("calendar", "roll", str(path))
    assert shown.exit_code == 0, shown.stderr
    assert_clean(shown.stdout)
    assert "\\u202eCalendrier\\x9b" in shown.stdout


@pytest.mark.parametrize("args", WRITERS.values(), ids=WRITERS.keys())
def test_ctrl_c_during_a_write_leaves_no_temporary_file(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, args: list[str]
) -> None:
    target = tmp_path / "sortie.txt"
    target.write_text("version précédente\n", encoding="utf-8")

    def interrupted(_fd: int) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "fsync", interrupted)
    result = cli(*args, "-o", str(target), "--force")
    assert result.exit_code == 130
    assert target.read_text(encoding="utf-8") == "version précédente\n"
    assert [p.name for p in tmp_path.iterdir()] == ["sortie.txt"]


def test_writes_never_replace_a_device_nor_write_through_a_link(cli: Run, tmp_path: Path) -> None:
    fifo = tmp_path / "tube"
    os.mkfifo(fifo)
    refused = cli("schema", "offer", "-o", str(fifo), "--force")
    assert refused.exit_code == 2
    assert "pas un fichier ordinaire" in refused.stderr
    assert fifo.is_fifo()
    real = tmp_path / "vrai.json"
    real.write_text("{}\n", encoding="utf-8")
    link = tmp_path / "lien.json"
    link.symlink_to(real)
    written = cli("schema", "offer", "-o", str(link), "--force")
    assert written.exit_code == 0, written.stderr
    assert not link.is_symlink()  # the link itself is replaced...
    assert "offer" in json.loads(link.read_text(encoding="utf-8"))["properties"]
    assert real.read_text(encoding="utf-8") == "{}\n"  # ...never the file it pointed to
