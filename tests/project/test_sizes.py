"""The house's sizes: a feature that grows is split before it hides, the commands stay thin.

The limits are the ones the package was cut to: no module over 600 lines;
the command layer (``cli/``, the commands and their options; their French
help is the catalogue ``cli/aide.toml``) at most 3 000 lines of Python, none
of its modules over 300; at most 8 modules at the package's top.
"""

from __future__ import annotations

from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "inet_stages"


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    "module", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_no_module_is_over_600_lines(module: Path) -> None:
    assert _lines(module) <= 600


def test_the_command_layer_stays_thin() -> None:
    modules = {p.name: _lines(p) for p in (PACKAGE / "cli").glob("*.py")}
    assert sum(modules.values()) <= 3000, sum(modules.values())
    assert max(modules.values()) <= 300, max(modules.items(), key=lambda item: item[1])


def test_few_modules_stay_at_the_top() -> None:
    assert len(list(PACKAGE.glob("*.py"))) <= 8
