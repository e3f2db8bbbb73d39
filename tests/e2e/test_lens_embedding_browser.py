"""A user's table by the embedding lens in the app: hovering a point reads its row, each
class has its key, and a million rows come as cells."""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect
from sklearn.datasets import load_iris

import mlscope.lens
from mlscope import catalog
from tests.e2e.ui import open_page, plot_px

pytestmark = pytest.mark.browser




def test_hover_reads_a_row_and_each_class_has_its_key(page: Page, server_url):
    iris = load_iris()
    emb = mlscope.lens.embedding(iris.data, np.array(iris.target_names)[iris.target],
                                 method="pca", feature_names=iris.feature_names)
    catalog.register(emb.explorable_class)  # what emb.serve() does before it starts the app
    open_page(page, f"{server_url}/x/{emb.explorable_class.slug}")
    view = emb.explorable.frame()["embedding"]
    expect(page.locator('[data-view="embedding"] .key')).to_have_text(
        ["setosa", "versicolor", "virginica"])
    # the row farthest from the others, so no neighbour is nearer the pointer
    xy = emb.embedding_
    d = np.linalg.norm(xy[:, None] - xy[None], axis=2)
    np.fill_diagonal(d, np.inf)
    i = int(np.argmax(d.min(axis=1)))
    px = plot_px(page, "embedding", view.x_range, view.y_range)
    page.mouse.move(*px(*xy[i]))
    readout = page.locator('[data-view="embedding"] .plot-readout')
    expect(readout).to_have_text(view.layers[0].hover[i])
    expect(readout).to_contain_text(f"row {i} (")
    page.mouse.move(*px(xy[:, 0].max() + 5, xy[:, 1].min() - 5))  # off every point
    expect(readout).not_to_contain_text("row ")


def test_a_million_rows_come_as_cells(page: Page, server_url):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(1_000_000, 4))
    x[::2, 0] += 5
    emb = mlscope.lens.embedding(x, np.arange(1_000_000) % 2, method="pca")
    catalog.register(emb.explorable_class)
    open_page(page, f"{server_url}/x/{emb.explorable_class.slug}")
    expect(page.locator('[data-view="embedding"] h3')).to_have_text(
        "PCA: 1,000,000 rows, counted into 240 × 240 cells (darker: more rows)")
    shot = page.locator('[data-view="embedding"] canvas').first.screenshot()
    from io import BytesIO

    from PIL import Image
    rgb = np.asarray(Image.open(BytesIO(shot)).convert("RGB")).reshape(-1, 3).astype(int)
    blue = (rgb[:, 2] > rgb[:, 0] + 60).sum()
    orange = (rgb[:, 0] > rgb[:, 2] + 60).sum()
    assert blue > 1000 and orange > 1000  # both classes' cells are drawn
