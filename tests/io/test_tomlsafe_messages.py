"""tomli's parser messages reach hosts in French, with the table named the TOML way."""

from __future__ import annotations

import pytest

from inet_stages.io.tomlsafe import TomlInputError, parse


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a = 1 b = 2\n", "fin de ligne attendue après une instruction"),
        ("[a.b]\nx = 1\n[a.b]\ny = 2\n", "la table [a.b] est déclarée deux fois"),
        ("a = { b = 1, b = 2 }\n", "clé 'b' répétée dans la table en ligne"),
        ("a = [1, 2\n", "tableau non fermé"),
        ('a = "\\uZZZZ"\n', "valeur hexadécimale invalide"),
        ("[a\n", "']' attendu à la fin de la déclaration de table"),
        ("a = {b = 1}\na.c = 2\n", "la table a est déjà complète"),
    ],
)
def test_parser_messages_are_french(text: str, expected: str) -> None:
    with pytest.raises(TomlInputError) as caught:
        parse("offre.toml", text)
    assert expected in caught.value.message
    assert caught.value.message.startswith("TOML invalide : ")
    assert caught.value.line is not None
