"""Hostile offers through ``validate``: every shape of docs/reference/limits.md gives findings, never a crash.

The calendar side is in ``tests/calendar/test_hostile.py``; here the same shapes,
and a hostile value in every field, go through the whole CLI in text and
JSON, and the limits of :mod:`inet_stages.io.tomlsafe` are checked at their
boundary.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest
import tomli

from inet_stages.io import tomlsafe
from inet_stages.offer.schema import MAX_DETAILED
from tests.conftest import Run, fr
from tests.offer_factory import offer_data, offer_text

HUGE_HEX = "0x" + "f" * 5_000
HUGE = "9" * 5_000

#: Whole documents that tomllib would choke on (time, memory, RecursionError, ValueError).
SHAPES = {
    "dotted key of 20 000 parts": "a" + ".a" * 20_000 + " = 1\n",
    "table name of 20 000 parts": "[a" + ".a" * 20_000 + "]\n",
    "600 nested arrays": "x = " + "[" * 600 + "]" * 600 + "\n",
    "600 nested inline tables": "x = " + "{a = " * 600 + "1" + "}" * 600 + "\n",
    "5 000-digit integer": offer_text().replace("population = 67000", f"population = {HUGE}"),
    "raw ESC in a basic string": offer_text().replace("Colmar", "\x1b[31m"),
}


def raw_value(table: str, key: str, raw: str, internship: str = "thematique") -> str:
    """A valid offer whose ``table.key`` holds the TOML text ``raw`` (unquoted)."""
    marker = "@@RAW@@"
    text = offer_text(internship, **{f"{table}__{key}": marker})
    assert f'"{marker}"' in text
    return text.replace(f'"{marker}"', raw)


def run_both(cli: Run, path: Path) -> tuple[str, dict[str, Any]]:
    """``validate`` in text then JSON; checks what must hold for any hostile file."""
    text = cli("validate", str(path), "--today", "2026-11-28")
    as_json = cli("validate", str(path), "--format", "json", "--today", "2026-11-28")
    for result in (text, as_json):
        assert result.exit_code == 1, result.stderr
        assert "erreur interne" not in result.stderr
        assert "Traceback" not in result.stdout + result.stderr
        assert "\x1b" not in result.stdout + result.stderr
    document = json.loads(as_json.stdout)
    (entry,) = document["files"]
    assert entry["valid"] is False
    assert entry["diagnostics"]
    assert "Bilan" in text.stdout
    return text.stdout, entry


@pytest.mark.parametrize("text", SHAPES.values(), ids=SHAPES.keys())
def test_hostile_shapes_as_offers(cli: Run, tmp_path: Path, text: str) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(text, encoding="utf-8")
    shown, _ = run_both(cli, path)
    assert f"{path}:" in shown


# Every field of the format, with what TOML can put there that Python cannot print.
FIELDS = [
    ("offer", "internship"),
    ("offer", "title"),
    ("offer", "description"),
    ("offer", "submitted"),
    ("offer", "start"),
    ("offer", "mission_kind"),
    ("host", "name"),
    ("host", "kind"),
    ("host", "population"),
    ("host", "city"),
    ("tutor", "position"),
    ("tutor", "email"),
    ("tutor", "phone"),
    ("host", "popluation"),  # unknown key, with a suggestion
]


@pytest.mark.parametrize("raw", [HUGE_HEX, "-" + "1" * 4_000, "nan", "-inf", "inf"])
@pytest.mark.parametrize(("table", "key"), FIELDS, ids=[f"{t}.{k}" for t, k in FIELDS])
def test_unprintable_numbers_in_every_field(
    cli: Run, tmp_path: Path, table: str, key: str, raw: str
) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(raw_value(table, key, raw), encoding="utf-8")
    tomli.loads(path.read_text(encoding="utf-8"))  # it does parse: the CLI must cope
    shown, entry = run_both(cli, path)
    fields = {d["field"] for d in entry["diagnostics"]}
    assert f"{table}.{key}" in fields
    # No message repeats thousands of digits.
    assert all(len(line) < 400 for line in shown.splitlines())


def test_huge_population_is_out_of_bounds_not_printed(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(raw_value("host", "population", HUGE_HEX), encoding="utf-8")
    _, entry = run_both(cli, path)
    (found,) = [d for d in entry["diagnostics"] if d["field"] == "host.population"]
    assert found["code"] == "S004"
    assert "démesuré" in found["message"]
    assert "100\u00a0000\u00a0000" in found["message"]  # typeset in JSON too


@pytest.mark.parametrize("raw", [HUGE_HEX, "nan", "[" + HUGE_HEX + "]", "{a = " + HUGE_HEX + "}"])
def test_hostile_values_in_collective_fields(cli: Run, tmp_path: Path, raw: str) -> None:
    path = tmp_path / "offre.toml"
    text = raw_value("collective_project", "fee_accepted", raw, "projet_collectif")
    path.write_text(text.replace("population = 67000", f"population = {raw}"), encoding="utf-8")
    _, entry = run_both(cli, path)
    fields = {d["field"] for d in entry["diagnostics"]}
    assert {"collective_project.fee_accepted", "host.population"} <= fields


def test_hex_in_a_list_of_tracks(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(raw_value("offer", "tracks", f"[{HUGE_HEX}, nan]"), encoding="utf-8")
    _, entry = run_both(cli, path)
    assert "offer.tracks" in {d["field"] for d in entry["diagnostics"]}


def test_latin1_offer_is_named(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_bytes(offer_text().encode("latin-1"))
    shown, entry = run_both(cli, path)
    assert entry["diagnostics"][0]["code"] == "F002"
    assert "Windows-1252" in shown


# --- The limits, at their boundary ------------------------------------------------------


def dotted(parts: int) -> str:
    return ".".join(["a"] * parts)


def test_key_parts_limit_boundary() -> None:
    at_limit = tomlsafe.parse("x.toml", f"{dotted(tomlsafe.MAX_KEY_PARTS)} = 1\n")
    assert at_limit  # parsed: 32 parts are allowed
    for text in (
        f"\n\n  {dotted(tomlsafe.MAX_KEY_PARTS + 1)} = 1\n",
        f'\n\n  "a" . {dotted(tomlsafe.MAX_KEY_PARTS)} = 1\n',
        f"\n\n  [{dotted(tomlsafe.MAX_KEY_PARTS + 1)}]\n",
        f"\n\n  x = {{ {dotted(tomlsafe.MAX_KEY_PARTS + 1)} = 1 }}\n",
    ):
        with pytest.raises(tomlsafe.TomlInputError) as caught:
            tomlsafe.parse("x.toml", text)
        assert caught.value.line == 3
        assert "32 parties" in caught.value.message


def test_prose_with_dots_is_not_a_key() -> None:
    text = 'x = """' + "Voir p. 3. " * 200 + "a.b.c.d " * 100 + "." * 500 + '"""\n'
    assert tomlsafe.parse("x.toml", text)["x"].startswith("Voir")


def test_size_cap_boundary(cli: Run, tmp_path: Path) -> None:
    base = offer_text()
    at_cap = tmp_path / "a.toml"
    at_cap.write_text(base + "#" * (tomlsafe.MAX_BYTES - len(base.encode()) - 1) + "\n")
    over = tmp_path / "b.toml"
    over.write_text(base + "#" * (tomlsafe.MAX_BYTES - len(base.encode())) + "\n")
    assert at_cap.stat().st_size == tomlsafe.MAX_BYTES
    result = cli("validate", str(at_cap), str(over), "--format", "json", "--today", "2026-11-28")
    files = json.loads(result.stdout)["files"]
    assert files[0]["valid"] is True
    assert files[1]["diagnostics"][0]["code"] == "F001"
    assert "trop gros" in files[1]["diagnostics"][0]["message"]
    assert "131\u00a0072 octets" in files[1]["diagnostics"][0]["message"]
    assert result.exit_code == 2  # docs/reference/README.md: a file that cannot be read


def test_thousands_of_problems_are_counted_not_detailed(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(offer_text() + "".join(f"[t{i}]\n" for i in range(3_000)), encoding="utf-8")
    shown, entry = run_both(cli, path)
    codes = [d["code"] for d in entry["diagnostics"]]
    assert codes.count("S003") == MAX_DETAILED
    assert codes.count("S007") == 1
    assert fr("2 950 autres erreurs") in shown


# --- Display hygiene ------------------------------------------------------------------------

HOSTILE_TEXT = "[link=x]l[/link] [/] :warning: \x1b]8;;x\x07 \u202e \x9b"


def test_file_text_in_messages_is_shown_literally(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    data = offer_data(host__kind=HOSTILE_TEXT, offer__internship="obs\x1b[2Jervation x")
    import tomli_w

    path.write_text(tomli_w.dumps(data), encoding="utf-8")
    result = cli("validate", str(path), "--today", "2026-11-28")
    assert result.exit_code == 1
    out = result.stdout
    assert "[link=x]l[/link] [/] :warning:" in out
    assert "⚠" not in out
    assert "\\x1b]8;;x\\x07" in out
    assert "\\u202e" in out and "\\x9b" in out
    for char in ("\x1b", "\x07", "\u202e", "\x9b"):
        assert fr(char) not in out
    as_json = cli("validate", str(path), "--format", "json", "--today", "2026-11-28")
    messages = " ".join(d["message"] for d in json.loads(as_json.stdout)["files"][0]["diagnostics"])
    assert "\x1b[2J" in messages  # JSON keeps the exact text (escaped by JSON itself)


@pytest.mark.parametrize(
    "name",
    [
        "\x1b[31mrouge.toml",
        "deux\nlignes.toml",
        "\u202eemos.toml",
        os.fsdecode(b"latin-\xe9.toml"),  # not UTF-8: a lone surrogate in Python
    ],
)
def test_file_names_are_escaped(cli: Run, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "offres"
    folder.mkdir()
    (folder / name).write_text(offer_text(host__kind="mairie"), encoding="utf-8")
    result = cli("validate", str(folder), "--today", "2026-11-28")
    assert result.exit_code == 1
    lines = [line for line in result.stdout.splitlines() if "H003" in line]
    assert len(lines) == 1  # one finding, one line: the name did not split it
    assert lines[0].startswith(str(folder))
    for char in ("\x1b", "\u202e"):
        assert fr(char) not in result.stdout
    as_json = cli("validate", str(folder), "--format", "json", "--today", "2026-11-28")
    assert json.loads(as_json.stdout)["files"][0]["path"] == str(folder / name)


def test_missing_path_with_escapes_is_one_line(cli: Run, tmp_path: Path) -> None:
    good = tmp_path / "ok.toml"
    good.write_text(offer_text(), encoding="utf-8")
    result = cli(
        "validate", str(tmp_path / "a\nb\x1b[31m.toml"), str(good), "--today", "2026-11-28"
    )
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1
    assert "\x1b" not in result.stderr
    assert re.search(r"a\\x0ab\\x1b\[31m\.toml\xa0: fichier ou dossier introuvable", result.stderr)
    assert "ok.toml: valide" in result.stdout  # the rest of the batch was checked


def test_lines_are_located_in_spaced_out_headers_and_keys() -> None:
    text = "[ offer ]\n  title   =  1\n[[ host . x ]]  # c\nx = [\n[" + " " * 5_000 + "\n1]]\n"
    lines = tomlsafe.locate_keys(text)
    assert lines["offer"] == 1
    assert lines["offer.title"] == 2
    assert lines["host.x"] == 3
    assert lines["host.x.x"] == 4


def test_a_huge_key_is_cut_in_text_and_whole_in_json(cli: Run, tmp_path: Path) -> None:
    path = tmp_path / "offre.toml"
    path.write_text(offer_text() + '"' + "k" * 50_000 + '" = 1\n', encoding="utf-8")
    shown, entry = run_both(cli, path)
    assert max(len(line) for line in shown.splitlines()) < 400
    assert "tutor." + "k" * 50_000 in {d["field"] for d in entry["diagnostics"]}


@pytest.mark.parametrize(
    ("text", "line", "column"),
    [
        ("a = 1\n\nx = " + "[" * 600 + "]" * 600 + "\n", 3, 5),
        ("a = 1\nx = [\n" + "[\n" * 500 + "]\n" * 500 + "]\n", 2, 5),
        ("a = 1\n  y = " + "{b = " * 600 + "1" + "}" * 600 + "\n", 2, 7),
        ("a = 1\nb = 2\nn = " + "9" * 5_000 + "\n", 3, 5),
    ],
    ids=["arrays", "arrays over lines", "inline tables", "digits"],
)
def test_parser_refusals_have_a_place(text: str, line: int, column: int) -> None:
    with pytest.raises(tomlsafe.TomlInputError) as caught:
        tomlsafe.parse("x.toml", text)
    assert (caught.value.line, caught.value.column) == (line, column)
