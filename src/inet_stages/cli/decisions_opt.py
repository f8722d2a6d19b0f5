"""``--decisions``: the coordinator's decisions for ``validate``, ``report`` and ``assign``.

Without the option, a ``decisions.toml`` in a folder given on the command
line (or named among the paths) is read; with it, that file alone. A file
that cannot be used ends the command with its name and line (exit 2, through
:class:`inet_stages.errors.UserError`).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

if TYPE_CHECKING:
    from inet_stages.batch.check import Report
    from inet_stages.batch.decisions import Decisions

DECISIONS_OPTION = typer.Option(
    None,
    "--decisions",
    metavar="FICHIER",
    help=(
        "Décisions de la coordination (offres acceptées malgré une remarque, offres "
        "refusées). Par défaut, le fichier decisions.toml des dossiers donnés."
    ),
)


def load(paths: list[str], given: Path | None) -> list[Decisions]:
    """The decisions files to apply: ``--decisions``, else those found among ``paths``."""
    # Imported here: the CLI starts without the batch modules (``--version`` stays fast).
    from inet_stages.batch.decisions import find_decisions, read_decisions

    if given is not None:
        from inet_stages.cli.common import probe

        if probe(given, "--decisions") != "file":
            from inet_stages.errors import UserError

            raise UserError(f"{given} : fichier de décisions introuvable.")
        return [read_decisions(given)]
    return [read_decisions(path) for path in find_decisions(paths)]


def apply(report: Report, paths: list[str], given: Path | None) -> Report:
    """``report`` with the decisions applied (unchanged when there are none)."""
    from inet_stages.batch.check import apply_decisions

    return apply_decisions(report, load(paths, given))
