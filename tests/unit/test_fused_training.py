"""The compiled training kernel (mlscope.nn.fused) against the numpy path it stands in for:
the same numbers to rounding for every activation, loss, optimiser and regulariser, its
gradients against finite differences, and the cases it leaves to numpy."""

import numpy as np
import pytest

from mlscope.data import plane
from mlscope.nn import ACTIVATIONS, MLP, SIGMOID_CE, SOFTMAX_CE, SQUARE, Trainer, fused
from mlscope.nn.optimisers import OPTIMISERS, make
from mlscope.nn.train import REGULARISATIONS

pytestmark = pytest.mark.skipif(fused.kernel(wait=True) is None,
                                reason="numba is not installed or MLSCOPE_ENGINE=numpy")

X = np.random.default_rng(3).uniform(-6, 6, (60, 2))


def _targets(loss, k: int) -> np.ndarray:
    if loss is SOFTMAX_CE:
        return ((X[:, 0] > 0).astype(float) + (X[:, 1] > 0)) % k
    return np.tanh(X[:, :1] * X[:, 1:2] / 6) * np.ones((1, k))


def _train(engine: str, acts, out: str, loss, k: int, opt: str, reg: str, epochs: int,
           batch: int = 7) -> Trainer:
    net = MLP([2, 4, 3, k], acts, out, init="glorot", seed=1)
    tr = Trainer(net, loss, make(opt, 0.01), batch, reg, 0.01, engine=engine)
    for _ in range(epochs):
        tr.train_epoch(X, _targets(loss, k))
    assert tr.last_path == engine
    return tr


PAIRS = [list(p) for p in zip(sorted(ACTIVATIONS), sorted(ACTIVATIONS)[3:] +
                              sorted(ACTIVATIONS)[:3], strict=True)]


@pytest.mark.parametrize("acts", PAIRS, ids="-".join)
@pytest.mark.parametrize("opt", sorted(OPTIMISERS))
def test_the_kernel_computes_what_numpy_computes(acts, opt):
    """Five epochs (batches of 7 over 60 points, so a short last batch), every activation
    in both hidden layers, each optimiser, each regulariser, both losses: equal to 1e-9."""
    for reg in REGULARISATIONS:
        for loss, out, k in ((SQUARE, "tanh", 2), (SOFTMAX_CE, "linear", 3)):
            a = _train("numpy", acts, out, loss, k, opt, reg, 5)
            b = _train("fused", acts, out, loss, k, opt, reg, 5)
            np.testing.assert_allclose(b.net.flat, a.net.flat, rtol=0, atol=1e-9,
                                       err_msg=f"{reg} {loss.name}")
            assert b.optimiser.t == a.optimiser.t == 5 * 9
            for sa, sb in zip(vars(a.optimiser).values(), vars(b.optimiser).values(),
                              strict=True):
                if isinstance(sa, list) and sa:  # momentum, RMSProp, Adam's state
                    np.testing.assert_allclose(sb[0], sa[0], rtol=0, atol=1e-9)


def test_the_default_playground_trains_the_same_on_both_paths():
    """TensorFlow Playground's default (circle, 4-2 tanh, SGD 0.03, batch 10), 300 epochs:
    the weights and the test loss agree to 1e-6."""
    pts, t = plane.generate("circle", 500, 0.0, 2, 0)
    train = plane.is_train(500, 0.5)
    x = plane.features(pts, ("x1", "x2"))
    y = np.where(t == 0, 1.0, -1.0)[:, None]
    nets = []
    for engine in ("numpy", "fused"):
        net = MLP([2, 4, 2, 1], ["tanh", "tanh"], "tanh", seed=0)
        tr = Trainer(net, SQUARE, make("sgd", 0.03), 10, engine=engine)
        for _ in range(300):
            tr.train_epoch(x[train], y[train])
        nets.append(net)
    np.testing.assert_allclose(nets[1].flat, nets[0].flat, rtol=0, atol=1e-6)
    losses = [SQUARE.value(n.forward(x[~train]), y[~train]) for n in nets]
    assert losses[1] == pytest.approx(losses[0], abs=1e-6)
    assert losses[1] < 0.02


@pytest.mark.parametrize("loss,out,k", [(SQUARE, "tanh", 2), (SOFTMAX_CE, "linear", 3)])
def test_the_kernels_gradient_against_finite_differences(loss, out, k):
    """One batch of every point with learning rate 0: the kernel leaves the weights alone
    and its gradient buffer holds d(mean loss)/d(every parameter)."""
    net = MLP([2, 5, 3, k], ["tanh", "gelu"], out, init="glorot", seed=4)
    x, t = X[:12] / 3, _targets(loss, k)[:12]
    tr = Trainer(net, loss, make("sgd", 0.0), batch_size=12, engine="fused")
    before = net.flat.copy()
    tr.train_epoch(x, t)
    np.testing.assert_array_equal(net.flat, before)
    h = 1e-6
    numeric = np.empty_like(net.flat)
    for q in range(len(net.flat)):
        net.flat[q] = before[q] + h
        up = loss.value(net.forward(x), t)
        net.flat[q] = before[q] - h
        down = loss.value(net.forward(x), t)
        net.flat[q] = before[q]
        numeric[q] = (up - down) / (2 * h)
    np.testing.assert_allclose(tr._grad, numeric, atol=1e-7)


def test_what_the_kernel_leaves_to_numpy():
    x, t = X[:20], _targets(SQUARE, 1)[:20]
    cases = {
        "dropout": Trainer(MLP([2, 4, 1], ["tanh"], seed=0), SQUARE, make("sgd", 0.1),
                           dropout=0.2),
        "binary cross-entropy": Trainer(MLP([2, 4, 1], ["tanh"], "sigmoid", seed=0),
                                        SIGMOID_CE, make("sgd", 0.1)),
        "32 neurons a layer": Trainer(MLP([2, 32, 32, 32, 1], ["tanh"] * 3, seed=0), SQUARE,
                                      make("sgd", 0.1)),
    }
    for name, tr in cases.items():
        tr.train_epoch(x, (t > 0).astype(float) if tr.loss is SIGMOID_CE else t)
        assert tr.last_path == "numpy", name
    small = Trainer(MLP([2, 4, 1], ["tanh"], seed=0), SQUARE, make("sgd", 0.1))
    small.train_epoch(x, t)
    assert small.last_path == "fused"


def test_numpy_can_be_forced(monkeypatch):
    monkeypatch.setenv("MLSCOPE_ENGINE", "numpy")
    tr = Trainer(MLP([2, 4, 1], ["tanh"], seed=0), SQUARE, make("sgd", 0.1))
    tr.train_epoch(X, _targets(SQUARE, 1))
    assert tr.last_path == "numpy"
    with pytest.raises(ValueError, match="engine must be auto, numpy or fused"):
        Trainer(MLP([2, 1], []), SQUARE, make("sgd", 0.1), engine="gpu")


def test_a_diverging_network_turns_to_nan_on_both_paths():
    for engine in ("numpy", "fused"):
        net = MLP([2, 4, 1], ["linear"], "linear", seed=0)
        tr = Trainer(net, SQUARE, make("sgd", 5.0), 10, engine=engine)
        with np.errstate(over="ignore", invalid="ignore"):
            for _ in range(40):
                tr.train_epoch(X, X[:, :1] * 100)
        assert not np.isfinite(net.flat).all(), engine
