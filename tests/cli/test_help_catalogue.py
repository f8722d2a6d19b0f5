"""The catalogue of help texts (``cli/aide.toml``) and the commands agree, both ways."""

from __future__ import annotations

import re
from typing import Any

import pytest
import typer
import typer.main

from inet_stages.cli import make_app
from inet_stages.terminal.help_fr import ROOT, fill, param_key, texts
from tests.conftest import Run, fr


def _commands() -> dict[str, Any]:
    """Every command of the whole app by its path below the root (the root is "")."""
    root = typer.main.get_command(make_app())
    found: dict[str, Any] = {}

    def walk(command: Any, path: str, ctx: Any) -> None:
        found[path] = command
        if hasattr(command, "list_commands"):
            for name in command.list_commands(ctx):
                sub = command.get_command(ctx, name)
                walk(sub, f"{path} {name}".strip(), typer.Context(sub, parent=ctx, info_name=name))

    walk(root, "", typer.Context(root, info_name=ROOT))
    return found


COMMANDS = _commands()


@pytest.mark.parametrize("path", sorted(COMMANDS))
def test_every_command_and_parameter_has_its_french_help(path: str) -> None:
    command = COMMANDS[path]
    fill(command, path)
    assert command.help and command.help == texts()[path or ROOT]["aide"]
    for param in command.params:
        assert param.help, f"{path or ROOT} {param_key(param)} : aucune aide"


def test_the_catalogue_names_only_what_exists() -> None:
    catalogue = texts()
    used: set[str] = set()
    for path, entry in catalogue.items():
        if path == "options":
            continue
        command = COMMANDS.get("" if path == ROOT else path)
        assert command is not None, f"[{path}] : aucune commande de ce nom"
        keys = {param_key(p) for p in command.params}
        used |= keys
        assert set(entry) <= {"aide", "options"}, path
        stale = set(entry.get("options", {})) - keys
        assert not stale, f"[{path}] : options inconnues {stale}"
    assert set(catalogue["options"]) <= used


def test_a_command_own_text_wins_over_the_shared_one(cli: Run) -> None:
    # deadlines' --today does not choose a calendar: its own help says less.
    shared = texts()["options"]["--today"]
    own = texts()["deadlines"]["options"]["--today"]
    assert own != shared
    # Unwrapped on ASCII white space only: the non-breaking spaces are part of the text.
    page = " ".join(re.split(r"[ \n]+", cli("deadlines", "--help").stdout))
    assert fr(own) in page
    assert fr(shared) not in page


def test_subcommands_are_listed_by_their_first_sentence_in_completion(
    cli: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("_INET_STAGES_COMPLETE", "complete_zsh")
    monkeypatch.setenv("_TYPER_COMPLETE_ARGS", "inet-stages calendar ")
    result = cli()
    assert result.exit_code == 0, result.stderr
    assert "Vérifie un calendrier comme un correcteur" in result.stdout
