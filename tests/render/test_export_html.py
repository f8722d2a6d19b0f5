"""``export html``: structure, accessibility, escaping, contrast (the browser test is apart)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from inet_stages.calendar import load_calendar
from inet_stages.render import html as page
from inet_stages.render.html import render_html
from inet_stages.text.frtypo import typeset
from tests.conftest import Run

VOID = {"meta", "br", "col", "link", "img", "input", "hr", "wbr"}


class _Structure(HTMLParser):
    """Tags in order, with a check that every non-void element is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.errors: list[str] = []
        self.starts: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.starts.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse(text: str) -> _Structure:
    parser = _Structure()
    parser.feed(text)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def default_page() -> str:
    calendar = load_calendar()
    return render_html(calendar, calendar.tracks)


def test_well_formed_and_french(default_page: str) -> None:
    structure = parse(default_page)
    assert structure.errors == []
    assert structure.stack == []
    assert default_page.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert '<meta charset="utf-8">' in default_page
    assert "<title>Calendrier des stages 2026-2027 — INET</title>" in default_page


def test_self_contained(default_page: str) -> None:
    structure = parse(default_page)
    tags = {tag for tag, _ in structure.starts}
    assert not tags & {"script", "link", "img", "iframe", "object", "embed"}
    assert not any("src" in attrs for _, attrs in structure.starts)
    assert "url(" not in default_page
    assert "@import" not in default_page
    # The browser is told to refuse any external asset.
    assert "default-src 'none'; style-src 'unsafe-inline'" in default_page
    # Only the contact's links point outside.
    hrefs = [attrs["href"] for _, attrs in structure.starts if attrs.get("href")]
    assert hrefs == [
        "mailto:stages.inet@cnfpt.fr",
        "tel:0388155369",
        "tel:0610530378",
        "https://inet.cnfpt.fr",
    ]


def test_semantic_tables(default_page: str) -> None:
    structure = parse(default_page)
    tables = [attrs.get("class") for tag, attrs in structure.starts if tag == "table"]
    # The deadlines and the tables per track reflow into cards on a phone.
    assert tables == ["deadlines cards", "grid", "windows cards", "windows cards", "windows cards"]
    assert default_page.count("<caption") == 5
    scopes = [attrs.get("scope") for tag, attrs in structure.starts if tag == "th"]
    assert None not in scopes
    assert set(scopes) == {"col", "row", "colgroup", "rowgroup"}
    rows = [str(attrs["data-window"]) for _, attrs in structure.starts if "data-window" in attrs]
    assert len(rows) == 13
    assert len(set(rows)) == 13
    bars = [str(attrs["data-bar"]) for _, attrs in structure.starts if "data-bar" in attrs]
    assert sorted(bars) == sorted(rows)


def test_table_row(default_page: str) -> None:
    row = re.search(r'<tr data-window="observation-conservateurs">.*?</tr>', default_page)
    assert row is not None
    # Quotes are escaped everywhere, attribute or not: one escaping function, no mistake.
    assert '<th scope="row">Stage d&#x27;observation</th>' in row.group()
    assert typeset('<time datetime="2026-03-30">lun. 30 mars 2026</time>') in row.group()
    assert typeset("ou du 31 mars au 18 avril 2026") in row.group()
    assert '<mark class="deadline"><time datetime="2025-11-24">' in row.group()
    unpublished = re.search(r'<tr data-window="ouverture-conservateurs">.*?</tr>', default_page)
    assert unpublished is not None
    assert "non publiée" in unpublished.group()


def test_deadlines_highlighted_and_unpublished_named(default_page: str) -> None:
    section = default_page.split('id="dates-limites"')[1].split("</section>", maxsplit=1)[0]
    assert section.count('<mark class="deadline">') == 5
    assert "Administrateurs, Conservateurs et Ingénieurs" in section
    assert (
        typeset(
            "Pas de date limite publiée pour : Stage d&#x27;ouverture, Stage de perfectionnement "
            "et Stage de professionnalisation."
        )
        in section
    )


def test_grid_bars_span_the_right_thirds(default_page: str) -> None:
    # Feb 2026 … Jul 2027: 18 months, 54 thirds. Ingénieurs' observation,
    # 1–19 June 2026: the first two thirds of June (columns 13 and 14).
    grid = default_page.split('id="grille"')[1].split("</section>", maxsplit=1)[0]
    assert grid.count('<th scope="colgroup" colspan="3">') == 18
    row = re.search(
        r"<tr><th scope=\"row\">Observation</th>((?:<td.*?</td>)+)</tr>",
        grid.rsplit("ingénieurs et ingénieurs en chef", maxsplit=1)[-1],
    )
    assert row is not None
    cells = re.findall(r"<td[^>]*>", row.group(1))
    spans = [int(m.group(1)) if (m := re.search(r'colspan="(\d+)"', c)) else 1 for c in cells]
    assert sum(spans) == 54
    bar = next(i for i, c in enumerate(cells) if "bar" in c)
    assert bar == 12
    assert spans[bar] == 2
    assert typeset('title="Observation : du 1er au 19 juin 2026"') in cells[bar]


def test_contact_and_print_stylesheet(default_page: str) -> None:
    contact = default_page.split('id="contact"')[1]
    assert "<address>" in contact
    assert "Ingrid Vibet" in contact
    assert "67089 Strasbourg Cedex" in contact
    assert "@media print" in default_page
    assert "print-color-adjust: exact" in default_page


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio."""
    light, dark = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_helper() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") < 4.5


@pytest.mark.parametrize(
    ("foreground", "background"),
    [
        *[("#ffffff", colour) for colour in page.INTERNSHIP_COLOURS.values()],
        ("#ffffff", page.FALLBACK_COLOUR),
        ("#ffffff", page.HEADER_BACKGROUND),
        (page.TEXT_COLOUR, page.BACKGROUND),
        (page.MUTED_COLOUR, page.BACKGROUND),
        (page.MUTED_COLOUR, "#eef1f5"),
        (page.LINK_COLOUR, page.BACKGROUND),
        (page.TEXT_COLOUR, page.DEADLINE_BACKGROUND),
        (page.TEXT_COLOUR, page.SCHOOLING_BACKGROUND),
    ],
)
def test_contrast_meets_wcag_aa(foreground: str, background: str) -> None:
    assert contrast(foreground, background) >= 4.5


def test_calendar_text_is_escaped(cli: Run, hostile_calendar: Path) -> None:
    result = cli("--calendar", str(hostile_calendar), "export", "html")
    assert result.exit_code == 0, result.stderr
    structure = parse(result.stdout)
    assert structure.errors == []
    tags = {tag for tag, _ in structure.starts}
    assert not tags & {"script", "img", "b"}
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in result.stdout
    assert "&lt;b&gt;Admin&lt;/b&gt;\\x1b[31m" in result.stdout
    assert "\x1b" not in result.stdout
    assert "Ingrid &quot;Vibet&quot; &lt;img" in result.stdout
    # A website that is not a web address is not made a link.
    assert 'href="javascript' not in result.stdout


def test_track_filter(cli: Run) -> None:
    result = cli("export", "html", "--track", "conservateur", "--today", "2025-09-15")
    assert result.exit_code == 0
    assert result.stdout.count("data-window=") == 5
    assert "<h1>Calendrier des stages 2026-2027 — Conservateurs</h1>" in result.stdout
    section = result.stdout.split('id="dates-limites"')[1].split("</section>", maxsplit=1)[0]
    # Three deadlines concern conservateurs; the shared ones still list their tracks.
    assert section.count('<mark class="deadline">') == 3


def test_same_calendar_same_day_same_bytes(cli: Run) -> None:
    first = cli("export", "html", "--today", "2026-09-15")
    again = cli("export", "html", "--today", "15/09/2026")
    assert first.exit_code == again.exit_code == 0
    assert first.stdout == again.stdout


def test_page_states_its_day_and_marks_past_deadlines(cli: Run) -> None:
    """On 16 February 2026 three of the five deadlines are past, said in words, not marked."""
    page = cli("export", "html", "--today", "2026-02-16").stdout
    assert typeset('Page à jour au <time datetime="2026-02-16">16 février 2026</time>.') in page
    section = page.split('id="dates-limites"')[1].split("</section>", maxsplit=1)[0]
    rows = re.findall(r"<tr data-deadline=.*?</tr>", section)
    past = [row for row in rows if 'class="past"' in row]
    assert len(rows) == 5
    assert len(past) == 3
    assert all("(passée)" in row and "<mark" not in row for row in past)
    # The day itself is not past: the offers may still be sent that day.
    today = next(row for row in rows if 'datetime="2026-02-16"' in row)
    assert '<mark class="deadline">' in today
    assert "(passée)" not in today
    # The tables per track say it too, for each window.
    tables = page.split('id="stages"')[1]
    assert tables.count("(passée)") == 1 + 2 + 1  # administrateurs, conservateurs, ingénieurs


def test_writes_a_file(cli: Run, tmp_path: Path) -> None:
    target = tmp_path / "page.html"
    assert cli("export", "html", "-o", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8").count("data-window=") == 13
    refused = cli("export", "html", "-o", str(target))
    assert refused.exit_code == 2
    assert "existe déjà" in refused.stderr


def test_draft_calendar_says_so(cli: Run, tmp_path: Path) -> None:
    from inet_stages.calendar import packaged_path

    draft = tmp_path / "brouillon.toml"
    text = packaged_path().read_text(encoding="utf-8")
    draft.write_text(text.replace("draft = false", "draft = true"), encoding="utf-8")
    result = cli("--calendar", str(draft), "export", "html")
    assert result.exit_code == 0
    assert '<p class="draft" role="note">Brouillon' in result.stdout
    assert "brouillon" in result.stderr
    assert "Brouillon" not in cli("export", "html").stdout


def test_unloadable_calendar_is_exit_2(cli: Run, tmp_path: Path) -> None:
    broken = tmp_path / "cassé.toml"
    broken.write_text("school_year = \n", encoding="utf-8")
    result = cli("--calendar", str(broken), "export", "html")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "cassé.toml" in result.stderr
    assert "Traceback" not in result.stderr


def test_braces_in_calendar_text_stay_as_typed(cli: Run, tmp_path: Path) -> None:
    from inet_stages.calendar import packaged_path

    text = packaged_path().read_text(encoding="utf-8")
    assert 'label = "Stage thématique"' in text
    odd = tmp_path / "accolades.toml"
    odd.write_text(
        text.replace('label = "Stage thématique"', 'label = "Obs {span}"'), encoding="utf-8"
    )
    result = cli("--calendar", str(odd), "export", "html")
    assert result.exit_code == 0, result.stderr
    grid = result.stdout.split('id="grille"')[1]
    assert '<th scope="row">Obs {span}</th>' in grid
    assert 'title="Obs {span}\u00a0: du' in grid
    # The span of the bar itself is still a number.
    assert 'colspan="{span}"' not in grid
