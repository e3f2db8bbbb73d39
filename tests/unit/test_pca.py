"""PCA: the numbers against scikit-learn's PCA (signs normalised alike), the story's goals
reachable by the moves its words ask for, and the user's own table."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA as SkPCA

from mlscope.core.params import ParamError
from mlscope.data import csv_table, pca_sets, uk_food
from mlscope.explorables.classic import pca_fit
from mlscope.explorables.classic.pca import PCA


def normalised(components: np.ndarray) -> np.ndarray:
    """Each row's sign chosen so that its largest entry (in absolute value) is positive."""
    c = np.asarray(components, dtype=float)
    s = np.sign(c[np.arange(len(c)), np.argmax(np.abs(c), axis=1)])
    return c * s[:, None]


@pytest.mark.parametrize("shape", [(16, 2), (240, 3), (4, 17), (60, 8), (3, 5)])
def test_the_fit_is_scikit_learns(shape):
    x = np.random.default_rng(sum(shape)).normal(size=shape) * np.arange(1, shape[1] + 1)
    ours, ref = pca_fit.fit(x), SkPCA().fit(x)
    m = min(shape) - (1 if shape[0] <= shape[1] else 0)  # components with variance
    np.testing.assert_allclose(ours.mean, ref.mean_)
    np.testing.assert_allclose(ours.variances[:m], ref.explained_variance_[:m], rtol=1e-10)
    np.testing.assert_allclose(ours.ratios[:m], ref.explained_variance_ratio_[:m], rtol=1e-10)
    np.testing.assert_allclose(ours.components[:m], normalised(ref.components_)[:m],
                               atol=1e-10)
    for k in range(1, m + 1):
        sk = SkPCA(n_components=k).fit(x)
        flip = np.sign(np.sum(normalised(sk.components_) * sk.components_, axis=1))
        np.testing.assert_allclose(ours.scores(x, k), sk.transform(x) * flip, atol=1e-9)
        np.testing.assert_allclose(ours.reconstruct(x, k), sk.inverse_transform(sk.transform(x)),
                                   atol=1e-9)


def test_the_variance_along_a_line_peaks_at_pc1():
    x = np.array(PCA().points)
    f = pca_fit.fit(x)
    angles = np.linspace(0, 180, 3601)
    v = pca_fit.variance_along(x, angles)
    assert abs(angles[np.argmax(v)] - pca_fit.angle_of(f.components[0])) < 0.06
    np.testing.assert_allclose(v.max(), f.variances[0], rtol=1e-6)
    u = pca_fit.direction(77.0)
    assert pca_fit.variance_along(x, 77.0) == pytest.approx(np.var(x @ u, ddof=1))


def test_the_story_goals_are_reached_as_its_words_say():
    ex = PCA()
    steps = {s.name: s for s in PCA.story_steps}
    assert not steps["direction"].done(ex)
    ex.set(angle=round(ex.pc1_angle() * 2) / 2)
    assert steps["direction"].done(ex)
    assert "no line does better" in steps["direction"].live(ex)

    assert not steps["components"].done(ex)  # the first points: PC1 at 32°
    # one drag: the lonely point at the lower left to below the middle
    points = [list(p) for p in ex.p.points]
    points[int(np.argmin(ex.points.sum(axis=1)))] = [1.0, -5.5, 0]
    ex.set(points=points)
    assert steps["components"].done(ex)
    assert "the top of step 1's curve" in steps["components"].live(ex)

    assert not steps["cloud"].done(ex)
    ex.set(thickness=1.6)  # the slider's end
    assert steps["cloud"].done(ex)

    kept = np.cumsum(ex.digit_fit.ratios)
    smallest = int(np.argmax(kept >= 0.9)) + 1
    ex.set(k=smallest - 1)
    assert not steps["rebuild"].done(ex)
    ex.set(k=smallest)
    assert steps["rebuild"].done(ex)

    ex.set(step="odd-one-out")
    assert not steps["odd-one-out"].done(ex)
    ireland = uk_food.COUNTRIES.index("N. Ireland")
    assert ex.odd_one() == ireland
    x, y = ex.table_scores[uk_food.COUNTRIES.index("Wales")]
    ex.act("pick", {"x": float(x), "y": float(y)})
    assert not steps["odd-one-out"].done(ex)
    x, y = ex.table_scores[ireland]
    ex.act("pick", {"x": float(x) + 5, "y": float(y) - 5})
    assert steps["odd-one-out"].done(ex)
    live = steps["odd-one-out"].live(ex)
    assert "N. Ireland" in live and "Fresh potatoes (more)" in live


def test_the_digits_rebuild_better_with_more_components():
    ex = PCA()
    x = pca_sets.digits()[0]
    errors = [float(np.mean((ex.digit_fit.reconstruct(x, k) - x) ** 2)) for k in (1, 5, 20, 64)]
    assert errors == sorted(errors, reverse=True) and errors[-1] < 1e-20
    ex.set(k=64)
    assert ex.frame()["kept"].title == "k = 64 keeps 100% of the variance"


def test_points_are_added_removed_and_reset_by_clicks():
    ex = PCA()
    n = len(ex.points)
    ex.act("add_point", {"x": 5.0, "y": -5.0})
    assert len(ex.points) == n + 1 and tuple(ex.points[-1]) == (5.0, -5.0)
    ex.act("add_point", {"x": 5.0, "y": -5.0, "shift": True})
    assert len(ex.points) == n
    ex.set(points=[(0, 0, 0), (1, 1, 0)])
    with pytest.raises(ParamError, match="keep at least 2 points"):
        ex.act("add_point", {"x": 0.0, "y": 0.0, "shift": True})
    ex.act("reset_points")
    assert len(ex.points) == n


IRIS_LIKE = "sepal,petal,width,species\n" + "\n".join(
    f"{5 + 0.1 * i:.1f},{1 + 0.3 * (i % 5):.1f},{0.2 * (i % 3):.1f},{'ab'[i % 2]}"
    for i in range(40))


def test_your_table_is_read_and_pca_is_scikit_learns():
    ex = PCA()
    ex.act("upload_csv", IRIS_LIKE)
    assert ex.p.table == "yours"
    t = csv_table.parse_table(IRIS_LIKE)
    ref = SkPCA(n_components=2).fit(t.values)
    flip = np.sign(np.sum(normalised(ref.components_) * ref.components_, axis=1))
    np.testing.assert_allclose(ex.table_scores, ref.transform(t.values) * flip, atol=1e-9)
    frame = ex.frame()
    assert frame["map"].layers[0].name == "rows, coloured by species"
    assert frame["table"].title == "Your table: 40 rows × 3 columns"
    ex.set(scale=True)
    z = (t.values - t.values.mean(0)) / t.values.std(0, ddof=1)
    np.testing.assert_allclose(ex.table_fit.variances, SkPCA().fit(z).explained_variance_,
                               rtol=1e-9)


@pytest.mark.parametrize("text, says", [
    ("a,b\n1,2\n", "1 row of data; at least 3"),
    ("a,b,c\n1,2,3\n4,oops,6\n7,8,9\n", "line 3: column 'b' must be a number; got 'oops'"),
    ("a,b\n1,2\nNaN,3\n4,5\n", "line 3: column 'a' must be a finite number"),
    ("a,b,c\n1,x,y\n2,z,w\n3,q,r\n", "columns 'b' and 'c' hold words"),
    ("a,label\n1,x\n2,y\n3,z\n", "1 numeric column; at least 2"),
    ("a,b\n1,2\n3\n4,5\n", "line 3: expected 2 columns"),
    ("", "the file is empty"),
])
def test_a_bad_table_is_refused_and_the_last_good_one_kept(text, says):
    ex = PCA()
    ex.act("upload_csv", IRIS_LIKE)
    before = ex.table_scores.copy()
    with pytest.raises(ParamError, match=says) as err:
        ex.act("upload_csv", text)
    assert err.value.field == "table"
    np.testing.assert_array_equal(ex.table_scores, before)
    assert ex.p.table == "yours"


def test_your_table_before_an_upload_says_how_to_send_one():
    ex = PCA(table="yours")
    assert "Upload CSV" in ex.frame()["map"].text
    with pytest.raises(ParamError, match="upload a CSV"):
        ex.act("pick", {"x": 0, "y": 0})


def test_the_loadings_offer_only_the_components_the_table_has():
    ex = PCA(step="free")
    assert len(ex.table_fit.components) == 3  # 4 countries span 3 directions
    ex.set(component=3)
    assert ex.frame()["loadings"].title == "Loadings of PC3"
    ex.set(component=7)  # the slider goes to 10 for larger tables
    assert ex.frame()["loadings"].title == "Loadings of PC3 (the last: this table has 3 " \
                                           "components)"


def test_pc1_is_hidden_in_the_first_step_until_found():
    ex = PCA()
    names = [layer.name for layer in ex.frame()["by_angle"].layers]
    assert "PC1" not in names
    ex.set(angle=round(ex.pc1_angle()))
    assert "PC1" in [layer.name for layer in ex.frame()["by_angle"].layers]
