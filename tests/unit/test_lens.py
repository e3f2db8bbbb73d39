"""The lens on a user's model: the seed article reproduced, activations equal to the model's
own, the transformation's path, errors that name what is expected, export and plot."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from sklearn.linear_model import LogisticRegression
from sklearn.neural_network import MLPClassifier, MLPRegressor

import mlscope.lens as lens
from mlscope.core.views import Plot, Scene3D, Surface3D
from mlscope.data.seed_article import article, ring
from mlscope.lens.adapters import as_net
from mlscope.lens.transformation import HOLD, Transformation
from mlscope.nn.mlp import MLP

# Small models fitted for a few hundred iterations: what they learnt is beside the point.
pytestmark = pytest.mark.filterwarnings("ignore::sklearn.exceptions.ConvergenceWarning")


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def _article_model(x, y, hidden):
    # The article's own call.
    return MLPClassifier(solver="lbfgs", hidden_layer_sizes=(hidden,), activation="logistic",
                         max_iter=1000, random_state=0).fit(x, y)


def _linear_accuracy(features, y):
    return LogisticRegression(C=1e4, max_iter=5000).fit(features, y).score(features, y)


@pytest.mark.parametrize("data,hidden", [(article, 2), (ring, 3)])
def test_the_hidden_layer_makes_the_classes_linearly_separable(data, hidden):
    x, y = data()
    model = _article_model(x, y, hidden)
    lt = lens.layer_transform(model, x, y, layer=0)
    assert lt.hidden_.shape == (len(x), hidden)
    assert _linear_accuracy(lt.hidden_, y) >= 0.97
    assert _linear_accuracy(x, y) < 0.80


def test_sklearn_activations_are_the_models_own():
    x, y = article()
    model = _article_model(x, y, 2)
    lt = lens.layer_transform(model, x, y)
    np.testing.assert_allclose(lt.hidden_, _sigmoid(x @ model.coefs_[0] + model.intercepts_[0]),
                               rtol=1e-12)
    # the whole network's score is predict_proba's
    np.testing.assert_allclose(lt.net_.score(x), model.predict_proba(x)[:, 1], rtol=1e-10)


def test_sklearn_deeper_relu_regressor_and_multiclass():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(150, 2))
    reg = MLPRegressor(hidden_layer_sizes=(5, 4), max_iter=500, random_state=0).fit(
        x, x[:, 0] ** 2)
    d = lens.layer_transform(reg, x, x[:, 0] ** 2, layer=1)
    h1 = np.maximum(x @ reg.coefs_[0] + reg.intercepts_[0], 0)
    np.testing.assert_allclose(d.hidden_, np.maximum(h1 @ reg.coefs_[1] + reg.intercepts_[1], 0),
                               rtol=1e-12)
    np.testing.assert_allclose(d.net_.score(x), reg.predict(x), rtol=1e-10)
    # A regressor decides nothing: its input view says "output".
    assert d.explorable.frame()["input"].title == "Input space: the network's output"
    labels = np.array(["a", "b", "c"])[(x[:, 0] > 0).astype(int) + (x[:, 1] > 0)]
    clf = MLPClassifier(hidden_layer_sizes=(4,), max_iter=800, random_state=0).fit(x, labels)
    db = lens.decision_boundary(clf, x, labels)
    np.testing.assert_allclose(db.net_.score(x), clf.predict_proba(x), rtol=1e-10)
    assert db.targets_.class_names == ["a", "b", "c"]
    assert set(db.explorable.frame()) == {"input", "hidden", "surface", "about"}


def test_mlscope_network_activations():
    x, y = article()
    net = MLP([2, 3, 1], ["tanh"], output="sigmoid", seed=1)
    lt = lens.layer_transform(net, x, y)
    np.testing.assert_allclose(lt.hidden_, net.forward_all(x)[1])


def test_torch_activations_equal_forward_hooks():
    torch = pytest.importorskip("torch")
    nn = torch.nn
    x, y = ring()
    torch.manual_seed(0)
    model = nn.Sequential(nn.Linear(2, 3), nn.Sigmoid(), nn.Linear(3, 1))
    opt = torch.optim.Adam(model.parameters(), lr=0.05)
    xt, yt = torch.tensor(x, dtype=torch.float32), torch.tensor(y, dtype=torch.float32)
    for _ in range(300):
        opt.zero_grad()
        nn.functional.binary_cross_entropy_with_logits(model(xt)[:, 0], yt).backward()
        opt.step()
    seen = {}
    hook = model[1].register_forward_hook(lambda m, i, o: seen.setdefault("hidden", o.detach()))
    model(xt)
    hook.remove()
    lt = lens.layer_transform(model, x, y)
    np.testing.assert_allclose(lt.hidden_, seen["hidden"].double().numpy(), atol=1e-6)
    assert lt.net_.task == "binary" and lt.net_.out_linear is not None
    assert model.training  # the lens put the model back as it was
    assert _linear_accuracy(lt.hidden_, y) >= 0.97


def test_torch_module_with_its_own_forward():
    torch = pytest.importorskip("torch")
    nn = torch.nn

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.hidden = nn.Linear(2, 4)
            self.act = nn.Tanh()
            self.out = nn.Linear(4, 3)

        def forward(self, x):
            return self.out(self.act(self.hidden(x)))

    class Functional(Net):
        def forward(self, x):  # a functional relu instead of its own Tanh module
            return self.out(torch.relu(self.hidden(x)))

    x = np.random.default_rng(1).normal(size=(40, 2))
    y = np.arange(40) % 3
    torch.manual_seed(0)
    model = Net()
    lt = lens.layer_transform(model, x, y)
    with torch.no_grad():
        want = torch.tanh(model.hidden(torch.tensor(x, dtype=torch.float32))).double().numpy()
    np.testing.assert_allclose(lt.hidden_, want, atol=1e-6)
    assert lt.net_.task == "multiclass"
    functional = Functional()
    lt = lens.layer_transform(functional, x, y)  # read by hooks: what reaches the next layer
    with torch.no_grad():
        want = torch.relu(functional.hidden(torch.tensor(x, dtype=torch.float32))).numpy()
    np.testing.assert_allclose(lt.hidden_, want, atol=1e-6)
    with pytest.raises(lens.LensError, match=r"forward\(\) failed on X"):
        lens.layer_transform(nn.Sequential(nn.Conv2d(1, 1, 3), nn.Linear(2, 4),
                                           nn.Linear(4, 2)), x, y)


def test_errors_name_what_is_expected():
    x, y = article()
    model = _article_model(x, y, 2)
    cases = [
        (lambda: lens.layer_transform(object(), x, y), "MLPClassifier or MLPRegressor"),
        (lambda: lens.layer_transform(MLPClassifier(), x, y), "not fitted"),
        (lambda: lens.layer_transform(model, x[:, :1], y), r"shape \(n_samples, 2\)"),
        (lambda: lens.layer_transform(model, x[0], y), r"shape \(n_samples, 2\)"),
        (lambda: lens.layer_transform(model, x, y[:10]), r"shape \(200,\)"),
        (lambda: lens.layer_transform(model, x, y, layer=1), "0 to 0"),
        (lambda: lens.layer_transform(model, np.where(x > 1, np.nan, x), y), "NaN"),
        (lambda: lens.layer_transform(model, x, y + 5), "does not know"),
        (lambda: lens.layer_transform(model, x, y, t=2), r"t must be in \[0, 1\]"),
        (lambda: lens.layer_transform(model, x, y, feature_names=["a"]), "feature_names"),
    ]
    for make, message in cases:
        with pytest.raises(lens.LensError, match=message):
            make()


def test_the_path_from_input_to_hidden():
    x, y = article()
    model = _article_model(x, y, 2)
    tr = Transformation(as_net(model, x, y), x)
    z = x @ model.coefs_[0] + model.intercepts_[0]
    np.testing.assert_allclose(tr.at(0, 0.0).points, x)
    np.testing.assert_allclose(tr.at(0, 0.5).points, z)  # two steps: z at half way
    np.testing.assert_allclose(tr.at(0, 0.25).points, (x + z) / 2)
    np.testing.assert_allclose(tr.at(0, 1.0).points, _sigmoid(z))
    assert tr.at(0, 1.0).at_end and not tr.at(0, 0.99).at_end
    # the grid travels through the same network
    grid_in = tr.to_inputs(tr.grid_plane)
    np.testing.assert_allclose(tr.at(0, 1.0).grid,
                               _sigmoid(grid_in @ model.coefs_[0] + model.intercepts_[0]))
    # sigmoid activations are drawn on (0, 1), padded a little
    lo, hi = tr.at(0, 1.0).ranges[0]
    assert lo < 0 < 1 < hi < 1.1


def test_the_axes_hold_still_while_the_points_move():
    """Each step of the path: the axes widen to hold both spaces, stay put while the points
    travel, then close in on where they arrived (so motion is seen as motion)."""
    x, y = article()
    tr = Transformation(as_net(_article_model(x, y, 2), x), x)
    start, z_space, a_space = tr.path(0)
    both = [(min(p[0], q[0]), max(p[1], q[1]))
            for p, q in zip(start.ranges, z_space.ranges, strict=True)]
    assert tr.at(0, 0.0).ranges == start.ranges and tr.at(0, 0.5).ranges == z_space.ranges
    moving = [tr.at(0, t) for t in np.linspace(HOLD / 2, (1 - HOLD) / 2, 7)]
    for m in moving:
        np.testing.assert_allclose(m.ranges, both)
    assert moving[0].points.tolist() == start.points.tolist()  # not yet moving ...
    assert moving[-1].points.tolist() == z_space.points.tolist()  # ... and arrived
    # the points move while the axes stay: two middle moments differ in points only
    assert not np.allclose(moving[2].points, moving[4].points)
    np.testing.assert_allclose(tr.at(0, 1.0).ranges, a_space.ranges)


def test_more_features_go_through_pca_and_wide_layers_through_3_axes():
    rng = np.random.default_rng(2)
    x = rng.normal(size=(120, 5))
    y = (x[:, 0] * x[:, 1] > 0).astype(int)
    model = MLPClassifier(hidden_layer_sizes=(6,), max_iter=600, random_state=0).fit(x, y)
    lt = lens.layer_transform(model, x, y)
    views = lt.explorable.frame()
    assert "PCA plane" in views["input"].title
    assert "5 features" in views["about"].text and "principal components" in views["about"].text
    assert isinstance(views["hidden"], Scene3D)
    # the base plane's points map back to inputs on the plane through the data's mean
    tr = lt.transformation_
    back = tr.to_inputs(tr.p)
    np.testing.assert_allclose(tr.plane.to(back), tr.p, atol=1e-10)


def test_the_separating_line_and_plane_are_the_output_neurons():
    x, y = ring()
    model = _article_model(x, y, 3)
    lt = lens.layer_transform(model, x, y)
    scene = lt.explorable.frame()["hidden"]
    assert isinstance(scene, Scene3D)
    plane = next(layer for layer in scene.layers if isinstance(layer, Surface3D))
    w, b = model.coefs_[1][:, 0], model.intercepts_[1][0]
    axes = {"x": scene.x_range, "y": scene.y_range, "z": scene.z_range}
    free = [a for a in "xyz" if a != plane.up]
    rows, cols = plane.z.shape
    gu, gv = np.meshgrid(np.linspace(*axes[free[0]], cols), np.linspace(*axes[free[1]], rows))
    coords = {free[0]: gu, free[1]: gv, plane.up: plane.z}
    residual = w[0] * coords["x"] + w[1] * coords["y"] + w[2] * coords["z"] + b
    np.testing.assert_allclose(residual, 0, atol=1e-9)
    # and in 2-D, the line is the output neuron's z = 0
    x2, y2 = article()
    view = lens.layer_transform(_article_model(x2, y2, 2), x2, y2).explorable.frame()["hidden"]
    assert isinstance(view, Plot)
    line = next(layer for layer in view.layers
                if getattr(layer, "name", "") == "output neuron's line")
    m2 = _article_model(x2, y2, 2)
    pts = np.column_stack([line.x, line.y])
    pts = pts[~np.isnan(pts).any(axis=1)]
    np.testing.assert_allclose(pts @ m2.coefs_[1][:, 0] + m2.intercepts_[1][0], 0, atol=1e-6)


def test_playing_animates_t_and_leaves_the_model_alone():
    x, y = article()
    model = _article_model(x, y, 2)
    before = [w.copy() for w in model.coefs_]
    lt = lens.layer_transform(model, x, y, t=0.0)
    ex = lt.explorable
    for _ in range(10):
        ex.step()
    assert ex.p.t == pytest.approx(0.2)
    clone = copy.deepcopy(ex)
    clone.step()
    assert ex.p.t == pytest.approx(0.2)
    ex.act("reset")
    assert ex.p.t == 0.0
    for got, want in zip(model.coefs_, before, strict=True):
        np.testing.assert_array_equal(got, want)


def test_save_records_t_and_plot_draws(tmp_path):
    from PIL import Image

    x, y = article()
    lt = lens.layer_transform(_article_model(x, y, 2), x, y)
    path = lt.save(tmp_path / "t.gif", frames=6, size=(320, 200), progress=False)
    with Image.open(path) as im:
        assert im.n_frames == 6
    assert lt.explorable.p.t == 1.0  # recorded from a copy
    assert lt.plot() is lt
    assert len(lt.axes_) == 2 and lt.figure_ is not None
    s = lens.surface(_article_model(x, y, 2), x, y).plot()
    assert s.axes_[0].name == "3d"
    import matplotlib.pyplot as plt

    _, ax = plt.subplots()
    with pytest.raises(lens.LensError, match="3-D axes"):
        lens.surface(_article_model(x, y, 2), x, y).plot(ax=ax)
    plt.close("all")


def test_a_lens_shows_itself_in_a_notebook():
    x, y = article()
    lt = lens.layer_transform(_article_model(x, y, 2), x, y)
    w = lt.widget()
    assert w.spec["slug"] == lt.explorable_class.slug
    assert w.explorable is lt.explorable
    w.set(t=0.5)
    assert lt.explorable.p.t == 0.5
    bundle = lt._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in (bundle[0] if isinstance(bundle, tuple)
                                                          else bundle)


@pytest.mark.parametrize("data,hidden,layers", [(article, 2, 1), (ring, 3, 1), (ring, 3, 2)])
def test_the_tween_the_browser_blends_is_the_views_own_numbers(data, hidden, layers):
    """Scrubbing t in the browser blends the tween's keyframes; at every t that must give the
    numbers the server would have sent, and the separator only at t = 1."""
    x, y = data()
    model = MLPClassifier(solver="lbfgs", hidden_layer_sizes=(hidden,) * layers,
                          activation="logistic", max_iter=300, random_state=0).fit(x, y)
    lt = lens.layer_transform(model, x, y, layer=layers - 1)
    for t in [0.0, 0.13, 0.25, 0.5, 0.77, 1.0]:
        lt.set(t=t)
        view = lt.explorable.frame()["hidden"]
        assert view.tween.param == "t" and view.tween.stops[0] == 0 and view.tween.stops[-1] == 1
        blended = view.tween.at(t)
        axes = "xyz" if isinstance(view, Scene3D) else "xy"
        for axis in axes:
            np.testing.assert_allclose(blended[f"{axis}_range"], getattr(view, f"{axis}_range"),
                                       atol=1e-9)
            assert blended[f"{axis}_label"] == getattr(view, f"{axis}_label")
        for path, value in blended.items():
            if path.startswith("layers."):
                _, index, field = path.split(".")
                np.testing.assert_allclose(value, getattr(view.layers[int(index)], field),
                                           atol=1e-9, err_msg=f"{path} at t = {t}")
        named = {getattr(layer, "name", ""): k for k, layer in enumerate(view.layers)}
        moved = {int(p.split(".")[1]) for p in blended if p.startswith("layers.")}
        assert moved == {named["grid"], named["data"]}
        # layers other than the grid and the data are drawn only at the end of the path
        others = set(range(len(view.layers))) - moved
        assert {int(p.split(".")[1]) for p in view.tween.shown} == others
        assert bool(others) == (t == 1.0)


def test_a_tween_that_cannot_be_blended_is_refused():
    from mlscope.core.views import Tween

    a = {"x_range": (0.0, 1.0)}
    with pytest.raises(ValueError, match="2 or more increasing"):
        Tween("t", [0.5, 0.0], [a, a])
    with pytest.raises(ValueError, match="one frame per stop"):
        Tween("t", [0.0, 1.0], [a])
    with pytest.raises(ValueError, match="same paths"):
        Tween("t", [0.0, 1.0], [a, {"y_range": (0.0, 1.0)}])


def test_a_still_model_records_one_frame_or_a_useful_sweep(tmp_path):
    from PIL import Image

    from mlscope.render.record import record

    x, y = article()
    model = _article_model(x, y, 2)
    boundary = lens.decision_boundary(model, x, y)
    with Image.open(boundary.save(tmp_path / "b.gif")) as im:
        assert im.n_frames == 1  # not a hundred identical frames
    surface = lens.surface(model, x, y)
    assert surface.default_sweep == ("angle", 0.0, 359.0)  # it turns
    labels = [f.label for f in record(boundary.explorable, 1)]
    assert labels == [""]  # a model trained elsewhere: no "step 0"


def test_torch_models_as_practitioners_write_them():
    """BatchNorm and LayerNorm (read in eval mode, the model's mode kept), a residual block,
    a tuple output, a layer named by its module, a Pipeline; and what cannot be followed."""
    torch = pytest.importorskip("torch")
    nn = torch.nn

    class Residual(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.Sequential(nn.Linear(2, 6), nn.BatchNorm1d(6), nn.ReLU())
            self.block = nn.Linear(6, 6)
            self.norm = nn.LayerNorm(6)
            self.head = nn.Linear(6, 2)

        def forward(self, x):
            h = self.encoder(x)
            h = self.norm(h + torch.tanh(self.block(h)))
            return self.head(h), h

    x = np.random.default_rng(2).normal(size=(60, 2))
    y = (x[:, 0] > 0).astype(int)
    torch.manual_seed(0)
    model = Residual()
    model.train()
    model(torch.randn(32, 2, dtype=torch.float32))  # BatchNorm has running statistics
    stats = model.encoder[1].running_mean.clone()
    lt = lens.layer_transform(model, x, y, layer="block")
    assert model.training and torch.equal(model.encoder[1].running_mean, stats)
    assert lt.layer == 1 and "eval mode" in lt.net_.description
    model.eval()
    with torch.no_grad():
        t = torch.tensor(x, dtype=torch.float32)
        h0 = model.encoder(t)
        want = model.norm(h0 + torch.tanh(model.block(h0))).numpy()
    np.testing.assert_allclose(lt.hidden_, want, atol=1e-5)
    assert lens.layer_transform(model, x, y, layer="encoder.2").layer == 0
    with pytest.raises(lens.LensError, match="did you mean 'block'"):
        lens.layer_transform(model, x, y, layer="blok")

    class Shared(nn.Module):
        def __init__(self):
            super().__init__()
            self.a, self.b = nn.Linear(2, 2), nn.Linear(2, 1)

        def forward(self, x):
            return self.b(self.a(torch.relu(self.a(x))))

    with pytest.raises(lens.LensError, match="more than once"):
        lens.layer_transform(Shared(), x, y)

    class Mismatch(nn.Module):
        def __init__(self):
            super().__init__()
            self.a, self.b, self.c = nn.Linear(2, 4), nn.Linear(2, 3), nn.Linear(3, 1)

        def forward(self, x):
            return self.c(self.b(x)) + self.a(x).sum(1, keepdim=True)

    with pytest.raises(lens.LensError, match="widths match"):
        lens.layer_transform(Mismatch(), x, y)


def test_a_pipeline_is_read_through_its_last_step():
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    x, y = article()
    pipe = make_pipeline(StandardScaler(), MLPClassifier(hidden_layer_sizes=(3,),
                                                         solver="lbfgs", random_state=0))
    pipe.fit(x * 50 + 7, y)
    lt = lens.layer_transform(pipe, x * 50 + 7, y)
    scaled = pipe[0].transform(x * 50 + 7)
    mlp = pipe[-1]
    want = np.maximum(scaled @ mlp.coefs_[0] + mlp.intercepts_[0], 0)  # relu
    np.testing.assert_allclose(lt.hidden_, want, atol=1e-9)
    assert "Pipeline's last step 'mlpclassifier'" in lt.explorable.note
    assert "StandardScaler" in lt.explorable.note
    with pytest.raises(lens.LensError, match="could not transform X"):
        lens.layer_transform(make_pipeline(StandardScaler(), MLPClassifier()), x, y)


def test_misspelt_values_are_clear():
    xs, ys = article()
    with pytest.raises(lens.LensError, match="did you mean 'multiclass'"):
        lens.layer_transform(_article_model(xs, ys, 2), xs, ys, task="multiclas")


def test_any_scikit_learn_estimator_through_decision_boundary_and_surface():
    """Classifiers and regressors without hidden layers, read from outside as scikit-learn's
    DecisionBoundaryDisplay reads them: predict_proba, else decision_function, else
    predict; the picture is the estimator's own answer on the grid."""
    from sklearn.ensemble import GradientBoostingRegressor, RandomForestClassifier
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.svm import SVC
    from sklearn.tree import DecisionTreeClassifier

    from mlscope.lens.views import score_codes

    x, y = article()
    forest = RandomForestClassifier(n_estimators=10, random_state=0).fit(x, y)
    db = lens.decision_boundary(forest, x, y)
    assert "read through its predict_proba" in db.net_.description
    frame = db.explorable.frame()
    assert set(frame) == {"input", "surface", "about"} and not db.explorable_class.playable
    heat = frame["input"].layers[0]
    n = heat.values.shape[0]
    tr = db.transformation_
    gx, gy = np.meshgrid(np.linspace(*tr.x_range, n), np.linspace(*tr.y_range, n))
    p = forest.predict_proba(np.column_stack([gx.ravel(), gy.ravel()]))[:, 1]
    np.testing.assert_array_equal(heat.values, score_codes("binary", p, None).reshape(n, n))
    assert "classifies" in frame["about"].text
    svc = lens.decision_boundary(SVC().fit(x, y), x, y)
    assert "decision_function" in svc.net_.description
    tree = DecisionTreeClassifier(max_depth=3).fit(x, y)
    tree.predict_proba = None  # an estimator that only predicts: hard regions
    assert "its predict (hard regions" in lens.decision_boundary(tree, x, y).net_.description
    pipe = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(x, y)
    assert "'kneighborsclassifier'" in lens.decision_boundary(pipe, x, y).explorable.note
    reg = GradientBoostingRegressor(n_estimators=20).fit(x, x[:, 0] ** 2)
    s = lens.surface(reg, x, x[:, 0] ** 2)
    assert s.net_.task == "regression" and s.explorable.frame()["surface"].kind == "scene3d"
    with pytest.raises(lens.LensError, match="layer_transform shows a network's hidden"):
        lens.layer_transform(forest, x, y)
    with pytest.raises(lens.LensError, match="not fitted"):
        lens.decision_boundary(RandomForestClassifier(), x, y)
    with pytest.raises(lens.LensError, match="no hidden activations"):
        db.hidden_  # noqa: B018


def test_layer_follows_set_and_the_objects_say_what_they_are():
    x, y = ring()
    model = MLPClassifier(solver="lbfgs", hidden_layer_sizes=(3, 3), activation="tanh",
                          max_iter=300, random_state=0).fit(x, y)
    lt = lens.layer_transform(model, x, y, layer=0)
    first = lt.hidden_.copy()
    lt.set(layer=2)  # the control and the titles count from 1
    assert lt.layer == 1
    np.testing.assert_allclose(lt.hidden_, lt.transformation_.hidden_activations(1))
    assert not np.allclose(lt.hidden_, first)
    assert repr(lt).startswith("<mlscope.lens.LayerTransform of scikit-learn MLPClassifier")
    assert "hidden layer 1 (0-based)" in repr(lt)
    db = lens.decision_boundary(model, x, y, resolution=40)
    assert db.explorable.frame()["input"].layers[0].values.shape == (40, 40)
    with pytest.raises(lens.LensError, match="resolution: grid points per side"):
        lens.decision_boundary(model, x, y, resolution=5000)
    # markers shrink as points multiply
    sizes = [lens.decision_boundary(model, np.tile(x, (k, 1)), np.tile(y, k)).explorable
             .frame()["input"].layers[-1].size for k in (1, 10)]
    assert sizes[0] > sizes[1] >= 2.0


def test_one_feature_is_drawn_as_curves(tmp_path):
    """A model of one input feature: its curve over x and each hidden unit's activation,
    the model's own numbers."""
    from sklearn.neural_network import MLPRegressor
    from sklearn.tree import DecisionTreeClassifier

    x = np.linspace(-3, 3, 80)[:, None]
    target = np.sin(x[:, 0])
    reg = MLPRegressor(hidden_layer_sizes=(5, 4), activation="tanh", solver="lbfgs",
                       max_iter=500, random_state=0).fit(x, target)
    lt = lens.layer_transform(reg, x, target, layer=1)
    frame = lt.explorable.frame()
    assert set(frame) == {"curve", "units", "about"}
    curve = frame["curve"].layers[1]
    np.testing.assert_allclose(curve.y, reg.predict(curve.x[:, None]), atol=1e-9)
    units = frame["units"]
    assert [layer.name for layer in units.layers] == [f"unit {k}" for k in range(1, 5)]
    h1 = np.tanh(units.layers[0].x[:, None] @ reg.coefs_[0] + reg.intercepts_[0])
    h2 = np.tanh(h1 @ reg.coefs_[1] + reg.intercepts_[1])
    np.testing.assert_allclose(units.layers[2].y, h2[:, 2], atol=1e-9)
    np.testing.assert_allclose(lt.hidden_, np.tanh(np.tanh(x @ reg.coefs_[0] + reg.intercepts_[0])
                                                   @ reg.coefs_[1] + reg.intercepts_[1]),
                               atol=1e-9)
    lt.set(layer=1)
    assert lt.explorable.frame()["units"].title.startswith("Hidden layer 1")
    assert lt.save(tmp_path / "one.gif", size=(320, 200)).stat().st_size > 0
    lt.plot()
    # a classifier from outside, on one feature: its probability over x
    labels = (x[:, 0] > 0.5).astype(int)
    tree = DecisionTreeClassifier(max_depth=2).fit(x, labels)
    db = lens.decision_boundary(tree, x, labels)
    view = db.explorable.frame()["curve"]
    assert set(db.explorable.frame()) == {"curve", "about"}
    prob = view.layers[1]
    np.testing.assert_allclose(prob.y, tree.predict_proba(prob.x[:, None])[:, 1])
