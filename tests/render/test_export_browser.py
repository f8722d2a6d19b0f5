"""``export html`` in a real headless Chromium (Debian's ``chromium``).

The page must load without any console message (it has no script, so any
message is a refused external asset or a parse problem), show the thirteen
windows in the DOM the browser built, and give a screenshot.

Skipped only on a developer's machine without chromium; in CI (``CI`` set)
a missing chromium is a failure, since ``.ci/run`` installs it.
"""

from __future__ import annotations

import os
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from tests.conftest import Run

FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--enable-logging=stderr",
    "--v=0",
)
#: How Chromium logs a console message: ``INFO:CONSOLE:12] "…"`` (older: ``CONSOLE(12)``).
CONSOLE = re.compile(r":CONSOLE[:(]")


def chromium() -> str:
    found = shutil.which("chromium")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("chromium est absent alors que CI est défini : .ci/run doit l'installer.")
        pytest.skip("chromium absent (apt-get install chromium) : test du navigateur non lancé.")
    return found


def run_chromium(page: Path, profile: Path, *action: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *action, page.as_uri()],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
        stdin=subprocess.DEVNULL,
    )


def console_messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if CONSOLE.search(line)]


@pytest.fixture(scope="module")
def page_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from inet_stages.calendar import load_calendar
    from inet_stages.render.html import render_html

    calendar = load_calendar()
    path = tmp_path_factory.mktemp("page") / "calendrier-stages.html"
    path.write_text(render_html(calendar, calendar.tracks), encoding="utf-8")
    return path


def test_page_loads_cleanly_and_shows_thirteen_windows(page_file: Path, tmp_path: Path) -> None:
    result = run_chromium(page_file, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    dom = result.stdout
    assert '<html lang="fr">' in dom
    windows = re.findall(r'<tr data-window="([a-z_]+-[a-z]+)"', dom)
    assert len(windows) == 13
    assert len(set(windows)) == 13
    assert len(re.findall(r'data-bar="', dom)) == 13
    assert "lun. 30&nbsp;mars&nbsp;2026" in str(dom)  # the DOM serialises U+00A0 so


def test_console_check_sees_a_refused_asset(page_file: Path, tmp_path: Path) -> None:
    # The same page with one external stylesheet: the page's security policy
    # refuses it and Chromium says so on the console, which the check sees.
    html = page_file.read_text(encoding="utf-8").replace(
        "</head>", '<link rel="stylesheet" href="https://example.invalid/x.css"></head>'
    )
    broken = tmp_path / "broken.html"
    broken.write_text(html, encoding="utf-8")
    result = run_chromium(broken, tmp_path / "profile", "--dump-dom")
    assert result.returncode == 0
    messages = console_messages(result.stderr)
    assert len(messages) == 1
    assert "example.invalid" in messages[0]


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


def test_screenshot(cli: Run, tmp_path: Path) -> None:
    page = tmp_path / "calendrier-stages.html"
    assert cli("export", "html", "-o", str(page)).exit_code == 0
    shot = tmp_path / "calendrier-stages.png"
    result = run_chromium(
        page, tmp_path / "profile", f"--screenshot={shot}", "--window-size=1280,2000"
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert console_messages(result.stderr) == []
    data = shot.read_bytes()
    assert png_size(data) == (1280, 2000)
    # A blank page compresses to a few kilobytes; the calendar does not.
    assert len(data) > 50_000


#: A page of the test's own, beside the exported one, that loads it in a frame of
#: the phone's or the screen's width and writes what the browser measured.
PROBE = """<!DOCTYPE html><html><body style="margin:0">
<iframe id="page" src="{name}" style="width:{width}px;height:800px;border:0"></iframe>
<pre id="measured">pending</pre>
<script>
document.getElementById("page").addEventListener("load", () => {{
  const page = document.getElementById("page").contentDocument;
  const root = page.documentElement;
  const cards = [...page.querySelectorAll("table.cards tbody tr")]
    .filter(row => getComputedStyle(row).display === "block").length;
  document.getElementById("measured").textContent = JSON.stringify(
    {{scrollWidth: root.scrollWidth, clientWidth: root.clientWidth, cards: cards}});
}});
</script></body></html>"""


def measure(page: Path, width: int, profile: Path) -> dict[str, int]:
    """What Chromium measures of ``page`` shown ``width`` pixels wide."""
    import json

    probe = page.with_name(f"probe-{width}.html")
    probe.write_text(PROBE.format(name=page.name, width=width), encoding="utf-8")
    result = run_chromium(
        probe,
        profile,
        # The probe reads the page in its frame: both are files of the same folder.
        "--allow-file-access-from-files",
        "--virtual-time-budget=10000",
        "--dump-dom",
    )
    assert result.returncode == 0, result.stderr[-2000:]
    found = re.search(r'<pre id="measured">(.*?)</pre>', result.stdout, re.DOTALL)
    assert found is not None, result.stdout[-2000:]
    measured = json.loads(found.group(1))
    assert isinstance(measured, dict)
    return measured


@pytest.mark.parametrize("width", [320, 375, 1280])
def test_no_sideways_scrolling(cli: Run, tmp_path: Path, width: int) -> None:
    """On a phone the page is no wider than the screen: tables become cards, the grid scrolls alone."""
    page = tmp_path / "calendrier-stages.html"
    assert cli("export", "html", "--today", "2026-02-16", "-o", str(page)).exit_code == 0
    measured = measure(page, width, tmp_path / "profile")
    assert measured["clientWidth"] > 0
    assert measured["scrollWidth"] <= measured["clientWidth"], measured
    # 5 deadlines and 13 windows as cards on a phone; tables on a screen.
    assert measured["cards"] == (18 if width < 640 else 0)


def test_the_probe_sees_a_page_too_wide(cli: Run, tmp_path: Path) -> None:
    """The same page with a table forced wide: the measure says so."""
    page = tmp_path / "calendrier-stages.html"
    assert cli("export", "html", "--today", "2026-02-16", "-o", str(page)).exit_code == 0
    text = page.read_text(encoding="utf-8").replace(
        "</style>", ".windows { min-width: 60rem; }</style>"
    )
    page.write_text(text, encoding="utf-8")
    measured = measure(page, 375, tmp_path / "profile")
    assert measured["scrollWidth"] > measured["clientWidth"]
