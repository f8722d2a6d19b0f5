"""The conservateurs' observation: what every output shows is what ``validate`` accepts.

The window (30 March–18 April 2026) is the limit; the brochure's two periods
in it are shown as « périodes possibles : … ou … » wherever they appear.
"""

from __future__ import annotations

from datetime import date

from tests.conftest import Run, fr
from tests.offer_factory import check_text, offer_text

FIRST, SECOND = "30 mars au 17 avril 2026", "31 mars au 18 avril 2026"


def test_calendar_table_shows_the_window_then_the_periods(cli: Run) -> None:
    out = cli("calendar", "--track", "conservateurs", "--today", "2026-01-10").stdout
    assert fr("lun. 30 mars 2026") in out and fr("sam. 18 avr. 2026") in out
    lines = [line.strip().replace("\u00a0", " ") for line in str(out).splitlines()]
    at = next(i for i, line in enumerate(lines) if line.startswith("périodes possibles :"))
    assert lines[at + 1].startswith("30 mars – 17 avr.")
    assert lines[at + 2].startswith("ou 31 mars – 18 avr.")


def test_template_html_ics_and_rules_say_the_same(cli: Run) -> None:
    both = f"du {FIRST} ou du {SECOND}"
    html = cli("export", "html", "--today", "2026-01-10").stdout
    assert fr(f"périodes possibles : {both}") in html
    ics = cli("export", "ics", "--today", "2026-01-10").stdout
    assert f"Périodes possibles : {both}" in " ".join(ics.replace("\r\n ", "").split())
    # What a host reads is the brochure's own line, never the window's Saturday.
    template = cli("template", "observation", "--track", "conservateurs", "--today", "2026-01-10")
    assert fr("3 semaines du 30 ou 31 mars au 17 ou 18 avril 2026\n") in template.stdout
    assert fr("au 18 avril 2026\n") not in template.stdout.replace("17 ou 18 avril", "")
    text = offer_text(
        "observation",
        offer__tracks=["conservateurs"],
        tutor__position="Directrice de l'établissement",
        offer__start=date(2026, 3, 30),
        offer__end=date(2026, 4, 19),
    )
    (outside,) = check_text(text)
    assert f"(périodes possibles : {both})" in outside.message


def test_the_window_as_shown_is_accepted() -> None:
    text = offer_text(
        "observation",
        offer__tracks=["conservateurs"],
        tutor__position="Directrice de l'établissement",
        offer__start=date(2026, 3, 30),
        offer__end=date(2026, 4, 18),
    )
    assert check_text(text) == []
