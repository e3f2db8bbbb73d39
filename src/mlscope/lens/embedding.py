"""``mlscope.lens.embedding``: the user's own high-dimensional data on the plane, by t-SNE
(openTSNE), UMAP (umap-learn, an extra) or PCA, in the lens's Display convention (``plot()``,
``show()``, ``save()``, ``serve()``, the live widget in Jupyter).

Up to ``MAX_LIVE`` rows are drawn as points, each with its row's values on hover; more (up to
``MAX_ROWS``) are counted into cells and shaded, as datashader does: each cell's colour is
the mean colour of its rows' classes, its strength the logarithm of how many there are, and
the picture says that it is aggregating.

>>> emb = mlscope.lens.embedding(X, y, method="tsne")   # doctest: +SKIP
>>> emb.embedding_.shape, emb.save("digits.png")        # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import DATA, LABEL_COLORS, value_codes
from mlscope.core.explorable import Explorable
from mlscope.core.views import ImageLayer, Plot, PointsLayer, Text, View
from mlscope.explorables.classic import pca_fit
from mlscope.explorables.classic.tsne_run import (
    UMAP_INSTALL,
    load_umap,
    max_perplexity,
    nearest,
    neighbours_kept,
)
from mlscope.lens.adapters import LensError
from mlscope.lens.displays import LensDisplay
from mlscope.lens.explorable import _ids
from mlscope.lens.transformation import labels_of

Array = NDArray[np.float64]

METHODS = ("tsne", "umap", "pca")
MAX_LIVE = 5000
"""Rows drawn as points, with hover; more are aggregated."""
MAX_ROWS = 1_000_000
CELLS = 240
"""Cells per side of the aggregated picture."""
SAMPLE = 2000
"""Rows the neighbours-kept figure is measured on (a random sample of a larger table)."""
HOVER_COLUMNS = 6


def embed(x: Array, method: str, *, perplexity: float = 30.0, n_neighbors: int = 15,
          min_dist: float = 0.1, seed: int = 0) -> Array:
    """(n, 2) coordinates of the rows of x by ``method``."""
    n = len(x)
    if method == "pca":
        s = pca_fit.fit(x).scores(x, 2)
        return s if s.shape[1] == 2 else np.hstack([s, np.zeros((n, 2 - s.shape[1]))])
    if method == "tsne":
        from openTSNE import TSNE

        if perplexity > max_perplexity(n):
            raise LensError(f"perplexity must be at most {max_perplexity(n):.0f} for {n} rows "
                            f"(each needs 3 × perplexity neighbours); got {perplexity:g}.")
        return np.asarray(TSNE(perplexity=perplexity, n_jobs=-1, random_state=seed,
                               verbose=False).fit(x), dtype=float)
    if method == "umap":
        umap = load_umap()
        if umap is None:
            raise LensError(f"method='umap' needs umap-learn, an extra: {UMAP_INSTALL}")
        if n_neighbors >= n:
            raise LensError(f"n_neighbors must be below the number of rows ({n}); got "
                            f"{n_neighbors}.")
        model = umap.UMAP(n_neighbors=n_neighbors, min_dist=min_dist, random_state=seed,
                          n_jobs=1)
        return np.asarray(model.fit_transform(x), dtype=float)
    raise LensError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")


def check_table(x: Any, y: Any) -> tuple[Array, NDArray[Any] | None, list[str] | None]:
    """X as floats (n, d), y as an array or None, and X's column names if it has them."""
    names = [str(c) for c in x.columns] if hasattr(x, "columns") else None
    try:
        xa = np.asarray(x, dtype=np.float64)
    except (TypeError, ValueError):
        raise LensError("X must be numbers (a 2-D array or table of numbers).") from None
    if xa.ndim != 2:
        raise LensError(f"X must be 2-D (rows × columns); got shape {xa.shape}.")
    if not 3 <= len(xa) <= MAX_ROWS:
        raise LensError(f"X must have 3 to {MAX_ROWS:,} rows; got {len(xa):,}.")
    if xa.shape[1] < 1:
        raise LensError("X has no columns.")
    bad = ~np.isfinite(xa)
    if bad.any():
        r, c = np.argwhere(bad)[0]
        raise LensError(f"X must be finite numbers; row {r}, column {c} is {xa[r, c]}.")
    ya = None
    if y is not None:
        ya = np.asarray(y)
        if ya.shape != (len(xa),):
            raise LensError(f"y must hold one value per row of X ({len(xa)}); got shape "
                            f"{ya.shape}.")
    return xa, ya, names


def check_options(perplexity: Any, n_neighbors: Any, min_dist: Any, seed: Any) -> None:
    """LensError naming the first option that is not allowed."""
    def number(v: Any) -> bool:
        return isinstance(v, int | float) and not isinstance(v, bool) and np.isfinite(v)

    if not number(perplexity) or perplexity <= 0:
        raise LensError(f"perplexity must be a number above 0; got {perplexity!r}.")
    if not isinstance(n_neighbors, int) or isinstance(n_neighbors, bool) or n_neighbors < 2:
        raise LensError(f"n_neighbors must be a whole number, at least 2; got {n_neighbors!r}.")
    if not number(min_dist) or not 0 <= min_dist <= 1:
        raise LensError(f"min_dist must be a number in [0, 1]; got {min_dist!r}.")
    if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**32:
        raise LensError(f"seed must be a whole number in [0, 2³²); got {seed!r}.")


def aggregate(xy: Array, labels: NDArray[np.int64] | None, x_range: tuple[float, float],
              y_range: tuple[float, float], cells: int = CELLS) -> NDArray[np.uint8]:
    """(cells, cells, 4) RGBA: each cell the mean colour of its rows' classes (or the data
    colour), its opacity growing with the logarithm of its count; empty cells clear."""
    ix = np.clip(((xy[:, 0] - x_range[0]) / (x_range[1] - x_range[0]) * cells).astype(int),
                 0, cells - 1)
    iy = np.clip(((xy[:, 1] - y_range[0]) / (y_range[1] - y_range[0]) * cells).astype(int),
                 0, cells - 1)
    cell = iy * cells + ix
    if labels is not None:
        k = int(labels.max()) + 1
        rgb = np.array([[int(c[i:i + 2], 16) for i in (1, 3, 5)] for c in LABEL_COLORS[:k]],
                       dtype=float)
        counts = np.bincount(cell * k + labels, minlength=cells * cells * k)
        counts = counts.reshape(cells * cells, k).astype(float)
        total = counts.sum(axis=1)
        colour = counts @ rgb / np.maximum(total, 1)[:, None]
    else:
        total = np.bincount(cell, minlength=cells * cells).astype(float)
        colour = np.tile([int(DATA[i:i + 2], 16) for i in (1, 3, 5)], (cells * cells, 1))
    alpha = np.where(total > 0, 60 + 195 * np.log1p(total) / np.log1p(total.max()), 0)
    out = np.concatenate([colour, alpha[:, None]], axis=1)
    rgba: NDArray[np.uint8] = np.rint(out).astype(np.uint8).reshape(cells, cells, 4)
    return rgba


class EmbeddingLens(Explorable):
    """Base of the per-table embedding classes (``embedding_class``): a still picture."""

    topic = "other"
    coords: ClassVar[Array]
    labels: ClassVar[NDArray[np.int64] | None]
    y_values: ClassVar[Array | None]
    class_names: ClassVar[list[str]]
    hover: ClassVar[list[str]]
    about: ClassVar[str]
    method_name: ClassVar[str]
    layout = (("embedding",), ("about",))
    export_layout = (("embedding",),)
    thumbnail_view = "embedding"
    actions = ()
    captions: ClassVar[dict[str, str]] = {
        "embedding": "Each row of your table: hover a point to read its values (a table of "
                     "more than 5,000 rows is counted into cells instead).",
    }

    def reset(self) -> None:
        self._view = self.embedding_view()  # a still picture: drawn once

    def frame(self) -> dict[str, View]:
        return {"embedding": self._view, "about": Text(self.about, title="About")}

    def embedding_view(self) -> Plot:
        xy = self.coords
        pad = 0.05 * max(float(np.ptp(xy[:, 0])), float(np.ptp(xy[:, 1])), 1e-9)
        xr = (float(xy[:, 0].min()) - pad, float(xy[:, 0].max()) + pad)
        yr = (float(xy[:, 1].min()) - pad, float(xy[:, 1].max()) + pad)
        n = len(xy)
        if n > MAX_LIVE:
            rgba = aggregate(xy, self.labels, xr, yr)
            title = (f"{self.method_name}: {n:,} rows, counted into {CELLS} × {CELLS} cells "
                     f"(darker: more rows)")
            layers: list[Any] = [ImageLayer(rgba, xr, yr, name="rows per cell")]
            if self.labels is not None:  # no points: a key for each class's colour
                none = np.empty(0)
                layers.append(PointsLayer(none, none, labels=np.empty(0, dtype=np.int64),
                                          name="classes", classes=self.class_names))
            return Plot(title, "", "", xr, yr, layers, aspect=1.0, x_ticks=[], y_ticks=[])
        size = 4.0 if n <= 1000 else 2.5
        if self.labels is not None:
            layer = PointsLayer(xy[:, 0], xy[:, 1], labels=self.labels, size=size, name="rows",
                                classes=self.class_names, hover=self.hover)
        elif self.y_values is not None:
            lo, hi = float(self.y_values.min()), float(self.y_values.max())
            layer = PointsLayer(xy[:, 0], xy[:, 1], codes=value_codes(self.y_values, lo, hi),
                                colormap="sequential", size=size, hover=self.hover,
                                name=f"y from {lo:.3g} (dark) to {hi:.3g} (light)")
        else:
            layer = PointsLayer(xy[:, 0], xy[:, 1], color=DATA, size=size, name="rows",
                                hover=self.hover)
        return Plot(f"{self.method_name} of {n:,} rows", "", "", xr, yr, [layer], aspect=1.0,
                    x_ticks=[], y_ticks=[])


def _hover(x: Array, names: list[str], y_text: list[str] | None) -> list[str]:
    cols = names[:HOVER_COLUMNS]
    more = " …" if len(names) > HOVER_COLUMNS else ""
    return [f"row {i}" + (f" ({y_text[i]})" if y_text is not None else "") + ": "
            + ", ".join(f"{c} {v:.4g}" for c, v in zip(cols, x[i, :HOVER_COLUMNS], strict=False))
            + more for i in range(len(x))]


class Embedding(LensDisplay):
    """A table's rows on the plane: ``embedding_`` (n, 2), drawn with their classes."""

    kind = "embedding"
    default_sweep = None

    def __init__(self, X: Any, y: Any = None, *, method: str = "tsne", perplexity: float = 30.0,
                 n_neighbors: int = 15, min_dist: float = 0.1, scale: bool = False,
                 feature_names: Sequence[str] | None = None, seed: int = 0,
                 name: str = "") -> None:
        if method not in METHODS:
            raise LensError(f"method must be one of {', '.join(METHODS)}; got {method!r}.")
        check_options(perplexity, n_neighbors, min_dist, seed)
        xa, ya, found = check_table(X, y)
        names = list(feature_names) if feature_names is not None else found
        if names is not None and len(names) != xa.shape[1]:
            raise LensError(f"feature_names must name the {xa.shape[1]} columns of X; got "
                            f"{len(names)} names.")
        names = names or [f"x{j}" for j in range(xa.shape[1])]
        self.X, self.y, self.method = xa, ya, method
        z = xa
        if scale:
            sd = xa.std(axis=0)
            z = (xa - xa.mean(axis=0)) / np.where(sd > 0, sd, 1.0)
        self.embedding_ = embed(z, method, perplexity=perplexity, n_neighbors=n_neighbors,
                                min_dist=min_dist, seed=seed)
        labels, class_names, values, y_text = self._colours(ya)
        self.neighbours_kept_ = self._kept(z, seed)
        label = {"tsne": "t-SNE", "umap": "UMAP", "pca": "PCA"}[method]
        n = len(xa)
        about = (f"{label} of {n:,} rows × {xa.shape[1]} columns"
                 + (" (each column scaled to variance 1)" if scale else "")
                 + f". Of each row's 10 nearest neighbours in the table, "
                 f"{self.neighbours_kept_:.0%} are among its 10 nearest here"
                 + (f" (measured on a random {SAMPLE:,} rows)" if n > SAMPLE else "") + ".")
        if n > MAX_LIVE:
            about += (f" More than {MAX_LIVE:,} rows: the picture counts them into cells "
                      f"instead of drawing points, so rows cannot be hovered.")
        hover = _hover(xa, names, y_text) if n <= MAX_LIVE else []
        n_id = next(_ids)
        self.explorable_class: type[Any] = type(f"Embedding{n_id}", (EmbeddingLens,), {
            "slug": f"lens-{n_id}", "title": name or f"Your data by {label}",
            "summary": f"{n:,} rows × {xa.shape[1]} columns by {label}",
            "coords": self.embedding_, "labels": labels, "y_values": values,
            "class_names": class_names, "hover": hover, "about": about, "method_name": label,
        })
        self.explorable = self.explorable_class()
        self.figure_: Any = None
        self.axes_: list[Any] = []

    @staticmethod
    def _colours(y: NDArray[Any] | None) -> tuple[NDArray[np.int64] | None, list[str],
                                                   Array | None, list[str] | None]:
        """Class labels and names (at most 12 classes), else the values of a numeric y."""
        if y is None:
            return None, [], None, None
        distinct = np.unique(y)
        if len(distinct) <= len(LABEL_COLORS):
            labels, names = labels_of(y)
            return labels, names, None, [names[k] for k in labels]
        if np.issubdtype(y.dtype, np.number) and np.isfinite(y.astype(float)).all():
            return None, [], y.astype(float), [f"y {v:.4g}" for v in y.astype(float)]
        raise LensError(f"y must have at most {len(LABEL_COLORS)} classes, or be numbers; got "
                        f"{len(distinct)} distinct values.")

    def _kept(self, z: Array, seed: int) -> float:
        n = len(z)
        rows = np.sort(np.random.default_rng(seed).choice(n, SAMPLE, replace=False)) \
            if n > SAMPLE else np.arange(n)
        return neighbours_kept(nearest(z[rows]), self.embedding_[rows])

    @property
    def hidden_(self) -> np.ndarray:
        return self.embedding_


def embedding(X: Any, y: Any = None, *, method: str = "tsne", **kwargs: Any) -> Embedding:
    """The rows of ``X`` on the plane by ``method`` ("tsne", "umap" or "pca"), coloured by
    ``y`` (classes, or numbers). Options: perplexity (t-SNE), n_neighbors and min_dist
    (UMAP), scale (each column to variance 1), feature_names, seed, name."""
    return Embedding(X, y, method=method, **kwargs)


__all__ = ["Embedding", "embedding"]
