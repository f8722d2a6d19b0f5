"""French typography: :func:`inet_stages.text.frtypo.typeset`, one table of cases."""

from __future__ import annotations

import pytest

from inet_stages.text.frtypo import NBSP, NNBSP, typeset
from tests.french import plain_spaces_left

N = NBSP

CASES = [
    # Before « : ; ! ? »
    ("Attention : brouillon", f"Attention{N}: brouillon"),
    ("un ; deux", f"un{N}; deux"),
    ("Vraiment ?", f"Vraiment{N}?"),
    ("Bravo !", f"Bravo{N}!"),
    ("Quoi ?!", f"Quoi{N}?!"),
    ("fin :\nsuite", f"fin{N}:\nsuite"),
    ("deux  espaces  :", f"deux  espaces{N}:"),
    (f"déjà{NNBSP}; fin", f"déjà{N}; fin"),
    # Left alone: no space before the mark, or code after it.
    ("https://inet.cnfpt.fr/stages", "https://inet.cnfpt.fr/stages"),
    ("mailto:stages.inet@cnfpt.fr", "mailto:stages.inet@cnfpt.fr"),
    ("à 10:30 précises", "à 10:30 précises"),
    ("key = value", "key = value"),
    ("x ?= y", "x ?= y"),
    ("a !b", "a !b"),
    ("C:\\offres", "C:\\offres"),
    ("\n: début de ligne", "\n: début de ligne"),
    # Guillemets
    ("« retenue »", f"«{N}retenue{N}»"),
    ("«retenue»", f"«{N}retenue{N}»"),
    ("« : »", f"«{N}:{N}»"),
    ("le mot « x » et « y ».", f"le mot «{N}x{N}» et «{N}y{N}»."),
    # Digit groups
    ("40 000 habitants", f"40{N}000{N}habitants"),
    ("1 234 567", f"1{N}234{N}567"),
    ("4 000 €", f"4{N}000{N}€"),
    ("en 2026 123 offres", f"en 2026 123{N}offres"),
    ("12 345,50 €", f"12{N}345,50{N}€"),
    ("2026-11-28", "2026-11-28"),
    # Number and unit
    ("30 %", f"30{N}%"),
    ("4 semaines", f"4{N}semaines"),
    ("3 mois", f"3{N}mois"),
    ("10 h 30", f"10{N}h{N}30"),
    ("3 hôtes", "3 hôtes"),
    ("n° 12", f"n°{N}12"),
    # Dates
    ("le 24 novembre 2025", f"le 24{N}novembre{N}2025"),
    ("lundi 1er février 2027", f"lundi 1er{N}février{N}2027"),
    ("24 nov. 2025", f"24{N}nov.{N}2025"),
    ("Strasbourg, le samedi 28 novembre 2026", f"Strasbourg, le samedi 28{N}novembre{N}2026"),
    ("mars 2026", f"mars{N}2026"),
    # Telephone
    ("au 03 88 15 53 69.", f"au 03{N}88{N}15{N}53{N}69."),
    # Nothing to do
    ("", ""),
    ("Bonjour", "Bonjour"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_typeset(text: str, expected: str) -> None:
    assert typeset(text) == expected


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_typeset_is_idempotent(text: str, expected: str) -> None:
    assert typeset(typeset(text)) == typeset(text)


def test_typeset_keeps_length_outside_guillemets() -> None:
    text = "Attention : 40 000 habitants le 24 novembre 2025 ; 4 000 € !"
    assert len(typeset(text)) == len(text)


@pytest.mark.parametrize(
    "text",
    ["a : b", "« x", "x »", "fin ?", "un ; deux", "x !"],
)
def test_plain_spaces_left_finds_each_fault(text: str) -> None:
    assert plain_spaces_left(text)
    assert not plain_spaces_left(typeset(text))


def test_plain_spaces_left_accepts_code() -> None:
    assert plain_spaces_left("https://x.fr 10:30 key = value x ?= y") == []


def test_typeset_html_leaves_markup_alone() -> None:
    from inet_stages.text.frtypo import typeset_html

    page = (
        "<style>a { color : red; }</style>"
        '<p class="x" title="Seuil : 40 000">Seuil : « 40 000 » habitants</p>'
        "<script>if (a ? b : c) {}</script>"
    )
    assert typeset_html(page) == (
        "<style>a { color : red; }</style>"
        f'<p class="x" title="Seuil{N}: 40{N}000">Seuil{N}: «{N}40{N}000{N}» habitants</p>'
        "<script>if (a ? b : c) {}</script>"
    )
