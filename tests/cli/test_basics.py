"""The root command: version, help, usage errors in French."""

from __future__ import annotations

import pytest

from inet_stages import __version__
from tests.conftest import REPO, Run, fr

EVERY_HELP = [
    (),
    ("deadlines",),
    ("calendar",),
    ("calendar", "check"),
    ("calendar", "roll"),
    ("calendar", "diff"),
    ("validate",),
    ("fix",),
    ("rules",),
    ("template",),
    ("schema",),
    ("schema", "offer"),
    ("export",),
    ("export", "ics"),
    ("export", "html"),
    ("export", "csv"),
    ("report",),
]


def test_version(cli: Run) -> None:
    result = cli("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"inet-stages {__version__}"


def test_help_lists_the_commands(cli: Run) -> None:
    result = cli("--help")
    assert result.exit_code == 0
    # Only the « Commandes » section: the --calendar option names the word too.
    section = str(result.stdout).split("Commandes\u00a0:", 1)[1]
    listed = {line.split()[0] for line in section.splitlines() if line.startswith("  ")}
    expected = {
        "deadlines",
        "validate",
        "rules",
        "template",
        "report",
        "calendar",
        "schema",
        "export",
    }
    assert expected <= listed


def test_unknown_option_is_a_french_usage_error(cli: Run) -> None:
    result = cli("calendar", "--bogus")
    assert result.exit_code == 2
    assert "option inconnue" in result.stderr
    assert "Traceback" not in result.stderr


def test_group_without_command_shows_its_help(cli: Run) -> None:
    result = cli("export")
    assert result.exit_code == 2
    assert fr("Usage : inet-stages export") in result.stderr
    assert "erreur" not in result.stderr
    assert fr("Options :") in result.stderr


def test_option_without_value(cli: Run) -> None:
    result = cli("calendar", "--track")
    assert result.exit_code == 2
    assert "L'option --track attend une valeur" in result.stderr


def test_option_without_value_points_to_the_help_of_the_command(cli: Run) -> None:
    result = cli("deadlines", "--track")
    assert result.exit_code == 2
    assert fr("Voir « inet-stages deadlines --help ».") in result.stderr


def test_only_the_requested_command_is_built() -> None:
    from inet_stages.cli import make_app, requested_command

    assert requested_command(["--calendar", "deadlines", "calendar", "-t", "x"]) == "calendar"
    assert requested_command(["--version"]) is None
    names = {c.name for c in make_app(["deadlines"]).registered_commands}
    assert names == {"deadlines"}
    everything = make_app()
    assert {g.name for g in everything.registered_groups} >= {"calendar", "export"}


@pytest.mark.parametrize("command", EVERY_HELP, ids=lambda c: " ".join(c) or "root")
def test_every_help_is_french_and_has_an_example(cli: Run, command: tuple[str, ...]) -> None:
    result = cli(*command, "--help")
    assert result.exit_code == 0
    page = result.stdout
    assert page.startswith(fr(f"Usage : inet-stages {' '.join(command)}".replace("  ", " ")))
    assert "Affiche cette aide et quitte." in page
    assert "Exemple" in page or command == ()
    for english in ("Show this message", "Usage:", "Options:", "Commands:", "Arguments:"):
        assert fr(english) not in page
    for english in ("[default:", "[required]", "env var"):
        assert fr(english) not in page
    assert max(len(line) for line in page.splitlines()) <= 80


@pytest.mark.parametrize(
    ("args", "french"),
    [
        (("export", "csv", "-o", "."), "est un dossier"),
        (
            ("deadlines", "--trak", "x"),
            "option inconnue : --trak (Vouliez-vous dire « --track » ?)",
        ),
        (("deadline",), "commande inconnue « deadline ». Vouliez-vous dire « deadlines » ?"),
        (("import", "x.csv"), "option manquante : --output (-o)."),
        (("deadlines", "--all=3"), "ne prend pas de valeur"),
        (("rules", "A", "B"), "argument(s) en trop (B)"),
    ],
)
def test_usage_errors_speak_french(cli: Run, args: tuple[str, ...], french: str) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert fr(french) in result.stderr
    for english in ("File ", "Possible options", "does not take", "extra argument", "(s)s"):
        assert english not in result.stderr
    assert "'-" not in result.stderr  # click's straight quotes around an option


def test_an_unknown_option_far_from_every_other_gets_no_suggestion(cli: Run) -> None:
    result = cli("deadlines", "--zone", "3")
    assert result.exit_code == 2
    assert fr("option inconnue : --zone\n") in result.stderr
    assert "Vouliez-vous" not in result.stderr


def test_notes_of_an_option_are_separated_the_french_way(cli: Run) -> None:
    page = cli("call", "--help").stdout
    assert "[défaut\u00a0: 14\u00a0; entre 0 et 3660]" in " ".join(page.split(" "))


@pytest.mark.parametrize(
    "args",
    [
        ("calendar", "check", "absent.toml"),
        ("--calendar", "absent.toml", "deadlines"),
        ("calendar", "diff", "absent.toml", "2026-2027"),
    ],
)
def test_a_missing_toml_file_is_said_as_a_sentence(cli: Run, args: tuple[str, ...]) -> None:
    result = cli(*args)
    assert result.exit_code == 2
    assert fr("absent.toml : fichier introuvable.") in result.stderr
    assert "absent.toml:" not in result.stderr


@pytest.mark.parametrize(
    ("command", "word"),
    [
        (("validate", str(REPO / "examples" / "colmar-thematique.toml")), "texte"),
        (("validate", str(REPO / "examples" / "colmar-thematique.toml")), "table"),
        (("deadlines",), "text"),
        (("deadlines",), "Texte"),
        (("calendar",), "tableau"),
    ],
)
def test_every_name_of_the_text_form_is_accepted(
    cli: Run, command: tuple[str, ...], word: str
) -> None:
    result = cli(*command, "--format", word, "--today", "2026-02-10")
    assert result.exit_code in (0, 1), result.stderr
    assert result.stdout.strip() and not result.stdout.lstrip().startswith("{")
