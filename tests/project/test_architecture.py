"""The package's import graph: no cycle, and the layers of pyproject's import-linter contracts.

import-linter (``lint-imports`` in CI) checks the layers; this test checks what
layers alone cannot: that no module imports itself back through others (the
eight-file cycle of offers.py and the rules is what it guards against).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import grimp


def _cycles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan, iterative)."""
    modules = sorted(graph.modules)
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    found: list[list[str]] = []
    counter = 0
    for root in modules:
        if root in index:
            continue
        work = [(root, iter(sorted(graph.find_modules_directly_imported_by(root))))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            advanced = False
            for child in children:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append(
                        (child, iter(sorted(graph.find_modules_directly_imported_by(child))))
                    )
                    advanced = True
                    break
                if child in on_stack:
                    low[node] = min(low[node], index[child])
            if advanced:
                continue
            work.pop()
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def _without_package_inits(graph: grimp.ImportGraph) -> grimp.ImportGraph:
    """A package's ``__init__`` re-exporting its children is not a cycle of ours.

    grimp counts ``from inet_stages.calendar.model import X`` as importing the
    package too when ``__init__`` runs; we drop the edges from a package to its
    own descendants, which is how Python resolves them (no code runs twice).
    """
    for module in sorted(graph.modules):
        for child in graph.find_modules_directly_imported_by(module):
            if child.startswith(module + "."):
                graph.remove_import(importer=module, imported=child)
    return graph


def test_no_module_imports_itself_back() -> None:
    graph = _without_package_inits(grimp.build_graph("inet_stages"))
    assert _cycles(graph) == []


def test_a_cycle_is_caught() -> None:
    """The detector itself finds a cycle planted in a copy of the graph."""
    graph = grimp.build_graph("inet_stages")
    graph.add_import(importer="inet_stages.text.textsafe", imported="inet_stages.cli")
    assert _cycles(_without_package_inits(graph))


def test_the_layer_contracts_hold() -> None:
    # The console script of the same environment as the tests.
    script = Path(sys.executable).with_name("lint-imports")
    done = subprocess.run([str(script)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout[-3000:]
    assert "0 broken" in done.stdout
