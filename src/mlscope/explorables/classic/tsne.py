"""t-SNE, iteration by iteration (after Distill's "How to Use t-SNE Effectively" and
Karpathy's tsnejs): watch points in many dimensions find their place on the plane, pause,
change the perplexity, the learning rate and the early exaggeration, run six perplexities
side by side, and see what t-SNE pictures do not mean (cluster sizes, the gaps between
clusters, clumps in noise). The KL divergence and the share of nearest neighbours kept say
how faithful the picture is.

The run is ``tsne_run``: openTSNE's affinities and gradients with its gradient descent taken
one iteration per step; tests/unit/test_tsne.py checks it ends where openTSNE's ``optimize``
ends, and near scikit-learn's ``TSNE``.
"""

from __future__ import annotations

from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import COLORMAPS, DATA, LABEL_COLORS, MODEL, value_codes
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import BoolParam, ChoiceParam, FloatParam, IntParam, ParamError
from mlscope.core.story import PLAY, Step
from mlscope.core.views import ImageGrid, LinesLayer, Plot, PointsLayer, Table, Text, View
from mlscope.data import csv_table, tsne_sets
from mlscope.explorables.classic import pca_fit
from mlscope.explorables.classic.tsne_run import (
    UMAP_INSTALL,
    Run,
    auto_learning_rate,
    gradient_method,
    load_umap,
    max_perplexity,
    nearest,
    neighbours_kept,
)

SWEEP = (2.0, 5.0, 10.0, 30.0, 50.0, 100.0)
SWEEP_ITERS = 500
SWEEP_MAX_POINTS = 2000
"""The sweep runs six t-SNEs at once: at most this many points."""
SWEEP_PX = 120
KEPT_EVERY = 25
"""Iterations between counts of the neighbours kept."""
KEPT = "#4527a0"
FAINT = "#b8c0c8"
UPLOAD = Action("upload_csv", "Upload CSV", "Your own table: numeric columns and optionally "
                "one label column that colours the points (never shown to t-SNE).",
                upload=".csv,text/csv,text/plain")


def _finished_live(ex: TSNE) -> str:
    r = ex.run
    if r is None:
        return "Upload a CSV to embed your own table."
    if r.iteration == 0:
        return "Press **Play**."
    kl = f"KL divergence **{r.kl[-1][1]:.3f}**" if r.kl else \
        "KL divergence measured once the exaggeration ends"
    phase = "early exaggeration" if ex.exaggerating() else "settling"
    kept = ex.kept_now()
    text = (f"Iteration {r.iteration} ({phase}): {kl}; "
            f"{kept:.0%} of each point's 10 nearest neighbours are its neighbours here."
            if kept is not None else f"Iteration {r.iteration} ({phase}): {kl}.")
    return text


def _sizes_live(ex: TSNE) -> str:
    if not ex.finished:
        return _finished_live(ex)
    hi, lo = ex.spreads()
    return (f"In 50 dimensions the wide cluster is **{hi[1] / hi[0]:.0f}×** as wide as the "
            f"narrow one (see PCA's view); in the t-SNE picture, **{lo[1] / lo[0]:.1f}×**.")


def _distances_live(ex: TSNE) -> str:
    if not ex.finished:
        return _finished_live(ex)
    hi, lo = ex.gaps()
    return (f"In 50 dimensions C is **{hi:.0f}×** as far from A as B is; in the t-SNE "
            f"picture, **{lo:.1f}×**.")


def _sweep_live(ex: TSNE) -> str:
    if not ex.sweep:
        return "Press **Run six perplexities**."
    it = min(r.iteration for r in ex.sweep)
    if it < SWEEP_ITERS:
        return f"Iteration {it} of {SWEEP_ITERS} for all six; **Play** to go on."
    return ("At perplexity 2 each point listens to a couple of neighbours and the knot falls "
            "into short pieces; higher, longer stretches hold together. None of the six is "
            "the knot itself: look at several before you trust one.")


def _noise_live(ex: TSNE) -> str:
    if not ex.finished:
        return _finished_live(ex)
    if ex.p.perplexity > 5:
        return ("At this perplexity the noise comes out as the round, even cloud it is. Now "
                "try perplexity 2.")
    return ("Clumps and threads, in points all drawn from one round Gaussian: at low "
            "perplexity t-SNE finds structure in chance, and so does the eye.")


def _digits(ex: TSNE) -> None:
    if (ex.p.dataset, ex.p.count) != ("digits", 600):
        ex.set(dataset="digits", count=600, perplexity=30.0)


def _dataset(name: str, n: int) -> Any:
    def enter(ex: TSNE) -> None:
        if ex.p.dataset != name:
            ex.set(dataset=name, count=n, perplexity=30.0)
    return enter


class TSNE(Explorable):
    slug = "tsne"
    title = "t-SNE"
    summary = ("Watch t-SNE lay out points from many dimensions on the plane, iteration by "
               "iteration; and learn what its pictures do not mean.")
    topic = "classic"
    params = (
        ChoiceParam("dataset", "digits", options=(*tsne_sets.SETS, "yours"),
                    labels=(*tsne_sets.LABELS.values(), "your CSV"), label="data",
                    doc="The points to embed; 'your CSV' is a table you upload."),
        IntParam("count", 600, 20, 5000, label="points", doc="How many points (the digits "
                                                             "have 1,797)."),
        FloatParam("perplexity", 30.0, 2.0, 100.0, step=1.0, label="perplexity",
                   doc="About how many neighbours each point listens to (2 to 100, below a "
                       "third of the points)."),
        FloatParam("exaggeration", 12.0, 1.0, 50.0, step=0.5, label="early exaggeration",
                   effect="live", doc="How much harder neighbours attract during the first "
                                      "iterations, so clusters form before they settle."),
        IntParam("early_iters", 250, 0, 1000, label="early iterations", effect="live",
                 advanced=True, doc="How many iterations the early exaggeration lasts."),
        BoolParam("auto_rate", True, label="automatic learning rate", effect="live",
                  doc="openTSNE's rule: the number of points / the exaggeration."),
        FloatParam("learning_rate", 200.0, 1.0, 10000.0, log=True,
                   label="learning rate (set: not automatic)", effect="live",
                   doc="The step size; setting it turns the automatic rate off."),
        IntParam("iterations", 750, 50, 5000, label="iterations to run", effect="live",
                 doc="Play stops here."),
        BoolParam("scale", False, label="scale each column to variance 1", advanced=True,
                  doc="For your table: every column counts the same."),
        IntParam("n_neighbors", 15, 2, 200, label="UMAP: neighbours", group="UMAP",
                 effect="view", doc="How many neighbours UMAP's graph joins each point to "
                                    "(used by Run UMAP)."),
        FloatParam("min_dist", 0.1, 0.0, 0.99, step=0.01, label="UMAP: min distance",
                   group="UMAP", effect="view",
                   doc="How tightly UMAP may pack points together (used by Run UMAP)."),
    )
    actions = (
        Action("step", "Step", "One iteration."),
        Action("reset", "Start again", "Back to the PCA start."),
        Action("umap", "Run UMAP", "UMAP of the same points, beside t-SNE (needs umap-learn; "
                                   "its first run in a session compiles it, up to half a "
                                   "minute)."),
        Action("sweep", "Run six perplexities", "t-SNE at perplexity 2, 5, 10, 30, 50 and 100 "
                                                "side by side; Play runs them."),
        UPLOAD,
    )
    playable = True
    default_speed = 1000  # as many iterations as fit in a frame's time
    step_name = "iteration"
    layout = (("embedding", "fit"), ("sweep", "start"), ("umap", "numbers"))
    export_layout = (("embedding", "fit"),)
    thumbnail_view = "embedding"
    thumbnail_steps = 400
    captions: ClassVar[dict[str, str]] = {
        "embedding": "Each point of the data, placed by t-SNE. The axes have no units: only "
                     "who is next to whom means something.",
        "fit": "KL divergence, from the end of the early exaggeration (lower: the picture's "
               "neighbourhoods match the data's better), and the share of each point's 10 "
               "nearest neighbours that are among its 10 nearest in the picture.",
        "start": "The same points by their first two principal components (PCA): sizes and "
                 "distances as in the data, only flattened. t-SNE starts from this picture, "
                 "shrunk.",
        "sweep": "The same data at six perplexities, each run 500 iterations (Play runs "
                 "them before the main run).",
        "numbers": "The run so far.",
        "umap": "UMAP (McInnes et al., 2018) on the same points: another neighbour graph "
                "laid out on the plane; compare the shapes with t-SNE's.",
    }
    story_steps = (
        Step("watch", "From 64 dimensions to a map",
             "600 handwritten digits, each 64 pixel values. t-SNE places them on a plane so "
             "that points that are near in 64 dimensions stay near; it does not try to keep "
             "far points far. Press Play and watch it work, iteration by iteration. The KL "
             "divergence measures how far the picture's neighbourhoods are from the data's "
             "(0: the same).",
             views=("embedding", "fit"), controls=(PLAY, "step", "reset"),
             highlight=(PLAY,), goal="Run t-SNE to the end.",
             done=lambda ex: ex.finished, live=_finished_live, enter=_digits),
        Step("perplexity", "Perplexity: how many neighbours count",
             "Each point spreads its attention over about **perplexity** neighbours. Low, and "
             "only the closest few matter; high, and the wider shape does. Here: a knot in "
             "3-D, coloured along its length, at six perplexities. There is no right value: "
             "look at several.",
             views=("sweep",), controls=("sweep", PLAY),
             highlight=("sweep", PLAY), goal="Run the six perplexities to the end.",
             done=lambda ex: bool(ex.sweep) and min(r.iteration for r in ex.sweep)
             >= SWEEP_ITERS, live=_sweep_live, enter=_dataset("trefoil", 400)),
        Step("sizes", "Cluster sizes mean nothing",
             "Two clusters of 150 points in 50 dimensions; one is ten times wider than the "
             "other, as PCA's view shows. t-SNE adapts each point's reach to its neighbours' "
             "density, so both come out about the same size.",
             views=("embedding", "start"), controls=(PLAY, "perplexity", "reset"),
             highlight=(PLAY,), goal="Run t-SNE to the end.",
             done=lambda ex: ex.finished, live=_sizes_live, enter=_dataset("sizes", 300)),
        Step("distances", "Gaps between clusters may mean nothing",
             "Three clusters: C is six times as far from A as B is, as PCA's view shows. In "
             "the t-SNE picture the gaps say little; at higher perplexity a little more.",
             views=("embedding", "start"), controls=(PLAY, "perplexity", "reset"),
             highlight=(PLAY,), goal="Run t-SNE to the end.",
             done=lambda ex: ex.finished, live=_distances_live,
             enter=_dataset("distances", 300)),
        Step("noise", "Shapes that are not there",
             "500 points drawn from one round Gaussian in 100 dimensions: no clusters, no "
             "shape. Run t-SNE at perplexity 30, then at 2.",
             views=("embedding", "start"), controls=("perplexity", PLAY, "reset"),
             highlight=("perplexity",),
             goal="Run t-SNE on the noise to the end at perplexity 5 or less.",
             done=lambda ex: ex.p.perplexity <= 5 and ex.finished, live=_noise_live,
             enter=_dataset("noise", 500)),
    )

    uploaded: csv_table.CsvTable | None = None

    # --- the data and the run --------------------------------------------------------------

    def rows(self, values: Any) -> int:
        """How many points the data have with these parameter values."""
        if values["dataset"] == "yours":
            return 0 if self.uploaded is None else len(self.uploaded.values)
        if values["dataset"] == "digits":
            return min(int(values["count"]), tsne_sets.MAX_DIGITS)
        return int(values["count"])

    def check(self, values: Any) -> None:
        n = self.rows(values)
        if n and values["perplexity"] > max_perplexity(n):
            before = getattr(self, "_values", values)
            field = "perplexity" if before["perplexity"] != values["perplexity"] else \
                "count" if before["count"] != values["count"] else "perplexity"
            raise ParamError(field, f"perplexity must be at most a third of the points less "
                                    f"one: {max_perplexity(n):.0f} for {n} points (each needs "
                                    f"3 × perplexity neighbours); got "
                                    f"{values['perplexity']:g}.")

    def reset(self) -> None:
        self.sweep: list[Run] = []
        self.umap: tuple[int, float, NDArray[np.float64]] | None = None
        self.kept: list[tuple[int, float]] = []
        self.data = self._points()
        if self.data is None:
            self.run = None
            return
        x = self.data.x
        if self.p.scale:
            sd = x.std(axis=0)
            x = (x - x.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
        self.x = x
        self.run = Run(x, self.p.perplexity, self.p.seed)
        self.pca = pca_fit.fit(x).scores(x, 2)
        self.near = nearest(x)
        self.kept.append((0, neighbours_kept(self.near, self.run.y)))

    def _points(self) -> tsne_sets.Points | None:
        if self.p.dataset == "yours":
            t = self.uploaded
            return None if t is None else tsne_sets.Points(t.values, groups=t.codes())
        return tsne_sets.generate(self.p.dataset, self.p.count, self.p.seed)

    def changed(self, names: set[str]) -> None:
        if "learning_rate" in names and "auto_rate" not in names:
            self._assign(auto_rate=False)  # a rate set by hand is used
        if self.effects(names) & {"restart", "data"}:
            self.reset()

    def exaggerating(self) -> bool:
        return self.run is not None and self.run.iteration < self.p.early_iters

    def rate(self) -> float:
        """The learning rate of the next iteration."""
        n = len(self.x)
        exaggeration = self.p.exaggeration if self.exaggerating() else 1.0
        return auto_learning_rate(n, exaggeration) if self.p.auto_rate else self.p.learning_rate

    def step(self) -> None:
        if self.run is None:
            raise ParamError("dataset", "there is no table yet: upload a CSV.")
        if any(r.iteration < SWEEP_ITERS for r in self.sweep):
            self._sweep_step()  # the sweep first; the main run waits
            return
        if self.run.iteration < self.p.iterations:
            exaggeration = self.p.exaggeration if self.exaggerating() else 1.0
            self.run.step(self.rate(), exaggeration)
            if self.run.iteration % KEPT_EVERY == 0:
                self.kept.append((self.run.iteration,
                                  neighbours_kept(self.near, self.run.y)))

    def _sweep_step(self) -> None:
        for r in self.sweep:
            if r.iteration < SWEEP_ITERS:
                early = r.iteration < self.p.early_iters
                e = self.p.exaggeration if early else 1.0
                r.step(auto_learning_rate(len(r.x), e), e)

    @property
    def finished(self) -> bool:
        return self.run is None or (self.run.iteration >= self.p.iterations and all(
            r.iteration >= SWEEP_ITERS for r in self.sweep))

    def act(self, name: str, value: Any = None) -> None:
        if name == "sweep":
            self.start_sweep()
        elif name == "umap":
            self.run_umap()
        elif name == "upload_csv":
            self.upload(value)
        else:
            super().act(name, value)

    def run_umap(self) -> None:
        """UMAP of the points with the n_neighbors and min_dist set now."""
        if self.run is None:
            raise ParamError("umap", "there is no table yet: upload a CSV.")
        umap = load_umap()
        if umap is None:
            raise ParamError("umap", f"UMAP needs umap-learn, an extra: {UMAP_INSTALL}")
        n = len(self.x)
        if self.p.n_neighbors >= n:
            raise ParamError("n_neighbors", f"n_neighbors must be below the number of points "
                                            f"({n}); got {self.p.n_neighbors}.")
        model = umap.UMAP(n_neighbors=self.p.n_neighbors, min_dist=self.p.min_dist,
                          random_state=self.p.seed, n_jobs=1)
        self.umap = (self.p.n_neighbors, self.p.min_dist,
                     np.asarray(model.fit_transform(self.x), dtype=float))

    def umap_view(self) -> Plot | Text:
        if self.umap is None:
            try:
                import importlib.util
                ok = importlib.util.find_spec("umap") is not None
            except ValueError:
                ok = False
            return Text("Press Run UMAP to lay out the same points by UMAP." if ok else
                        f"UMAP needs umap-learn, an extra: {UMAP_INSTALL}", title="UMAP")
        k, d, y = self.umap
        stale = "" if (k, d) == (self.p.n_neighbors, self.p.min_dist) else \
            " (press Run UMAP for the settings now)"
        box = self._box(y - y.mean(axis=0))
        y = y - y.mean(axis=0)
        return Plot(f"UMAP: {k} neighbours, min distance {d:g}{stale}", "", "", box, box,
                    [self._points_layer(y)], aspect=1.0, x_ticks=[], y_ticks=[])

    def start_sweep(self) -> None:
        if self.run is None:
            raise ParamError("sweep", "there is no table yet: upload a CSV.")
        n = len(self.x)
        if n > SWEEP_MAX_POINTS:
            raise ParamError("sweep", f"the sweep runs six t-SNEs at once: at most "
                                      f"{SWEEP_MAX_POINTS:,} points; these are {n:,}.")
        self.sweep = [Run(self.x, p, self.p.seed) for p in SWEEP if p <= max_perplexity(n)]

    def upload(self, text: Any) -> None:
        """Your table: nothing changes unless the whole file is good and fits the
        perplexity."""
        if not isinstance(text, str):
            raise ParamError("dataset", "an upload must send the file's text.")
        table = csv_table.parse_table(text)
        n = len(table.values)
        if self.p.perplexity > max_perplexity(n):
            raise ParamError("table", f"the table has {n} rows: perplexity "
                                      f"{self.p.perplexity:g} needs at least "
                                      f"{int(3 * self.p.perplexity) + 1}; lower the "
                                      f"perplexity first.")
        self.uploaded = table
        if self.p.dataset == "yours":
            self.reset()
        else:
            self.set(dataset="yours")

    # --- numbers ---------------------------------------------------------------------------

    def class_names(self) -> list[str]:
        """What each colour means, for the legend."""
        d = self.data
        assert d is not None and d.groups is not None
        if self.p.dataset == "digits":
            return [str(k) for k in range(10)]
        if self.p.dataset == "yours" and self.uploaded is not None:
            return self.uploaded.classes()
        return tsne_sets.GROUP_NAMES.get(self.p.dataset,
                                         [f"group {k + 1}" for k in range(int(d.groups.max()) + 1)])

    def kept_now(self) -> float | None:
        return self.kept[-1][1] if self.kept else None

    def spreads(self) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
        """Each group's mean distance from its centre: in the data, in the picture."""
        assert self.data is not None and self.data.groups is not None and self.run is not None
        g = self.data.groups

        def spread(z: NDArray[np.float64]) -> NDArray[np.float64]:
            return np.array([np.linalg.norm(z[g == k] - z[g == k].mean(0), axis=1).mean()
                             for k in range(int(g.max()) + 1)])
        return spread(self.x), spread(self.run.y)

    def gaps(self) -> tuple[float, float]:
        """How many times farther group 2's centre is from group 0's than group 1's: in the
        data, in the picture."""
        assert self.data is not None and self.data.groups is not None and self.run is not None
        g = self.data.groups

        def ratio(z: NDArray[np.float64]) -> float:
            c = [z[g == k].mean(0) for k in range(3)]
            return float(np.linalg.norm(c[2] - c[0]) / np.linalg.norm(c[1] - c[0]))
        return ratio(self.x), ratio(self.run.y)

    # --- the frame -------------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        if self.run is None:
            empty = Text("No table yet: press Upload CSV to send one (numeric columns and "
                         "optionally a label column).", title="Your table")
            return {v: empty for v in ("embedding", "fit", "start", "sweep", "numbers", "umap")}
        return {"umap": self.umap_view(), "embedding": self.embedding_view(),
                "fit": self.fit_view(),
                "start": self.start_view(), "sweep": self.sweep_view(),
                "numbers": self.numbers_view()}

    def _points_layer(self, y: NDArray[np.float64]) -> PointsLayer:
        d = self.data
        assert d is not None
        size = 4.0 if len(y) <= 1000 else 2.5
        if d.groups is not None and d.groups.max() < len(LABEL_COLORS):
            return PointsLayer(y[:, 0], y[:, 1], labels=d.groups, size=size, name="points",
                               classes=self.class_names())
        if d.position is not None:
            return PointsLayer(y[:, 0], y[:, 1], codes=value_codes(d.position, 0, 1),
                               colormap="sequential", size=size,
                               name="position along the shape (dark: start)")
        return PointsLayer(y[:, 0], y[:, 1], color=DATA, size=size, name="points")

    @staticmethod
    def _box(y: NDArray[np.float64]) -> tuple[float, float]:
        r = float(np.abs(y).max()) * 1.08 if y.size else 1.0
        return (-r, r) if r > 0 else (-1.0, 1.0)

    def embedding_view(self) -> Plot:
        r = self.run
        assert r is not None
        phase = " (early exaggeration)" if self.exaggerating() and r.iteration else ""
        box = self._box(r.y)
        return Plot(f"Iteration {r.iteration} of {self.p.iterations}{phase}", "", "", box, box,
                    [self._points_layer(r.y)], aspect=1.0, x_ticks=[], y_ticks=[])

    def fit_view(self) -> Plot:
        r = self.run
        assert r is not None
        kl = np.array(r.kl, dtype=float).reshape(-1, 2)
        kept = np.array(self.kept, dtype=float).reshape(-1, 2)
        top = max(1.0, float(kl[:, 1].max()) if len(kl) else 1.0) * 1.08
        right = float(max(self.p.iterations, r.iteration))
        kept_now = self.kept_now()
        title = (f"KL divergence {r.kl[-1][1]:.3f}" if r.kl else "KL divergence: not yet") + \
            (f" · {kept_now:.0%} of neighbours kept" if kept_now is not None else "")
        layers: list[Any] = []
        if self.p.early_iters:
            edge = float(min(self.p.early_iters, right))
            layers.append(LinesLayer(np.array([edge, edge]), np.array([0.0, top]), FAINT, 1.2,
                                     dash=(5, 4), name="end of early exaggeration"))
        layers += [
            LinesLayer(kl[:, 0], kl[:, 1], MODEL, 1.8, name="KL divergence"),
            LinesLayer(kept[:, 0], kept[:, 1], KEPT, 1.8, name="share of 10 nearest kept"),
        ]
        return Plot(title, "iteration", "", (0.0, right), (0.0, top), layers, aspect=1.6)

    def start_view(self) -> Plot:
        s = self.pca
        box = self._box(s)
        return Plot("PCA's view of the same points", "PC1", "PC2", box, box,
                    [self._points_layer(s)], aspect=1.0)

    def sweep_view(self) -> ImageGrid | Text:
        if not self.sweep:
            return Text("Press Run six perplexities to run t-SNE at perplexity "
                        + ", ".join(f"{p:g}" for p in SWEEP) + " side by side.",
                        title="Six perplexities")
        images = np.stack([self._raster(r.y) for r in self.sweep])
        return ImageGrid("Six perplexities", images,
                         captions=[f"perplexity {r.perplexity:g} · {r.iteration}"
                                   for r in self.sweep], columns=3)

    def _raster(self, y: NDArray[np.float64]) -> NDArray[np.uint8]:
        """The embedding drawn into a SWEEP_PX square image: each point a 3×3 dot."""
        d = self.data
        assert d is not None
        img = np.full((SWEEP_PX, SWEEP_PX, 3), 255, dtype=np.uint8)
        lo, hi = self._box(y)
        px = np.clip(((y - lo) / (hi - lo) * (SWEEP_PX - 4) + 2).astype(int), 1, SWEEP_PX - 2)
        if d.groups is not None and d.groups.max() < len(LABEL_COLORS):
            rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in LABEL_COLORS],
                           dtype=np.uint8)[d.groups]
        elif d.position is not None:
            rgb = COLORMAPS["sequential"][value_codes(d.position, 0, 1)]
        else:
            rgb = np.tile(np.array([0x37, 0x47, 0x4F], dtype=np.uint8), (len(y), 1))
        for dx in (-1, 0, 1):
            for dy in (-1, 0, 1):
                img[SWEEP_PX - 1 - (px[:, 1] + dy), px[:, 0] + dx] = rgb
        return img

    def numbers_view(self) -> Table:
        r = self.run
        assert r is not None
        kept = self.kept_now()
        rows = [
            ["points", f"{len(self.x):,} in {self.x.shape[1]} dimensions"],
            ["perplexity", f"{self.p.perplexity:g}"],
            ["gradient", "Barnes-Hut" if gradient_method(len(self.x)) == "bh" else
             "FFT-interpolated"],
            ["iteration", f"{r.iteration} of {self.p.iterations}"],
            ["phase", f"early exaggeration ×{self.p.exaggeration:g}" if self.exaggerating()
             else "settling"],
            ["learning rate", f"{self.rate():,.1f}" + (" (auto)" if self.p.auto_rate else "")],
            ["KL divergence", f"{r.kl[-1][1]:.4f}" if r.kl else "–"],
            ["neighbours kept", "–" if kept is None else f"{kept:.1%}"],
        ]
        return Table("The run", ["", ""], rows)
