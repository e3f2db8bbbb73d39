"""Record a Keras 3 model's training with mlscope.watch (its callback), then look at it.

    KERAS_BACKEND=torch python examples/watch_keras.py   # or jax, tensorflow: any backend
    mlscope serve                                        # then open /runs

Needs `pip install 'mlscope[keras]'` and a Keras backend (torch comes with mlscope[torch]).
"""

from __future__ import annotations

import argparse
import os

os.environ.setdefault("KERAS_BACKEND", "torch")

import keras
import numpy as np

import mlscope


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default=None, help="run store (default ./mlscope-runs)")
    parser.add_argument("--epochs", type=int, default=30)
    args = parser.parse_args()
    keras.utils.set_random_seed(0)
    rng = np.random.default_rng(0)
    x = rng.uniform(-1, 1, (800, 2)).astype("float32")
    y = (np.hypot(x[:, 0], x[:, 1]) < 0.6).astype("int64")  # a disc inside a square
    model = keras.Sequential([keras.Input((2,)), keras.layers.Dense(12, activation="tanh"),
                              keras.layers.Dense(12, activation="tanh"),
                              keras.layers.Dense(2, activation="softmax")])
    model.compile(optimizer=keras.optimizers.Adam(0.01),
                  loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    w = mlscope.watch(model, probe=(x[:300], y[:300]), run="keras-disc", store=args.store,
                      every=10, hparams={"lr": 0.01, "hidden": "12-12"}, overwrite=True)
    model.fit(x, y, batch_size=32, epochs=args.epochs, validation_split=0.2, verbose=0,
              callbacks=[w.callback])
    print(f"recorded {w.name!r} in {w.store.where}: mlscope serve, then open /runs")


if __name__ == "__main__":
    main()
