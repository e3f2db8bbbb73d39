"""mlscope.watch on a Keras 3 model (torch backend here): its callback records every batch,
and the snapshots are the model's own weights and layer outputs."""

from __future__ import annotations

import os

import numpy as np
import pytest

os.environ.setdefault("KERAS_BACKEND", "torch")
pytest.importorskip("torch")
keras = pytest.importorskip("keras")

import mlscope  # noqa: E402


def test_a_keras_fit_is_recorded_batch_by_batch(tmp_path):
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (96, 2)).astype("float32")
    y = (x[:, 0] * x[:, 1] > 0).astype("int64")
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(4, activation="tanh"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.SGD(0.1), loss="sparse_categorical_crossentropy")
    w = mlscope.watch(model, probe=(x[:40], y[:40]), run="k", store=tmp_path, every=5)
    model.fit(x, y, batch_size=16, epochs=3, validation_split=0.25, verbose=0,
              callbacks=[w.callback])
    run = mlscope.runs(tmp_path)["k"]
    assert run.info["source"] == "keras"
    steps, _, loss = run.scalars("loss")
    assert steps.tolist() == list(range(15))  # 72 training rows / 16: 5 batches x 3 epochs
    assert np.isfinite(loss).all()
    assert np.allclose(run.scalars("lr")[2], 0.1)
    assert run.scalars("val_loss")[0].tolist() == [4, 9, 14]
    # the last snapshot is the trained model (taken when fit ended)
    assert run.snapshot_steps("param/sequential/dense/kernel").tolist() == [0, 5, 10, 14]
    kernel, bias = (v.value.detach().numpy() for v in model.layers[0].weights)
    assert np.array_equal(run.snapshot("param/sequential/dense/kernel", 14), kernel)
    hidden = np.tanh(x[:40] @ kernel + bias)
    assert np.allclose(run.snapshot("act/dense", 14), hidden, atol=1e-5)
    probs = model(x[:40]).detach().numpy()
    assert np.allclose(run.snapshot("output", 14), probs, atol=1e-5)
    assert run.snapshot("boundary", 14).shape == (48 * 48, 2)
    from mlscope.timeline.explorable import timeline_class

    frame = timeline_class(run.store, ["k"])(at=14).frame()
    np.testing.assert_allclose(frame["network"].dense[0].weights, kernel)  # Keras: (in, out)
    with pytest.raises(Exception, match="run is closed"):
        w.log(99, loss=1.0)
