"""Shell completion: scripts for bash, zsh and fish, the env-var protocol, French help."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import Run, fr


@pytest.mark.parametrize(
    ("shell", "marker"),
    [
        ("bash", "complete -o default -F _inet_stages_completion inet-stages"),
        ("zsh", "#compdef inet-stages"),
        ("fish", "complete --command inet-stages"),
    ],
)
def test_show_completion_prints_the_script(cli: Run, shell: str, marker: str) -> None:
    result = cli("--show-completion", shell)
    assert result.exit_code == 0, result.stderr
    assert fr(marker) in result.stdout
    assert f"_INET_STAGES_COMPLETE=complete_{shell}" in result.stdout
    assert result.stderr == ""


def test_unsupported_shell_is_refused_in_french(cli: Run) -> None:
    result = cli("--show-completion", "tcsh")
    assert result.exit_code == 2
    assert "« tcsh »" in result.stderr.replace("\u00a0", " ")
    assert "bash, zsh ou fish" in result.stderr
    assert "not supported" not in result.stderr


def _complete(cli: Run, monkeypatch: pytest.MonkeyPatch, words: str, var: str) -> list[str]:
    monkeypatch.setenv("_INET_STAGES_COMPLETE", var)
    monkeypatch.setenv("COMP_WORDS", words)
    monkeypatch.setenv("COMP_CWORD", str(len(words.split(" ")) - 1))
    result = cli()
    assert result.exit_code == 0, result.stderr
    return result.stdout.split()


def test_command_names_complete(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _complete(cli, monkeypatch, "inet-stages dead", "complete_bash") == ["deadlines"]
    every = _complete(cli, monkeypatch, "inet-stages ", "complete_bash")
    assert {"deadlines", "validate", "template", "export", "report"} <= set(every)


def test_options_of_a_command_complete(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    assert "--today" in _complete(cli, monkeypatch, "inet-stages deadlines --to", "complete_bash")


def test_click_order_of_the_instruction_is_accepted(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert _complete(cli, monkeypatch, "inet-stages temp", "bash_complete") == ["template"]


def test_unknown_instruction_is_refused_in_french(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("_INET_STAGES_COMPLETE", "bash_source_x")
    result = cli()
    assert result.exit_code == 2
    assert "demande de complétion non comprise" in result.stderr
    assert "not supported" not in result.stderr


def test_install_completion_for_fish(
    cli: Run, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    result = cli("--install-completion", "fish")
    assert result.exit_code == 0, result.stderr
    script = tmp_path / ".config" / "fish" / "completions" / "inet-stages.fish"
    assert "_INET_STAGES_COMPLETE=complete_fish" in script.read_text(encoding="utf-8")
    assert "Complétion fish installée" in result.stdout
    assert "nouveau terminal" in result.stdout


def test_root_help_lists_the_options_in_french(cli: Run) -> None:
    result = cli("--help")
    assert "--install-completion" in result.stdout
    assert "--show-completion" in result.stdout
    assert "Affiche le script de complétion" in result.stdout
    assert "Install completion" not in result.stdout


def test_option_after_a_command_is_not_taken_for_completion(cli: Run) -> None:
    result = cli("deadlines", "--show-completion", "bash")
    assert result.exit_code == 2
    assert "complete -o default" not in result.stdout


DEADLINES = ("deadlines", "--today", "2026-11-28")


def test_an_ordinary_run_does_not_load_completion(tmp_path: Path) -> None:
    # Start-up (BENCHMARKS.md): nothing of the completion is imported by a command.
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "inet_stages", *DEADLINES],
        capture_output=True,
        text=True,
        check=False,
        env={"NO_COLOR": "1", "COLUMNS": "80", "INET_STAGES_HOME": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr[-500:]
    imported = {line.split("|")[-1].strip() for line in result.stderr.splitlines()}
    assert "inet_stages.cli" in imported
    assert "inet_stages.terminal.completion" not in imported


def test_descriptions_are_plain_text_on_one_line(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    """zsh lists each option with its help: as written (« [columns] » kept), on one line."""
    monkeypatch.setenv("_INET_STAGES_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "inet-stages import --ma")
    result = cli()
    assert result.exit_code == 0, result.stderr
    assert "table [columns]" in result.stdout
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "inet-stages deadlines --to")
    result = cli()
    assert "la date locale" in result.stdout.replace("\u00a0", " ")
    assert len(result.stdout.strip().splitlines()) == 1
