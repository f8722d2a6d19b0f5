"""Hostile calendars: nothing crashes, nothing leaks to the terminal."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from inet_stages.calendar import CalendarError, load_calendar, packaged_path
from inet_stages.io import tomlsafe
from inet_stages.text.textsafe import clean
from tests.conftest import Run, fr

PACKAGED = packaged_path().read_text(encoding="utf-8")

HOSTILE_SHAPES = {
    "dotted key of 20 000 parts": "a" + ".a" * 20_000 + " = 1\n",
    "600 nested arrays": "x = " + "[" * 600 + "]" * 600 + "\n",
    "5 000-digit integer": "x = " + "9" * 5_000 + "\n",
    "5 000-digit hex integer": "format = 0x" + "f" * 5_000 + "\n",
    "raw escape in a string": 'school_year = "\x1b[31m"\n',
    "empty": "",
    "only a comment": "# rien\n",
}


@pytest.mark.parametrize("text", HOSTILE_SHAPES.values(), ids=HOSTILE_SHAPES.keys())
def test_hostile_shapes_are_refused_cleanly(cli: Run, tmp_path: Path, text: str) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(text, encoding="utf-8")
    result = cli("--calendar", str(path), "calendar")
    assert result.exit_code == 2
    assert fr(str(path)) in result.stderr
    assert "Traceback" not in result.stderr
    assert "erreur interne" not in result.stderr
    assert "\x1b" not in result.stderr


def test_latin1_is_named(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    path.write_bytes('school_year = "2026-2027" # année\n'.encode("latin-1"))
    result = cli("--calendar", str(path), "calendar")
    assert result.exit_code == 2
    assert "UTF-8" in result.stderr
    assert "Windows-1252" in result.stderr
    assert f"{path}:1:" in result.stderr


def test_byte_order_mark_is_accepted(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    path.write_bytes(b"\xef\xbb\xbf" + PACKAGED.encode("utf-8"))
    assert cli("--calendar", str(path), "calendar").exit_code == 0


@pytest.mark.parametrize("kind", ["directory", "fifo", "missing", "too big"])
def test_paths_that_are_not_regular_files(cli: Run, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "cal.toml"
    if kind == "directory":
        path.mkdir()
    elif kind == "fifo":
        os.mkfifo(path)
    elif kind == "too big":
        path.write_text("# " + "x" * tomlsafe.MAX_BYTES + "\n", encoding="utf-8")
    result = cli("--calendar", str(path), "calendar")
    assert result.exit_code == 2
    assert fr(str(path)) in result.stderr


def test_symlink_loop(cli: Run, tmp_path: Path) -> None:
    loop = tmp_path / "boucle.toml"
    loop.symlink_to(tmp_path / "boucle.toml")
    result = cli("--calendar", str(loop), "calendar")
    assert result.exit_code == 2
    assert "boucle" in result.stderr


MARKUP = r"[link=http://e.x]I[/link] [/] :warning: \u001b[31mR \u202e \u009b \u200b"


@pytest.mark.parametrize(
    "args",
    [
        ("calendar",),
        ("calendar", "--format", "timeline"),
        ("deadlines", "--today", "2027-01-01"),
    ],
)
def test_labels_are_text_not_markup_nor_escapes(
    cli: Run, tmp_path: Path, args: tuple[str, ...]
) -> None:
    path = tmp_path / "cal.toml"
    hostile = PACKAGED.replace('short = "Ingénieurs"', f'short = "{MARKUP}"').replace(
        'label = "Élèves ingénieurs et ingénieurs en chef territoriaux"', f'label = "{MARKUP}"'
    )
    path.write_text(hostile, encoding="utf-8")
    result = cli("--calendar", str(path), *args)
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert "[link=http://e.x]I[/link] [/]" in out
    assert ":warning:" in out and "⚠" not in out
    assert "\\x1b[31mR" in out
    assert "\\u202e" in out and "\\x9b" in out and "\\u200b" in out
    for char in ("\x1b", "\u202e", "\x9b", "\u200b"):
        assert fr(char) not in out


def test_json_keeps_the_exact_text(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "cal.toml"
    label = "Ingénieurs \\u001b[31m"
    path.write_text(
        PACKAGED.replace('label = "Élèves ingénieurs', f'label = "{label}'), encoding="utf-8"
    )
    result = cli("--calendar", str(path), "calendar", "--format", "json", "--track", "ing")
    assert result.exit_code == 0
    assert "\\u001b[31m" in result.stdout  # JSON-escaped, exact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\x1bb", "a\\x1bb"),
        ("a\x07", "a\\x07"),
        ("\x7f", "\\x7f"),
        ("\x9b", "\\x9b"),
        ("\u202e", "\\u202e"),
        ("\u2066", "\\u2066"),
        ("zéro\u200blargeur", "zéro\\u200blargeur"),
        ("ligne\nsuivante", "ligne\\x0asuivante"),
        ("tab\tulé", "tab ulé"),
        ("é ü ß €", "é ü ß €"),
    ],
)
def test_clean(text: str, expected: str) -> None:
    assert clean(text) == expected


def test_clean_keeps_newlines_on_request_and_cuts() -> None:
    assert clean("a\r\nb\x1b", keep_newlines=True) == "a\nb\\x1b"
    assert clean("abcdef", limit=4) == "abc…"


def test_ascii_stdout_does_not_crash(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": "ascii", "NO_COLOR": "1", "COLUMNS": "80"}
    env.pop("INET_STAGES_CALENDAR", None)
    for args in (["calendar"], ["deadlines", "--today", "2026-11-28"], ["calendar", "-t", "x"]):
        done = subprocess.run(
            [sys.executable, "-m", "inet_stages", *args],
            capture_output=True,
            env=env,
            check=False,
        )
        assert done.returncode in (0, 2), done.stderr
        assert b"Traceback" not in done.stderr
        assert done.stdout or done.stderr


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.binary(max_size=400))
def test_random_bytes_never_escape(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "cal.toml"
    path.write_bytes(data)
    with pytest.raises((tomlsafe.TomlInputError, CalendarError)):
        load_calendar(path)


toml_scalars = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30),
    st.text(max_size=20),
    st.booleans(),
    st.dates(),
    st.floats(allow_nan=True),
)
toml_values = st.recursive(
    toml_scalars,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(st.text(min_size=1, max_size=8), inner, max_size=3)
    ),
    max_leaves=12,
)
keys = st.sampled_from(
    ["format", "school_year", "draft", "contact", "tracks", "internships", "start", "weeks", "x"]
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(document=st.dictionaries(keys, toml_values, max_size=6))
def test_random_documents_are_refused_with_findings(
    tmp_path: Path, document: dict[str, object]
) -> None:
    import tomli_w

    path = tmp_path / "cal.toml"
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    with pytest.raises((tomlsafe.TomlInputError, CalendarError)) as caught:
        load_calendar(path)
    if isinstance(caught.value, CalendarError):
        assert caught.value.problems
        caught.value.render()


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    old=st.sampled_from(["2026-03-30", "4", '"dgs"', "2025-11-24", "true", '"any"', "[", "="]),
    new=st.sampled_from(
        ["", "0", "-1", '"x"', "1e400", "nan", "2026-02-30", "[]", "{}", "0x" + "f" * 80]
    ),
)
def test_mutated_packaged_calendar(tmp_path: Path, old: str, new: str) -> None:
    path = tmp_path / "cal.toml"
    path.write_text(PACKAGED.replace(old, new, 1), encoding="utf-8")
    try:
        load_calendar(path)
    except CalendarError as exc:
        assert exc.problems
        exc.render()
    except tomlsafe.TomlInputError as exc:
        assert exc.message


@pytest.mark.parametrize(
    "line",
    [
        "months = 18",
        "weeks = 7",
        "population_more_than = 40000",
        "students_per_project = 4",
        "fee_eur = 4000",
    ],
)
@pytest.mark.parametrize("raw", ["0x" + "f" * 5_000, "-" + "1" * 4_000, "nan", "-inf", "1e400"])
def test_unprintable_numbers_in_every_integer_field(
    cli: Run, tmp_path: Path, line: str, raw: str
) -> None:
    key = line.split(" = ", maxsplit=1)[0]
    path = tmp_path / "cal.toml"
    path.write_text(PACKAGED.replace(line, f"{key} = {raw}", 1), encoding="utf-8")
    for args in (("--calendar", str(path), "calendar"), ("calendar", "check", str(path))):
        result = cli(*args)
        assert result.exit_code in (1, 2)
        assert "erreur interne" not in result.stderr
        assert key in result.stdout + result.stderr
        assert all(len(x) < 400 for x in (result.stdout + result.stderr).splitlines())
