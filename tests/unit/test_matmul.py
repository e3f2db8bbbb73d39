"""Matrix multiplication: the product against numpy's @, each entry as a row times a
column, the staged move ending at B and at AB, the order (AB against BA), the cube's corners
and the goals."""

from __future__ import annotations

import numpy as np
import pytest

from mlscope.core.views import Lines3D
from mlscope.explorables.maths.matmul import CUBE, MatMul, staged


def cols(m):
    return [(m[0][0], m[1][0], 0), (m[0][1], m[1][1], 0)]


def test_the_product_and_its_entries():
    rng = np.random.default_rng(0)
    for _ in range(30):
        a = np.round(rng.uniform(-3, 3, (2, 2)), 1)
        b = np.round(rng.uniform(-3, 3, (2, 2)), 1)
        ex = MatMul(a_cols=cols(a), b_cols=cols(b), step="cells")
        np.testing.assert_allclose(ex.a @ ex.b, a @ b)
        for cell in ("11", "12", "21", "22"):
            i, j = int(cell[0]) - 1, int(cell[1]) - 1
            ex.set(cell=cell)
            live = ex.step_now.live(ex)
            expected = a[i, 0] * b[0, j] + a[i, 1] * b[1, j]
            assert expected == pytest.approx((a @ b)[i, j])
            shown = f"{expected:.2f}".rstrip("0").rstrip(".").replace("-", "−")
            assert f"= **{'0' if shown in ('−0', '') else shown}**" in live
            assert "+ −" not in live  # a negative factor is bracketed


def test_the_staged_move_goes_through_b_to_ab():
    a = np.array([[0.0, -1.0], [1.0, 0.0]])
    b = np.array([[1.0, 1.0], [0.0, 1.0]])
    np.testing.assert_allclose(staged(a, b, 0.0), np.eye(2), atol=1e-12)
    np.testing.assert_allclose(staged(a, b, 1.0), b, atol=1e-12)
    np.testing.assert_allclose(staged(a, b, 2.0), a @ b, atol=1e-12)


def test_the_cube_moves_by_b_then_a():
    ex = MatMul(step="cube", t=2.0)
    moved = next(la for la in ex.frame()["cube"].layers
                 if isinstance(la, Lines3D) and la.name == "moved")
    corners = {tuple(np.round(p, 9)) for p in zip(moved.x, moved.y, moved.z, strict=True)}
    expect = {tuple(np.round(p, 9)) for p in CUBE @ (ex.a3 @ ex.b3).T}
    assert corners == expect


def test_goals():
    ex = MatMul(step="compose", t=2.0)
    assert not ex.step_now.done(ex)  # has to be played
    for _ in range(200):
        ex.step()
        if ex.finished:
            break
    assert ex.step_now.done(ex)
    ex.set(step="cells")
    for cell in ("12", "21"):
        ex.set(cell=cell)
    assert not ex.step_now.done(ex)
    ex.set(cell="22")
    assert ex.step_now.done(ex)
    ex.set(step="order")
    assert not ex.step_now.done(ex)  # a turn and a shear do not commute
    ex.act("b-stretch")  # 2I commutes with everything: too easy to count
    assert "either order" in ex.step_now.live(ex) and not ex.step_now.done(ex)
    ex.set(a_cols=[(0.0, 1.0, 0), (-1.0, 0.0, 0)], b_cols=[(0.0, -1.0, 0), (1.0, 0.0, 0)])
    assert ex.step_now.done(ex)  # two turns commute


def test_swap_exchanges_both_pairs():
    ex = MatMul()
    a, b, a3, b3 = ex.a, ex.b, ex.a3, ex.b3
    ex.act("swap")
    np.testing.assert_array_equal(ex.a, b)
    np.testing.assert_array_equal(ex.b, a)
    np.testing.assert_array_equal(ex.a3, b3)
    np.testing.assert_array_equal(ex.b3, a3)
