"""Every view kind has its three parts: the Python schema (core/views), a JS renderer
(frontend/src/views/index.ts, and plot_layers.ts for a Plot's layers) and a matplotlib
renderer (render.drawers(), render/plot_layers.py); each draws, travels and keeps its
aspect; bad payloads are refused with the field named."""

from __future__ import annotations

import dataclasses
import re
import typing
from pathlib import Path

import matplotlib
import numpy as np
import pytest

from mlscope.core import views as v
from mlscope.core.colors import COLORMAPS
from mlscope.core.encoding import decode, encode
from mlscope.render import drawers
from mlscope.render.figure import FrameFigure
from mlscope.render.plot_layers import LAYER_PAINTERS
from tests.view_samples import every_view, plot_with_every_layer

matplotlib.use("Agg")
FRONTEND = Path(__file__).resolve().parents[2] / "frontend" / "src" / "views"


def kinds(union: object) -> set[str]:
    return {t.kind for t in typing.get_args(union)}


def js_keys(file: str, table: str) -> set[str]:
    """The keys of an object literal ``table`` in a frontend source file."""
    text = (FRONTEND / file).read_text()
    body = re.search(table + r"[^=]*=\s*\{(.*?)\n\};", text, re.S)
    assert body, f"{table} not found in {file}"
    return set(re.findall(r"^\s*(\w+)\s*[:,]", body.group(1), re.M))


def test_every_view_kind_has_a_js_and_a_matplotlib_renderer():
    views = kinds(v.View)
    assert {"matrix", "images", "graph"} <= views
    assert views == set(drawers())
    assert views == js_keys("index.ts", "RENDERERS")


def test_every_plot_layer_kind_has_a_js_and_a_matplotlib_painter():
    layers = kinds(v.Layer)
    assert {"area", "arrows", "labels", "shapes"} <= layers
    assert layers == set(LAYER_PAINTERS)
    assert layers == js_keys("plot_layers.ts", "LAYER_PAINTERS")


def test_every_3d_layer_kind_is_drawn_in_both_renderers():
    py = Path(drawers()["scene3d"].__code__.co_filename).read_text()
    js = "".join(p.read_text() for p in FRONTEND.glob("scene3d*.ts"))
    for kind in kinds(v.Layer3D):  # the last kind is the branch left after the others
        assert f'"{kind}"' in js or f"// {kind}:" in js, kind
        assert kind in py or kind.title() in py, kind


def test_every_view_dataclass_is_in_a_union():
    members = kinds(v.View) | kinds(v.Layer) | kinds(v.Layer3D)
    for name in dir(v):
        cls = getattr(v, name)
        if dataclasses.is_dataclass(cls) and isinstance(getattr(cls, "kind", None), str):
            assert cls.kind in members, name


def test_the_samples_cover_every_kind():
    views = every_view()
    assert set(views) == kinds(v.View)
    assert {layer.kind for layer in views["plot"].layers} == kinds(v.Layer)


def test_every_kind_travels_and_comes_back():
    views = every_view()
    back = decode(encode({"views": views}))["views"]
    assert back["matrix"]["kind"] == "matrix"
    assert np.array_equal(back["matrix"]["codes"], views["matrix"].codes)
    assert np.allclose(back["graph"]["positions"], views["graph"].positions)
    assert back["images"]["images"].dtype == np.uint8
    kinds_back = [layer["kind"] for layer in back["plot"]["layers"]]
    assert kinds_back == [layer.kind for layer in views["plot"].layers]


@pytest.mark.parametrize("kind", sorted(kinds(v.View)))
def test_matplotlib_draws_every_kind(kind):
    fig = FrameFigure([[kind]], size=(420, 360))
    rgb = fig.draw({kind: every_view()[kind]})
    assert rgb.shape == (360, 420, 3)
    assert (rgb < 250).any(axis=2).mean() > 0.002  # something was drawn, not a blank card


@pytest.mark.parametrize("aspect", [1.0, 1.4, 2.0])
def test_an_exported_plot_keeps_the_live_aspect(aspect):
    plot = plot_with_every_layer()
    plot.aspect = aspect
    fig = FrameFigure([["p"]], size=(800, 500))
    fig.draw({"p": plot})
    ax = fig._axes["p"][1]
    box = ax.get_window_extent()
    assert box.width / box.height == pytest.approx(aspect, rel=0.02)


def test_matrix_colours_and_text_are_the_values():
    m = every_view()["matrix"]
    assert m.codes[0, 0] == round(40 / 45 * 255) and m.codes[2, 0] == 0
    assert m.texts()[1] == ["5", "33", "2"]
    lut = COLORMAPS["sequential"]
    from mlscope.render.matrix import text_color
    assert text_color(lut[255]) == "#1b232b" and text_color(lut[0]) == "#ffffff"


def test_image_floats_become_uint8_once():
    g = v.ImageGrid("t", np.array([[[0.0, 0.5], [1.0, 2.0]]]))
    assert g.images.dtype == np.uint8
    assert g.images[0].tolist() == [[0, 128], [255, 255]]
    signed = v.ImageGrid("w", np.array([[[-1.0, 0.0, 1.0]]]), vmin=-1, vmax=1)
    assert signed.images[0, 0].tolist() == [0, 128, 255]
    assert v.ImageGrid("t", np.zeros((10, 4, 4)), columns=4).grid_shape() == (3, 4)


def test_tree_layout_centres_parents_over_their_children():
    g = every_view()["graph"]
    at = {n.id: g.positions[k] for k, n in enumerate(g.nodes)}
    assert at["0"][1] < at["1"][1] < at["3"][1]
    assert at["1"][0] == pytest.approx((at["3"][0] + at["4"][0]) / 2)
    assert at["0"][0] == pytest.approx((at["1"][0] + at["2"][0]) / 2)
    leaves = sorted(at[k][0] for k in ("2", "3", "4"))
    assert np.allclose(np.diff(leaves), leaves[1] - leaves[0])


def test_layered_and_circle_layouts():
    nodes = [v.GraphNode(k, k) for k in "abcd"]
    # a -> b -> d and a -> c -> d plus a long way round: d sits below its deepest parent
    edges = [v.GraphEdge("a", "b"), v.GraphEdge("b", "c"), v.GraphEdge("a", "d"),
             v.GraphEdge("c", "d"), v.GraphEdge("d", "a")]  # d -> a closes a cycle
    g = v.Graph("g", nodes, edges, layout="layered")
    ys = dict(zip("abcd", g.positions[:, 1], strict=True))
    assert ys["a"] < ys["b"] < ys["c"] < ys["d"]
    c = v.Graph("c", nodes, [], layout="circle").positions
    assert np.allclose(np.hypot(c[:, 0] - 0.5, c[:, 1] - 0.5), 0.38)


@pytest.mark.parametrize("make, field", [
    (lambda: v.ShapesLayer("rect", np.zeros(2), np.zeros(3), np.ones(2), np.ones(2)), "y"),
    (lambda: v.ShapesLayer("star", np.zeros(1), np.zeros(1), np.ones(1), np.ones(1)), "shape"),
    (lambda: v.AreaLayer(np.arange(4.0), np.ones(4), steps=True), "x"),
    (lambda: v.ArrowsLayer(np.zeros(2), np.zeros(2), np.zeros(1), np.zeros(2)), "dx"),
    (lambda: v.LabelsLayer(np.zeros(2), np.zeros(2), ["a"]), "texts"),
    (lambda: v.Matrix("m", np.zeros((2, 2)), ["a"], ["a", "b"], 0, 1), "row_labels"),
    (lambda: v.Matrix("m", np.zeros((2, 2)), ["a", "b"], ["a", "b"], 1, 1), "vmax"),
    (lambda: v.ImageGrid("i", np.zeros((2, 3))), "images"),
    (lambda: v.ImageGrid("i", np.zeros((2, 3, 3)), captions=["a"]), "captions"),
    (lambda: v.Graph("g", [v.GraphNode("a", "a")], [v.GraphEdge("a", "b")]), "no node 'b'"),
    (lambda: v.Graph("g", [v.GraphNode("a", "a")], [], layout="spring"), "layout"),  # type: ignore[arg-type]
])
def test_a_bad_payload_names_its_field(make, field):
    with pytest.raises(ValueError, match=re.escape(field)):
        make()


def test_a_log_chart_spans_whole_decades_at_most_eight_deep():
    from mlscope.render.chart import log_range

    chart = v.Chart("c", "x", "y", np.arange(3.0), [v.Series("a", np.array([4.0, 0.03, 1e-30]))],
                    log_y=True)
    assert log_range(chart) == (1e-8, 10.0)
    chart.series[0].y = np.array([0.03, 4.0])
    assert log_range(chart) == pytest.approx((0.01, 10.0))


def test_horizontal_bars_lie_along_x_with_their_labels_at_the_left():
    import matplotlib.pyplot as plt

    from mlscope.render.bars import draw_bars

    fig, ax = plt.subplots()
    draw_bars(ax, v.Bars("Loadings", ["fresh potatoes", "fish", "fruit"],
                         np.array([0.6, 0.1, -0.4]), (-1, 1), "weight",
                         value_labels=["+0.60", "+0.10", "-0.40"], horizontal=True))
    assert [round(p.get_width(), 6) for p in ax.patches] == [0.6, 0.1, -0.4]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["fresh potatoes", "fish", "fruit"]
    assert ax.yaxis_inverted() and ax.get_xlim() == (-1, 1)  # the first bar on top
    plt.close(fig)
