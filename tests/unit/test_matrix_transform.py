"""A matrix is a transformation: the moved grid, shape and vector against numpy's matrix
product, the determinant against numpy.linalg.det and the shoelace area of the square's
image, the rank against numpy.linalg.matrix_rank, the move (1 - t)·I + t·A, the goals, the
presets, bad input, and the filled polygons in the matplotlib renderer."""

from __future__ import annotations

from itertools import pairwise

import numpy as np
import pytest

from mlscope.core.params import ParamError
from mlscope.core.views import LinesLayer
from mlscope.explorables.maths.matrix_transform import (
    F_SHAPE,
    PRESETS,
    SQUARE,
    TARGET,
    MatrixTransform,
    det,
    matrix_of,
    move_at,
    polygon_area,
    rank,
)


def basis(m: np.ndarray) -> list[tuple[float, float, int]]:
    return [(float(m[0, 0]), float(m[1, 0]), 0), (float(m[0, 1]), float(m[1, 1]), 0)]


def lattice_matrices(n: int = 200, seed: int = 0) -> list[np.ndarray]:
    """Matrices with entries on the 0.1 lattice a drag snaps to, in [-3, 3]."""
    rng = np.random.default_rng(seed)
    return [np.round(rng.integers(-30, 31, size=(2, 2)) / 10, 1) for _ in range(n)]


def test_columns_are_where_the_basis_lands():
    m = matrix_of(((2.0, -1.0, 0), (0.5, 3.0, 0)))
    np.testing.assert_array_equal(m, [[2.0, 0.5], [-1.0, 3.0]])
    np.testing.assert_array_equal(m @ [1, 0], [2.0, -1.0])
    np.testing.assert_array_equal(m @ [0, 1], [0.5, 3.0])


def test_determinant_against_numpy_and_the_square_images_signed_area():
    for m in lattice_matrices():
        assert det(m) == pytest.approx(np.linalg.det(m), abs=1e-12)
        assert polygon_area(SQUARE @ m.T) == pytest.approx(det(m), abs=1e-12)
        # every area scales by det: the letter F's too
        assert polygon_area(F_SHAPE @ m.T) == pytest.approx(det(m) * polygon_area(F_SHAPE),
                                                           abs=1e-9)


def test_rank_against_numpy_including_columns_on_one_line_at_lattice_steps():
    for m in lattice_matrices():
        assert rank(m) == np.linalg.matrix_rank(m)
    rng = np.random.default_rng(1)
    for _ in range(200):  # ĵ a lattice multiple of î: exactly singular, rank 1
        i = rng.integers(-10, 11, 2) / 10
        if not i.any():
            continue
        k = rng.integers(-3, 4)
        m = np.column_stack([i, k * i])
        assert abs(det(m)) < 1e-12
        assert rank(m) == 1 == np.linalg.matrix_rank(m)
    assert rank(np.zeros((2, 2))) == 0
    assert rank(np.array([[1.0, 2.0], [0.5, 1.0]])) == 1
    ex = MatrixTransform(basis=[(-0.7, -0.4, 0), (-2.1, -1.2, 0)])  # det 2e-16 in floats
    rows = dict((r[0], r[1]) for r in ex.frame()["numbers"].rows)
    assert rows["det A = ad − bc"] == "0" and rows["orientation"] == "squashed (det = 0)"


def test_the_moved_grid_shape_and_vector_are_the_matrix_product():
    m = np.array([[1.3, -0.4], [0.7, 2.1]])
    ex = MatrixTransform(step="free", basis=basis(m), vector=[(1.5, -2.0, 0)], shape="F")
    plane = ex.frame()["plane"]
    grid = next(la for la in plane.layers if isinstance(la, LinesLayer) and la.name == "the grid after")
    before = next(la for la in ex.frame()["before"].layers
                  if isinstance(la, LinesLayer) and not la.fill and not la.dash and la.name == "")
    keep = ~np.isnan(grid.x)
    moved = np.column_stack([before.x[keep], before.y[keep]]) @ m.T
    np.testing.assert_allclose(np.column_stack([grid.x[keep], grid.y[keep]]), moved, atol=1e-12)
    f = next(la for la in plane.layers if isinstance(la, LinesLayer) and la.name == "the letter F")
    np.testing.assert_allclose(np.column_stack([f.x, f.y])[:-1], F_SHAPE @ m.T, atol=1e-12)
    av = ex.matrix @ ex.v
    np.testing.assert_allclose(av, m @ [1.5, -2.0])
    rows = dict((r[0], r[1]) for r in ex.frame()["numbers"].rows)
    assert rows["v lands on Av"] == f"({av[0]:.2f}, {av[1]:.2f})".replace("-", "−")
    assert rows["det A = ad − bc"] == f"{np.linalg.det(m):.2f}"
    assert rows["rank (dimensions left)"] == "2"


def test_the_move_runs_from_the_identity_to_the_matrix():
    m = np.array([[0.0, -1.0], [1.0, 0.0]])
    ex = MatrixTransform(basis=basis(m), t=0.5)
    # a quarter turn plays as a turn: halfway it is the 45° rotation, nothing shrunk
    c = np.sqrt(0.5)
    np.testing.assert_allclose(ex.moving, [[c, -c], [c, c]], atol=1e-12)
    for a in [*lattice_matrices(60, seed=3), np.zeros((2, 2)), np.diag([-1.0, 1.0])]:
        np.testing.assert_allclose(move_at(a, 0.0), np.eye(2), atol=1e-12)
        np.testing.assert_allclose(move_at(a, 1.0), a, atol=1e-9)
        ts = np.linspace(0, 1, 101)
        jumps = [np.abs(move_at(a, t1) - move_at(a, t0)).max() for t0, t1 in pairwise(ts)]
        assert max(jumps) < 0.25  # no jumps: it moves continuously
    ex.set(t=1.0)
    assert ex.finished
    ex.step()  # play from the end starts again at the identity
    assert 0 < ex.p.t < 0.05 and not ex.finished
    for _ in range(200):
        ex.step()
        if ex.finished:
            break
    assert ex.p.t == 1.0
    np.testing.assert_allclose(ex.moving, m, atol=1e-12)
    assert ex.frame()["plane"].title == "After: the plane moved by A"
    ex.set(t=0.5)
    assert ex.frame()["plane"].title == "Moving: 50% of the way to A"


def test_goals():
    ex = MatrixTransform(step="columns")
    assert not ex.step_now.done(ex)
    ex.set(basis=[(0.0, 1.0, 0), (-1.0, 0.0, 0)])
    assert ex.step_now.done(ex)

    ex.set(step="vector")
    assert not ex.step_now.done(ex)
    v = np.linalg.solve(ex.matrix, TARGET)
    np.testing.assert_allclose(v, [1.0, -2.0])
    ex.set(vector=[(*v, 0)])
    assert ex.step_now.done(ex)

    ex.set(step="determinant", basis=[(1.0, 0.0, 0), (0.0, -1.0, 0)])
    assert ex.det == -1.0 and ex.step_now.done(ex)
    ex.set(basis=[(2.0, 0.0, 0), (0.0, -1.0, 0)])  # flipped, but areas doubled
    assert not ex.step_now.done(ex)

    ex.set(step="collapse", basis=[(1.0, 0.5, 0), (2.0, 1.0, 0)])
    assert ex.rank == 1 and ex.step_now.done(ex)
    ex.set(basis=[(0.0, 0.0, 0), (0.0, 0.0, 0)])
    assert ex.rank == 0 and not ex.step_now.done(ex)
    assert "a single point" in ex.step_now.live(ex)


def test_presets_set_the_columns_and_finish_the_move():
    ex = MatrixTransform(t=0.3)
    for key, (_, (i, j)) in PRESETS.items():
        ex.act(f"preset-{key}")
        np.testing.assert_array_equal(ex.matrix, np.column_stack([i, j]))
        assert ex.p.t == 1.0
    assert ex.rank == 1  # the last preset squashes


def test_bad_input_names_the_field():
    with pytest.raises(ParamError) as err:
        MatrixTransform(basis=[(1.0, 0.0, 0)])
    assert err.value.field == "basis"
    with pytest.raises(ParamError) as err:
        MatrixTransform().set(basis=[(1.0, 0.0, 0), (0.0, 9.0, 0)])
    assert err.value.field == "basis" and "3" in err.value.message
    with pytest.raises(ParamError) as err:
        MatrixTransform().set(vector="1,nan,0")
    assert err.value.field == "vector"
    ex = MatrixTransform()
    with pytest.raises(ParamError):
        ex.set(basis=[(1.0, 0.0, 0), (0.0, 9.0, 0)])
    np.testing.assert_array_equal(ex.matrix, [[1.0, 1.0], [0.0, 1.0]])  # the last good one


def test_a_drag_snaps_to_tenths_in_the_spec():
    spec = {p.name: p.spec() for p in MatrixTransform.all_params()}
    assert spec["basis"]["snap"] == 0.1 and spec["vector"]["snap"] == 0.1


def test_filled_polygons_in_the_matplotlib_renderer():
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import Patch, Polygon

    from mlscope.render.plot_layers import draw_lines, legend_handles

    ex = MatrixTransform(step="free", basis=[(1.0, 0.0, 0), (0.0, -1.0, 0)])
    plane = ex.frame()["plane"]
    square = next(la for la in plane.layers if isinstance(la, LinesLayer) and la.fill == "#f9c74f")
    fig, ax = plt.subplots()
    draw_lines(ax, square)
    polys = [p for p in ax.patches if isinstance(p, Polygon)]
    assert len(polys) == 1
    np.testing.assert_allclose(polys[0].get_xy()[:4], SQUARE @ ex.matrix.T)
    two = LinesLayer(np.array([0, 1, 1, np.nan, 2, 3, 3]), np.array([0, 0, 1, np.nan, 0, 0, 1]),
                     fill="#00897b", width=0)
    draw_lines(ax, two)
    assert len([p for p in ax.patches if isinstance(p, Polygon)]) == 3
    assert not any(line.get_xydata().size and len(line.get_xydata()) == 7 for line in ax.lines)
    keys = {h.get_label(): h for h in legend_handles(plane)}
    assert isinstance(keys["its image (area |det A|)"], Patch)
    plt.close(fig)
