"""Word slips: each explained (what was typed, what to type, line and column), the rest still checked."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import tomli
from hypothesis import given, settings
from hypothesis import strategies as st

from inet_stages.findings import CODES
from inet_stages.offer.fix import fix_text
from inet_stages.offer.reader import read_offer
from inet_stages.offer.slips import read_date, recover_text
from inet_stages.rules import Context, check_offer
from tests.offer_factory import CALENDAR, TODAY, offer_text


def findings(tmp_path: Path, text: str) -> list[tuple[str, int | None, str, str | None]]:
    path = tmp_path / "offre.toml"
    path.write_text(text, encoding="utf-8")
    result = read_offer(path, CALENDAR, name="offre.toml")
    found = list(result.findings)
    if result.offer is not None:
        found.extend(check_offer(result.offer, Context(calendar=CALENDAR, today=TODAY)))
    return [(f.code, f.line, f.message, f.field) for f in found]


def base() -> str:
    """A valid offer but late (D002: a rule finds it only when the file was read to the end)."""
    return offer_text(offer__submitted="2026-03-02")


def line_of(text: str, start: str) -> int:
    return 1 + next(i for i, line in enumerate(text.splitlines()) if line.startswith(start))


def replace_line(text: str, start: str, new: str) -> str:
    lines = text.splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith(start))
    lines[index] = new
    return "\n".join(lines) + "\n"


SLIPS = [
    (
        "curly quotes",
        "title =",
        "title = “Diagnostic de l’absentéisme”",
        "F005",
        'guillemets typographiques “…” : tapez des guillemets droits "…" (ligne {line}, colonne 9)',
        "offer.title",
    ),
    (
        "French guillemets",
        "title =",
        "title = «\u00a0Diagnostic\u00a0»",
        "F005",
        'guillemets typographiques «…» : tapez des guillemets droits "…" (ligne {line}, colonne 9)',
        "offer.title",
    ),
    (
        "single curly quotes",
        "title =",
        "title = ‘Plan d’action’",
        "F005",
        "guillemets typographiques ‘…’",
        "offer.title",
    ),
    (
        "German quotes",
        "title =",
        "title = „Diagnostic“",
        "F005",
        "guillemets typographiques „…“",
        "offer.title",
    ),
    (
        "curly quotes in a list",
        '    "administrateurs"',
        "    “administrateurs”,",
        "F005",
        "guillemets typographiques “…” : tapez des guillemets droits",
        "offer.tracks",
    ),
    (
        "straight then curly",
        "title =",
        'title = "Diagnostic”',
        "F005",
        'guillemet typographique ” pour fermer le texte : tapez un guillemet droit "',
        "offer.title",
    ),
    (
        "French date, unquoted",
        "submitted =",
        "submitted = 02/03/2026",
        "D007",
        "date 02/03/2026 : écrivez 2026-03-02 (l'année, le mois, puis le jour)"
        " (ligne {line}, colonne 13)",
        "offer.submitted",
    ),
    (
        "French date, quoted",
        "submitted =",
        'submitted = "02/03/2026"',
        "D007",
        "date 02/03/2026 : écrivez 2026-03-02",
        "offer.submitted",
    ),
    (
        "loose ISO date, unquoted",
        "submitted =",
        "submitted = 2026-3-2",
        "D008",
        "date 2026-3-2 : écrivez 2026-03-02 (AAAA-MM-JJ, deux chiffres au mois et au jour)",
        "offer.submitted",
    ),
    (
        "loose ISO date, quoted",
        "submitted =",
        'submitted = "2026/03/02"',
        "D008",
        "date 2026/03/02 : écrivez 2026-03-02",
        "offer.submitted",
    ),
    (
        "non-breaking space before =",
        "title =",
        'title\u00a0= "Diagnostic"',
        "F006",
        "espace insécable (U+00A0) hors des guillemets : tapez une espace ordinaire"
        " (ligne {line}, colonne 6)",
        "offer.title",
    ),
    (
        "narrow non-breaking space after =",
        "title =",
        'title =\u202f"Diagnostic"',
        "F006",
        "espace fine insécable (U+202F) hors des guillemets",
        "offer.title",
    ),
    (
        "number with a non-breaking space",
        "population =",
        "population = 67\u202f000",
        "F007",
        "nombre écrit avec des espaces « 67 000 » : écrivez 67000, sans espace",
        "host.population",
    ),
    (
        "number with a tab",
        "population =",
        "population = 67\t000",
        "F007",
        "écrivez 67000",
        "host.population",
    ),
    (
        "spaces around the address",
        "email =",
        'email = " camille.martin@example.fr\u00a0"',
        "F008",
        "espaces autour de l'adresse « camille.martin@example.fr » : tapez "
        '"camille.martin@example.fr", sans espace entre les guillemets (ligne {line}, colonne 10)',
        "tutor.email",
    ),
]


@pytest.mark.parametrize(
    ("start", "typed", "code", "message", "field"),
    [case[1:] for case in SLIPS],
    ids=[case[0] for case in SLIPS],
)
def test_each_slip_is_explained_and_the_rest_still_checked(
    tmp_path: Path, start: str, typed: str, code: str, message: str, field: str
) -> None:
    text = replace_line(base(), start, typed)
    text = text.replace("[host]\n", "[host]\nkidn = 1\n", 1)  # a second, unrelated problem
    line = line_of(text, typed[:8])
    found = findings(tmp_path, text)
    slips = [f for f in found if f[0] == code]
    assert len(slips) == 1, found
    assert slips[0][1] == line
    assert message.format(line=line) in slips[0][2]
    assert slips[0][3] == field
    # The rest of the file was read: the unknown key, at its own line, and the
    # late submission (D002), which only a rule on the whole offer finds.
    assert ("S003", line_of(text, "kidn")) in {(f[0], f[1]) for f in found}
    assert "D002" in {f[0] for f in found}
    assert "F004" not in {f[0] for f in found}


def test_every_slip_of_a_file_at_once(tmp_path: Path) -> None:
    text = base()
    for start, typed in [
        ("title =", "title = « Diagnostic »"),
        ("submitted =", "submitted = 02/03/2026"),
        ("population =", "population = 67 000"),
        ("email =", 'email = "camille.martin@example.fr "'),
        ('name = "Ville', "name = “Ville de Colmar”"),
    ]:
        text = replace_line(text, start, typed)
    found = findings(tmp_path, text)
    assert [f[0] for f in found if f[0] in ("F005", "D007", "F007", "F008")] == [
        "F005",
        "D007",
        "F005",
        "F007",
        "F008",
    ]
    assert "D002" in {f[0] for f in found}


def test_recovery_that_fails_leaves_f004_with_the_slips(tmp_path: Path) -> None:
    text = replace_line(base(), "title =", "title = “Diagnostic”")
    text = text.replace("[host]\n", "[host]\nname = \n", 1)
    found = findings(tmp_path, text)
    assert [f[0] for f in found] == ["F005", "F004"]
    assert found[1][1] == line_of(text, "name = \n".strip())


def test_a_date_in_another_order_is_proposed_not_applied(tmp_path: Path) -> None:
    # FOUND 4: 02/28/2026 is no date day first, but 28 February 2026 month first.
    text = replace_line(base(), "submitted =", 'submitted = "02/28/2026"')
    (found,) = [f for f in findings(tmp_path, text) if f[0] == "D001"]
    assert "« 02/28/2026 »" in found[2]
    assert "si c'est le 28 février 2026, écrivez 2026-02-28" in found[2]
    # Unquoted, the same explanation (read as a text in memory).
    text = replace_line(base(), "submitted =", "submitted = 2026-28-02")
    (found,) = [f for f in findings(tmp_path, text) if f[0] == "D001"]
    assert "écrivez 2026-02-28" in found[2]


def test_impossible_date_keeps_the_plain_hint(tmp_path: Path) -> None:
    text = replace_line(base(), "submitted =", "submitted = 31/02/2026")
    found = findings(tmp_path, text)
    (date,) = [f for f in found if f[0] == "D001"]
    assert "par exemple 2026-02-10" in date[2]
    assert "F004" not in {f[0] for f in found}


@pytest.mark.parametrize(
    ("typed", "kind", "iso"),
    [
        ("03/04/2026", "french", "2026-04-03"),  # FOUND 4: day first, as in France
        ("3.4.2026", "french", "2026-04-03"),
        ("2026-1-28", "loose", "2026-01-28"),
        ("2026/01/28", "loose", "2026-01-28"),
        ("02/28/2026", "other", "2026-02-28"),
        ("2026-28-01", "other", "2026-01-28"),
    ],
)
def test_date_readings(typed: str, kind: str, iso: str) -> None:
    reading = read_date(typed)
    assert reading is not None
    assert (reading.kind, reading.value.isoformat()) == (kind, iso)


@pytest.mark.parametrize("typed", ["2026-01-28", "31/02/2026", "10 février 2026", "1/2/3"])
def test_no_reading(typed: str) -> None:
    assert read_date(typed) is None


def test_slips_inside_strings_are_left_alone() -> None:
    text = (
        'title = "Le projet « Cœur de ville »"\n'
        'description = """\ntitle = “pas une clé”\nsubmitted = 10/02/2026\n"""\n'
        "x = 1\u00a0\n"
    )
    recovered = recover_text(text)
    assert [(s.code, s.line) for s in recovered.slips] == [("F006", 6)]
    assert recovered.text.count("\n") == text.count("\n")
    assert "“pas une clé”" in recovered.text


def test_windows_line_endings_are_kept() -> None:
    recovered = recover_text("title = “x”\r\nsubmitted = 10/02/2026\r\n")
    assert recovered.text == 'title = "x"\r\nsubmitted = 2026-02-10\r\n'


DOC_EXAMPLES = {
    "F005": ("title =", "title = « Diagnostic de l'absentéisme »"),
    "F006": ("title =", 'title\u00a0= "Diagnostic"'),
    "F007": ("population =", "population = 67 000"),
    "F008": ("email =", 'email = " camille.martin@example.fr "'),
    "F009": ("city =", 'city = "Colmar"\n\n[collective_project]\nfee_accepted = "oui"'),
    "D007": ("submitted =", "submitted = 10/02/2026"),
    "D008": ("submitted =", 'start = "2026-5-26"\nsubmitted = 2026-02-10'),
    "D001": ("submitted =", 'submitted = "02/28/2026"'),
}


def _without_place(message: str) -> str:
    return re.sub(r" \(ligne \d+, colonne \d+\)", "", message)


@pytest.mark.parametrize("code", list(DOC_EXAMPLES))
def test_documentation_examples_are_the_real_messages(code: str, tmp_path: Path) -> None:
    start, typed = DOC_EXAMPLES[code]
    doc = " ".join(CODES[code].doc.split("donne", 1)[1].split())
    documented = doc.split(f" {code} ", 1)[1].rsplit(" [", 1)[0].removeprefix("(erreur) ")
    (real,) = [f for f in findings(tmp_path, replace_line(base(), start, typed)) if f[0] == code]
    assert _without_place(real[2]) == _without_place(documented)


def test_thousands_of_slips_are_counted_not_listed(tmp_path: Path) -> None:
    text = base() + "[extra]\n" + "".join(f"k{i} = “x”\n" for i in range(60))
    found = findings(tmp_path, text)
    slips = [f for f in found if f[0] == "F005"]
    assert len(slips) == 51
    assert "10 autres fautes de frappe du même genre" in slips[-1][2]


PIECES = st.sampled_from(
    [
        "[offer]\n",
        "title = ",
        "“",
        "”",
        "«",
        "»",
        "‘",
        "’",
        '"',
        "'",
        '"""',
        "\u00a0",
        "\u202f",
        "\u200b",
        "\t",
        " ",
        "\n",
        "\r\n",
        "#",
        "[",
        "]",
        ",",
        "{",
        "}",
        "=",
        "10/02/2026",
        "2026-1-2",
        "67 000",
        "x",
        "\\",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_recovery_never_crashes_and_keeps_the_lines(text: str) -> None:
    recovered = recover_text(text)
    assert recovered.text.count("\n") == text.count("\n")
    for slip in recovered.slips:
        assert 1 <= slip.line <= text.count("\n") + 1
        assert slip.column >= 1
    fixed = fix_text(text)
    assert fixed.text.count("\n") == text.count("\n")
    try:
        tomli.loads(text)
    except tomli.TOMLDecodeError:
        return
    # A document that parsed still parses after fixing.
    tomli.loads(fixed.text)
