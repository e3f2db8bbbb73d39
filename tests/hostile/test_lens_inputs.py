"""Bad targets given to the lens: NaN or infinity in a regressor's y used to pass unseen
(the boundary and the hidden layers drew silently; surface sent a NaN range and its
matplotlib plot crashed), text for a regressor's y raised a raw ValueError. Each is now a
LensError that says what is wrong and where."""

from __future__ import annotations

import warnings

import numpy as np
import pytest
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier, MLPRegressor

from mlscope.lens import LensError, decision_boundary, layer_transform, surface

rng = np.random.default_rng(0)
X = rng.normal(size=(60, 2))
Y = X[:, 0] - X[:, 1]


@pytest.fixture(scope="module")
def regressor():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return MLPRegressor(hidden_layer_sizes=(5,), max_iter=50, random_state=0).fit(X, Y)


@pytest.fixture(scope="module")
def classifier():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        return MLPClassifier(hidden_layer_sizes=(5,), max_iter=50, random_state=0).fit(X, (Y > 0).astype(int))


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
@pytest.mark.parametrize("view", [layer_transform, surface, decision_boundary],
                         ids=lambda f: f.__name__)
def test_a_target_that_is_not_a_number_is_refused_with_its_row(regressor, view, bad):
    y = Y.copy()
    y[7] = bad
    with pytest.raises(LensError, match=r"y has 1 NaN or infinite value \(first at row 7\)"):
        view(regressor, X, y)


def test_float_class_labels_with_nan_are_refused_too(classifier):
    y = (Y > 0).astype(float)
    y[[3, 9]] = np.nan
    with pytest.raises(LensError, match=r"y has 2 NaN or infinite values \(first at row 3\)"):
        decision_boundary(classifier, X, y)


def test_a_missing_value_in_an_object_array_is_refused_too(regressor):
    y = np.array([*Y[:59], None], dtype=object)
    with pytest.raises(LensError, match=r"y has 1 NaN or infinite value \(first at row 59\)"):
        surface(regressor, X, y)
    with pytest.raises(LensError, match="complex"):
        surface(regressor, X, Y + 1j)


def test_text_targets_for_a_regressor_are_refused_clearly(regressor):
    with pytest.raises(LensError, match="y must be numbers for a regressor"):
        surface(regressor, X, np.array(["high", "low"] * 30))


def test_a_good_target_still_draws(regressor):
    s = surface(regressor, X, Y)
    assert s.explorable.frame()
