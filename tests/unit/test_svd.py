"""Matrix decompositions: the SVD's stages against numpy (the move ends at A, starts at I,
the circle's image has semi-axes σ₁ and σ₂), the four factorisations multiplied back, the
rank-k rebuild of the photograph against Eckart-Young, and the goals."""

from __future__ import annotations

import re
from itertools import pairwise

import numpy as np
import pytest

from mlscope.core.views import ImageGrid, LinesLayer
from mlscope.explorables.maths.svd import (
    Svd,
    _no_eigen,
    low_rank,
    photo,
    photo_svd,
    rank_error,
    staged,
    svd_parts,
)

MATRICES = [[[1.5, 0.8], [0.5, 1.2]], [[1.0, 1.0], [0.0, 1.0]], [[0.0, -1.0], [1.0, 0.0]],
            [[2.0, 0.0], [0.0, -0.5]], [[-1.2, 0.4], [0.7, 2.0]], [[1.0, 2.0], [0.5, 1.0]]]


@pytest.mark.parametrize("m", MATRICES)
def test_the_stages_run_from_the_identity_to_a(m):
    a = np.array(m)
    u, s, vt = svd_parts(a)
    np.testing.assert_allclose(u @ np.diag(s) @ vt, a, atol=1e-12)
    np.testing.assert_allclose(s, np.linalg.svd(a, compute_uv=False), atol=1e-12)
    assert np.linalg.det(vt) > 0  # Vᵀ a rotation: any mirror is U's
    np.testing.assert_allclose(staged(a, 0.0), np.eye(2), atol=1e-12)
    np.testing.assert_allclose(staged(a, 1.0), vt, atol=1e-12)
    np.testing.assert_allclose(staged(a, 2.0), np.diag(s) @ vt, atol=1e-12)
    np.testing.assert_allclose(staged(a, 3.0), a, atol=1e-12)
    # in between, no jumps
    ts = np.linspace(0, 3, 301)
    steps = [np.abs(staged(a, t1) - staged(a, t0)).max() for t0, t1 in pairwise(ts)]
    assert max(steps) < 0.1


def test_the_circles_image_has_the_singular_values_as_semi_axes():
    ex = Svd(basis=[(1.5, 0.5, 0), (0.8, 1.2, 0)], step="free")
    ellipse = next(la for la in ex.frame()["stages"].layers if isinstance(la, LinesLayer)
                   and la.name == "its image")
    r = np.hypot(ellipse.x, ellipse.y)
    s = np.linalg.svd(ex.matrix, compute_uv=False)
    assert r.max() == pytest.approx(s[0], rel=1e-3) and r.min() == pytest.approx(s[1], rel=1e-2)


def test_factorisations_multiply_back_and_eigen_needs_eigenvectors():
    for m in MATRICES:
        tex = Svd(basis=[(m[0][0], m[1][0], 0), (m[0][1], m[1][1], 0)]).frame()["factors"].tex
        assert "multiplied back, each gives A" in tex
        found = re.search(r"10\^\{(-?\d+)\}\\end", tex)
        assert "exactly" in tex or (found and int(found.group(1)) <= -12)
    assert _no_eigen(np.array([[1.0, 1.0], [0.0, 1.0]]))  # a shear: one eigenvector
    assert _no_eigen(np.array([[0.0, -1.0], [1.0, 0.0]]))  # a rotation: complex
    assert not _no_eigen(np.array([[2.0, 1.0], [1.0, 2.0]]))


def test_low_rank_photograph_against_eckart_young():
    a = photo()
    assert a.shape == (188, 160) and a.min() >= 0 and a.max() <= 1
    s = photo_svd()[1]
    for k in (1, 10, 40, 160):
        err = np.linalg.norm(a - low_rank(k)) / np.linalg.norm(a)
        assert err == pytest.approx(rank_error(k), abs=1e-9)
        assert err == pytest.approx(np.sqrt((s[k:] ** 2).sum() / (s ** 2).sum()), abs=1e-12)
    assert rank_error(160) < 1e-12
    view = Svd(k=10).frame()["photo"]
    assert isinstance(view, ImageGrid) and view.images.shape == (2, 188, 160)


def test_qr_keeps_rs_diagonal_positive():
    from mlscope.explorables.maths.svd import qr_positive

    for m in MATRICES:
        a = np.array(m)
        q, r = qr_positive(a)
        np.testing.assert_allclose(q @ r, a, atol=1e-12)
        np.testing.assert_allclose(q.T @ q, np.eye(2), atol=1e-12)
        assert (np.diag(r) >= -1e-12).all() and abs(r[1, 0]) < 1e-12


def test_goals():
    ex = Svd(step="stages")
    assert not ex.step_now.done(ex)
    ex.set(basis=[(1.0, 1.0, 0), (-1.0, 1.0, 0)])  # √2 × a rotation: σ₁ = σ₂
    assert ex.step_now.done(ex)
    ex.set(step="four", basis=[(1.5, 0.5, 0), (0.8, 1.2, 0)])
    assert not ex.step_now.done(ex)
    ex.set(basis=[(1.0, 1.0, 0), (-1.0, 1.0, 0)])  # complex eigenvalues: not this goal
    assert not ex.step_now.done(ex)
    ex.set(basis=[(1.0, 0.0, 0), (1.0, 1.0, 0)])
    assert ex.step_now.done(ex)
    ex.set(step="photo", k=10)
    assert not ex.step_now.done(ex)
    k = next(k for k in range(1, 161) if rank_error(k) <= 0.1)
    for near in (k, k + 1, k + 2):  # a log slider's arrow keys may step over k itself
        ex.set(k=near)
        assert ex.step_now.done(ex)
    ex.set(k=k + 3)
    assert not ex.step_now.done(ex)  # about the smallest k, not any
    ex.set(k=k - 1)
    assert not ex.step_now.done(ex)


def test_play_runs_the_three_stages():
    ex = Svd(t=3.0)
    ex.step()
    assert 0 < ex.p.t < 0.05
    for _ in range(200):
        ex.step()
        if ex.finished:
            break
    assert ex.p.t == 3.0
    assert ex.frame()["stages"].title == "A = U Σ Vᵀ: the whole move"
    ex.set(t=1.5)
    assert ex.frame()["stages"].title == "Stage 2 of 3: Σ: stretch along the axes"
