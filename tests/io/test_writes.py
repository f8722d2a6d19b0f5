"""Writes that cannot race, short temporary names, the user's umask, Ctrl-C leaves nothing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from inet_stages.io import writes
from inet_stages.io.writes import WriteRefused, write_atomic
from tests.conftest import REPO, Run, fr
from tests.offer_factory import offer_text

pytestmark = pytest.mark.skipif(os.name != "posix", reason="modes and links of POSIX")


@pytest.fixture
def umask077() -> Iterator[None]:
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


def test_exports_and_letters_follow_the_umask(cli: Run, tmp_path: Path, umask077: None) -> None:
    target = tmp_path / "calendrier.csv"
    assert cli("export", "csv", "-o", str(target)).exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o600
    offers = tmp_path / "offres"
    offers.mkdir()
    (offers / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    letters = tmp_path / "lettres"
    result = cli("report", str(offers), "--today", "2026-01-20", "--letters", str(letters))
    assert result.exit_code == 0, result.stderr
    assert (letters / "colmar.eml").stat().st_mode & 0o777 == 0o600


def test_the_usual_umask_gives_0644(cli: Run, tmp_path: Path) -> None:
    previous = os.umask(0o022)
    try:
        target = tmp_path / "calendrier.ics"
        assert cli("export", "ics", "-o", str(target)).exit_code == 0
    finally:
        os.umask(previous)
    assert target.stat().st_mode & 0o777 == 0o644


def test_force_keeps_the_mode_of_the_replaced_file(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "calendrier.csv"
    target.write_text("ancien", encoding="utf-8")
    target.chmod(0o640)
    assert cli("export", "csv", "-o", str(target), "--force").exit_code == 0
    assert target.stat().st_mode & 0o777 == 0o640
    assert "ancien" not in target.read_text(encoding="utf-8")


def test_a_name_at_the_system_limit_is_written(cli: Run, tmp_path: Path) -> None:
    # 250 bytes: the old temporary name (« .NAME.xxxxxxxx.tmp ») went past 255.
    target = tmp_path / ("é" * 61 + "a" * 124 + ".csv")
    assert len(target.name.encode()) == 250
    result = cli("export", "csv", "-o", str(target))
    assert result.exit_code == 0, result.stderr
    assert target.exists()
    assert _leftovers(tmp_path) == []


def test_a_239_byte_offer_name_gets_its_letter(cli: Run, tmp_path: Path) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    name = "é" * 60 + "b" * 114 + ".toml"
    assert len(name.encode()) == 239
    (offers / name).write_text(offer_text(), encoding="utf-8")
    letters = tmp_path / "lettres"
    result = cli("report", str(offers), "--today", "2026-01-20", "--letters", str(letters))
    assert result.exit_code == 0, result.stderr
    written = [p.name for p in letters.iterdir()]
    assert len(written) == 1 and written[0].endswith(".eml")
    assert len(written[0].encode()) <= 120
    assert _leftovers(letters) == []


def test_an_overlong_output_path_is_a_french_error(cli: Run, tmp_path: Path) -> None:
    deep = tmp_path.joinpath(*["d" * 200] * 25, "y.csv")  # beyond PATH_MAX (4096)
    for target in (tmp_path / ("x" * 300 + ".csv"), deep):
        result = cli("export", "csv", "-o", str(target))
        assert result.exit_code == 2
        assert "trop long" in result.stderr
        assert "interne" not in result.stderr
    result = cli("report", "tests/data/report", "--letters", str(tmp_path / ("z" * 300)))
    assert result.exit_code == 2
    assert "trop long" in result.stderr and "interne" not in result.stderr


def test_two_writers_racing_one_target_exactly_one_wins(tmp_path: Path) -> None:
    rounds = 150
    for round_number in range(rounds):
        target = tmp_path / f"cible-{round_number}.txt"
        barrier = threading.Barrier(2)
        outcome: list[str] = []

        def writer(
            label: str,
            target: Path = target,
            barrier: threading.Barrier = barrier,
            outcome: list[str] = outcome,
        ) -> None:
            barrier.wait()
            try:
                write_atomic(target, label * 1000)
            except WriteRefused as exc:
                assert "existe déjà" in exc.message
                outcome.append("refused")
            else:
                outcome.append(label)

        threads = [threading.Thread(target=writer, args=(label,)) for label in "AB"]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        winners = [o for o in outcome if o != "refused"]
        assert len(winners) == 1, (round_number, outcome)
        assert target.read_text(encoding="utf-8") == winners[0] * 1000
    assert _leftovers(tmp_path) == []


def test_two_processes_racing_one_export(tmp_path: Path) -> None:
    env = {**os.environ, "NO_COLOR": "1", "INET_STAGES_HOME": str(tmp_path / "home")}
    env.pop("INET_STAGES_CALENDAR", None)
    for round_number in range(3):
        target = tmp_path / f"cal-{round_number}.ics"
        command = [sys.executable, "-m", "inet_stages", "export", "ics", "-o", str(target)]
        runs = [
            subprocess.Popen(command, cwd=REPO, env=env, stderr=subprocess.PIPE) for _ in range(2)
        ]
        codes = []
        for run in runs:
            _out, err = run.communicate(timeout=60)
            codes.append((run.returncode, err.decode()))
        assert sorted(c for c, _ in codes) == [0, 2], codes
        assert any("existe déjà" in e for c, e in codes if c == 2)
    assert _leftovers(tmp_path) == []


def test_without_hard_links_the_name_is_still_taken_exclusively(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_link(_src: object, _dst: object) -> None:
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_link)
    target = tmp_path / "a.txt"
    write_atomic(target, "un")
    assert target.read_text(encoding="utf-8") == "un"
    with pytest.raises(WriteRefused, match="existe déjà"):
        write_atomic(target, "deux")
    assert target.read_text(encoding="utf-8") == "un"
    assert _leftovers(tmp_path) == []


def test_ctrl_c_inside_the_creation_of_the_temporary_file(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = writes._open_exclusive

    def interrupted(path: str, mode: int) -> int:
        os.close(real(path, mode))  # the file exists, its creator never returns
        raise KeyboardInterrupt

    monkeypatch.setattr(writes, "_open_exclusive", interrupted)
    result = cli("export", "csv", "-o", str(tmp_path / "cal.csv"))
    assert result.exit_code == 130
    assert "interrompu" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_interrupted_letters_run_lists_what_it_wrote(
    cli: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    offers = tmp_path / "offres"
    offers.mkdir()
    for name in ("a", "b", "c"):
        # Three different offers (the same one thrice would be one letter).
        text = offer_text().replace('title = "', f'title = "{name.upper()} ', 1)
        (offers / f"{name}.toml").write_text(text, encoding="utf-8")
    real = writes._fill
    calls = []

    def fill(temporary: str, data: bytes, mode: int) -> None:
        calls.append(temporary)
        if len(calls) == 2:
            raise KeyboardInterrupt  # in the middle of the second letter
        real(temporary, data, mode)

    monkeypatch.setattr(writes, "_fill", fill)
    letters = tmp_path / "lettres"
    result = cli("report", str(offers), "--today", "2026-01-20", "--letters", str(letters))
    assert result.exit_code == 130
    assert "interrompu" in result.stderr
    assert "1 sur 3" in result.stderr and "a.eml" in result.stderr
    assert sorted(p.name for p in letters.iterdir()) == ["a.eml"]


def test_a_second_letters_run_never_mixes_with_the_first(cli: Run, tmp_path: Path) -> None:
    letters = tmp_path / "lettres"
    first = cli("report", "tests/data/report", "--today", "2026-01-20", "--letters", str(letters))
    assert first.exit_code == 0
    before = {p.name: p.read_bytes() for p in letters.iterdir()}
    second = cli("report", "tests/data/report", "--today", "2026-02-20", "--letters", str(letters))
    # Incremental: the letters already there are kept as they are, and listed.
    assert second.exit_code == 0
    assert {p.name: p.read_bytes() for p in letters.iterdir()} == before
    assert "gardée" in second.stderr and all(fr(name) in second.stderr for name in before)


def _closed_reader(args: list[str], home: Path) -> subprocess.CompletedProcess[bytes]:
    """Run ``inet-stages ARGS`` with a stdout whose reader is gone before the first line."""
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "80", "INET_STAGES_HOME": str(home)}
    env.pop("INET_STAGES_CALENDAR", None)
    read, write = os.pipe()
    os.close(read)  # like « | head » having already left
    try:
        return subprocess.run(
            [sys.executable, "-m", "inet_stages", *args],
            cwd=REPO,
            env=env,
            stdout=write,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["validate", "tests/data/report", "--today", "2026-01-20"], 1),
        (["validate", "examples/colmar-thematique.toml", "--today", "2026-01-20"], 0),
        (["validate", "tests/data/report", "--format", "json", "--today", "2026-01-20"], 1),
        (["calendar", "--today", "2026-01-20"], 0),
        (["export", "ics"], 0),
    ],
)
def test_a_broken_pipe_keeps_the_exit_code(tmp_path: Path, args: list[str], code: int) -> None:
    done = _closed_reader(args, tmp_path)
    assert done.returncode == code, done.stderr.decode()
    assert b"Traceback" not in done.stderr and b"Exception ignored" not in done.stderr


def test_a_decisions_long_reason_is_cut_in_the_terminal(cli: Run, tmp_path: Path) -> None:
    from inet_stages.batch.decisions import REASON_CHARS

    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / "lunel.toml").write_text(offer_text(), encoding="utf-8")
    reason = "Doublon " + "très " * 2000 + "FIN"
    (folder / "decisions.toml").write_text(
        f'["lunel.toml"]\nrefuse = true\nreason = "{reason}"\n', encoding="utf-8"
    )
    result = cli("validate", str(folder), "--today", "2026-03-01")
    assert result.exit_code == 1
    line = next(line for line in result.stdout.splitlines() if "X001" in line)
    assert "FIN" not in line and "…" in line
    assert len(line) < REASON_CHARS + 2 * len(str(folder)) + 120
