"""A t-SNE run one iteration at a time, for the t-SNE explorable: openTSNE's affinities, its
PCA start and its Barnes-Hut or FFT gradients, with openTSNE's gradient descent (momentum,
gains, the step clipped at 5) taken one step per call, so a page can draw every iteration
and change the learning rate mid-run.

openTSNE's own ``TSNEEmbedding.optimize`` evaluates the objective once more at the end of
every call, which would double the cost of stepping it one iteration at a time; this loop
is the same update without that, and tests/unit/test_tsne.py checks that it ends where
``optimize`` ends (early exaggeration, then the rest) to 1e-8.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
from numpy.typing import NDArray
from openTSNE import affinity, initialization
from openTSNE.tsne import kl_divergence_bh, kl_divergence_fft
from scipy.spatial.distance import pdist
from sklearn.neighbors import NearestNeighbors

Array = NDArray[np.float64]

MOMENTUM = 0.8
"""openTSNE's momentum, in both phases."""
MIN_GAIN = 0.01
MAX_STEP_NORM = 5.0
THETA = 0.5
FFT = {"n_interpolation_points": 3, "min_num_intervals": 50, "ints_in_interval": 1}
FFT_FROM = 1000
"""From this many points the FFT gradient is faster than Barnes-Hut's (both are openTSNE's)."""
ERROR_EVERY = 10
"""Iterations between evaluations of the KL divergence."""
EXACT_KL_UP_TO = 1500
"""Up to this many points the KL divergence is computed exactly (all pairs, in blocks);
beyond, openTSNE's estimate from the same gradient pass is used (its Barnes-Hut estimate of
the normalisation can be far off on small embeddings: it even goes below 0)."""
NEIGHBOURS = 10


def gradient_method(n: int) -> str:
    return "fft" if n >= FFT_FROM else "bh"


def max_perplexity(n: int) -> float:
    """The largest perplexity ``n`` points allow: each needs 3 × perplexity neighbours."""
    return (n - 1) / 3


@dataclass
class Run:
    """An embedding under way. ``step(learning_rate, exaggeration)`` takes one iteration."""

    x: Array
    perplexity: float
    seed: int
    method: str = ""
    y: Array = field(init=False)
    iteration: int = field(init=False, default=0)
    kl: list[tuple[int, float]] = field(init=False, default_factory=list)
    """(iteration, KL divergence) every ERROR_EVERY iterations without exaggeration."""

    def __post_init__(self) -> None:
        n = len(self.x)
        self.method = self.method or gradient_method(n)
        self.affinities = affinity.PerplexityBasedNN(
            self.x, perplexity=self.perplexity, n_jobs=1, random_state=self.seed,
            verbose=False)
        self.p = self.affinities.P.tocsr()
        self._exaggerated: dict[float, object] = {}
        self.y = np.ascontiguousarray(
            initialization.pca(self.x, random_state=self.seed, verbose=False), dtype=float)
        self.gains = np.ones_like(self.y)
        self.update = np.zeros_like(self.y)

    def _p(self, exaggeration: float) -> object:
        if exaggeration == 1:
            return self.p
        if exaggeration not in self._exaggerated:
            self._exaggerated = {exaggeration: self.p * exaggeration}
        return self._exaggerated[exaggeration]

    def step(self, learning_rate: float, exaggeration: float = 1.0) -> None:
        """One iteration of gradient descent, as openTSNE's ``gradient_descent`` takes it."""
        # The KL divergence is measured once the exaggeration is over: while it lasts the
        # objective is another one, and Barnes-Hut's estimate of it on a tiny start is poor.
        evaluate = exaggeration == 1 and (self.iteration + 1) % ERROR_EVERY == 0
        exact = evaluate and len(self.y) <= EXACT_KL_UP_TO
        if exact:
            before = exact_kl(self.p, self.y)
        evaluate = evaluate and not exact
        if self.method == "fft":
            error, grad = kl_divergence_fft(self.y, self._p(exaggeration), dof=1,
                                            fft_params=FFT, should_eval_error=evaluate)
        else:
            error, grad = kl_divergence_bh(self.y, self._p(exaggeration), dof=1,
                                           bh_params={"theta": THETA},
                                           should_eval_error=evaluate)
        flipped = np.sign(self.update) != np.sign(grad)
        self.gains[flipped] += 0.2
        same = ~flipped
        self.gains[same] = self.gains[same] * 0.8 + MIN_GAIN
        self.update = MOMENTUM * self.update - learning_rate * self.gains * grad
        norms = np.linalg.norm(self.update, axis=1, keepdims=True)
        big = norms.squeeze(1) > MAX_STEP_NORM
        self.update[big] /= norms[big]
        self.update[big] *= MAX_STEP_NORM
        self.y += self.update
        self.y -= self.y.mean(axis=0)
        self.iteration += 1
        if exact:
            self.kl.append((self.iteration - 1, before))
        elif evaluate:
            # the error of the embedding before this step's update, as openTSNE reports it
            self.kl.append((self.iteration - 1, float(error)))


def exact_kl(p: Any, y: Array) -> float:
    """KL(P || Q) of the embedding y for the sparse joint affinities p (summing to 1), with
    Q the Student-t similarities normalised over all pairs (each pair once, by SciPy's
    ``pdist``: 3 ms at 1,500 points, where a dense n x n matrix took 60)."""
    w = pdist(y, "sqeuclidean")
    w += 1.0
    np.reciprocal(w, out=w)
    z = 2.0 * float(w.sum())  # both orders of each pair
    coo = p.tocoo()
    keep = coo.data > 0
    i, j, pij = coo.row[keep], coo.col[keep], coo.data[keep]
    q = 1.0 / (1.0 + ((y[i] - y[j]) ** 2).sum(axis=1)) / z
    return float(np.sum(pij * np.log(pij / q)))


UMAP_INSTALL = "pip install 'mlscope[umap]'"


def load_umap() -> Any:
    """umap-learn's module, or None when the extra is not installed. (Its import warns that
    TensorFlow, for a parametric UMAP not used here, is missing: that is silenced.)"""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ImportWarning)
        try:
            import umap
        except ImportError:
            return None
    return umap


def auto_learning_rate(n: int, exaggeration: float) -> float:
    """openTSNE's "auto": N / exaggeration (Belkina et al., 2019)."""
    return n / exaggeration


def neighbours_kept(x_neighbours: NDArray[np.int64], y: Array) -> float:
    """The share of each point's nearest neighbours in the data (``x_neighbours``, (n, k))
    that are among its k nearest in the embedding, averaged over the points."""
    k = x_neighbours.shape[1]
    near = NearestNeighbors(n_neighbors=k + 1).fit(y).kneighbors(y, return_distance=False)
    near = near[:, 1:]
    hits = (near[:, :, None] == x_neighbours[:, None, :]).any(axis=2).sum()
    return float(hits) / x_neighbours.size


def nearest(x: Array, k: int = NEIGHBOURS) -> NDArray[np.int64]:
    """(n, k) each point's k nearest other points in the data."""
    k = min(k, len(x) - 1)
    idx = NearestNeighbors(n_neighbors=k + 1).fit(x).kneighbors(x, return_distance=False)
    return np.asarray(idx[:, 1:], dtype=np.int64)
