"""The Graph view: a tree diagram (a decision tree, split by split) or a general graph (a
Markov chain, a computation graph). The layout is computed here, once, so the browser and
matplotlib put every node in the same place.

JS renderer: ``frontend/src/views/graph.ts``; matplotlib: ``mlscope/render/graph.py``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import ClassVar, Literal

import numpy as np

from mlscope.core.views.base import FloatArray

MAX_NODES = 2000
MAX_DEPTH = 200


@dataclass
class GraphNode:
    """One box: ``label`` (bold) over ``detail`` (lines split by "\\n": counts, impurity).
    mix: class proportions drawn as a bar in class colours (a tree node's class mix);
    color: the box's fill; highlight: outlined strongly (a point's path down the tree).
    x, y: the node's place in [0, 1]² (x right, y down), used by the "given" layout."""

    id: str
    label: str
    detail: str = ""
    mix: list[float] = field(default_factory=list)
    color: str = "#ffffff"
    highlight: bool = False
    x: float = 0.5
    y: float = 0.5


@dataclass
class GraphEdge:
    """An arrow from ``source`` to ``target`` (ids), with an optional label ("x₁ ≤ 0.4",
    "0.3"); width scales the line; highlight draws it strongly."""

    source: str
    target: str
    label: str = ""
    width: float = 1.0
    highlight: bool = False


@dataclass
class Graph:
    """Nodes and edges, laid out by ``layout``:

    - "tree": roots on top, each parent centred over its children, leaves spread evenly in
      the order the edges list them (a decision tree: left child first);
    - "layered": each node one layer below the deepest of its parents (cycles broken by
      first visit), layers top to bottom;
    - "circle": nodes round a circle in order (a Markov chain's states);
    - "given": each node's own x, y.

    ``positions`` (set here): ndarray of shape (len(nodes), 2), float, in [0, 1]² with
    x right and y down. click_action: the action a click on a node sends (its id).
    """

    title: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    layout: Literal["tree", "layered", "circle", "given"] = "tree"
    click_action: str | None = None
    positions: FloatArray = field(init=False, repr=False)
    kind: ClassVar[str] = "graph"

    def __post_init__(self) -> None:
        if len(self.nodes) > MAX_NODES:
            raise ValueError(f"a Graph holds at most {MAX_NODES} nodes; got {len(self.nodes)}")
        ids = [n.id for n in self.nodes]
        if len(set(ids)) != len(ids):
            raise ValueError("Graph node ids must be unique")
        known = set(ids)
        for e in self.edges:
            for end in (e.source, e.target):
                if end not in known:
                    raise ValueError(f"Graph edge {e.source!r} -> {e.target!r}: no node {end!r}")
        layouts = {"tree": tree_layout, "layered": layered_layout, "circle": circle_layout,
                   "given": given_layout}
        if self.layout not in layouts:
            raise ValueError(f"Graph.layout must be one of {', '.join(layouts)}; "
                             f"got {self.layout!r}")
        self.positions = layouts[self.layout](self.nodes, self.edges).reshape(-1, 2)


def _children(nodes: list[GraphNode], edges: list[GraphEdge]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {n.id: [] for n in nodes}
    for e in edges:
        out[e.source].append(e.target)
    return out


def _level_y(level: int, count: int) -> float:
    """y of level ``level`` of ``count`` levels, with a margin: 0 .. 1 top to bottom."""
    return 0.5 if count <= 1 else 0.08 + 0.84 * level / (count - 1)


def _roots(nodes: list[GraphNode], edges: list[GraphEdge]) -> list[str]:
    """Nodes no edge points to (the first node when every node has a parent: a cycle)."""
    has_parent = {e.target for e in edges}
    return [n.id for n in nodes if n.id not in has_parent] or [n.id for n in nodes[:1]]


def tree_layout(nodes: list[GraphNode], edges: list[GraphEdge]) -> FloatArray:
    """Leaves at even steps in depth-first order, parents centred over their children."""
    kids = _children(nodes, edges)
    x: dict[str, float] = {}
    depth: dict[str, int] = {}
    leaves = 0

    def place(node: str, d: int) -> float:
        nonlocal leaves
        if d > MAX_DEPTH:
            raise ValueError(f"a tree layout draws at most {MAX_DEPTH} levels")
        depth[node] = d
        todo = [c for c in kids[node] if c not in depth]
        if not todo:
            x[node] = leaves
            leaves += 1
        else:
            xs = [place(c, d + 1) for c in todo]
            x[node] = (xs[0] + xs[-1]) / 2
        return x[node]

    for r in _roots(nodes, edges):
        place(r, 0)
    for n in nodes:  # anything unreachable from a root: a row of its own at the bottom
        if n.id not in x:
            place(n.id, max(depth.values(), default=-1) + 1)
    levels = max(depth.values(), default=0) + 1
    return np.array([[(x[n.id] + 0.5) / max(leaves, 1), _level_y(depth[n.id], levels)]
                     for n in nodes], dtype=float)


def _topological(nodes: list[GraphNode], kids: dict[str, list[str]],
                 roots: list[str]) -> list[str]:
    """Reverse post-order of a depth-first walk from the roots (then from any node not yet
    seen): every edge that does not close a cycle points forward in it."""
    seen: set[str] = set()
    post: list[str] = []
    for start in [*roots, *(n.id for n in nodes)]:
        if start in seen:
            continue
        seen.add(start)
        stack = [(start, iter(kids[start]))]
        while stack:
            node, it = stack[-1]
            nxt = next((c for c in it if c not in seen), None)
            if nxt is None:
                post.append(node)
                stack.pop()
            else:
                seen.add(nxt)
                stack.append((nxt, iter(kids[nxt])))
    return post[::-1]


def layered_layout(nodes: list[GraphNode], edges: list[GraphEdge]) -> FloatArray:
    """Longest-path layers from the roots; an edge that closes a cycle is ignored."""
    kids = _children(nodes, edges)
    topo = _topological(nodes, kids, _roots(nodes, edges))
    at = {node: k for k, node in enumerate(topo)}
    layer = dict.fromkeys(topo, 0)
    for u in topo:
        for v in kids[u]:
            if at[v] > at[u]:
                layer[v] = max(layer[v], layer[u] + 1)
    count = max(layer.values(), default=0) + 1
    rows: dict[int, list[str]] = {}
    for n in nodes:
        rows.setdefault(layer[n.id], []).append(n.id)
    pos = {i: ((k + 0.5) / len(ids), _level_y(d, count))
           for d, ids in rows.items() for k, i in enumerate(ids)}
    return np.array([pos[n.id] for n in nodes], dtype=float)


def circle_layout(nodes: list[GraphNode], edges: list[GraphEdge]) -> FloatArray:
    """Round a circle from the top, clockwise."""
    k = len(nodes)
    if k == 1:
        return np.array([[0.5, 0.5]])
    a = [-math.pi / 2 + 2 * math.pi * i / k for i in range(k)]
    return np.array([[0.5 + 0.38 * math.cos(t), 0.5 + 0.38 * math.sin(t)] for t in a])


def given_layout(nodes: list[GraphNode], edges: list[GraphEdge]) -> FloatArray:
    """Each node's own x, y."""
    return np.array([[n.x, n.y] for n in nodes], dtype=float)
