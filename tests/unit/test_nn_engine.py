"""mlscope.nn: every activation and loss gradient-checked against finite differences,
optimisers against their closed forms, training deterministic and converging."""

import numpy as np
import pytest

from mlscope.data import plane
from mlscope.nn import ACTIVATIONS, MLP, SIGMOID_CE, SOFTMAX_CE, SQUARE, Trainer
from mlscope.nn.activations import get
from mlscope.nn.optimisers import Adam, Momentum, Optimiser, RMSProp, make
from mlscope.nn.train import regularise

H = 1e-6


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_activation_derivative_against_finite_differences(name):
    act = get(name)
    z = np.linspace(-3.1, 3.1, 40)  # even count: avoids z = 0, where ReLU-like kinks are
    fd = (act.f(z + H) - act.f(z - H)) / (2 * H)
    np.testing.assert_allclose(act.df(z, act.f(z)), fd, atol=1e-6)


def test_named_activations_have_their_closed_forms():
    z = np.array([-2.0, -0.5, 0.5, 2.0])
    np.testing.assert_allclose(get("sigmoid").f(z), 1 / (1 + np.exp(-z)))
    np.testing.assert_allclose(get("softplus").f(z), np.log1p(np.exp(z)))
    np.testing.assert_allclose(get("elu").f(z), np.where(z > 0, z, np.exp(z) - 1))
    np.testing.assert_allclose(get("swish").f(z), z / (1 + np.exp(-z)))
    np.testing.assert_allclose(get("gaussian").f(z), np.exp(-z * z))
    # GELU (tanh form) is within 1e-3 of z·Φ(z); Φ from the error function by series.
    from math import erf
    exact = np.array([v * 0.5 * (1 + erf(v / np.sqrt(2))) for v in z])
    np.testing.assert_allclose(get("gelu").f(z), exact, atol=1e-3)
    with pytest.raises(ValueError, match="activation must be one of relu, tanh"):
        get("nope")


def _numeric_grads(net, loss_of):
    out = []
    for p in net.parameters():
        g = np.zeros_like(p)
        for idx in np.ndindex(p.shape):
            old = p[idx]
            p[idx] = old + H
            up = loss_of()
            p[idx] = old - H
            down = loss_of()
            p[idx] = old
            g[idx] = (up - down) / (2 * H)
        out.append(g)
    return out


@pytest.mark.parametrize("acts,output,loss", [
    (["tanh", "relu"], "tanh", SQUARE),
    (["sigmoid", "gelu", "swish"], "linear", SQUARE),
    (["elu", "sine"], "linear", SOFTMAX_CE),
    (["softplus", "gaussian", "leaky_relu"], "linear", SOFTMAX_CE),
    (["sigmoid"], "sigmoid", SIGMOID_CE),
])
def test_backward_against_finite_differences(acts, output, loss):
    rng = np.random.default_rng(3)
    n_out = {SOFTMAX_CE: 3, SIGMOID_CE: 1}.get(loss, 2)
    net = MLP([2, *[4] * len(acts), n_out], acts, output, init="glorot", seed=1)
    x = rng.normal(size=(7, 2))
    t = (rng.integers(0, 3, 7).astype(float) if loss is SOFTMAX_CE else
         rng.integers(0, 2, (7, 1)).astype(float) if loss is SIGMOID_CE else
         rng.normal(size=(7, 2)))
    cache = net.forward_train(x)
    gw, gb = net.backward(cache, loss.grad(cache.inputs[-1], t))
    numeric = _numeric_grads(net, lambda: loss.value(net.forward(x), t))
    for got, want in zip(gw + gb, numeric, strict=True):
        np.testing.assert_allclose(got, want, atol=1e-6)


def test_backward_with_dropout_matches_finite_differences_for_the_same_mask():
    net = MLP([2, 5, 5, 1], ["tanh", "tanh"], "tanh", seed=2)
    x = np.random.default_rng(0).normal(size=(6, 2))
    t = np.ones((6, 1))
    cache = net.forward_train(x, 0.4, np.random.default_rng(9))
    assert any((m == 0).any() for m in cache.masks if m is not None)
    gw, gb = net.backward(cache, SQUARE.grad(cache.inputs[-1], t))

    def loss_same_mask():
        c = net.forward_train(x, 0.4, np.random.default_rng(9))
        return SQUARE.value(c.inputs[-1], t)
    for got, want in zip(gw + gb, _numeric_grads(net, loss_same_mask), strict=True):
        np.testing.assert_allclose(got, want, atol=1e-6)


def test_losses_match_their_definitions():
    out, t = np.array([[0.5], [-1.0]]), np.array([[1.0], [1.0]])
    assert SQUARE.value(out, t) == pytest.approx((0.5 * 0.25 + 0.5 * 4) / 2)
    p, y = np.array([[0.8], [0.3]]), np.array([[1.0], [0.0]])
    assert SIGMOID_CE.value(p, y) == pytest.approx(-(np.log(0.8) + np.log(0.7)) / 2)


def test_forward_all_returns_every_neuron():
    net = MLP([3, 4, 2, 5], ["relu", "tanh"], "linear", seed=0)
    x = np.random.default_rng(0).normal(size=(8, 3))
    layers = net.forward_all(x)
    assert [a.shape for a in layers] == [(8, 3), (8, 4), (8, 2), (8, 5)]
    h1 = np.maximum(x @ net.weights[0] + net.biases[0], 0)
    np.testing.assert_allclose(layers[1], h1)
    np.testing.assert_allclose(layers[-1], net.forward(x))


def test_initialisations():
    pg_net = MLP([2, 300, 1], ["tanh"], init="playground", seed=0)
    assert pg_net.weights[0].min() >= -0.5 and pg_net.weights[0].max() <= 0.5
    assert np.all(pg_net.biases[0] == 0.1)
    he = MLP([400, 300, 1], ["relu"], init="he", seed=0)
    assert he.weights[0].std() == pytest.approx(np.sqrt(2 / 400), rel=0.02)
    glorot = MLP([400, 300, 1], ["relu"], init="glorot", seed=0)
    assert np.abs(glorot.weights[0]).max() <= np.sqrt(6 / 700)
    assert not MLP([2, 3, 1], ["relu"], init="zero").weights[0].any()
    with pytest.raises(ValueError, match="init must be one of"):
        MLP([2, 1], [], init="bad")


def test_optimisers_against_closed_forms():
    g = np.array([0.5, -2.0])
    p = np.zeros(2)
    Optimiser(0.1).update([p], [g])
    np.testing.assert_allclose(p, -0.1 * g)
    p, m = np.zeros(2), Momentum(0.1)
    m.update([p], [g])
    m.update([p], [g])
    np.testing.assert_allclose(p, -0.1 * g - 0.1 * (0.9 * g + g))
    p, a = np.zeros(2), Adam(0.01)
    a.update([p], [g])  # first Adam step is lr · sign(g) (up to ε)
    np.testing.assert_allclose(p, -0.01 * np.sign(g), rtol=1e-6)
    p, r = np.zeros(2), RMSProp(0.01)
    r.update([p], [g])
    np.testing.assert_allclose(p, -0.01 * g / np.sqrt(0.1 * g * g), rtol=1e-6)
    with pytest.raises(ValueError, match="optimiser must be one of sgd, momentum"):
        make("lbfgs", 0.1)


def test_regularisers():
    w = [np.array([0.05, -0.3, 1.0])]
    regularise(w, "l1", 0.1)
    np.testing.assert_allclose(w[0], [0.0, -0.2, 0.9])  # 0.05 would cross zero: stops at 0
    w = [np.array([1.0, -2.0])]
    regularise(w, "l2", 0.1)
    np.testing.assert_allclose(w[0], [0.9, -1.8])


def test_linear_network_converges_to_least_squares():
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 3))
    y = x @ np.array([1.0, -2.0, 0.5]) + 0.3 + rng.normal(0, 0.1, 200)
    net = MLP([3, 1], [], "linear", init="zero")
    tr = Trainer(net, SQUARE, make("adam", 0.05), batch_size=200)
    for _ in range(2000):
        tr.train_epoch(x, y[:, None])
    coef, *_ = np.linalg.lstsq(np.c_[x, np.ones(200)], y, rcond=None)
    np.testing.assert_allclose([*net.weights[0][:, 0], net.biases[0][0]], coef, atol=1e-4)


def _train_circle(seed: int, epochs: int) -> tuple[MLP, float]:
    x, t = plane.generate("circle", 500, 0.0, 2, seed)
    tr = plane.is_train(500, 0.5)
    target = np.where(t == 0, 1.0, -1.0)[:, None]
    feats = plane.features(x, ("x1", "x2"))
    net = MLP([2, 4, 2, 1], ["tanh", "tanh"], "tanh", seed=seed)
    trainer = Trainer(net, SQUARE, make("sgd", 0.03), batch_size=10)
    for _ in range(epochs):
        trainer.train_epoch(feats[tr], target[tr])
    return net, SQUARE.value(net.forward(feats[~tr]), target[~tr])


def test_default_playground_network_reaches_the_target_test_loss():
    """Circle, 4-2 tanh, lr 0.03, batch 10: median test loss over 3 seeds ≤ 0.01 after 300
    epochs (TensorFlow Playground's measure: ½(output − target)², labels ±1)."""
    losses = [_train_circle(seed, 300)[1] for seed in range(3)]
    assert np.median(losses) <= 0.01


def test_training_is_deterministic_for_a_seed():
    a, _ = _train_circle(5, 3)
    b, _ = _train_circle(5, 3)
    for p, q in zip(a.parameters(), b.parameters(), strict=True):
        np.testing.assert_array_equal(p, q)
