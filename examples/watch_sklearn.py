"""Record a scikit-learn model's training step by step, then look at it.

    python examples/watch_sklearn.py       # writes "moons-mlp" and "moons-boosting"
    mlscope serve                          # then open http://127.0.0.1:8765/runs

`record_fit` trains the estimator the way it can be trained in steps (partial_fit for an
MLP, the stages of gradient boosting) and records each step: scores, the loss, weights, the
output on a probe set and the decision surface over its plane.
"""

from __future__ import annotations

import argparse

from sklearn.datasets import make_moons
from sklearn.ensemble import GradientBoostingClassifier
from sklearn.neural_network import MLPClassifier

from mlscope.timeline.sklearn_watch import record_fit


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--store", default=None, help="run store (default ./mlscope-runs)")
    args = parser.parse_args()
    x, y = make_moons(600, noise=0.25, random_state=0)
    probe = (x[:300], y[:300])
    mlp = MLPClassifier(hidden_layer_sizes=(16, 16), learning_rate_init=0.01, random_state=0)
    w = record_fit(mlp, x, y, steps=120, probe=probe, store=args.store, run="moons-mlp",
                   hparams={"hidden": "16-16", "lr": 0.01}, overwrite=True)
    print(f"recorded {w.name!r}")
    boosting = GradientBoostingClassifier(n_estimators=80, max_depth=2, learning_rate=0.2,
                                          random_state=0)
    w = record_fit(boosting, x, y, probe=probe, store=args.store, run="moons-boosting",
                   hparams={"max_depth": 2, "learning_rate": 0.2}, overwrite=True)
    print(f"recorded {w.name!r}: mlscope serve, then open /runs")


if __name__ == "__main__":
    main()
