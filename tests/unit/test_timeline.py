"""A run's timeline: TensorBoard's smoothing, per-pixel downsampling, and the views at a
step checked against the model as it was at that step."""

from __future__ import annotations

import numpy as np
import pytest

import mlscope
from mlscope.lens.views import score_codes
from mlscope.timeline.explorable import timeline_class
from mlscope.timeline.series import downsample, smooth
from mlscope.timeline.store import open_store
from mlscope.timeline.views import percentiles

torch = pytest.importorskip("torch")


def tensorboard_smoothing(values, weight):
    """TensorBoard's scalars dashboard, as its JavaScript does it (one value at a time)."""
    out, last, n = [], 0.0, 0
    for v in values:
        if not np.isfinite(v):
            out.append(v)
            continue
        last = last * weight + (1 - weight) * v
        n += 1
        out.append(last / (1 - weight ** n))
    return np.array(out)


@pytest.mark.parametrize("weight", [0.0, 0.3, 0.6, 0.9, 0.99, 0.999])
def test_smoothing_is_tensorboards(weight):
    rng = np.random.default_rng(0)
    values = rng.normal(size=5000).cumsum()
    values[[3, 400, 401]] = [np.nan, np.inf, -np.inf]
    expect = tensorboard_smoothing(values, weight) if weight else values
    assert np.allclose(smooth(values, weight), expect, rtol=1e-9, atol=1e-9, equal_nan=True)


def test_downsampling_keeps_what_each_pixel_draws():
    rng = np.random.default_rng(1)
    x = np.sort(rng.uniform(0, 1000, 200_000))
    y = rng.normal(size=x.size).cumsum()
    y[5000] = np.nan
    xs, ys = downsample(x, y, 300)
    assert xs.size <= 4 * 300 + 1 and np.all(np.diff(xs) >= 0)
    assert np.isnan(ys).sum() == 1  # the gap stays
    bucket = np.minimum(((x - x[0]) / (x[-1] - x[0]) * 300).astype(int), 299)
    kept = np.minimum(((xs - x[0]) / (x[-1] - x[0]) * 300).astype(int), 299)
    for b in range(0, 300, 7):
        inside, got = y[bucket == b], ys[kept == b]
        finite = inside[np.isfinite(inside)]
        # first, last, lowest and highest of every pixel column are kept
        assert np.nanmin(got) == finite.min() and np.nanmax(got) == finite.max()
        assert got[0] == inside[0] and got[-1] == inside[-1]
    small_x, _ = downsample(x[:100], y[:100], 300)
    assert small_x.size == 100  # nothing to thin


def test_percentiles_of_a_histogram_are_the_datas_within_a_bin():
    from mlscope.timeline.histograms import histogram

    values = np.random.default_rng(2).normal(size=20_000)
    h = histogram("t", 0, 0.0, values)
    got = percentiles(h, (0, 15.87, 50, 84.13, 100))
    want = np.percentile(values, [0, 15.87, 50, 84.13, 100])
    assert np.allclose(got, want, atol=np.diff(h.edges).max())
    assert got[0] == values.min() and got[-1] == values.max()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    from tests.recorded_runs import record_blobs

    where = tmp_path_factory.mktemp("runs")
    truth = record_blobs(where, "adam", steps=200, every=20)
    record_blobs(where, "slow", steps=150, lr=0.005, every=50)
    return where, truth


def test_every_view_shows_the_step_on_the_slider(recorded):
    where, truth = recorded
    cls = timeline_class(open_store(where), ["adam"])
    assert (cls.first, cls.last) == (0, 199)
    ex = cls(at=130, smoothing=0.0)
    frame = ex.frame()
    assert set(frame) == {"curve", "histograms", "flow", "network", "boundary", "hidden",
                          "about"}
    loss = truth["losses"][130]
    assert frame["curve"].title.startswith(f"loss at step 130: {loss:.4g}")
    cursor = frame["curve"].layers[-1]
    assert cursor.name == "the step shown" and cursor.x.tolist() == [130.0, 130.0]
    # the histograms and the model's pictures show the last snapshot at or before 130: 120
    assert frame["histograms"].title.startswith("param/0.weight at step 120")
    assert frame["boundary"].title == "Decision surface at step 120"
    # the diagram: every weight and bias at step 120 (torch keeps W as (out, in))
    net = frame["network"]
    assert net.title == "Weights at step 120" and net.columns == ["Inputs", "5 units", "Outputs"]
    np.testing.assert_allclose(net.dense[0].weights, truth["params"][120]["0.weight"].numpy().T)
    np.testing.assert_allclose(net.dense[1].weights, truth["params"][120]["2.weight"].numpy().T)
    biases = [n.bias for n in net.nodes if n.layer == 1]
    np.testing.assert_allclose(biases, truth["params"][120]["0.bias"].numpy(), rtol=1e-6)
    # the surface is the model with step 120's weights, over the probe's plane
    model = truth["model"]
    model.load_state_dict(truth["params"][120])
    extent = ex.runs[0].info.info["boundary"]["extent"]
    gx, gy = np.meshgrid(np.linspace(extent[0], extent[1], 48),
                         np.linspace(extent[2], extent[3], 48))
    with torch.no_grad():
        p = torch.softmax(model(torch.tensor(np.column_stack([gx.ravel(), gy.ravel()]),
                                             dtype=torch.float32)), 1)[:, 1].numpy()
    heat = frame["boundary"].layers[0]
    assert np.abs(heat.values - score_codes("binary", p.astype(float), None).reshape(48, 48)
                  ).max() <= 1
    # the hidden layer: tanh(x W1 + b1) at step 120, on the axes of the last snapshot
    assert ex.p.layer == "act/1"
    with torch.no_grad():
        hidden = torch.tanh(model[0](truth["x"])).numpy().astype(np.float64)
    mean, axes, _, _ = ex._basis["act/1"]
    points = frame["hidden"].layers[0]
    assert np.allclose(points.x, (hidden - mean) @ axes[:, 0], atol=1e-5)
    assert points.labels.tolist() == truth["y"].tolist()
    assert frame["hidden"].title.startswith("layer 1 (Tanh, 5 units) at step 120")


def test_the_numbers_in_the_titles_are_the_runs(recorded):
    """The curve's value and smoothed value, a histogram's mean and sd, gradient flow's
    ratio: computed again from what was trained."""
    where, truth = recorded
    ex = timeline_class(open_store(where), ["adam"])(at=120, smoothing=0.6)
    frame = ex.frame()
    smoothed = tensorboard_smoothing(np.array(truth["losses"]), 0.6)[120]
    assert frame["curve"].title == (f"loss at step 120: {truth['losses'][120]:.4g} "
                                    f"(smoothed {smoothed:.4g})")
    w = truth["params"][120]["0.weight"].numpy().astype(np.float64)
    assert frame["histograms"].title == (f"param/0.weight at step 120: mean {w.mean():.4g}, "
                                         f"sd {w.std():.4g}")
    norms = {tag: ex.runs[0].scalars(f"grad_norm/{tag}") for tag in ("0.weight", "2.weight")}
    first = norms["0.weight"][2][norms["0.weight"][0].tolist().index(120)]
    last = norms["2.weight"][2][norms["2.weight"][0].tolist().index(120)]
    assert frame["flow"].title == f"Gradient norm per layer: first layer's {first / last:.4g}× the last's"


def test_play_runs_through_the_run_and_stops_at_its_end(recorded):
    where, _ = recorded
    ex = timeline_class(open_store(where), ["adam"])(at=0)
    moves = 0
    while not ex.finished:
        ex.step()
        moves += 1
    assert ex.p.at == 199 and moves == 99  # an export's 100 frames: the first step to the last


def test_bands_and_compared_runs(recorded):
    where, truth = recorded
    ex = timeline_class(open_store(where), ["adam", "slow"])(at=100, histogram="bands",
                                                             smoothing=0.0)
    frame = ex.frame()
    named = [layer.name for layer in frame["curve"].layers if layer.name]
    assert named[:2] == ["adam", "slow"]
    bands = frame["histograms"]
    assert [layer.name for layer in bands.layers[:5]] == ["min to max", "middle 87 %",
                                                          "middle 68 %", "middle 38 %", "median"]
    w = truth["params"][100]["0.weight"].numpy()
    assert np.isclose(bands.layers[0].y_high[5], w.max()) and np.isclose(
        bands.layers[0].y_low[5], w.min())
    table = frame["about"]
    assert [row[0] for row in table.rows] == ["adam", "slow"]


def test_a_run_exports_like_an_explorable(recorded, tmp_path):
    where, _ = recorded
    out = mlscope.export(mlscope.runs(where)["adam"], tmp_path / "adam.gif", frames=4,
                         size=(320, 200), progress=False)
    assert out.stat().st_size > 1000


def test_an_empty_run_still_has_a_page(tmp_path):
    mlscope.watch(torch.nn.Linear(3, 1), store=tmp_path, run="empty").close()
    cls = timeline_class(open_store(tmp_path), ["empty"])
    frame = cls().frame()
    assert set(frame) == {"curve", "about"}  # only what the run recorded has a card
    assert frame["curve"].title == "loss: nothing logged"
    assert [s.name for s in cls.story_steps] == ["curve"]


def test_a_boosting_run_shows_its_stages(tmp_path):
    from sklearn.datasets import make_moons
    from sklearn.ensemble import GradientBoostingClassifier

    from mlscope.timeline.sklearn_watch import record_fit

    x, y = make_moons(100, noise=0.3, random_state=0)
    est = GradientBoostingClassifier(n_estimators=12, max_depth=2, random_state=0)
    record_fit(est, x, y, probe=(x[:50], y[:50]), store=tmp_path, run="gb")
    cls = timeline_class(open_store(tmp_path), ["gb"])
    assert cls.layout == (("curve", "histograms"), ("boundary", "about"))
    assert "layer" not in {p.name for p in cls.params}  # nothing hidden was recorded
    ex = cls(at=5, scalar="probe_score")
    frame = ex.frame()
    assert frame["boundary"].title == "Decision surface at step 5"
    staged = list(est.staged_predict_proba(x[:50]))[5][:, 1]
    codes = frame["boundary"].tween.at(5)["layers.0.codes"]
    assert codes.shape == (48, 48)
    assert frame["about"].title == "Runs: probe_score, last and highest"
    best = max(float(np.mean(p == y[:50])) for p in est.staged_predict(x[:50]))
    assert frame["about"].rows[0][4].startswith(f"{best:.4g}")
    assert np.allclose(ex.runs[0].snapshot_at("output", 5)[1][:, 1], staged, atol=1e-6)


def test_what_the_browser_shows_while_scrubbing_is_the_servers_picture(recorded):
    """Every view carries its snapshots as a tween the browser follows the step slider
    with; at every step its numbers are the view's own (the last snapshot at or before)."""
    where, _ = recorded
    cls = timeline_class(open_store(where), ["adam"])
    for histogram in ("offset", "bands"):
        ex = cls(histogram=histogram)
        for at in (0, 7, 19, 20, 21, 99, 140, 199):
            ex.set(at=at)
            for name, view in ex.frame().items():
                if name in ("about", "network"):  # a table; a diagram the server redraws
                    continue
                tween = view.tween
                assert tween is not None and tween.param == "at", name
                for path, value in tween.at(at).items():
                    _, index, field = path.split(".")
                    layer = view.layers[int(index)]
                    own = layer.codes() if field == "codes" else getattr(layer, field)
                    np.testing.assert_allclose(value, own, err_msg=f"{name} {path} at {at}")
    from mlscope.core.views import Tween

    held = Tween("at", [0.0, 20.0, 40.0], [{"a": np.zeros(1)}, {"a": np.ones(1)},
                                           {"a": np.full(1, 2.0)}], hold=True)
    assert [held.at(v)["a"][0] for v in (-5, 0, 19, 20, 39.5, 40, 99)] == [0, 0, 0, 1, 1, 2, 2]
