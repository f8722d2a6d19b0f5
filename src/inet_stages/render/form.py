"""The workbook hosts fill in (``inet-stages form``): offers sheet, instructions, lists.

Three sheets, made to open alike in Excel and LibreOffice:

- « Offres »: one row per offer under the French headers of
  :func:`inet_stages.intake.rows.form_columns` (what ``import`` reads back), a
  frozen header row, drop-down lists (data validation) for the internship,
  each of the three tracks (one column per track, so that each is a plain
  drop-down: a cell cannot hold a multiple choice in both programs), the host
  kind, the mission kind and the fee (oui/non), date cells shown JJ/MM/AAAA;
- « Instructions »: the year's windows per internship and track with their
  offer deadlines, who may host, the tutor each internship requires, the
  projets collectifs conditions and the coordination's contact, all read from
  the calendar, so that next year's form follows next year's file;
- « Listes » (hidden): the values of the drop-down lists. Lists are ranges of
  this sheet, not text in the rule itself: labels hold commas, and Excel caps
  a written list at 255 characters.

openpyxl is imported inside :func:`render_form` only.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from inet_stages.calendar import Calendar, Internship, Window
from inet_stages.intake.columns import (
    NO,
    OFFERS_SHEET,
    YES,
    Column,
    form_columns,
)
from inet_stages.offer.conditions import HOST_TUTOR
from inet_stages.text.frdates import format_number, format_periods, format_range, format_weeks
from inet_stages.text.frtypo import typeset
from inet_stages.text.textsafe import strip
from inet_stages.text.vocabulary import HOST_KIND_LABELS, MISSION_KIND_LABELS

INSTRUCTIONS_SHEET = "Instructions"
LISTS_SHEET = "Listes"

#: Rows of the offers sheet prepared with lists and date formats.
FORM_ROWS = 300

DATE_FORMAT = "DD/MM/YYYY"

_HOSTS = {
    "territorial": "une collectivité territoriale",
    "territorial_preferred": "en principe une collectivité territoriale",
    "any": "les élèves identifient les structures",
}


def _put(sheet: Any, row: int, column: int, value: object) -> Any:
    """Write ``value`` into a cell; calendar text stays text, never a formula.

    Text is typeset as French (the host reads it: « Structure d'accueil : »
    with its non-breaking spaces, as in the letters). openpyxl stores a
    string that starts with ``=`` as a formula: such text (a hostile or
    mistyped calendar label) is marked as a plain string.
    """
    if isinstance(value, str):
        value = typeset(strip(value))
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"
    return cell


def _lists(calendar: Calendar) -> dict[str, list[str]]:
    return {
        "internship": [i.label for i in calendar.internships],
        # Short labels in the cells (« Administrateurs », « EPCI »): the column
        # stays narrow enough to print; import reads short and long labels alike.
        "track": [t.short for t in calendar.tracks],
        "host": [label.split(" (")[0] for label in HOST_KIND_LABELS.values()],
        "mission": list(MISSION_KIND_LABELS.values()),
        "yes": [YES, NO],
        "civility": ["Madame", "Monsieur"],
    }


def render_form(calendar: Calendar, today: date) -> bytes:
    """The workbook as ``.xlsx`` bytes; ``today`` is its creation date (no clock read here)."""
    from inet_stages.io.tabular import import_openpyxl

    import_openpyxl()  # without numpy
    from openpyxl import Workbook

    book = Workbook()
    book.properties.creator = "inet-stages"
    book.properties.title = f"Offres de stage INET {calendar.school_year}"
    book.properties.created = datetime(today.year, today.month, today.day)
    offers = book.active
    offers.title = OFFERS_SHEET
    instructions = book.create_sheet(INSTRUCTIONS_SHEET)
    lists = book.create_sheet(LISTS_SHEET)
    collective = next((i.collective for i in calendar.internships if i.collective), None)
    columns = form_columns(collective.fee_eur if collective else None)
    values = _lists(calendar)
    ranges = _fill_lists(lists, values)
    lists.sheet_state = "hidden"
    _fill_offers(offers, columns, ranges, values)
    _fill_instructions(instructions, calendar, columns)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _fill_lists(sheet: Any, values: dict[str, list[str]]) -> dict[str, str]:
    from openpyxl.utils import get_column_letter

    ranges: dict[str, str] = {}
    for index, (kind, items) in enumerate(values.items(), start=1):
        letter = get_column_letter(index)
        sheet.cell(row=1, column=index, value=kind)
        for row, item in enumerate(items, start=2):
            _put(sheet, row, index, item)
        ranges[kind] = f"{LISTS_SHEET}!${letter}$2:${letter}${len(items) + 1}"
    return ranges


def _fill_offers(
    sheet: Any,
    columns: Sequence[Column],
    ranges: dict[str, str],
    lists: dict[str, list[str]],
) -> None:
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor="DDEBF7")
    # One style object for the many empty rows (openpyxl stores each style once anyway).
    wrap = Alignment(wrap_text=True)
    last = FORM_ROWS + 1
    for index, column in enumerate(columns, start=1):
        # import reads the headers folded (a non-breaking space as any other).
        cell = sheet.cell(row=1, column=index, value=typeset(column.label))
        cell.font = bold
        cell.fill = fill
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        cell.comment = Comment(typeset(column.help), "inet-stages", width=300, height=90)
        letter = get_column_letter(index)
        # A drop-down column shows its longest value whole (the arrow takes about 3).
        longest = max((len(v) for v in lists.get(column.kind, ())), default=0)
        sheet.column_dimensions[letter].width = max(column.width, longest + 3)
        area = f"{letter}2:{letter}{last}"
        rule = _validation(column, ranges)
        if rule is not None:
            rule.add(area)
            sheet.add_data_validation(rule)
        if column.kind == "date":
            for row in range(2, last + 1):
                sheet.cell(row=row, column=index).number_format = DATE_FORMAT
        elif column.kind == "long":
            for row in range(2, last + 1):
                sheet.cell(row=row, column=index).alignment = wrap
        elif column.key == "tutor.phone":
            # Text cells: a phone number keeps its leading zero.
            for row in range(2, last + 1):
                sheet.cell(row=row, column=index).number_format = "@"
    sheet.row_dimensions[1].height = 45
    sheet.freeze_panes = "A2"
    _print_setup(sheet)


def _print_setup(sheet: Any) -> None:
    """On paper: landscape, A4, one page wide (as many high as needed), headers on each page."""
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_title_rows = "1:1"
    sheet.print_options.gridLines = True
    sheet.page_margins.left = sheet.page_margins.right = 0.4


def _validation(column: Column, ranges: dict[str, str]) -> Any:
    from openpyxl.worksheet.datavalidation import DataValidation

    common: dict[str, Any] = {"allow_blank": True, "showErrorMessage": True}
    match column.kind:
        case "internship" | "track" | "host" | "mission" | "yes" | "civility":
            rule = DataValidation(
                type="list",
                # No leading « = » in the file: Excel writes (and expects) the bare reference.
                formula1=ranges[column.kind],
                errorTitle="Valeur hors liste",
                error="Choisissez une valeur dans la liste déroulante.",
                **common,
            )
        case "date":
            rule = DataValidation(
                type="date",
                operator="greaterThan",
                formula1="36526",  # 1 January 2000, as Excel counts days
                errorTitle="Date attendue",
                error="Écrivez une date, JJ/MM/AAAA (par exemple 10/02/2026).",
                **common,
            )
        case "number":
            rule = DataValidation(
                type="whole",
                operator="greaterThanOrEqual",
                formula1="1",
                errorTitle="Nombre attendu",
                error="Écrivez le nombre d'habitants en chiffres, sans texte (67000).",
                **common,
            )
        case _:
            return None
    rule.promptTitle = typeset(column.label)[:32]
    rule.prompt = typeset(column.help)[:255]
    rule.showInputMessage = True
    return rule


def _instruction_rows(calendar: Calendar, columns: Sequence[Column]) -> list[list[object]]:
    contact = calendar.contact
    rows: list[list[object]] = [
        [f"Offres de stage pour les élèves de l'INET — calendrier {calendar.school_year}"],
        [],
        ["Comment remplir la feuille « Offres »"],
        [
            "Une ligne par offre. Choisissez le stage, les filières et la nature de la structure "
            "dans les listes déroulantes ; écrivez les dates JJ/MM/AAAA."
        ],
        [
            "Une offre ouverte à plusieurs filières : une filière par colonne « Filière 1 », "
            "« Filière 2 », « Filière 3 »."
        ],
        [
            f"Renvoyez le classeur rempli à la coordination des stages, à l'adresse "
            f"{contact.email} : dépôt des offres jusqu'à la date limite de chaque stage "
            "(colonne « Date limite de dépôt »), quand elle est publiée."
        ],
        [],
        [
            "Stage",
            "Filière",
            "Période",
            "Début",
            "Fin",
            "Durée",
            "Date limite de dépôt",
            "Autres périodes possibles",
        ],
    ]
    for internship in calendar.internships:
        for window in calendar.windows_of_internship(internship.id):
            rows.append(_window_row(calendar, internship, window))
    rows += [[], ["Conditions"]]
    for internship in calendar.internships:
        rows.append([internship.label, _host_condition(internship)])
        tutors = sorted({w.tutor for w in calendar.windows_of_internship(internship.id) if w.tutor})
        for requirement in tutors:
            concerned = [
                calendar.track(w.track).short
                for w in calendar.windows_of_internship(internship.id)
                if w.tutor == requirement
            ]
            rows.append(
                ["", f"Tuteur ou tutrice ({', '.join(concerned)}) : {HOST_TUTOR[requirement]}."]
            )
        if internship.collective is not None:
            rule = internship.collective
            rows.append(
                [
                    "",
                    f"Collectivité de plus de {format_number(rule.population_more_than)} habitants "
                    f"(nombre d'habitants obligatoire) ; équipe de {rule.students_per_project} "
                    f"élèves de filières différentes ; participation forfaitaire de "
                    f"{format_number(rule.fee_eur)} € aux frais, à accepter (colonne "
                    "« Participation … acceptée » : oui).",
                ]
            )
    rows += [[], ["Colonnes de la feuille « Offres »"]]
    rows += [[column.label, column.help] for column in columns]
    rows += [
        [],
        ["Contact"],
        [contact.name, contact.role],
        ["Courriel", contact.email],
    ]
    phones = " ; ".join(p for p in (contact.phone, contact.mobile) if p)
    if phones:
        rows.append(["Téléphone", phones])
    if contact.address:
        rows.append(["Adresse", contact.address])
    return rows


def _window_row(calendar: Calendar, internship: Internship, window: Window) -> list[object]:
    deadline: object = window.offers_deadline or "non publiée"
    alternatives = " ; ".join(f"du {format_range(p.start, p.end)}" for p in window.alternatives)
    return [
        internship.label,
        calendar.track(window.track).label,
        # As the brochure prints it: « du 30 ou 31 mars au 17 ou 18 avril 2026 ».
        format_periods(
            [(p.start, p.end) for p in window.alternatives] or [(window.start, window.end)]
        ),
        window.start,
        window.end,
        format_weeks(window.weeks),
        deadline,
        alternatives,
    ]


def _host_condition(internship: Internship) -> str:
    if internship.hosts == "territorial" and internship.host_examples:
        return f"Structure d'accueil : {internship.host_examples}"
    text = f"Structure d'accueil : {_HOSTS[internship.hosts]}."
    return f"{text} {internship.host_examples}" if internship.host_examples else text


def _fill_instructions(sheet: Any, calendar: Calendar, columns: Sequence[Column]) -> None:
    from openpyxl.styles import Alignment, Font

    titles = {
        f"Offres de stage pour les élèves de l'INET — calendrier {calendar.school_year}",
        "Comment remplir la feuille « Offres »",
        "Conditions",
        "Colonnes de la feuille « Offres »",
        "Contact",
    }
    rows = _instruction_rows(calendar, columns)  # built once, read twice below
    # A few style objects, shared by the cells (openpyxl stores each style once anyway).
    aligned = {w: Alignment(wrap_text=w, vertical="top") for w in (False, True)}
    title, bold = Font(bold=True, size=12), Font(bold=True)
    for number, values in enumerate(rows, start=1):
        for index, value in enumerate(values, start=1):
            cell = _put(sheet, number, index, value)
            if isinstance(value, date):
                cell.number_format = DATE_FORMAT
            cell.alignment = aligned[_wraps(values, index - 1)]
        if values and values[0] in titles:
            sheet.cell(row=number, column=1).font = title
        if values and values[0] == "Stage" and len(values) > 2:
            for index in range(1, len(values) + 1):
                sheet.cell(row=number, column=index).font = bold
    widths = (34, 60, 30, 12, 12, 12, 20, 40)
    for letter, width in zip("ABCDEFGH", widths, strict=True):
        sheet.column_dimensions[letter].width = width
    # Neither Excel nor LibreOffice grows a row for wrapped text written by a
    # program: each row gets the height of its longest wrapped cell.
    for number, values in enumerate(rows, start=1):
        lines = max(
            (
                _wrapped_lines(str(value), widths[index])
                for index, value in enumerate(values)
                if index < len(widths) and _wraps(values, index) and not isinstance(value, date)
            ),
            default=1,
        )
        if lines > 1:
            sheet.row_dimensions[number].height = 15 * lines
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def _wraps(values: Sequence[object], index: int) -> bool:
    """Whether the cell at ``index`` (from 0) of an Instructions row wraps its text.

    Column A wraps only when the cell beside it is filled: a title runs over
    the empty cells on its right, a label beside a text (« Participation de
    4 000 € acceptée (projets collectifs) ») would be cut.
    """
    return index > 0 or (len(values) > 1 and values[1] not in (None, ""))


def _wrapped_lines(text: str, width: int) -> int:
    """How many lines ``text`` takes in a column ``width`` characters wide (a word never cut)."""
    import textwrap

    usable = max(int(width * 1.15), 8)  # the default font is a little narrower than a digit
    return sum(max(len(textwrap.wrap(part, usable)), 1) for part in text.split("\n"))
