"""The students file: columns by synonyms, one problem per bad cell, the other rows kept."""

from __future__ import annotations

from inet_stages.assign.models import Place
from inet_stages.assign.students import parse_students
from inet_stages.io.tabular import Table, TableRow

TRACKS = ("administrateurs", "conservateurs", "ingenieurs")
PLACES = (
    Place(offer="colmar-thematique", tracks=frozenset({"administrateurs", "conservateurs"})),
    Place(offer="lyon-thematique", tracks=frozenset({"administrateurs"})),
    Place(offer="metz-thematique", tracks=frozenset({"ingenieurs"})),
)
OFFERS = ("colmar-thematique", "lyon-thematique", "metz-thematique", "nancy-ouverture")


def table(headers: tuple[str, ...], *rows: tuple[object, ...]) -> Table:
    """A table as the reader gives it: headers normalised the way the shared interface says."""
    keys = tuple(h.lower().replace("œ", "oe").replace("è", "e").replace(" ", "_") for h in headers)
    return Table(
        name="eleves.csv",
        headers=headers,
        columns=dict(zip(keys, headers, strict=True)),
        rows=tuple(
            TableRow(number=n, cells=dict(zip(keys, row, strict=True)))
            for n, row in enumerate(rows, start=2)
        ),
    )


def nbsp(text: str) -> str:
    """The expected text written with plain spaces, typeset as the messages are."""
    return (
        text.replace(" :", "\u00a0:")
        .replace(" ;", "\u00a0;")
        .replace(" ?", "\u00a0?")
        .replace("« ", "«\u00a0")
        .replace(" »", "\u00a0»")
    )


def parse(t: Table):  # type: ignore[no-untyped-def]
    return parse_students(t, places=PLACES, offers=OFFERS, tracks=TRACKS, internship="thematique")


def test_french_headers_labels_and_wishes_in_order() -> None:
    t = table(
        ("Élève", "Filière", "Courriel", "Vœu 1", "Vœu 2"),
        (
            "Camille Durand",
            "Élèves administrateurs et administratrices territoriaux",
            "camille@example.org",
            "lyon-thematique",
            "colmar-thematique",
        ),
        ("Jules Martin", "ingénieurs", None, "metz-thematique.toml", None),
    )
    students, problems = parse(t)
    assert problems == ()
    assert [(s.name, s.track, s.email, s.wishes, s.row) for s in students] == [
        (
            "Camille Durand",
            "administrateurs",
            "camille@example.org",
            ("lyon-thematique", "colmar-thematique"),
            2,
        ),
        ("Jules Martin", "ingenieurs", None, ("metz-thematique",), 3),
    ]


def test_english_headers_and_wish_columns_sorted_by_number() -> None:
    t = table(
        ("wish2", "name", "track", "wish1"),
        ("colmar-thematique", "Ana", "administrateurs", "lyon-thematique"),
    )
    students, _ = parse(t)
    assert students[0].wishes == ("lyon-thematique", "colmar-thematique")


def test_each_bad_cell_is_one_problem_and_the_rest_is_kept() -> None:
    t = table(
        ("nom", "filiere", "choix 1", "choix 2", "choix 3"),
        ("Ana", "administrateurs", "colmar-thematiqe", "lyon-thematique", "lyon-thematique"),
        ("", "administrateurs", "lyon-thematique", None, None),
        ("Bob", "patrimoine", "colmar-thematique", None, None),
        ("Cyd", "ingenieurs", "colmar-thematique", "nancy-ouverture", "metz-thematique"),
        ("Dan", "astronautes", None, None, None),
        ("ana", "conservateurs", None, None, None),
        ("Eve", None, None, None, None),
    )
    students, problems = parse(t)
    assert [(s.name, s.wishes) for s in students] == [
        ("Ana", ("lyon-thematique",)),
        ("Cyd", ("metz-thematique",)),
    ]
    found = [(p.row, p.column, p.code) for p in problems]
    assert found == [
        (2, "choix 1", "unknown_offer"),
        (2, "choix 3", "duplicate_wish"),
        (3, "nom", "missing_name"),
        (4, "filiere", "unknown_track"),
        (5, "choix 1", "offer_not_for_track"),
        (5, "choix 2", "offer_not_for_internship"),
        (6, "filiere", "unknown_track"),
        (7, "nom", "duplicate_student"),
        (8, "filiere", "missing_track"),
    ]
    text = {p.code: p.text for p in problems}
    assert text["unknown_offer"] == nbsp(
        "ligne 2, colonne « choix 1 » : offre inconnue : « colmar-thematiqe » "
        "(aucune offre de ce nom). Vouliez-vous dire « colmar-thematique » ?"
    )
    assert text["duplicate_wish"].endswith(
        nbsp("« lyon-thematique » est déjà le vœu 2 ; vœu 3 ignoré.")
    )
    tracks = [p.text for p in problems if p.code == "unknown_track"]
    assert "patrimoine" in tracks[0] and "INP" in tracks[0]
    assert tracks[1].endswith(
        nbsp(
            "« astronautes ». Valeurs possibles : administrateurs, conservateurs, ingenieurs. Ligne ignorée."
        )
    )
    assert text["offer_not_for_track"].endswith(
        nbsp(
            "n'est pas ouverte à la filière « Élèves ingénieurs et ingénieurs en chef territoriaux »."
        )
    )
    assert text["offer_not_for_internship"].endswith(
        nbsp("« nancy-ouverture » n'est pas une offre valide pour « Stage thématique ».")
    )
    assert text["duplicate_student"].endswith(nbsp("« ana » figure déjà ligne 2 ; ligne ignorée."))
    assert " :" not in text["unknown_offer"] and "« " not in text["unknown_offer"]


def test_missing_columns_are_named_once_for_the_header() -> None:
    students, problems = parse(table(("prenom", "voeu 1"), ("Ana", "lyon-thematique")))
    assert students == ()
    assert [(p.row, p.code) for p in problems] == [
        (None, "missing_column"),
        (None, "missing_column"),
    ]
    assert problems[0].text.startswith(nbsp("en-tête : colonne « name » absente"))


def test_numbers_and_control_characters_in_cells() -> None:
    t = table(("name", "track", "wish1"), ("Ana\x1b[31m", "administrateurs", 12.0))
    students, problems = parse(t)
    assert "\x1b" not in students[0].name
    assert problems[0].code == "unknown_offer" and nbsp("« 12 »") in problems[0].message
