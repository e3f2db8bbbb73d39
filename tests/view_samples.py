"""One view of every kind, every Plot layer kind among them: what the view-kind tests draw
with matplotlib and in the browser (``SampleViews``, a small explorable made of them)."""

from __future__ import annotations

import numpy as np

from mlscope.core import views as v
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import FloatParam


def plot_with_every_layer(shift: float = 0.0) -> v.Plot:
    x = np.linspace(-3, 3, 61)
    density = np.exp(-0.5 * (x - shift) ** 2) / np.sqrt(2 * np.pi)
    edges = np.linspace(-3, 3, 13)
    grid = np.add.outer(np.linspace(-1, 1, 20), np.linspace(-1, 1, 30))
    return v.Plot(
        "Every layer", "x", "y", (-3, 3), (-0.2, 1.2), [
            v.HeatmapLayer(grid, (-3, 3), (-0.2, 1.2), -2, 2, opacity=0.35, name="field"),
            v.AreaLayer(edges, np.full(12, 0.1) + 0.05 * np.arange(12) % 0.3, steps=True,
                        color="#8e44ad", name="histogram"),
            v.AreaLayer(x, density + 0.15, density - 0.05 + 0 * x, name="band"),
            v.LinesLayer(x, density, color="#c2185b", width=2, name="density"),
            v.ShapesLayer("ellipse", np.array([shift, 1.5]), np.array([0.6, 0.8]),
                          np.array([1.6, 0.8]), np.array([0.5, 0.5]), angle=np.array([0, 30]),
                          labels=np.array([0, 1]), name="regions"),
            v.ShapesLayer("rect", np.array([-2.0]), np.array([0.9]), np.array([1.0]),
                          np.array([0.4]), fill="#5b6773", name="square"),
            v.ArrowsLayer(np.array([-1.0, 1.0]), np.array([0.2, 0.2]), np.array([0.8, -0.5]),
                          np.array([0.4, 0.3]), color="#37474f", name="gradient"),
            v.PointsLayer(np.array([-2.0, 0.0, 2.0]), np.array([0.3, 0.5, 0.7]),
                          labels=np.array([0, 1, 2]), name="points"),
            v.LabelsLayer(np.array([-2.0, 0.0, 2.0]), np.array([0.3, 0.5, 0.7]),
                          ["a", "b", "c"], offset=(0, 10)),
            v.ImageLayer(np.dstack([np.full((4, 6), 200, np.uint8)] * 3
                                   + [np.arange(24, dtype=np.uint8).reshape(4, 6) * 10]),
                         (1.0, 2.5), (0.8, 1.1), name="cells"),
        ], aspect=1.4)


CONFUSION = np.array([[40.0, 3, 1], [5, 33, 2], [0, 4, 42]])


def matrix(cm: np.ndarray | None = None) -> v.Matrix:
    cm = CONFUSION if cm is None else cm
    return v.Matrix("Confusion matrix", cm, ["setosa", "versicolor", "virginica"],
                    ["setosa", "versicolor", "virginica"], 0, 45, x_label="predicted",
                    y_label="true", decimals=0, name="count", edit_action="edit_cell")


def images() -> v.ImageGrid:
    rng = np.random.default_rng(0)
    grey = rng.random((6, 8, 8))
    grey[:, 2:6, 3:5] = 1.0
    return v.ImageGrid("Filters", grey, captions=[f"filter {k}" for k in range(6)],
                       labels=np.array([0, 1, 0, 1, 2, 3]), columns=3)


def tree(picked: str = "3") -> v.Graph:
    """A small decision tree; the path from the root to ``picked`` is highlighted."""
    parent = {"1": "0", "2": "0", "3": "1", "4": "1"}
    path = {picked}
    while picked in parent:
        picked = parent[picked]
        path.add(picked)
    nodes = [v.GraphNode("0", "x₁ ≤ 0.4", "n = 100\ngini 0.50", mix=[50, 50]),
             v.GraphNode("1", "x₂ ≤ 1.2", "n = 60\ngini 0.28", mix=[50, 10]),
             v.GraphNode("2", "class 1", "n = 40\ngini 0.00", mix=[0, 40]),
             v.GraphNode("3", "class 0", "n = 45", mix=[45, 0]),
             v.GraphNode("4", "class 1", "n = 15", mix=[5, 10])]
    for n in nodes:
        n.highlight = n.id in path
    edges = [v.GraphEdge(parent[c], c, "yes" if c in "13" else "no",
                         highlight=c in path) for c in ("1", "2", "3", "4")]
    return v.Graph("Decision tree", nodes, edges, click_action="pick_node")


def every_view(shift: float = 0.0) -> dict[str, v.View]:
    """One of each kind, keyed by kind."""
    x = np.arange(5.0)
    return {
        "plot": plot_with_every_layer(shift),
        "chart": v.Chart("Loss", "epoch", "loss", x, [v.Series("train", 1 / (1 + x))]),
        "table": v.Table("Table", ["a", "b"], [["1", "2"]]),
        "formula": v.Formula(r"y = w x + b", title="Formula"),
        "text": v.Text("Some text.", title="Text"),
        "network": v.Network("Network", [v.Node("a", 0, "a"), v.Node("b", 1, "b")],
                             [v.Edge("a", "b", 0.5)]),
        "bars": v.Bars("Bars", ["a", "b"], np.array([0.3, -0.2]), (-1, 1)),
        "scene3d": v.Scene3D("Scene", "x", "y", "z", (-1, 1), (-1, 1), (-1, 1),
                             [v.Points3D(x / 5, x / 5, x / 5)]),
        "matrix": matrix(),
        "images": images(),
        "graph": tree(),
    }


class SampleViews(Explorable):
    """Every view kind on one page (registered by the browser test only)."""

    slug = "test-view-kinds"
    title = "Every view kind"
    topic = "other"
    summary = "A test page."
    params = (FloatParam("shift", 0.0, -2.0, 2.0, step=0.1, label="shift"),)
    layout = (("plot", "matrix"), ("graph", "images"), ("chart", "bars"))
    story_steps = ()

    actions = (Action("reset", "Reset"), Action("edit_cell", "edit a cell", button=False),
               Action("pick_node", "pick a node", button=False))

    def reset(self) -> None:
        self.cells = CONFUSION.copy()
        self.picked = "3"

    def step(self) -> None:
        pass

    def act(self, name: str, value: object) -> None:
        if name == "edit_cell":
            cell = dict(value)  # type: ignore[call-overload]
            self.cells[int(cell["row"]), int(cell["col"])] = float(cell["value"])
        elif name == "pick_node":
            self.picked = str(value)

    def frame(self) -> dict[str, v.View]:
        views = every_view(self.p.shift)
        views["matrix"] = matrix(self.cells)
        views["graph"] = tree(self.picked)
        return {k: views[k] for row in self.layout for k in row}
