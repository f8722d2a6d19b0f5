"""Her templates and texts bounded: a loop or a text without end stops on a counter with a
French message naming the template; textes.toml read by the safe reader; numbers from cells
bounded before int()."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from inet_stages.report import sandbox
from inet_stages.report.sandbox import TemplateBudget, environment, render_bounded
from tests.conftest import REPO, Run
from tests.offer_factory import offer_text

CONTACTS = REPO / "tests" / "data" / "contacts.csv"
ENDLESS = [
    "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{% set s = 'x' * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 10 ** 100000000 }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{% for i in range(99999) %}{{ 'y' * 99999 }}{% endfor %}",
]


@pytest.mark.parametrize("template", ENDLESS)
def test_endless_templates_stop_on_a_counter(template: str) -> None:
    env = environment([str(REPO)])
    with pytest.raises(TemplateBudget):
        render_bounded(env, template, {}, text=True)
    assert env.counter.steps <= sandbox.MAX_STEPS + 1


def test_a_usual_template_is_untouched() -> None:
    env = environment([str(REPO)])
    text = render_bounded(
        env,
        "{% for a in l %}{{ a.b }},{% endfor %}{{ range(3)|list }}",
        {"l": [{"b": 1}, {"b": 2}]},
        text=True,
    )
    assert text == "1,2,[0, 1, 2]"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "home"
    (folder / "lettres").mkdir(parents=True)
    monkeypatch.setenv("INET_STAGES_HOME", str(folder))
    return folder


def _offers(tmp_path: Path) -> Path:
    offers = tmp_path / "offres"
    offers.mkdir()
    (offers / "colmar.toml").write_text(offer_text(), encoding="utf-8")
    return offers


def test_an_endless_letter_template_is_named(cli: Run, tmp_path: Path, home: Path) -> None:
    template = home / "lettres" / "lettre.j2"
    template.write_text(ENDLESS[1], encoding="utf-8")
    result = cli("report", str(_offers(tmp_path)), "--today", "2026-01-20", "--letters",
                 str(tmp_path / "l"))  # fmt: skip
    assert result.exit_code == 2
    assert str(template) in result.stderr or "lettre.j2" in result.stderr
    assert "trop d'étapes" in result.stderr
    assert not (tmp_path / "l").exists() or not list((tmp_path / "l").iterdir())


def test_an_endless_call_template_is_named(cli: Run, tmp_path: Path, home: Path) -> None:
    (home / "lettres" / "appel.j2").write_text(ENDLESS[5], encoding="utf-8")
    result = cli("call", "--contacts", str(CONTACTS), "-o", str(tmp_path / "a"), "--today",
                 "2025-10-01")  # fmt: skip
    assert result.exit_code == 2
    assert "appel.j2" in result.stderr and "trop profonds" in result.stderr
    assert "Recursion" not in result.stderr


def test_a_20000_deep_textes_toml_is_a_french_error(cli: Run, tmp_path: Path, home: Path) -> None:
    texts = home / "lettres" / "textes.toml"
    texts.write_text("[T001]\ntexte = " + "[" * 20_000 + "]" * 20_000 + "\n", encoding="utf-8")
    result = cli("report", str(_offers(tmp_path)), "--today", "2026-01-20", "--letters",
                 str(tmp_path / "l"))  # fmt: skip
    assert result.exit_code == 2
    assert "textes.toml" in result.stderr
    assert "interne" not in result.stderr and "Recursion" not in result.stderr


def test_a_4400_digit_population_is_refused_in_french(cli: Run, tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    lines = CONTACTS.read_text(encoding="utf-8").splitlines()
    lines[1] = lines[1].replace("105 000", "9" * 4400)
    contacts.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = cli("call", "--contacts", str(contacts), "-o", str(tmp_path / "a"), "--today",
                 "2025-10-01")  # fmt: skip
    assert result.exit_code == 1, result.stderr
    assert "invraisemblable" in result.stdout
    assert "interne" not in result.stderr

    source = tmp_path / "offres.csv"
    source.write_text(
        "Structure;Stage;Intitulé;Habitants\nVille de Colmar;Stage thématique;Finances;"
        + "9" * 4400
        + "\n",
        encoding="utf-8",
    )
    imported = cli("import", str(source), "-o", str(tmp_path / "o"), "--today", "2025-10-01")
    assert "interne" not in imported.stderr
    assert "invraisemblable" in imported.stdout + imported.stderr


def test_a_csv_field_past_the_limit_is_said_in_french(cli: Run, tmp_path: Path) -> None:
    contacts = tmp_path / "contacts.csv"
    contacts.write_text("Nom;Courriel\n" + '"' + "x" * 200_000 + '";a@b.fr\n', encoding="utf-8")
    result = cli("call", "--contacts", str(contacts), "-o", str(tmp_path / "a"), "--today",
                 "2025-10-01")  # fmt: skip
    assert result.exit_code == 2
    assert "field" not in result.stderr and "champ" in result.stderr


@pytest.mark.skipif(shutil.which("prlimit") is None, reason="util-linux prlimit")
def test_a_template_writing_without_end_stays_within_a_gigabyte(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "lettres").mkdir(parents=True)
    (home / "lettres" / "lettre.j2").write_text(ENDLESS[6], encoding="utf-8")
    env = {**os.environ, "NO_COLOR": "1", "INET_STAGES_HOME": str(home)}
    env.pop("INET_STAGES_CALENDAR", None)
    result = subprocess.run(
        ["prlimit", "--as=1000000000", sys.executable, "-m", "inet_stages", "report",
         str(_offers(tmp_path)), "--today", "2026-01-20", "--letters", str(tmp_path / "l")],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    assert "lettre.j2" in result.stderr and "texte démesuré" in result.stderr
    assert "MemoryError" not in result.stderr
