"""What ``assign`` prints or writes: the placement as tables, JSON or CSV (see render.assign)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from inet_stages.cli import common

if TYPE_CHECKING:
    from inet_stages.assign.models import AssignResult

#: Width of the table written to a file with -o (no terminal to measure).
FILE_WIDTH = 100


def show(
    result: AssignResult,
    chosen: str,
    *,
    labels: Mapping[str, str],
    label: str,
    candidates: Sequence[str],
    output: Path | None,
    force: bool,
    header: str = "fr",
) -> None:
    """The placement in the chosen form, on stdout or written to ``output``; CSV columns named
    in French or by ``header="ids"``."""
    from inet_stages.render import assign as render

    if chosen == "json":
        document = render.to_json(result, places=len(candidates))
        if output is None or str(output) == "-":
            common.emit_json(document)
        else:
            import json

            text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
            common.write_output(output, text, force=force)
    elif chosen == "csv":
        common.write_output(output, render.to_csv(result, labels, header=header), force=force)
    else:
        _print_table(result, labels, label, candidates, output=output, force=force)


def _print_table(
    result: AssignResult,
    labels: Mapping[str, str],
    label: str,
    candidates: Sequence[str],
    *,
    output: Path | None,
    force: bool,
) -> None:
    """The tables and the summary, on stdout or written to ``output``."""
    from rich.console import Console

    from inet_stages.render import assign as render
    from inet_stages.render.fit import wrapped_lines

    to_file = output is not None and str(output) != "-"
    buffer = io.StringIO()
    console = (
        Console(
            file=buffer,
            width=FILE_WIDTH,
            markup=False,
            emoji=False,
            highlight=False,
            color_system=None,
        )
        if to_file
        else common.stdout_console()
    )
    console.print(render.headline(result, label, len(candidates)))
    for table in render.tables(result, labels):
        console.print()
        console.print(table)
    console.print()
    # A sentence wraps between words, its continuation indented: a name stays whole.
    summary = "\n".join(render.summary_lines(result, labels, candidates=candidates))
    console.print(wrapped_lines(summary), crop=False)
    if to_file and output is not None:
        common.write_output(output, buffer.getvalue(), force=force)
