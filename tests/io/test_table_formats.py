"""The students of ``assign`` and the contacts of ``call`` read from any workbook format.

tests/data/contacts.ods and tests/data/affectation/eleves-thematique.xls are the CSV files
beside them, opened and saved by LibreOffice (headless: ``soffice --infilter=CSV:59,34,76,1
--convert-to ods``).
"""

from __future__ import annotations

from pathlib import Path

from inet_stages.calendar import load_calendar
from inet_stages.call.contacts import read_contacts
from inet_stages.io.tabular import read_table

DATA = Path(__file__).parent.parent / "data"


def test_contacts_from_ods_are_those_of_the_csv() -> None:
    calendar = load_calendar()
    from_csv = read_contacts(read_table(DATA / "contacts.csv"), calendar)
    from_ods = read_contacts(read_table(DATA / "contacts.ods"), calendar)
    from dataclasses import replace

    assert replace(from_ods, name=from_csv.name) == from_csv
    assert from_csv.contacts  # something was compared


def test_students_from_xls_are_those_of_the_csv() -> None:
    csv = read_table(DATA / "affectation" / "eleves-thematique.csv")
    xls = read_table(DATA / "affectation" / "eleves-thematique.xls")
    assert [dict(r.cells) for r in xls.rows] == [dict(r.cells) for r in csv.rows]
    assert xls.headers == csv.headers
