"""``inet-stages validate``: exit codes, paths, batches, JSON shape, escaping."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from tests.conftest import Run
from tests.offer_factory import offer_text


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_file_exits_0(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "ok.toml", offer_text())
    result = cli("validate", str(path), "--today", "2026-11-28")
    assert result.exit_code == 0
    assert f"{path}: valide" in result.stdout


def test_warning_exits_0_or_1_with_strict(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "w.toml", offer_text(offer__description="Mission RH."))
    assert cli("validate", str(path), "--today", "2026-11-28").exit_code == 0
    assert cli("validate", str(path), "--today", "2026-11-28", "--strict").exit_code == 1


def test_missing_path_exits_2_but_others_are_reported(cli: Run, tmp_path: Path) -> None:
    ok = write(tmp_path / "ok.toml", offer_text())
    bad = write(tmp_path / "bad.toml", offer_text(host__kind="etat"))
    result = cli("validate", str(ok), str(tmp_path / "absent.toml"), str(bad), "--format", "json")
    assert result.exit_code == 2
    assert "absent.toml" in result.stderr
    assert "introuvable" in result.stderr
    document = json.loads(result.stdout)
    assert [f["valid"] for f in document["files"]] == [True, False]


def test_directory_recursive_sorted_only_toml(cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "b.toml", offer_text())
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub" / "a.toml", offer_text(offer__title="Autre"))
    write(tmp_path / "notes.txt", "pas une offre")
    write(tmp_path / "a.toml", "")
    result = cli("validate", str(tmp_path), "--format", "json", "--today", "2026-11-28")
    paths = [f["path"] for f in json.loads(result.stdout)["files"]]
    assert paths == [str(tmp_path / n) for n in ("a.toml", "b.toml", "sub/a.toml")]
    assert result.exit_code == 1


def test_unreadable_file_does_not_stop_the_batch(cli: Run, tmp_path: Path) -> None:
    write(tmp_path / "a.toml", 'title = "x\n')
    (tmp_path / "b.toml").write_bytes("é = 1".encode("cp1252"))
    os.mkfifo(tmp_path / "c.toml")
    write(tmp_path / "d.toml", offer_text())
    result = cli("validate", str(tmp_path), "--format", "json", "--today", "2026-11-28")
    files = json.loads(result.stdout)["files"]
    assert [(f["diagnostics"][0]["code"] if f["diagnostics"] else None) for f in files] == [
        "F004",
        "F002",
        "F001",
        None,
    ]
    assert files[0]["internship"] is None
    assert files[0]["tracks"] is None
    # docs/reference/README.md: an unreadable path (the FIFO) is exit 2, after every other file was checked.
    assert result.exit_code == 2


def test_json_shape(cli: Run, tmp_path: Path) -> None:
    path = write(tmp_path / "late.toml", offer_text(offer__submitted="2026-02-17"))
    result = cli("validate", str(path), "--format", "json", "--today", "2026-11-28")
    document = json.loads(result.stdout)
    assert document == {
        "version": 1,
        "calendar": "2026-2027",
        "today": "2026-11-28",
        "files": [
            {
                "path": str(path),
                "valid": False,
                "internship": "thematique",
                "tracks": ["administrateurs"],
                "calendar": "2026-2027",
                "valid_tracks": [],
                "outcome": "non_retenue",
                "outcomes": {"administrateurs": "non_retenue"},
                "promotion_reason": "only",
                "promotion_why": document["files"][0]["promotion_why"],
                "decision": None,
                "diagnostics": [
                    {
                        "code": "D002",
                        "severity": "error",
                        "field": "offer.submitted",
                        "line": 8,
                        "message": document["files"][0]["diagnostics"][0]["message"],
                        "tracks": ["administrateurs"],
                        "accepted": False,
                    }
                ],
            }
        ],
        "summary": {
            "files": 1,
            "valid": 0,
            "invalid": 1,
            "errors": 1,
            "warnings": 0,
            "accepted": 0,
        },
        "decisions": [],
        "calendars": ["2026-2027"],
        "promotions": {"2026-2027": 1},
    }


def test_file_text_is_escaped_in_text_output(cli: Run, tmp_path: Path) -> None:
    text = offer_text("observation", tutor__position="\x1b[31m[bold]DGA")
    path = write(tmp_path / "esc.toml", text)
    result = cli("validate", str(path), "--today", "2026-11-28")
    assert "\x1b" not in result.stdout
    assert "\\x1b[31m[bold]DGA" in result.stdout
    json_result = cli("validate", str(path), "--format", "json", "--today", "2026-11-28")
    assert (
        "\x1b[31m[bold]DGA"
        in json.loads(json_result.stdout)["files"][0]["diagnostics"][0]["message"]
    )


def test_bad_format_is_a_usage_error(cli: Run, tmp_path: Path) -> None:
    result = cli("validate", str(tmp_path), "--format", "yaml")
    assert result.exit_code == 2
    assert "text, json" in result.stderr


def run_module(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "COLUMNS": "80", "NO_COLOR": "1"}
    env.pop("INET_STAGES_CALENDAR", None)
    return subprocess.run(
        [sys.executable, "-m", "inet_stages", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=cwd,
        env=env,
        timeout=60,
        check=False,
    )


def test_exit_codes_through_a_real_process(tmp_path: Path) -> None:
    write(tmp_path / "ok.toml", offer_text())
    write(tmp_path / "bad.toml", offer_text(offer__internship="thematiqe"))
    ok = run_module("validate", "ok.toml", "--today", "2026-11-28", cwd=tmp_path)
    assert (ok.returncode, ok.stderr) == (0, "")
    bad = run_module("validate", ".", "--today", "2026-11-28", cwd=tmp_path)
    assert bad.returncode == 1
    assert "./bad.toml:2: I001" in bad.stdout
    missing = run_module("validate", "ok.toml", "nowhere", cwd=tmp_path)
    assert missing.returncode == 2
    assert "nowhere" in missing.stderr
    assert "Traceback" not in missing.stderr
    broken = write(tmp_path / "cal.toml", "school_year = \n")
    calendar = run_module("--calendar", str(broken), "validate", "ok.toml", cwd=tmp_path)
    assert calendar.returncode == 2
    assert "cal.toml" in calendar.stderr
