"""A support vector machine trained live: the dual problem solved by SMO, two multipliers at a
time, the pair chosen as libsvm chooses it (the maximal violating pair), so a frame can take
a few hundred updates and show the margin settling.

The dual: minimise ½ αᵀQα - Σα subject to 0 ≤ α_i ≤ C and Σ y_i α_i = 0, with
Q_ij = y_i y_j K(x_i, x_j). The decision function f(x) = Σ α_i y_i K(x_i, x) + b; the
support vectors are the points with α_i > 0. Kernels as scikit-learn's SVC defines them.
"""

from __future__ import annotations

import numpy as np

TOL = 1e-4
"""Stop when the largest violation of the optimality conditions is below this."""


def kernel(a: np.ndarray, b: np.ndarray, name: str, gamma: float, degree: int = 3,
           coef0: float = 1.0) -> np.ndarray:
    """K(a_i, b_j) for every pair, (len(a), len(b)): "linear" a·b, "poly" (γ a·b + coef0)^d,
    "rbf" exp(-γ |a - b|²)."""
    if name == "linear":
        return np.asarray(a @ b.T)
    if name == "poly":
        return np.asarray((gamma * (a @ b.T) + coef0) ** degree)
    sq = np.sum(a * a, axis=1)[:, None] + np.sum(b * b, axis=1)[None] - 2 * a @ b.T
    return np.asarray(np.exp(-gamma * np.maximum(sq, 0.0)))


class SMO:
    """The dual of a binary SVM over points x (n, 2) with labels y in {-1, +1}."""

    def __init__(self, x: np.ndarray, y: np.ndarray, C: float, kernel_name: str, gamma: float,
                 degree: int = 3, coef0: float = 1.0, K: np.ndarray | None = None) -> None:
        """``K``: the kernel matrix of x, if already known (a new C keeps it)."""
        self.x, self.y, self.C = x, y.astype(float), C
        self.kernel_args = (kernel_name, gamma, degree, coef0)
        self.K = kernel(x, x, *self.kernel_args) if K is None else K
        self.alpha = np.zeros(len(y))
        self.grad = -np.ones(len(y))  # ∇ of the dual objective: Qα - 1
        self.iterations = 0

    def _violators(self) -> tuple[int, int, float]:
        """libsvm's maximal violating pair (i in I_up, j in I_low) and their gap."""
        y, a, C = self.y, self.alpha, self.C
        up = ((y > 0) & (a < C)) | ((y < 0) & (a > 0))
        low = ((y > 0) & (a > 0)) | ((y < 0) & (a < C))
        score = -y * self.grad
        if not up.any() or not low.any():
            return -1, -1, 0.0
        i = int(np.flatnonzero(up)[np.argmax(score[up])])
        j = int(np.flatnonzero(low)[np.argmin(score[low])])
        return i, j, float(score[i] - score[j])

    @property
    def gap(self) -> float:
        return self._violators()[2]

    @property
    def converged(self) -> bool:
        return self.gap < TOL

    def iterate(self, n: int) -> int:
        """Up to n SMO updates; the number taken (fewer once converged)."""
        y, K, C = self.y, self.K, self.C
        for k in range(n):
            i, j, gap = self._violators()
            if i < 0 or gap < TOL:
                return k
            # Move α_i and α_j along y_i α_i + y_j α_j = const, to the best point in the box.
            quad = max(K[i, i] + K[j, j] - 2 * K[i, j], 1e-12)
            step = gap / quad  # along the direction (y_i, -y_j) in (α_i, α_j)
            ai, aj = self.alpha[i], self.alpha[j]
            # bounds of t where α_i + y_i t and α_j - y_j t stay in [0, C]
            lo, hi = -np.inf, np.inf
            for a, s in ((ai, y[i]), (aj, -y[j])):
                lo_a, hi_a = (-a, C - a) if s > 0 else (a - C, a)
                lo, hi = max(lo, lo_a), min(hi, hi_a)
            t = min(max(step, lo), hi)
            di, dj = y[i] * t, -y[j] * t
            self.alpha[i] = min(max(ai + di, 0.0), C)
            self.alpha[j] = min(max(aj + dj, 0.0), C)
            di, dj = self.alpha[i] - ai, self.alpha[j] - aj
            self.grad += y * (K[:, i] * y[i] * di + K[:, j] * y[j] * dj)
            self.iterations += 1
        return n

    @property
    def b(self) -> float:
        """The offset, as libsvm: the mean of -y_i ∇_i over the free support vectors, else the
        middle of the feasible interval."""
        y, a, C, g = self.y, self.alpha, self.C, self.grad
        free = (a > 1e-8) & (a < C - 1e-8)
        if free.any():
            return float(np.mean(-y[free] * g[free]))
        up = ((y > 0) & (a < C)) | ((y < 0) & (a > 0))
        low = ((y > 0) & (a > 0)) | ((y < 0) & (a < C))
        score = -y * g
        hi = score[up].max() if up.any() else 0.0
        lo = score[low].min() if low.any() else 0.0
        return float((hi + lo) / 2)

    def decision(self, points: np.ndarray) -> np.ndarray:
        """f(x) = Σ α_i y_i K(x_i, x) + b for each point."""
        sv = self.alpha > 1e-8
        if not sv.any():
            return np.full(len(points), self.b)
        k = kernel(points, self.x[sv], *self.kernel_args)
        return np.asarray(k @ (self.alpha[sv] * self.y[sv]) + self.b)

    @property
    def support(self) -> np.ndarray:
        """Indices of the support vectors."""
        return np.flatnonzero(self.alpha > 1e-8)

    def linear_weights(self) -> np.ndarray:
        """w = Σ α_i y_i x_i (the normal of the boundary, for the linear kernel)."""
        return np.asarray((self.alpha * self.y) @ self.x)
