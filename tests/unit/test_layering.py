"""The package's layers, checked on the source: no module imports one from a layer above
its own (function-level imports count too), and no two modules import each other, however
indirectly. Imports under ``if TYPE_CHECKING:`` are for the type checker only and are left
out. docs/ARCHITECTURE.md draws these layers."""

from __future__ import annotations

import ast
from pathlib import Path

import mlscope

SRC = Path(mlscope.__file__).parent

LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("core: parameters, views, story, session, protocol", ("mlscope.core",)),
    ("computation: data sets and the numpy network", ("mlscope.data", "mlscope.nn")),
    ("the lens's computation: adapters, projections, its explorable", ("mlscope.lens.",)),
    ("training runs: recording, the run store, reading runs", ("mlscope.timeline",)),
    ("explorables", ("mlscope.explorables",)),
    ("matplotlib renderers and the exporter", ("mlscope.render",)),
    ("the catalogue", ("mlscope.catalog",)),
    ("transports: web app and notebook widget", ("mlscope.web", "mlscope.notebook")),
    ("the user's API: mlscope, the command, Jupyter display, the lens's objects",
     ("mlscope", "mlscope.cli", "mlscope.jupyter", "mlscope.lens", "mlscope.lens.displays",
      "mlscope.lens.embedding")),
]
"""Lowest first. A module belongs to the layer with its longest matching name (exact names
and packages; a trailing dot means "modules inside, not the package itself")."""


def modules() -> dict[str, Path]:
    out = {}
    for path in SRC.rglob("*.py"):
        parts = ("mlscope", *path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        out[".".join(parts)] = path
    return out


def _type_checking_only(tree: ast.AST) -> set[int]:
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(n) for stmt in node.body for n in ast.walk(stmt))
    return skip


def imports() -> dict[str, set[str]]:
    """Module -> the mlscope modules it imports anywhere in its text (lazy ones too)."""
    mods = modules()
    edges: dict[str, set[str]] = {}
    for name, path in mods.items():
        tree = ast.parse(path.read_text())
        skip = _type_checking_only(tree)
        found: set[str] = set()
        for node in ast.walk(tree):
            if id(node) in skip:
                continue
            if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                for alias in node.names:
                    sub = f"{node.module}.{alias.name}"
                    found.add(sub if sub in mods else node.module)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        edges[name] = {m for m in found if m in mods and m != name}
    return edges


def layer_of(module: str) -> int:
    best, best_len = -1, -1
    for k, (_, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            hit = (module.startswith(p) and module != p.rstrip(".")) if p.endswith(".") \
                else module == p or module.startswith(p + ".")
            if hit and len(p) > best_len:
                best, best_len = k, len(p)
    return best


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in sorted(edges):
        if v not in index:
            visit(v)
    return out


def test_every_module_has_a_layer():
    assert [m for m in modules() if layer_of(m) < 0] == []


def test_no_module_imports_from_a_layer_above_its_own():
    wrong = [f"{a} ({LAYERS[layer_of(a)][0]}) imports {b} ({LAYERS[layer_of(b)][0]})"
             for a, targets in imports().items() for b in sorted(targets)
             if layer_of(b) > layer_of(a)]
    assert wrong == []


def test_there_are_no_import_cycles():
    assert cycles(imports()) == []


def test_the_checker_sees_a_cycle_and_an_upward_import():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c"]]
    assert layer_of("mlscope.core.views") < layer_of("mlscope.render.plot")
    assert layer_of("mlscope.lens.transformation") < layer_of("mlscope.explorables.deep.transform")
    assert layer_of("mlscope.lens") == layer_of("mlscope.lens.displays") == len(LAYERS) - 1
    assert "mlscope.render.export" in imports()["mlscope.notebook.widget"]
