"""The package's dependencies point one way: no import cycle, no module importing a layer above it.

The layers, lowest first, are those of CONTRIBUTING.md. Every ``import`` counts, inside functions
too, and so do the imports made for type checking only (``if TYPE_CHECKING:``).
"""

from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx
import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "carrieres"

LAYERS: list[tuple[str, set[str]]] = [
    ("base", {"exceptions", "_i18n", "_text", "_gender", "_records", "_html", "_shipped", "_cache"}),
    ("names", {"names"}),
    ("records", {"models", "skills", "_kept"}),
    ("sources", {"files", "prerequisites", "parse", "rome", "rome_cards", "tables", "crosswalk", "crossing"}),
    ("graph", {"similarity", "graph", "_engine"}),
    ("results", {"paths", "analysis", "_stored"}),
    ("outputs", {"_render", "_display", "layout", "plot", "export", "webmap"}),
    ("cli", {"cli", "completion", "__main__"}),
]
"""Each layer and its modules (a package counts as one module: ``cli`` holds ``cli/*``)."""


def _module(path: Path) -> str:
    """The layer module a file belongs to: ``cli`` for ``cli/paths.py``, ``graph`` for ``graph.py``."""
    return path.relative_to(PACKAGE).parts[0].removesuffix(".py")


def _imports(path: Path) -> set[str]:
    """The modules of the package a file imports, by their layer module name."""
    return _imported(path.read_text(encoding="utf-8")) - {_module(path)}


def _imported(source: str) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("carrieres"):
            parts = node.module.split(".")
            if len(parts) > 1:
                found.add(parts[1])
            else:  # from carrieres import x: x is a module, or a name of the package's lazy API
                found.update(alias.name for alias in node.names if (PACKAGE / f"{alias.name}.py").exists())
        elif isinstance(node, ast.Import):
            found.update(a.name.split(".")[1] for a in node.names if a.name.startswith("carrieres."))
    return found


def _graph() -> nx.DiGraph:
    G = nx.DiGraph()
    for path in PACKAGE.rglob("*.py"):
        if path.relative_to(PACKAGE).parts == ("__init__.py",):
            continue  # the package's lazy front door sits above every layer
        G.add_node(_module(path))
        G.add_edges_from((_module(path), target) for target in _imports(path))
    return G


def test_every_module_has_a_layer() -> None:
    placed = set().union(*(modules for _, modules in LAYERS))
    assert set(_graph()) == placed


def test_no_import_cycle() -> None:
    cycles = [sorted(c) for c in nx.strongly_connected_components(_graph()) if len(c) > 1]
    assert cycles == []


def test_no_module_imports_a_layer_above_its_own() -> None:
    level = {module: rank for rank, (_, modules) in enumerate(LAYERS) for module in modules}
    upward = [(a, b) for a, b in _graph().edges if level[b] > level[a]]
    assert upward == []


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("from carrieres.paths import Route\n", {"paths"}),
        ("def f():\n    from carrieres import plot\n", {"plot"}),
        ("import carrieres.graph as g\n", {"graph"}),
        (
            "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from carrieres.cli import main\n",
            {"cli"},
        ),
    ],
)
def test_the_guard_sees_every_kind_of_import(source: str, expected: set[str]) -> None:
    assert _imported(source) == expected
