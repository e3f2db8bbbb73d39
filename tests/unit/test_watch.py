"""mlscope.watch on PyTorch modules and scikit-learn estimators: what a run holds is what
the model had at each step (weights, gradients, norms, activations, outputs, the learning
rate), the model is left as it was, and bad arguments are refused by name."""

from __future__ import annotations

import numpy as np
import pytest

import mlscope
from mlscope.timeline.sklearn_watch import record_fit

torch = pytest.importorskip("torch")
nn = torch.nn


def xor_data(n=300, seed=0):
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(n, 2, generator=g)
    return x, (x[:, 0] * x[:, 1] > 0).long()


def test_a_torch_run_holds_the_model_at_every_snapshot(tmp_path):
    torch.manual_seed(0)
    x, y = xor_data()
    model = nn.Sequential(nn.Linear(2, 6), nn.Tanh(), nn.Linear(6, 2))
    opt = torch.optim.SGD(model.parameters(), lr=0.5)
    sched = torch.optim.lr_scheduler.StepLR(opt, step_size=15, gamma=0.5)
    seen = {}
    with mlscope.watch(model, probe=(x[:100], y[:100]), run="sgd", store=tmp_path,
                       optimizer=opt, every=10, hparams={"lr": 0.5}) as w:
        for step in range(40):
            opt.zero_grad()
            loss = nn.functional.cross_entropy(model(x), y)
            loss.backward()
            opt.step()
            w.log(step, loss=loss, acc=float((model(x).argmax(1) == y).float().mean()))
            if step % 10 == 0:
                seen[step] = ({n: p.detach().clone() for n, p in model.named_parameters()},
                              {n: p.grad.clone() for n, p in model.named_parameters()},
                              opt.param_groups[0]["lr"])
            sched.step()
    run = mlscope.runs(tmp_path)["sgd"]
    assert run.hparams == {"lr": 0.5} and run.info["source"] == "torch"
    assert [layer["name"] for layer in run.info["layers"]] == ["0", "1", "2"]
    steps, _, lr = run.scalars("lr")
    assert steps.tolist() == list(range(40))
    assert lr.tolist() == [0.5 * 0.5 ** (s // 15) for s in range(40)]
    assert run.scalars("loss")[2].size == 40
    assert run.snapshot_steps("param/0.weight").tolist() == [0, 10, 20, 30]
    for step, (params, grads, _) in seen.items():
        for name in params:
            assert np.array_equal(run.snapshot(f"param/{name}", step), params[name].numpy())
            assert np.array_equal(run.snapshot(f"grad/{name}", step), grads[name].numpy())
        norm_steps, _, norms = run.scalars("grad_norm/0.weight")
        assert np.isclose(norms[norm_steps.tolist().index(step)],
                          float(grads["0.weight"].norm()), rtol=1e-6)
    # activations on the probe, taken after step 30's update: the model's own layers
    last = {n: p for n, p in seen[30][0].items()}
    hidden = torch.tanh(x[:100] @ last["0.weight"].T + last["0.bias"])
    assert np.allclose(run.snapshot("act/1", 30), hidden.numpy(), atol=1e-6)
    out = hidden @ last["2.weight"].T + last["2.bias"]
    assert np.allclose(run.snapshot("output", 30), out.numpy(), atol=1e-5)
    hists = run.histograms("act/1")
    assert [h.step for h in hists] == [0, 10, 20, 30] and hists[0].count == 600
    assert np.array_equal(run.snapshot("probe/x", 0), x[:100].numpy())
    # a two-feature probe: the output over a 48 x 48 grid on its plane
    surface = run.snapshot("boundary", 30)
    assert surface.shape == (48 * 48, 2)
    x0, _, y0, _ = run.info["boundary"]["extent"]
    corner = torch.tensor([[x0, y0]])
    with torch.no_grad():
        expect = (torch.tanh(corner @ last["0.weight"].T + last["0.bias"])
                  @ last["2.weight"].T + last["2.bias"])
    assert np.allclose(surface[0], expect.numpy()[0], atol=1e-5)


def test_the_probe_pass_is_in_eval_mode_and_leaves_the_model_as_it_was(tmp_path):
    torch.manual_seed(1)
    x, _ = xor_data(64)
    model = nn.Sequential(nn.Linear(2, 8), nn.BatchNorm1d(8), nn.ReLU(), nn.Dropout(0.5),
                          nn.Linear(8, 1))
    model.train()
    stats = model[1].running_mean.clone()
    with mlscope.watch(model, probe=x, store=tmp_path, run="bn", every=1) as w:
        w.snapshot(0)
    assert model.training and all(m.training for m in model.modules())
    assert torch.equal(model[1].running_mean, stats)  # the probe did not move BatchNorm's stats
    run = mlscope.runs(tmp_path)["bn"]
    model.eval()
    with torch.no_grad():
        expect = model(x).numpy()
    assert np.allclose(run.snapshot("output", 0), expect, atol=1e-6)  # Dropout off: eval
    assert "grad/0.weight" not in run.tags()["snapshots"]  # no backward yet: no gradients


def test_a_custom_module_with_functional_calls_and_a_tuple_output(tmp_path):
    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = nn.Sequential(nn.Linear(3, 5), nn.LayerNorm(5))
            self.head = nn.Linear(5, 1)

        def forward(self, x):
            h = torch.relu(self.encoder(x))
            return self.head(h), h

    model = Net()
    x = torch.randn(20, 3)
    with mlscope.watch(model, probe=x, store=tmp_path, run="custom") as w:
        w.log(0, loss=1.0)
    run = mlscope.runs(tmp_path)["custom"]
    tags = run.tags()["snapshots"]
    assert {"act/encoder.0", "act/encoder.1", "act/head", "output"} <= set(tags)
    assert run.snapshot("output", 0).shape == (20, 1)
    assert run.info["boundary"] is None  # three features: no plane to draw


def test_between_snapshots_a_log_writes_only_its_scalars(tmp_path):
    model = nn.Linear(2, 1)
    w = mlscope.watch(model, store=tmp_path, run="cheap", every=100)
    for step in range(250):
        w.log(step, loss=1.0 / (step + 1))
    w.close()
    run = mlscope.runs(tmp_path)["cheap"]
    assert run.snapshot_steps("param/weight").tolist() == [0, 100, 200]
    assert run.scalars("loss")[0].size == 250


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"every": 0}, "every: steps between snapshots"),
    ({"run": "line\nbreak"}, "run: a name of 1 to 120 printable"),
    ({"run": "x" * 121}, "run: a name of 1 to 120 printable"),
    ({"probe": np.zeros((6000, 2))}, "probe: at most 5,000 rows"),
    ({"probe": np.array([[np.nan, 1.0]])}, "probe: every value finite"),
    ({"probe": (np.zeros((5, 2)), np.zeros(4))}, "probe: \\(X, y\\) with one label"),
    ({"optimizer": "adam"}, "optimizer: a torch.optim.Optimizer"),
    ({"hparams": [1]}, "hparams: a dict"),
    ({"store": 3}, "store: a folder"),
])
def test_bad_arguments_are_refused_by_name(tmp_path, kwargs, message):
    kwargs = {"store": tmp_path, **kwargs}
    with pytest.raises((ValueError, TypeError), match=message):
        mlscope.watch(nn.Linear(2, 1), **kwargs)


def test_bad_logs_are_refused_by_name_and_the_run_goes_on(tmp_path):
    with mlscope.watch(nn.Linear(2, 1), store=tmp_path, run="r") as w:
        with pytest.raises(ValueError, match="loss: one number per step; got a tensor"):
            w.log(0, loss=torch.ones(3))
        with pytest.raises(TypeError, match="acc: a number; got str"):
            w.log(0, acc="high")
        with pytest.raises(ValueError, match="step: a whole number"):
            w.log(-1, loss=1.0)
        w.log(0, loss=float("nan"))
    assert np.isnan(mlscope.runs(tmp_path)["r"].scalars("loss")[2][0])
    with pytest.raises(TypeError, match=r"model: a PyTorch nn.Module .* or a scikit-learn"):
        mlscope.watch(object(), store=tmp_path)
    with pytest.raises(Exception, match="run is closed"):
        w.log(1, loss=1.0)


def test_runs_by_name(tmp_path):
    mlscope.watch(nn.Linear(2, 1), store=tmp_path, run="one").close()
    runs = mlscope.runs(tmp_path)
    assert list(runs) == ["one"] and len(runs) == 1 and "one" in runs
    with pytest.raises(KeyError, match=r"no run called 'two'.*runs there: one"):
        runs["two"]
    with pytest.raises(KeyError, match="has no scalar called 'loss'"):
        runs["one"].scalars("loss")
    assert repr(runs["one"]).startswith("<mlscope run 'one' (torch, Linear): 0 steps")
    del runs["one"]
    assert len(runs) == 0
    with pytest.raises(Exception, match="no run store at"):
        mlscope.runs(tmp_path / "elsewhere")


def test_scikit_learn_partial_fit_recorded_step_by_step(tmp_path):
    from sklearn.datasets import make_moons
    from sklearn.linear_model import SGDClassifier

    x, y = make_moons(200, noise=0.2, random_state=0)
    est = SGDClassifier(loss="log_loss", random_state=0)
    w = record_fit(est, x, y, steps=12, probe=(x[:50], y[:50]), store=tmp_path, run="sgd")
    run = mlscope.runs(tmp_path)[w.name]
    steps, _, score = run.scalars("train_score")
    assert steps.tolist() == list(range(12)) and score[-1] == est.score(x, y)
    assert run.scalars("probe_score")[2][-1] == est.score(x[:50], y[:50])
    assert np.array_equal(run.snapshot("param/coef", 11), est.coef_)
    assert np.allclose(run.snapshot("output", 11), est.predict_proba(x[:50]), atol=1e-6)
    assert run.snapshot("boundary", 11).shape == (48 * 48, 2)


def test_scikit_learn_mlp_logs_its_own_loss(tmp_path):
    from sklearn.datasets import make_moons
    from sklearn.neural_network import MLPClassifier

    x, y = make_moons(150, noise=0.2, random_state=1)
    est = MLPClassifier(hidden_layer_sizes=(5,), random_state=0)
    record_fit(est, x, y, steps=8, store=tmp_path, run="mlp")
    run = mlscope.runs(tmp_path)["mlp"]
    assert np.allclose(run.scalars("loss")[2], est.loss_curve_)
    assert np.array_equal(run.snapshot("param/layer0.weight", 7), est.coefs_[0])
    assert np.array_equal(run.snapshot("param/layer1.bias", 7), est.intercepts_[1])


def test_boosting_stages_are_the_steps(tmp_path):
    from sklearn.datasets import make_moons
    from sklearn.ensemble import GradientBoostingClassifier

    x, y = make_moons(120, noise=0.3, random_state=2)
    est = GradientBoostingClassifier(n_estimators=15, max_depth=2, random_state=0)
    record_fit(est, x, y, probe=(x[:40], y[:40]), store=tmp_path, run="gb")
    run = mlscope.runs(tmp_path)["gb"]
    steps, _, score = run.scalars("probe_score")
    staged = [float(np.mean(p == y[:40])) for p in est.staged_predict(x[:40])]
    assert steps.tolist() == list(range(15)) and score.tolist() == staged
    for k, proba in enumerate(est.staged_predict_proba(x[:40])):
        if k in (0, 7, 14):
            assert np.allclose(run.snapshot("output", k), proba, atol=1e-6)


def test_warm_start_forests_grow_step_by_step(tmp_path):
    from sklearn.datasets import make_moons
    from sklearn.ensemble import RandomForestClassifier

    x, y = make_moons(100, noise=0.3, random_state=3)
    est = RandomForestClassifier(n_estimators=3, random_state=0)
    record_fit(est, x, y, steps=4, store=tmp_path, run="rf")
    assert len(est.estimators_) == 12
    assert mlscope.runs(tmp_path)["rf"].scalars("train_score")[0].tolist() == [0, 1, 2, 3]
    from sklearn.svm import SVC

    with pytest.raises(TypeError, match="SVC trains in one go"):
        record_fit(SVC(), x, y, store=tmp_path, run="svc")
    assert "svc" not in mlscope.runs(tmp_path)
