"""View payloads: the small typed vocabulary every explorable's ``frame()`` speaks.

Each type has one JS renderer (``frontend/src/views/``) and one matplotlib renderer
(``mlscope/render/``). Arrays are numpy arrays; they travel as binary typed arrays
(see ``encoding.py``), never as JSON lists.

New kinds live in their own modules here and are re-exported: marks.py (areas, arrows,
labels, shapes on a Plot), matrix.py, images.py, graph.py.
``tests/unit/test_view_kinds.py`` checks that every kind has both renderers.

Grid orientation, stated once for every 2-D array here: ``values[i, j]`` is the value at
``y = y_range[0] + i * dy`` and ``x = x_range[0] + j * dx``, i.e. row 0 is the *bottom* row
(smallest y) and the array is laid out like a mathematical plot, not like an image. Cell
centres span the ranges end to end: ``dx = (x_range[1] - x_range[0]) / (nx - 1)``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import ClassVar, Literal, cast

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import COLORMAPS, value_codes
from mlscope.core.views.base import FloatArray as FloatArray
from mlscope.core.views.base import Range as Range
from mlscope.core.views.graph import Graph as Graph
from mlscope.core.views.graph import GraphEdge as GraphEdge
from mlscope.core.views.graph import GraphNode as GraphNode
from mlscope.core.views.images import ImageGrid as ImageGrid
from mlscope.core.views.marks import AreaLayer as AreaLayer
from mlscope.core.views.marks import ArrowsLayer as ArrowsLayer
from mlscope.core.views.marks import ImageLayer as ImageLayer
from mlscope.core.views.marks import LabelsLayer as LabelsLayer
from mlscope.core.views.marks import ShapesLayer as ShapesLayer
from mlscope.core.views.matrix import Matrix as Matrix

Tone = Literal["info", "success", "warning", "error"]


# --- layers of a Plot ---------------------------------------------------------------------


@dataclass
class HeatmapLayer:
    """A scalar field over the plot's box, drawn as colour.

    values: ndarray of shape (ny, nx), float; orientation as in the module docstring.
    Travels as uint8 colour codes (``codes()``): 0..255 index a 256-entry colour map that the
    JS and matplotlib renderers share, so both draw the same colours.
    scale: "log" maps log10(values) linearly onto the colour map (values must be > 0).
    name: what the colour measures ("MSE"): a named heatmap gets a colour bar in the legend.
    """

    values: FloatArray
    x_range: Range
    y_range: Range
    vmin: float
    vmax: float
    colormap: str = "diverging"
    scale: Literal["linear", "log"] = "linear"
    opacity: float = 1.0
    name: str = ""
    kind: ClassVar[str] = "heatmap"

    def __post_init__(self) -> None:
        if self.colormap not in COLORMAPS:
            raise ValueError(f"colormap must be one of {sorted(COLORMAPS)}; got {self.colormap!r}")
        if np.ndim(self.values) != 2:
            raise ValueError(f"heatmap values must be 2-D; got shape {np.shape(self.values)}")

    def codes(self) -> NDArray[np.uint8]:
        """Colour codes, ndarray of shape (ny, nx), uint8: 0 at vmin, 255 at vmax, clipped."""
        v = np.asarray(self.values, dtype=np.float64)
        lo, hi = self.vmin, self.vmax
        if self.scale == "log":
            v, lo, hi = np.log10(np.maximum(v, 1e-300)), np.log10(lo), np.log10(hi)
        return value_codes(v, lo, hi)


@dataclass
class PointsLayer:
    """Markers at (x, y).

    x, y: ndarray of shape (n,), float. labels: ndarray of shape (n,), int in [0, 8), picks a
    colour from the label palette; else ``codes`` (ndarray of shape (n,), uint8, e.g. from
    ``colors.value_codes``) colour each point through ``colormap`` as a heatmap would;
    with neither, every point is ``color``.
    draggable: the name of a PointsParam that dragging a point edits (its points in order),
    or None. classes: with labels, the name of each class (class k is ``classes[k]``): the
    legend then keys every class by its colour instead of the layer as one (digits 0-9, a
    table's species); [] keys the layer by its name. hover: one text per point (a row's
    values), shown above the plot while the pointer is on the point; [] for none.
    """

    x: FloatArray
    y: FloatArray
    labels: NDArray[np.integer] | None = None
    color: str = "#333333"
    size: float = 5.0
    marker: Literal["circle", "cross", "star"] = "circle"
    draggable: str | None = None
    name: str = ""
    stroke: str = "#ffffff"
    """The outline of each marker (e.g. dark for test points)."""
    codes: NDArray[np.uint8] | None = None
    colormap: str = "diverging"
    classes: list[str] = field(default_factory=list)
    hover: list[str] = field(default_factory=list)
    kind: ClassVar[str] = "points"

    def __post_init__(self) -> None:
        if self.hover and len(self.hover) != len(self.x):
            raise ValueError(f"PointsLayer.hover has {len(self.hover)} texts for {len(self.x)} "
                             f"points")


@dataclass
class LinesLayer:
    """Polylines: x, y are ndarrays of shape (n,), float; a NaN in both ends a segment.
    A named layer (like a named points layer) has a key in the plot's legend, which sits
    above the plot, never on the data. With ``fill`` (a colour), each segment is a closed
    polygon filled at ``fill_opacity`` under its outline (a transformed square, a shape);
    width 0 draws no outline."""

    x: FloatArray
    y: FloatArray
    color: str = "#333333"
    width: float = 1.5
    dash: tuple[float, ...] = ()
    name: str = ""
    fill: str = ""
    fill_opacity: float = 0.25
    kind: ClassVar[str] = "lines"


Layer = (HeatmapLayer | PointsLayer | LinesLayer | AreaLayer | ArrowsLayer | ShapesLayer
         | LabelsLayer | ImageLayer)


# --- views --------------------------------------------------------------------------------


@dataclass
class Tween:
    """How a view's numbers move along one parameter, so the browser can follow that
    parameter's slider without waiting for the server (scrubbing t in the transformation).

    ``frames[k]`` holds the numbers at ``stops[k]``; between two stops each one moves in a
    straight line, and a string (an axis label) is the nearer stop's. Paths name what moves:
    a field of the view (``"x_range"``, ``"x_label"``) or ``"layers.<index>.<field>"``.
    ``shown`` limits layers to an interval of the parameter (a separator drawn only at
    t = 1). Everything else (titles, colours) is the server's and follows one round trip
    later. The frame's own numbers must equal the blend at the parameter's value; matplotlib
    draws those and ignores the tween.
    """

    param: str
    stops: list[float]
    frames: list[dict[str, FloatArray | Range | str]]
    shown: dict[str, Range] = field(default_factory=dict)
    hold: bool = False
    """True: each stop's numbers hold until the next stop instead of moving in a straight
    line (a run's snapshots: the picture at a step is the last snapshot's)."""

    def __post_init__(self) -> None:
        s = self.stops
        if len(s) < 2 or any(s[k + 1] < s[k] for k in range(len(s) - 1)):
            raise ValueError(f"tween stops must be 2 or more increasing values; got {self.stops}")
        if len(self.frames) != len(self.stops):
            raise ValueError(f"a tween needs one frame per stop: {len(self.stops)} stops, "
                             f"{len(self.frames)} frames")
        paths = set(self.frames[0])
        if any(set(f) != paths for f in self.frames):
            raise ValueError("every frame of a tween must hold the same paths")

    def at(self, value: float) -> dict[str, FloatArray | Range | str]:
        """The blended numbers at ``value`` (what the browser computes)."""
        v = min(max(float(value), self.stops[0]), self.stops[-1])
        if self.hold:
            k = max(0, int(np.searchsorted(self.stops, v, side="right")) - 1)
            return dict(self.frames[k])
        k = max(0, min(int(np.searchsorted(self.stops, v, side="right")) - 1,
                       len(self.stops) - 2))
        lo, hi = self.stops[k], self.stops[k + 1]
        u = (v - lo) / (hi - lo) if hi > lo else 0.0
        a, b = self.frames[k], self.frames[k + 1]
        out: dict[str, FloatArray | Range | str] = {}
        for path, x in a.items():
            y = b[path]
            if isinstance(x, str):
                out[path] = x if u < 0.5 else y
            elif isinstance(x, np.ndarray):
                out[path] = (1 - u) * x + u * np.asarray(y)
            else:
                xr, yr = x, cast(Range, y)
                out[path] = ((1 - u) * xr[0] + u * yr[0], (1 - u) * xr[1] + u * yr[1])
        return out


@dataclass
class Plot:
    """A 2-D plot with axes over x_range × y_range, drawing its layers in order."""

    title: str
    x_label: str
    y_label: str
    x_range: Range
    y_range: Range
    layers: Sequence[Layer]
    click_action: str | None = None
    """An action sent {"x", "y", "shift"} (data units) when the plot is clicked."""
    aspect: float = 1.6
    """Width over height of the plotting area's box (1 for a square map of a plane)."""
    y_ticks: list[tuple[float, str]] | None = None
    """(position, label) of each y tick instead of round numbers: e.g. one per layer of
    a ridgeline of histograms; [] for none (t-SNE's axes have no units)."""
    x_ticks: list[tuple[float, str]] | None = None
    """(position, label) of each x tick instead of round numbers; [] for none (a
    dendrogram's leaves have no scale)."""
    tween: Tween | None = None
    """How the layers move along one parameter, for the browser to follow its slider."""
    kind: ClassVar[str] = "plot"


@dataclass
class Series:
    """One line of a Chart: y is an ndarray of shape (n,), aligned with the chart's x."""

    name: str
    y: FloatArray
    color: str = "#0877bd"


@dataclass
class Chart:
    """A line chart (uPlot in the browser). x: ndarray of shape (n,), ascending.

    The explorable keeps n bounded (see ``History``) so per-frame work never grows.
    """

    title: str
    x_label: str
    y_label: str
    x: FloatArray
    series: list[Series]
    log_y: bool = False
    kind: ClassVar[str] = "chart"


@dataclass
class Table:
    """A small table of already-formatted cells; ``footer`` rows are set apart below.
    ``row_action``: an action a click (or Enter) on a body row sends, with {"row": index}."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    footer: list[list[str]] = field(default_factory=list)
    row_action: str | None = None
    kind: ClassVar[str] = "table"


@dataclass
class Formula:
    """TeX rendered by KaTeX (browser) or matplotlib's mathtext (export)."""

    tex: str
    title: str = ""
    kind: ClassVar[str] = "formula"


@dataclass
class Text:
    """A short message; ``tone`` colours it."""

    text: str
    tone: Tone = "info"
    title: str = ""
    kind: ClassVar[str] = "text"


@dataclass
class Node:
    """A neuron or input of a Network: ``layer`` is its column (0 = inputs).

    heatmap: the neuron's output over the input plane as colour codes, ndarray of shape
    (n, n), uint8 (grid orientation as in the module docstring), drawn in the node; or None
    for a plain circle. card: the hover card, lines of text with TeX between $...$.
    active: False draws the node faded (e.g. an input feature that is switched off).
    """

    id: str
    layer: int
    label: str
    detail: str = ""
    heatmap: NDArray[np.uint8] | None = None
    colormap: str = "diverging"
    card: str = ""
    active: bool = True
    toggle: str = ""
    """The option of ``Network.toggle_param`` that clicking this node toggles."""
    bias: float | None = None
    """The neuron's bias, drawn as a small square on its tile's lower-left corner in the
    diverging colours (TensorFlow Playground's mark); None for none (inputs)."""


@dataclass
class Edge:
    """A weighted connection; width and colour follow ``weight``, ``label`` is shown on it."""

    source: str
    target: str
    weight: float
    label: str = ""
    label_at: float = 0.5
    """Where along the edge its label sits: 0 at the source, 1 at the target."""
    structural: bool = False
    """A connection with no weight of its own (e.g. into softmax): drawn thin and grey."""
    id: str = ""
    """Names the weight for ``Network.edit_action`` (clicking the edge edits it)."""


@dataclass
class Dense:
    """Every node of one column joined to every node of the next, as one weight matrix.

    weights: ndarray of shape (len(sources), len(targets)), float; ``weights[i, j]`` joins
    ``sources[i]`` to ``targets[j]``. Drawn as edges, and the same as
    ``Edge(sources[i], targets[j], weights[i, j], id=f"{name}:{i}:{j}")``; but a training
    network's many weights travel as one array, and the node ids only once in the header.
    """

    sources: list[str]
    targets: list[str]
    weights: FloatArray
    name: str = ""

    def __post_init__(self) -> None:
        shape = (len(self.sources), len(self.targets))
        if np.shape(self.weights) != shape:
            raise ValueError(f"Dense weights must have shape {shape} (sources, targets); "
                             f"got {np.shape(self.weights)}")

    def edges(self) -> list[Edge]:
        w = np.asarray(self.weights, dtype=float)
        return [Edge(s, t, float(w[i, j]), id=f"{self.name}:{i}:{j}")
                for i, s in enumerate(self.sources) for j, t in enumerate(self.targets)]


@dataclass
class Network:
    """A network diagram: nodes in columns by layer, edges between them.

    The optional fields make it the playground's editable diagram; each names what the
    renderer sends when the user acts on it:

    - ``columns``: a heading per layer (e.g. "4 neurons");
    - ``shape_param``: a ListParam of hidden-layer sizes; +/- buttons edit it;
    - ``layer_param``: a ListParam of per-layer activations; a select per hidden column
      showing ``layer_values``;
    - ``toggle_param``: a FlagsParam; clicking an input node (id = option) toggles it;
    - ``focus_param``: a transient ListParam set to [layer, index] of the hovered node;
    - ``edit_action``: an action sent {"id": edge id, "value": number} when the user types a
      new weight after clicking an edge.

    ``dense`` holds whole layers of weights (see ``Dense``), drawn after ``edges``;
    ``all_edges()`` lists both as edges.
    """

    title: str
    nodes: list[Node]
    edges: list[Edge]
    dense: list[Dense] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    shape_param: str | None = None
    layer_param: str | None = None
    layer_values: list[str] = field(default_factory=list)
    toggle_param: str | None = None
    focus_param: str | None = None
    edit_action: str | None = None
    kind: ClassVar[str] = "network"

    def all_edges(self) -> list[Edge]:
        return [*self.edges, *(e for d in self.dense for e in d.edges())]


@dataclass
class Bars:
    """Categorical bars: one bar per label, heights ``values`` (ndarray of shape (n,)).

    ``value_labels`` are the texts shown on the bars. ``draggable`` names a VectorParam that
    dragging a bar's top edits (bar k sets element k), or None. ``colors``: one per bar, or
    empty for all blue. ``horizontal``: one bar per row, top to bottom, its label at the left
    and ``y_range`` along the x axis (long labels: a component's loadings, feature
    importances); such bars are not draggable.
    """

    title: str
    labels: list[str]
    values: FloatArray
    y_range: Range
    y_label: str = ""
    value_labels: list[str] = field(default_factory=list)
    colors: list[str] = field(default_factory=list)
    draggable: str | None = None
    horizontal: bool = False
    kind: ClassVar[str] = "bars"


@dataclass
class Points3D:
    """Markers at (x, y, z): ndarrays of shape (n,). As in 2-D, labels pick palette colours,
    else ``codes`` (ndarray of shape (n,), uint8) colour each point through ``colormap``,
    else every point is ``color``."""

    x: FloatArray
    y: FloatArray
    z: FloatArray
    labels: NDArray[np.integer] | None = None
    color: str = "#0877bd"
    size: float = 1.0
    name: str = ""
    codes: NDArray[np.uint8] | None = None
    colormap: str = "diverging"
    kind: ClassVar[str] = "points3d"


@dataclass
class Lines3D:
    """Line segments in 3-D: x, y, z of shape (2 * m,), each consecutive pair one segment."""

    x: FloatArray
    y: FloatArray
    z: FloatArray
    color: str = "#333333"
    name: str = ""
    kind: ClassVar[str] = "lines3d"


@dataclass
class Surface3D:
    """A surface z = f(x, y) over the scene's x_range × y_range: z of shape (ny, nx), with
    the grid orientation of the module docstring.

    ``up`` names the axis the values lie along: "z" (the default, as above); "x" for
    x = f(y, z), values of shape (nz, ny) over y_range × z_range; "y" for y = f(x, z),
    values of shape (nz, nx) over x_range × z_range (e.g. a plane that is steep in z).
    """

    z: FloatArray
    color: str = "#f59322"
    opacity: float = 0.55
    name: str = ""
    up: Literal["x", "y", "z"] = "z"
    kind: ClassVar[str] = "surface3d"


Layer3D = Points3D | Lines3D | Surface3D


@dataclass
class Scene3D:
    """A 3-D scene in a box over x_range × y_range × z_range that the mouse can rotate.

    Each axis is scaled to the same length on screen, so the box is a cube whatever the units.
    """

    title: str
    x_label: str
    y_label: str
    z_label: str
    x_range: Range
    y_range: Range
    z_range: Range
    layers: list[Layer3D]
    camera: tuple[float, float] | None = None
    """(elevation, azimuth) in degrees to look from; None keeps the renderer's default. The
    browser moves its camera there whenever this value changes, else the user's drag holds."""
    spin: bool = False
    """The browser turns the scene slowly about its vertical axis (as the seed article's
    cube); a drag still works."""
    tween: Tween | None = None
    """How the layers move along one parameter, for the browser to follow its slider."""
    kind: ClassVar[str] = "scene3d"


View = (Plot | Chart | Table | Formula | Text | Network | Bars | Scene3D | Matrix | ImageGrid
        | Graph)


class History:
    """A bounded record of (step, value) pairs for a Chart.

    When it reaches ``capacity`` it keeps every other point and doubles its stride, so it
    never holds more than ``capacity`` points however long training runs, and the recent
    and early parts stay evenly covered.
    """

    def __init__(self, capacity: int = 2000) -> None:
        if capacity < 4 or capacity % 2:
            raise ValueError("capacity must be an even number >= 4")
        self.capacity = capacity
        self._x = np.empty(capacity)
        self._y = np.empty(capacity)
        self._n = 0
        self._stride = 1
        self._seen = 0

    def add(self, x: float, y: float) -> None:
        """Record (x, y); with stride s, only every s-th call is kept."""
        self._seen += 1
        if (self._seen - 1) % self._stride:
            return
        if self._n == self.capacity:
            half = self.capacity // 2
            self._x[:half] = self._x[0::2]
            self._y[:half] = self._y[0::2]
            self._n = half
            self._stride *= 2
            if (self._seen - 1) % self._stride:
                return
        self._x[self._n], self._y[self._n] = x, y
        self._n += 1

    def clear(self) -> None:
        self._n, self._stride, self._seen = 0, 1, 0

    @property
    def x(self) -> FloatArray:
        return self._x[: self._n]

    @property
    def y(self) -> FloatArray:
        return self._y[: self._n]

    def __len__(self) -> int:
        return self._n
