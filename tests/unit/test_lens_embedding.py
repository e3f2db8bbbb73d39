"""mlscope.lens.embedding: a user's table on the plane by PCA or t-SNE (UMAP when installed),
its classes and hover texts, a million rows aggregated into cells, and clear errors."""

from __future__ import annotations

import re

import numpy as np
import pytest
from sklearn.datasets import load_iris
from sklearn.decomposition import PCA as SkPCA

import mlscope.lens
from mlscope.core.views import ImageLayer
from mlscope.lens import LensError
from mlscope.lens.embedding import CELLS, MAX_LIVE, aggregate

IRIS = load_iris()
SPECIES = np.array(IRIS.target_names)[IRIS.target]


def test_pca_is_scikit_learns_and_hover_reads_the_rows():
    emb = mlscope.lens.embedding(IRIS.data, SPECIES, method="pca",
                                 feature_names=IRIS.feature_names)
    ref = SkPCA(n_components=2).fit_transform(IRIS.data)
    np.testing.assert_allclose(np.abs(emb.embedding_), np.abs(ref), atol=1e-9)
    view = emb.explorable.frame()["embedding"]
    layer = view.layers[0]
    assert layer.classes == ["setosa", "versicolor", "virginica"]
    assert layer.hover[0] == ("row 0 (setosa): sepal length (cm) 5.1, sepal width (cm) 3.5, "
                              "petal length (cm) 1.4, petal width (cm) 0.2")
    assert view.title == "PCA of 150 rows"
    assert 0.5 < emb.neighbours_kept_ <= 1


def test_tsne_keeps_more_neighbours_than_pca():
    pca = mlscope.lens.embedding(IRIS.data, IRIS.target, method="pca")
    tsne = mlscope.lens.embedding(IRIS.data, IRIS.target, method="tsne", perplexity=20)
    assert tsne.embedding_.shape == (150, 2)
    assert tsne.neighbours_kept_ > pca.neighbours_kept_
    assert "t-SNE of 150 rows × 4 columns" in tsne.explorable.frame()["about"].text


def test_a_million_rows_are_counted_into_cells():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(1_000_000, 3))
    x[:400_000, 0] += 6
    y = (np.arange(1_000_000) < 400_000).astype(int)
    emb = mlscope.lens.embedding(x, y, method="pca")
    view = emb.explorable.frame()["embedding"]
    layer, key = view.layers
    assert key.classes == ["0", "1"] and len(key.x) == 0
    assert isinstance(layer, ImageLayer) and layer.rgba.shape == (CELLS, CELLS, 4)
    assert "1,000,000 rows, counted into" in view.title
    assert "cannot be hovered" in emb.explorable.frame()["about"].text
    assert (layer.rgba[..., 3] == 0).any() and (layer.rgba[..., 3] == 255).any()


def test_aggregate_mixes_the_colours_of_a_cells_classes():
    xy = np.array([[0.1, 0.1], [0.1, 0.1], [0.1, 0.1], [0.9, 0.9]])
    rgba = aggregate(xy, np.array([0, 0, 1, 1]), (0, 1), (0, 1), cells=2)
    blue, orange = np.array([8, 119, 189]), np.array([245, 147, 34])
    np.testing.assert_allclose(rgba[0, 0, :3], np.rint((2 * blue + orange) / 3), atol=1)
    assert rgba[0, 0, 3] == 255 and 60 < rgba[1, 1, 3] < 255  # 3 rows, and 1
    assert rgba[0, 1, 3] == 0 and rgba[1, 0, 3] == 0  # empty: see through
    np.testing.assert_array_equal(rgba[1, 1, :3], orange)  # row 0 is the smallest y


@pytest.mark.parametrize("x, y, kwargs, says", [
    (np.zeros((2, 3)), None, {}, "X must have 3 to 1,000,000 rows; got 2"),
    (np.array([[1.0, np.nan], [1, 2], [3, 4]]), None, {}, "row 0, column 1 is nan"),
    ([["a", "b"], ["c", "d"], ["e", "f"]], None, {}, "X must be numbers"),
    (np.zeros((5, 2)), np.arange(4), {}, "one value per row of X (5)"),
    (np.zeros((5, 2)), None, {"method": "lle"}, "method must be one of tsne, umap, pca"),
    (np.random.default_rng(0).normal(size=(30, 2)), None, {"perplexity": 30},
     "perplexity must be at most 10 for 30 rows"),
    (np.zeros((5, 2)), np.array(list("abcdefghijklm")[:5] * 1), {"feature_names": ["a"]},
     "feature_names must name the 2 columns"),
    (np.zeros((5, 2)), None, {"perplexity": -1}, "perplexity must be a number above 0"),
    (np.zeros((5, 2)), None, {"n_neighbors": 1.5}, "n_neighbors must be a whole number"),
    (np.zeros((5, 2)), None, {"min_dist": 2}, "min_dist must be a number in [0, 1]"),
    (np.zeros((5, 2)), None, {"seed": "x"}, "seed must be a whole number"),
])
def test_bad_input_is_refused_by_name(x, y, kwargs, says):
    with pytest.raises(LensError, match=re.escape(says)):
        mlscope.lens.embedding(x, y, **kwargs)


def test_umap_says_how_to_install_it_when_it_is_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "umap", None)  # as if umap-learn were not installed
    with pytest.raises(LensError, match=r"needs umap-learn, an extra: pip install "
                                        r"'mlscope\[umap\]'"):
        mlscope.lens.embedding(IRIS.data, IRIS.target, method="umap")


def test_umap_when_it_is_installed():
    from mlscope.explorables.classic.tsne_run import load_umap

    if load_umap() is None:
        pytest.skip("umap-learn is an extra (pip install 'mlscope[umap]'); not installed here")
    emb = mlscope.lens.embedding(IRIS.data, IRIS.target, method="umap")
    assert emb.embedding_.shape == (150, 2) and emb.neighbours_kept_ > 0.5


def test_plot_and_png(tmp_path):
    emb = mlscope.lens.embedding(IRIS.data, IRIS.target, method="pca")
    emb.plot()
    assert emb.figure_ is not None and len(emb.axes_) == 1
    out = emb.save(tmp_path / "iris.png")
    assert out.stat().st_size > 5000
    assert MAX_LIVE == 5000


def test_a_numeric_y_colours_by_value_and_the_page_spec_is_sound():
    y = IRIS.data[:, 0] * 1.5
    emb = mlscope.lens.embedding(IRIS.data[:, 1:], y, method="pca")
    layer = emb.explorable.frame()["embedding"].layers[0]
    assert layer.labels is None and layer.codes is not None and layer.colormap == "sequential"
    assert layer.name == f"y from {y.min():.3g} (dark) to {y.max():.3g} (light)"
    assert layer.hover[0].startswith(f"row 0 (y {y[0]:.4g}): x0 3.5")
    spec = emb.explorable_class.describe()
    assert spec["params"][0]["name"] == "seed" and emb.explorable.values == {"seed": 0}
