"""Principal component analysis, step by step (after setosa's "Principal Component Analysis,
Explained Visually"): turn a line to find the direction in which points spread the most,
see PCA find it (and the next one, at a right angle), flatten a 3-D cloud onto its best
plane, rebuild handwritten digits from a few components, and find the odd one out in 17
numbers per country (the UK's food in 1997), or in your own table.

The numbers are ``pca_fit``'s, which tests/unit/test_pca.py checks against
``sklearn.decomposition.PCA`` (components, variances, scores; signs normalised alike).
"""

from __future__ import annotations

from functools import cache, cached_property
from typing import Any, ClassVar

import numpy as np

from mlscope.core.colors import DATA, LABEL_COLORS
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import (
    BoolParam,
    ChoiceParam,
    FloatParam,
    IntParam,
    ParamError,
    PointsParam,
)
from mlscope.core.story import Step
from mlscope.core.text import count
from mlscope.core.views import (
    ArrowsLayer,
    Bars,
    ImageGrid,
    LabelsLayer,
    Lines3D,
    LinesLayer,
    Plot,
    Points3D,
    PointsLayer,
    Scene3D,
    ShapesLayer,
    Surface3D,
    Table,
    Text,
    View,
)
from mlscope.data import csv_table, pca_sets, plane, uk_food
from mlscope.explorables.classic import pca_fit
from mlscope.explorables.plane_points import BOX

PC_COLORS = ("#c2185b", "#4527a0", "#6d4c41")
"""PC1, PC2, PC3 wherever they are drawn (never blue or orange: those mean class or sign)."""
FEET = "#c2185b"
FAINT = "#b8c0c8"
CLOUD_POINTS = 240
RESIDUALS = 90
"""At most this many points of the cloud show their line to the plane."""
DIGITS_SHOWN = 8
MAX_DIGIT_K = 64
TOP_LOADINGS = 20
NAMED_ROWS = 30
"""A table with at most this many rows names each point on the map."""
KEEP_GOAL = 0.9

UPLOAD = Action("upload_csv", "Upload CSV", "Your own table: numeric columns and optionally "
                "one label column; PCA of its rows.", upload=".csv,text/csv,text/plain")


def _angle_live(ex: PCA) -> str:
    v, top = float(pca_fit.variance_along(ex.points, ex.p.angle)), ex.fit2.variances[0]
    if ex.found():
        return (f"Along the line at {ex.p.angle:.0f}° the points vary by **{v:.2f}**: no line "
                f"does better. That direction is the first principal component.")
    return (f"Along the line at {ex.p.angle:.0f}° the points vary by **{v:.2f}** "
            f"({v / top:.0%} of the most any line reaches).")


def _components_live(ex: PCA) -> str:
    r = ex.fit2.ratios
    lam = ex.fit2.variances
    return (f"PC1 points at **{ex.pc1_angle():.0f}°**: $\\lambda_1 = {lam[0]:.2f}$ "
            f"({r[0]:.0%} of the variance), the top of step 1's curve; PC2, at a right "
            f"angle: $\\lambda_2 = {lam[1]:.2f}$ ({r[1]:.0%}), its bottom.")


def _cloud_live(ex: PCA) -> str:
    r = ex.cloud_fit.ratios
    return (f"The flat picture keeps **{r[:2].sum():.0%}** of the variance; the {r[2]:.0%} "
            f"across the plane (the grey lines from each point to it) is lost.")


def _digits_live(ex: PCA) -> str:
    k = ex.p.k
    kept = ex.digit_fit.kept(k)
    return (f"{count(k, 'component')} of 64 keep **{kept:.0%}** of the variance: each digit "
            f"is drawn from {count(k, 'number')} instead of 64.")


def _odd_live(ex: PCA) -> str:
    t = ex.table
    if t is None:
        return "Upload a CSV to see your own table here."
    if ex.picked is None:
        return "Click a point on the map."
    name = ex.row_name(ex.picked)
    if ex.picked != ex.odd_one():
        return f"{name} sits with the others on PC1. Which one does not?"
    side = ex.table_scores[ex.picked, 0]
    foods = ", ".join(f"{t.columns[j]} ({'more' if w * side > 0 else 'less'})"
                      for j, w in ex.top_loadings(0, 3))
    return (f"**{name}** is alone at one end of PC1. The columns that weigh most in PC1: "
            f"{foods}.")


def _kept_enough(ex: PCA) -> bool:
    k = ex.p.k
    return ex.digit_fit.kept(k) >= KEEP_GOAL > ex.digit_fit.kept(k - 1)


def _stretched(ex: PCA) -> None:
    """The first points and the table of food, so the words match the pictures."""
    if ex.p.table != "food":
        ex.set(table="food")


class PCA(Explorable):
    slug = "pca"
    title = "Principal component analysis"
    topic = "classic"
    summary = ("Find the directions in which data spreads the most, and keep only those: a "
               "3-D cloud made flat, digits rebuilt from a few numbers, the odd one out in a "
               "table.")
    params = (
        FloatParam("angle", 120.0, 0.0, 180.0, step=0.5, label="line's angle (°)",
                   effect="view", doc="The direction of the line the points are projected "
                                      "onto, anticlockwise from the x₁ axis."),
        PointsParam("points", tuple(pca_sets.stretched()), x_range=BOX, y_range=BOX,
                    min_points=2, max_points=300, effect="data", label="points",
                    advanced=True, doc="The 2-D points: drag them, click to add one, "
                                       "shift-click to remove one."),
        FloatParam("thickness", 0.6, 0.0, 1.6, step=0.05, label="cloud's thickness",
                   effect="data", doc="How far (standard deviation) the 3-D points lie off "
                                      "their plane."),
        IntParam("k", 10, 1, MAX_DIGIT_K, label="components kept (k)", effect="view",
                 doc="How many principal components rebuild the digits."),
        ChoiceParam("table", "food", options=("food", "yours"),
                    labels=("UK food, 1997", "your CSV"), label="table", effect="data",
                    doc="The table whose rows the map shows: 17 foods eaten in the UK's four "
                        "countries, or the CSV you upload."),
        BoolParam("scale", False, label="scale each column to variance 1", effect="data",
                  doc="Without it, columns with big numbers weigh most; with it, every "
                      "column counts the same."),
        IntParam("component", 1, 1, 10, label="loadings of PC", effect="view",
                 doc="Which component's weights the loadings chart shows."),
    )
    actions = (
        Action("reset_points", "First points", "Back to the first 16 points."),
        Action("add_point", "Add point", "A click on the plot adds a point there; "
                                         "shift-click removes the nearest.", button=False),
        Action("pick", "Pick", "A click on the map picks the nearest row.", button=False),
        UPLOAD,
    )
    layout = (("direction", "by_angle"), ("components", "rotated"),
              ("cloud", "flat", "explained"), ("digits", "kept"), ("map", "loadings"),
              ("eigendigits", "table"))
    export_layout = (("direction", "by_angle"),)
    thumbnail_view = "direction"
    captions: ClassVar[dict[str, str]] = {
        "direction": "Drag a point, click to add one. Pink: each point's shadow on the line; "
                     "the spread of the shadows is the variance along the line.",
        "by_angle": "The variance of the shadows for every angle of the line; the dashed line "
                    "is PC1, where the curve peaks.",
        "components": "Drag a point, click to add one. PC1 and PC2 start from the middle "
                      "of the points, each 2 standard deviations long.",
        "rotated": "The same points in PCA's coordinates: PC1 across, PC2 up. They are only "
                   "centred and turned: every distance between them is kept.",
        "cloud": "Drag to turn. The plane is spanned by PC1 and PC2; grey lines join each "
                 "point to its place on the plane.",
        "flat": "The cloud seen flat, on its plane: each point's PC1 and PC2.",
        "explained": "Each component's share of the variance; the flat picture keeps the "
                     "first two.",
        "digits": "Top: handwritten digits (8×8 pixels, 64 numbers each). Bottom: the same "
                  "digits rebuilt from k components.",
        "kept": "The share of the variance the first k components keep.",
        "eigendigits": "The first components as images: each digit is the mean plus a "
                       "weighted sum of these (white +, black −).",
        "map": "Each row of the table at its PC1 and PC2. Click a point to pick it.",
        "loadings": "The weight of each column in the component (at most 20, the largest): "
                    "blue, more of it moves a row right (up for PC2); orange, left.",
        "table": f"The numbers PCA reads. The UK's food: {uk_food.SOURCE}.",
    }
    story_steps = (
        Step("direction", "Which way do the points spread the most?",
             "Project every point onto a line through their middle: the pink marks are their "
             "shadows. How spread out are the shadows? That is the **variance along the "
             "line**. Turn the line and watch it change.",
             views=("direction", "by_angle"), controls=("angle",), highlight=("angle",),
             goal="Turn the line to the direction of most variance (within 2°).",
             done=lambda ex: ex.found(),
             live=_angle_live),
        Step("components", "PCA finds that direction for you",
             "That direction is the **first principal component**, PC1; the second, PC2, is "
             "at a right angle to it and holds the rest. They are the eigenvectors of the "
             "points' covariance matrix, $\\Sigma v = \\lambda v$, and each eigenvalue "
             "$\\lambda$ is the variance along its component. Drag points and watch them "
             "turn.",
             views=("components", "rotated"), controls=("reset_points",),
             highlight=("components",),
             goal="Drag points until PC1 points at 60° or steeper.",
             done=lambda ex: 60 <= ex.pc1_angle() <= 120, live=_components_live),
        Step("cloud", "From three dimensions to a flat picture",
             "These points live in 3-D but lie near a plane. PC1 and PC2 span the plane that "
             "keeps the most variance; PC3 is what sticks out of it. Looking along PC3 gives "
             "the flat picture beside it: the most faithful 2-D shadow of the cloud.",
             views=("cloud", "flat", "explained"), controls=("thickness",),
             highlight=("thickness",),
             goal="Thicken the cloud until the flat picture loses more than a tenth of the "
                  "variance.",
             done=lambda ex: ex.cloud_fit.kept(2) < 0.9, live=_cloud_live),
        Step("rebuild", "Rebuild digits from a few numbers",
             "Each 8×8 digit is 64 numbers, a point in 64 dimensions. Keep its first $k$ "
             "coordinates along the components and rebuild it: $\\hat x = \\mu + "
             "\\sum_{j \\le k} z_j v_j$. With about ten components most digits can be "
             "read.",
             views=("digits", "kept", "eigendigits"), controls=("k",), highlight=("k",),
             goal="Find the smallest k that keeps 90% of the variance.",
             done=_kept_enough, live=_digits_live),
        Step("odd-one-out", "17 numbers per country: who is different?",
             "How many grams of 17 foods people in each UK country ate per week in 1997: "
             "four points in 17 dimensions. Which country differs most, and in what? Hard to "
             "say from the table. PCA turns the four points so that the first axis carries "
             "the most difference between them.",
             views=("map", "loadings", "table"), controls=("component",),
             highlight=("map",),
             goal="Click the country that PCA sets apart.",
             done=lambda ex: ex.picked is not None and ex.picked == ex.odd_one(),
             live=_odd_live, enter=_stretched),
    )

    # --- state ----------------------------------------------------------------------------

    uploaded: csv_table.CsvTable | None = None
    picked: int | None = None

    def reset(self) -> None:
        self.points = np.array([q[:2] for q in self.p.points], dtype=float).reshape(-1, 2)
        self.fit2 = pca_fit.fit(self.points)
        self.cloud, self.cloud_groups = pca_sets.cloud(CLOUD_POINTS, self.p.thickness,
                                                       self.p.seed)
        self.cloud_fit = pca_fit.fit(self.cloud)
        self.table = self._table()
        self.picked = None
        if self.table is not None:
            x = self.table.values
            if self.p.scale:
                sd = x.std(axis=0, ddof=1)
                x = (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
            self.table_x = x
            self.table_fit = pca_fit.fit(x)
            self.table_scores = self.table_fit.scores(x, 2)
            if self.table_scores.shape[1] < 2:  # one component: the map's y is 0
                self.table_scores = np.hstack([self.table_scores,
                                               np.zeros((len(x), 1))])

    def _table(self) -> csv_table.CsvTable | None:
        if self.p.table == "yours":
            return self.uploaded
        return csv_table.CsvTable(uk_food.FOODS, uk_food.grams(), "country",
                                  uk_food.COUNTRIES)

    @cached_property
    def digit_fit(self) -> pca_fit.Fit:
        return _digit_fit()

    def act(self, name: str, value: Any = None) -> None:
        if name == "reset_points":
            self.set(points=self._specs["points"].default)
        elif name == "add_point":
            edited = plane.edit_points(list(self.p.points), value, 0, BOX, BOX)
            if len(edited) < 2:
                raise ParamError("add_point", "keep at least 2 points: PCA needs a spread.")
            self.set(points=[(x, y, 0) for x, y, _ in edited])
        elif name == "pick":
            self.pick(value)
        elif name == "upload_csv":
            self.upload(value)
        else:
            super().act(name, value)

    def components_in_table(self) -> int:
        """How many components the table has: at most one fewer than its rows."""
        return len(self.table_fit.components) if self.table is not None else 1

    def pick(self, value: Any) -> None:
        if self.table is None:
            raise ParamError("pick", "there is no table yet: upload a CSV.")
        if not isinstance(value, dict) or not all(isinstance(value.get(k), int | float)
                                                  for k in ("x", "y")):
            raise ParamError("pick", 'pick needs {"x": number, "y": number}.')
        d = np.hypot(self.table_scores[:, 0] - value["x"], self.table_scores[:, 1] - value["y"])
        self.picked = int(np.argmin(d))

    def upload(self, text: Any) -> None:
        """Your table: nothing changes unless the whole file is good."""
        if not isinstance(text, str):
            raise ParamError("table", "an upload must send the file's text.")
        self.uploaded = csv_table.parse_table(text)
        if self.p.table == "yours":
            self.reset()
        else:
            self.set(table="yours")

    # --- numbers --------------------------------------------------------------------------

    def pc1_angle(self) -> float:
        return pca_fit.angle_of(self.fit2.components[0])

    def found(self) -> bool:
        """The line is within 2° of PC1."""
        return bool(abs((self.p.angle - self.pc1_angle() + 90) % 180 - 90) <= 2)

    def odd_one(self) -> int:
        """The row farthest from the others along PC1."""
        s = self.table_scores[:, 0]
        return int(np.argmax(np.abs(s - np.median(s))))

    def row_name(self, i: int) -> str:
        t = self.table
        return t.labels[i] if t is not None and t.labels else f"row {i + 1}"

    def top_loadings(self, c: int, n: int) -> list[tuple[int, float]]:
        """The n columns that weigh most in component c: (column, weight)."""
        w = self.table_fit.components[c]
        order = np.argsort(-np.abs(w))[:n]
        return [(int(j), float(w[j])) for j in order]

    # --- the frame ------------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        views: dict[str, View] = {
            "direction": self.direction_view(), "by_angle": self.by_angle_view(),
            "components": self.components_view(), "rotated": self.rotated_view(),
            "cloud": self.cloud_view(), "flat": self.flat_view(),
            "explained": self.explained_view(), "digits": self.digits_view(),
            "kept": self.kept_view(), "eigendigits": self.eigendigits_view(),
        }
        if self.table is None:
            empty = Text("No table yet: press Upload CSV to send one (numeric columns and "
                         "optionally a label column).", title="Your table")
            views.update(map=empty, loadings=empty, table=empty)
        else:
            views.update(map=self.map_view(), loadings=self.loadings_view(),
                         table=self.table_view())
        return views

    def _points_layer(self) -> PointsLayer:
        return PointsLayer(self.points[:, 0], self.points[:, 1], color=DATA, size=5,
                           draggable="points", name="points")

    def direction_view(self) -> Plot:
        m, u = self.fit2.mean, pca_fit.direction(self.p.angle)
        t = (self.points - m) @ u
        feet = m + t[:, None] * u
        reach = 3 * (BOX[1] - BOX[0])
        gap = np.full(len(t), np.nan)
        var = float(pca_fit.variance_along(self.points, self.p.angle))
        return Plot(f"Variance along the line: {var:.2f}", "x₁", "x₂", BOX, BOX, [
            LinesLayer(np.array([m[0] - reach * u[0], m[0] + reach * u[0]]),
                       np.array([m[1] - reach * u[1], m[1] + reach * u[1]]), DATA, 1.5,
                       name="the line"),
            LinesLayer(np.stack([self.points[:, 0], feet[:, 0], gap], 1).ravel(),
                       np.stack([self.points[:, 1], feet[:, 1], gap], 1).ravel(), FAINT, 1.0),
            PointsLayer(feet[:, 0], feet[:, 1], color=FEET, size=3.5, name="shadows"),
            self._points_layer(),
        ], click_action="add_point", aspect=1.0)

    def by_angle_view(self) -> Plot:
        a = np.linspace(0.0, 180.0, 181)
        v = pca_fit.variance_along(self.points, a)
        top = float(v.max()) * 1.12 or 1.0
        best = self.pc1_angle()
        now = float(pca_fit.variance_along(self.points, self.p.angle))
        layers: list[Any] = [LinesLayer(a, v, DATA, 1.8, name="variance")]
        # In the first step PC1 is what the learner is looking for: shown once found.
        if self.step_now is None or self.step_now.name != "direction" or self.found():
            layers.append(LinesLayer(np.array([best, best]), np.array([0.0, top]),
                                     PC_COLORS[0], 1.2, dash=(5, 4), name="PC1"))
        layers.append(PointsLayer(np.array([self.p.angle]), np.array([now]), color=DATA,
                                  size=7, name="your line"))
        return Plot("Variance of the shadows by angle", "angle of the line (°)", "variance",
                    (0.0, 180.0), (0.0, top), layers,
                    x_ticks=[(d, f"{d}°") for d in (0, 45, 90, 135, 180)], aspect=1.6)

    def components_view(self) -> Plot:
        f = self.fit2
        m, sd = f.mean, np.sqrt(f.variances)
        layers: list[Any] = [ShapesLayer(
            "ellipse", m[:1], m[1:], np.array([4 * sd[0]]), np.array([4 * sd[1]]),
            np.array([self.pc1_angle()]), stroke=FAINT, dash=(4, 3),
            name="2 standard deviations")]
        for j in range(2):
            d = 2 * sd[j] * f.components[j]
            layers.append(ArrowsLayer(m[:1], m[1:], d[:1], d[1:], PC_COLORS[j], 2.5, head=11,
                                      name=f"PC{j + 1}: {f.ratios[j]:.0%} of the variance"))
        layers.append(self._points_layer())
        return Plot(f"PC1 keeps {f.ratios[0]:.0%} of the variance", "x₁", "x₂", BOX, BOX,
                    layers, click_action="add_point", aspect=1.0)

    def _scores_range(self, s: np.ndarray, least: float = 1.0) -> tuple[float, float]:
        r = max(least, float(np.abs(s).max()) * 1.15) if s.size else least
        return (-r, r)

    def rotated_view(self) -> Plot:
        s = self.fit2.scores(self.points)
        r = self._scores_range(s, BOX[1])
        return Plot("The points in PCA's coordinates", "PC1", "PC2", r, r, [
            LinesLayer(np.array(r), np.zeros(2), PC_COLORS[0], 2.0, name="PC1 axis"),
            LinesLayer(np.zeros(2), np.array(r), PC_COLORS[1], 2.0, name="PC2 axis"),
            PointsLayer(s[:, 0], s[:, 1], color=DATA, size=5, name="points"),
        ], aspect=1.0)

    def cloud_view(self) -> Scene3D:
        f, x = self.cloud_fit, self.cloud
        r = self._scores_range(x, 3.0)
        g = np.linspace(*r, 25)
        a, b = np.meshgrid(g, g)
        n = f.components[2]
        up = int(np.argmax(np.abs(n)))
        others = [i for i in range(3) if i != up]
        # the plane n·(p - mean) = 0, solved for the axis it is least steep along
        vals = f.mean[up] - (n[others[0]] * (a - f.mean[others[0]])
                             + n[others[1]] * (b - f.mean[others[1]])) / n[up]
        vals = np.clip(vals, *r)
        every = max(1, len(x) // RESIDUALS)
        near = f.reconstruct(x[::every], 2)
        seg = np.stack([x[::every], near], axis=1).reshape(-1, 3)
        return Scene3D(f"The cloud and its best plane ({f.kept(2):.0%} of the variance)",
                       "x₁", "x₂", "x₃", r, r, r, [
                           Surface3D(vals, color=PC_COLORS[0], opacity=0.15,
                                     name="the plane of PC1 and PC2", up="xyz"[up]),  # type: ignore[arg-type]
                           Lines3D(seg[:, 0], seg[:, 1], seg[:, 2], color="#5b6773",
                                   name="off the plane"),
                           Points3D(x[:, 0], x[:, 1], x[:, 2], labels=self.cloud_groups,
                                    name="points (three groups)"),
                       ], camera=(20.0, 35.0))

    def flat_view(self) -> Plot:
        s = self.cloud_fit.scores(self.cloud, 2)
        r = self._scores_range(s, 3.0)
        return Plot("Seen flat: PC1 and PC2", "PC1", "PC2", r, r, [
            PointsLayer(s[:, 0], s[:, 1], labels=self.cloud_groups, size=4, name="points",
                        classes=["group A", "group B", "group C"]),
        ], aspect=1.0)

    def explained_view(self) -> Bars:
        r = self.cloud_fit.ratios
        return Bars("Share of the variance", ["PC1", "PC2", "PC3 (dropped)"], r * 100,
                    (0.0, 100.0), "% of the variance", value_labels=[f"{v:.0%}" for v in r],
                    colors=[PC_COLORS[0], PC_COLORS[1], FAINT], horizontal=True)

    def digits_view(self) -> ImageGrid:
        x, y = pca_sets.digits()
        shown = np.array([int(np.argmax(y == d)) for d in range(DIGITS_SHOWN)])
        rebuilt = np.clip(self.digit_fit.reconstruct(x[shown], self.p.k), 0, 1)
        images = np.concatenate([x[shown], rebuilt]).reshape(-1, 8, 8)
        captions = ["original"] * DIGITS_SHOWN + [f"from {self.p.k}"] * DIGITS_SHOWN
        return ImageGrid(f"Rebuilt from k = {self.p.k} of 64 components", 1 - images,
                         captions=captions, columns=DIGITS_SHOWN)

    def kept_view(self) -> Plot:
        kept = np.cumsum(self.digit_fit.ratios) * 100
        ks = np.arange(1, len(kept) + 1, dtype=float)
        k = self.p.k
        return Plot(f"k = {k} keeps {kept[k - 1]:.0f}% of the variance", "k (components)",
                    "% of the variance kept", (0.0, float(MAX_DIGIT_K)), (0.0, 100.0), [
                        LinesLayer(np.array([0.0, MAX_DIGIT_K]), np.full(2, KEEP_GOAL * 100),
                                   FAINT, 1.2, dash=(5, 4), name="90%"),
                        LinesLayer(ks, kept, DATA, 1.8, name="kept"),
                        PointsLayer(np.array([float(k)]), kept[k - 1:k], color=PC_COLORS[0],
                                    size=7, name="this k"),
                    ], aspect=1.6)

    def eigendigits_view(self) -> ImageGrid:
        c = self.digit_fit.components[:DIGITS_SHOWN]
        top = float(np.abs(c).max()) or 1.0
        grey = np.rint((c / top + 1) * 127.5).astype(np.uint8)  # -top black, +top white
        return ImageGrid("The first components", grey.reshape(-1, 8, 8),
                         captions=[f"PC{j + 1}: {r:.0%}" for j, r in
                                   enumerate(self.digit_fit.ratios[:DIGITS_SHOWN])],
                         columns=DIGITS_SHOWN)

    def map_view(self) -> Plot:
        t, s, f = self.table, self.table_scores, self.table_fit
        assert t is not None
        rx = self._scores_range(s[:, 0])
        ry = self._scores_range(s[:, 1])
        codes = t.codes()
        colours = codes if codes is not None and codes.max() < len(LABEL_COLORS) else None
        named = len(s) <= NAMED_ROWS
        if named or colours is None:
            layer = PointsLayer(s[:, 0], s[:, 1], color=DATA, size=7 if named else 3.5,
                                name="rows")
        else:
            layer = PointsLayer(s[:, 0], s[:, 1], labels=colours, size=3.5,
                                name=f"rows, coloured by {t.label_name}")
        layers: list[Any] = []
        if self.picked is not None:  # a ring behind the picked row
            i = self.picked
            layers.append(PointsLayer(s[i:i + 1, 0], s[i:i + 1, 1], color="#ffffff", size=13,
                                      stroke="#1b232b", name="picked"))
        layers.append(layer)
        if named:
            layers.append(LabelsLayer(s[:, 0], s[:, 1], [self.row_name(i) for i in
                                                         range(len(s))], offset=(0, 12)))
        ratios = f.ratios
        pc2 = f"PC2 ({ratios[1]:.0%})" if len(ratios) > 1 else "PC2 (none)"
        return Plot(f"{len(s)} rows on their first two components", f"PC1 ({ratios[0]:.0%})",
                    pc2, rx, ry, layers, click_action="pick", aspect=1.6)

    def loadings_view(self) -> Bars:
        t = self.table
        assert t is not None
        m = self.components_in_table()
        c = min(self.p.component, m) - 1  # beyond the table's components: its last
        top = sorted(self.top_loadings(c, TOP_LOADINGS), key=lambda jw: -jw[1])
        w = np.array([v for _, v in top])
        lim = float(np.abs(w).max()) * 1.1 or 1.0
        note = f" (the last: this table has {count(m, 'component')})" \
            if self.p.component > m else ""
        return Bars(f"Loadings of PC{c + 1}{note}", [t.columns[j] for j, _ in top], w,
                    (-lim, lim),
                    "weight", value_labels=[f"{v:+.2f}" for v in w],
                    colors=[LABEL_COLORS[0] if v >= 0 else LABEL_COLORS[1] for v in w],
                    horizontal=True)

    def table_view(self) -> Table:
        t = self.table
        assert t is not None
        if self.p.table == "food":
            rows = [[food, *(f"{v:.0f}" for v in t.values[:, j])]
                    for j, food in enumerate(t.columns)]
            return Table("Grams per person per week, 1997", ["food", *t.labels], rows)
        cols = list(t.columns[:8])
        shown = min(len(t.values), 12)
        rows = [[self.row_name(i), *(f"{v:.4g}" for v in t.values[i, :8])] for i in range(shown)]
        more = f"{len(t.values) - shown} more rows" if len(t.values) > shown else ""
        if len(t.columns) > 8:
            more += f"{'; ' if more else ''}{len(t.columns) - 8} more columns"
        return Table(f"Your table: {len(t.values)} rows × {len(t.columns)} columns",
                     [t.label_name or "row", *cols], rows, footer=[[more]] if more else [])



@cache
def _digit_fit() -> pca_fit.Fit:
    """The digits' components: once per process (the data never change)."""
    return pca_fit.fit(pca_sets.digits()[0])
