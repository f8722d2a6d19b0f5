"""What escaped a command is said in French, once, with its exit code (terminal.ending)."""

from __future__ import annotations

import errno

from inet_stages.errors import UserError
from inet_stages.terminal.ending import ending, internal_error


def test_a_refused_input_is_said_as_an_error_and_exits_2() -> None:
    said = ending(UserError("offre.toml : illisible"), "inet-stages validate")
    assert said == ("inet-stages\u00a0: erreur\u00a0: offre.toml\u00a0: illisible", 2)


def test_a_path_the_system_refused_is_named_in_french() -> None:
    said = ending(PermissionError(errno.EACCES, "Permission denied", "secret/"), "x")
    assert said is not None
    message, code = said
    assert code == 2
    assert message.startswith("inet-stages\u00a0: erreur\u00a0: secret/\u00a0: ")
    assert "Permission denied" not in message


def test_a_structure_too_deep_is_not_called_recursion() -> None:
    said = ending(RecursionError("maximum recursion depth exceeded"), "x")
    assert said is not None and "trop imbriquée" in said[0] and "ecursion" not in said[0]


def test_a_bug_of_ours_is_left_to_the_caller_and_said_without_traceback() -> None:
    assert ending(ZeroDivisionError("division by zero"), "x") is None
    text = internal_error(ZeroDivisionError("division by zero"))
    assert "erreur interne inattendue (ZeroDivisionError: division by zero)" in text
    assert "INET_STAGES_DEBUG=1" in text
