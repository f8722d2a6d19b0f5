"""Every ```console example of README.md and docs/ is run, and must print what it shows.

A ```console block holds one or more commands, each on a line ``$ inet-stages …``
(``$ uv run inet-stages …`` too), each followed by what it prints: its stderr,
then its stdout, as on a terminal where the notices come before the result.
The commands run in order, through the real entry point at 80 columns without
colour, in an empty folder where ``examples/``, ``tests/`` and ``data/`` of the
repository are at hand, so that ``-o`` writes nowhere in the repository.

Trailing spaces (Rich pads table lines) and trailing blank lines are ignored;
anything else printed differently fails. A command that depends on the date
carries ``--today`` in the block itself. Blocks that are not meant to be run
(a command without its output, another program, a shell variable) use another
fence: ```sh or ```text.
"""

from __future__ import annotations

import os
import re
import shlex
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from tests.conftest import REPO, Run

#: Commands that never read the date (everything else must fix it with --today).
DATELESS = {"rules", "schema"}
#: What a command line may start with.
PREFIXES = (("inet-stages",), ("uv", "run", "inet-stages"))
#: Folders of the repository a command may name.
AT_HAND = ("examples", "tests", "data")

_FENCE = re.compile(r"^```console[ \t]*\n(.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


@dataclass(frozen=True)
class Step:
    """One command of a block and what the block says it prints."""

    args: tuple[str, ...]
    expected: str
    command: str = ""


@dataclass(frozen=True)
class Block:
    """One ```console block: where it is and its commands."""

    path: str
    line: int
    steps: tuple[Step, ...]
    raw: str = ""


def _args(command: str, where: str) -> tuple[str, ...]:
    words = shlex.split(command)
    for prefix in PREFIXES:
        if tuple(words[: len(prefix)]) == prefix:
            args = tuple(words[len(prefix) :])
            break
    else:
        raise ValueError(f"{where}: « {command} » n'est pas une commande inet-stages (```sh ?)")
    dateless = not args or args[0] in DATELESS or {"--help", "-h", "--version"} & set(args)
    if not dateless and "--today" not in args:
        raise ValueError(f"{where}: « {command} » dépend de la date : ajoutez --today")
    return args


def parse_blocks(path: Path, name: str | None = None) -> list[Block]:
    """The ```console blocks of one Markdown file (``name``: how messages call it)."""
    text = path.read_text(encoding="utf-8")
    name = name or path.relative_to(REPO).as_posix()
    blocks = []
    for match in _FENCE.finditer(text):
        line = text.count("\n", 0, match.start()) + 2
        steps: list[Step] = []
        command: str | None = None
        output: list[str] = []
        for offset, row in enumerate(match.group(1).splitlines()):
            if row.startswith("$ "):
                if command is not None:
                    steps.append(Step(_args(command, f"{name}:{line}"), "\n".join(output), command))
                command, output = row[2:], []
            elif command is None:
                raise ValueError(f"{name}:{line + offset}: sortie avant toute commande « $ »")
            else:
                output.append(row)
        if command is None:
            raise ValueError(f"{name}:{line}: bloc console sans commande")
        steps.append(Step(_args(command, f"{name}:{line}"), "\n".join(output), command))
        blocks.append(Block(name, line, tuple(steps), match.group(1)))
    return blocks


def documents() -> list[Path]:
    """README.md and every Markdown file under docs/."""
    return [REPO / "README.md", *sorted((REPO / "docs").rglob("*.md"))]


def all_blocks() -> list[Block]:
    """Every console block of the documentation."""
    return [block for path in documents() for block in parse_blocks(path)]


def _normal(text: str) -> list[str]:
    lines = [line.rstrip() for line in text.splitlines()]
    while lines and not lines[-1]:
        lines.pop()
    return lines


def differences(block: Block, cli: Run) -> list[str]:
    """Run the block's commands in order; one message per command whose output differs."""
    found = []
    for step in block.steps:
        result = cli(*step.args)
        printed = _normal(result.stderr + result.stdout)
        if printed != _normal(step.expected):
            shown = "\n".join(printed)
            found.append(f"$ inet-stages {shlex.join(step.args)}\nimprime en réalité :\n{shown}")
    return found


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty folder with the repository's example folders at hand."""
    for name in AT_HAND:
        (tmp_path / name).symlink_to(REPO / name, target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    return tmp_path


BLOCKS = all_blocks()


def rewrite(block: Block, cli: Run) -> None:
    """Write what the commands print into the block (INET_STAGES_UPDATE_DOCS=1).

    For an intended change of output: review the diff of the documentation.
    """
    parts = []
    for step in block.steps:
        result = cli(*step.args)
        printed = "\n".join(_normal(result.stderr + result.stdout))
        parts.append(f"$ {step.command}\n{printed}\n" if printed else f"$ {step.command}\n")
    page = REPO / block.path
    text = page.read_text(encoding="utf-8")
    page.write_text(text.replace(block.raw, "".join(parts), 1), encoding="utf-8")


@pytest.mark.parametrize("block", BLOCKS, ids=[f"{b.path}:{b.line}" for b in BLOCKS])
def test_example_prints_what_it_shows(block: Block, cli: Run, workdir: Path) -> None:
    if os.environ.get("INET_STAGES_UPDATE_DOCS"):
        rewrite(block, cli)
        return
    problems = differences(block, cli)
    assert not problems, f"{block.path}:{block.line}\n" + "\n\n".join(problems)


def test_the_readme_and_the_docs_have_examples() -> None:
    readme = [b for b in BLOCKS if b.path == "README.md"]
    assert len(readme) >= 3
    assert len(BLOCKS) >= 8
    assert all(step.expected.strip() for b in BLOCKS for step in b.steps[-1:])


def test_changing_one_printed_line_fails(cli: Run, workdir: Path) -> None:
    block = next(b for b in BLOCKS if b.steps[0].args[:1] == ("rules",))
    assert differences(block, cli) == []
    step = block.steps[0]
    lines = step.expected.splitlines()
    index = next(i for i, line in enumerate(lines) if line.strip())
    lines[index] = lines[index].replace("e", "é", 1) if "e" in lines[index] else lines[index] + "x"
    mutated = replace(block, steps=(replace(step, expected="\n".join(lines)), *block.steps[1:]))
    assert len(differences(mutated, cli)) == 1


def test_a_command_without_today_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```console\n$ inet-stages deadlines\nrien\n```\n", encoding="utf-8")
    with pytest.raises(ValueError, match="--today"):
        parse_blocks(page, "page.md")
    page.write_text("```console\n$ head -3 offre.toml\nrien\n```\n", encoding="utf-8")
    with pytest.raises(ValueError, match="```sh"):
        parse_blocks(page, "page.md")
    page.write_text("```sh\n$ head -3 offre.toml\n```\n", encoding="utf-8")
    assert parse_blocks(page, "page.md") == []
