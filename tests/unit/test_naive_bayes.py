"""Gaussian naive Bayes agrees with scikit-learn's GaussianNB on the same points and priors:
means, variances, posteriors; the posterior is Bayes' rule worked by hand; the prior moves
the boundary; the story's goals work; degenerate data give a picture."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.naive_bayes import GaussianNB

import mlscope
from mlscope.core.encoding import encode
from mlscope.explorables.classic.naive_bayes import NaiveBayes, bell, posterior

GRID = np.random.default_rng(0).uniform(-6, 6, (500, 2))


@pytest.mark.parametrize("dataset, classes, own_prior", [
    ("gauss", 2, False), ("blobs", 3, False), ("anisotropic", 2, True), ("mixture", 5, True),
])
def test_the_model_is_scikit_learns(dataset, classes, own_prior):
    ex = NaiveBayes(dataset=dataset, classes=classes, own_prior=own_prior, prior=0.7, count=300)
    x, y = ex.points[ex.train], ex.labels[ex.train]
    sk = GaussianNB(priors=ex.priors() if own_prior else None).fit(x, y)
    assert np.allclose(ex.mu, sk.theta_) and np.allclose(ex.var, sk.var_)
    assert np.allclose(ex.freq, sk.class_prior_) if not own_prior else True
    assert np.allclose(ex.predict_proba(GRID), sk.predict_proba(GRID), atol=1e-10)


def test_the_posterior_is_bayes_rule_by_hand():
    mu, var = np.array([[0.0, 0.0], [2.0, 1.0]]), np.array([[1.0, 4.0], [0.5, 1.0]])
    prior = np.array([0.3, 0.7])
    x = np.array([[1.0, 0.5]])
    joint = [prior[c] * bell(x[0, 0], mu[c, 0], var[c, 0]) * bell(x[0, 1], mu[c, 1], var[c, 1])
             for c in (0, 1)]
    assert np.allclose(posterior(x, mu, var, prior)[0], np.array(joint) / sum(joint))
    far = posterior(np.array([[500.0, -500.0]]), mu, var, prior)  # no underflow to 0/0
    assert np.isfinite(far).all() and far.sum() == pytest.approx(1)


def test_a_larger_prior_grows_its_region():
    ex = NaiveBayes(own_prior=True, prior=0.5)
    shares = []
    for p in (0.1, 0.5, 0.9):
        ex.set(prior=p)
        shares.append(ex.region_share(1))
    assert shares[0] < shares[1] < shares[2]


def test_the_rings_are_one_and_two_standard_deviations():
    ex = NaiveBayes()
    rings = [layer for layer in ex.frame()["plane"].layers if layer.kind == "shapes"]
    assert [r.name for r in rings] == ["1 standard deviation", "2 standard deviations"]
    assert np.allclose(rings[0].width, 2 * np.sqrt(ex.var[:, 0]))
    assert np.allclose(rings[1].height, 4 * np.sqrt(ex.var[:, 1]))


def test_the_story():
    ex = mlscope.explorable("naive-bayes")
    step = {s.name: s for s in ex.story_steps}
    ex.set(step="prior")
    assert ex.p.own_prior and not step["prior"].done(ex)
    ex.set(prior=0.9)
    assert step["prior"].done(ex)
    ex.set(step="naive")
    assert ex.p.dataset == "anisotropic" and abs(ex.within_correlation(0)) > 0.5


@pytest.mark.parametrize("data", [
    [(0.0, 0.0, 0)],
    [(1.0, 1.0, 0), (1.0, 1.0, 1)],
    [(1.0, 1.0, 1), (2.0, 2.0, 1)],
])
def test_degenerate_data_give_a_picture(data):
    ex = NaiveBayes(data=data, held_out=0)
    encode(ex.frame())
    assert np.isfinite(ex.predict_proba(GRID)).all()
