"""Write the README's gallery: one GIF per explorable, each made with mlscope.export.

    python docs/gallery/make_gallery.py            # rewrites docs/gallery/*.gif
    python docs/gallery/make_gallery.py k-means    # only these
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

import mlscope
from mlscope.explorables.maths.center import dataset

SYMMETRIC = dataset("symmetric")
"""The values the mean-median-mode GIF starts from (its first is dragged away)."""

HERE = Path(__file__).resolve().parent
SIZE = (400, 400)

# slug -> (parameters, export options): what each explorable's GIF shows.
RECIPES: dict[str, tuple[dict[str, object], dict[str, object]]] = {
    "logistic-regression": ({"step": "free", "dataset": "moons", "learning_rate": 0.3},
                            {"frames": 40, "every": 10}),
    "decision-tree": ({"step": "free", "max_depth": 6},
                      {"frames": 20, "every": 1, "fps": 3, "size": (800, 420)}),
    "naive-bayes": ({"step": "free", "own_prior": True},
                    {"frames": 16, "fps": 4, "sweep": ("prior", 0.05, 0.95)}),
    "random-forest": ({"step": "free", "trees": 1, "max_features": "1"},
                      {"frames": 16, "every": 2, "fps": 4, "size": (800, 420)}),
    # the soft-margin step (solved): C from 0.01 to 100, the street widening as C falls
    "svm": ({"step": "soft"}, {"frames": 20, "fps": 4, "sweep": (
        "C", [round(float(c), 4) for c in np.logspace(2, -2, 20)])}),
    "knn": ({"step": "free", "dataset": "moons", "noise": 30}, {"frames": 15, "fps": 3,
                                                                 "sweep": ("k", 1, 15)}),
    "linear-regression": ({"step": "free", "slope": -1.5, "intercept": 3.0, "show_fit": True},
                          {"frames": 40, "every": 6}),
    # Playing: a half-step every 16 frames, the centroids gliding; 4 frames of the GIF each
    "k-means": ({"step": "free", "dataset": "uneven", "k": 3, "seed": 4},
                {"frames": 72, "every": 4, "fps": 12, "size": (800, 420)}),
    # The growth, point by point, then the finished face
    "dbscan": ({"step": "free", "eps": 1.0}, {"frames": 70, "every": 5, "fps": 12,
                                              "size": (800, 420)}),
    # Merge by merge, the dendrogram growing; cut at half the tallest merge
    "hierarchical": ({"step": "free", "cut": 0.5},
                     {"frames": 62, "every": 6, "fps": 8, "size": (800, 420)}),
    # The line turning through every angle, the variance of the shadows peaking at PC1
    "pca": ({"step": "free"}, {"frames": 36, "fps": 8, "size": (800, 420),
                               "sweep": ("angle", 0.0, 175.0)}),
    # 600 digits finding their places, iteration by iteration, to the end of the run
    "tsne": ({"step": "free"}, {"frames": 50, "every": 15, "fps": 10, "size": (800, 420)}),
    # 1 to 30,000 flips, log-spaced as the running share's axis is: the share closing in
    "chance": ({"step": "free"}, {"frames": 40, "fps": 8, "size": (800, 420), "sweep": (
        "flips", [round(float(10 ** t)) for t in np.linspace(0, 4.5, 40)])}),
    # the binomial's p swept with n = 40, its approximations drawn: Poisson at small p,
    # the normal near 1/2
    "distributions": ({"step": "free", "n": 40, "compare": True, "samples": 2000},
                      {"frames": 30, "fps": 6, "size": (800, 420), "sweep": (
                          "p", [round(float(p), 3) for p in np.linspace(0.02, 0.6, 30)])}),
    # 4,000 means of samples of 10 from the exponential, the bell filling in under the curve
    "clt": ({"step": "free", "source": "exponential", "n": 10},
            {"frames": 40, "fps": 8, "size": (800, 420), "sweep": (
                "samples", [round(float(10 ** t)) for t in np.linspace(0, 3.6, 40)])}),
    # 1 to 10,000 simulated games: switching settles on 2/3, staying on 1/3
    "monty-hall": ({"step": "free"}, {"frames": 40, "fps": 8, "size": (800, 420), "sweep": (
        "games", [round(float(10 ** t)) for t in np.linspace(0, 4, 40)])}),
    # flip by flip: a fair-minded prior pulled toward a coin of 0.7, three priors meeting
    "bayes": ({"step": "free", "alpha": 8, "beta": 8}, {"frames": 40, "fps": 8,
                                                         "size": (800, 420), "sweep": (
        "data", [round(float(10 ** t)) - 1 for t in np.linspace(0, 3, 40)])}),
    # samples arriving: their 95 % intervals, the misses in red, the coverage settling
    "confidence": ({"step": "free"}, {"frames": 40, "fps": 8, "size": (800, 420), "sweep": (
        "experiments", [round(float(10 ** t)) for t in np.linspace(0, 3.3, 40)])}),
    # a thousand experiments as the true effect grows: the p-values pile up below α and the
    # power area under the alternative's t swells
    "hypothesis-tests": ({"step": "free", "experiments": 1000},
                         {"frames": 31, "fps": 8, "size": (800, 420), "sweep": (
                             "effect", [round(0.05 * k, 2) for k in range(21)] +
                             [1.0] * 10)}),
    # the same points ever noisier: the bands widen, R² falls, the residuals spread
    "regression-inference": ({"step": "free"}, {"frames": 30, "fps": 8, "size": (800, 420),
                                                "sweep": ("noise", [
                                                    round(float(v), 1) for v in
                                                    np.geomspace(0.3, 5.0, 30)])}),
    # A grows over B with the intersection shaded and 1,500 darts: the lens swells
    "compound-events": ({"step": "free", "event": "intersection", "darts": 1500,
                         "groups": 1000},
                        {"frames": 27, "fps": 8, "size": (800, 420), "sweep": (
                            "r_a", [round(0.3 + 0.1 * k, 2) for k in range(27)])}),
    # balls streaming through the shelves, the shares settling
    "conditional": ({"step": "free"}, {"frames": 48, "fps": 12, "size": (800, 420),
                                       "sweep": ("balls", [4 * k for k in range(1, 49)])}),
    # the bandwidth swept from spiky to oversmoothed, the error curve's dot riding along
    "kde": ({"step": "free"}, {"frames": 36, "fps": 8, "size": (800, 420), "sweep": (
        "bandwidth", [round(float(h), 3) for h in np.geomspace(0.03, 3.0, 36)])}),
    # one value dragged from the middle to the far right: the mean follows, the median not
    "mean-median-mode": ({"step": "free"}, {"frames": 24, "fps": 6, "size": (800, 420),
                                            "sweep": ("points", [
        [(round(float(v), 1), 0.0, 0)] + [(x, 0.0, 0) for x in SYMMETRIC[1:]]
        for v in np.linspace(SYMMETRIC[0], 99, 24)])}),
    # samples of 4: the variance over n settling below σ² = 9, over n - 1 on it
    "estimators": ({"step": "free", "target": "spread", "n": 4},
                   {"frames": 36, "fps": 8, "size": (800, 420), "sweep": (
                       "samples", [round(float(10 ** t)) for t in np.linspace(1, 4, 36)])}),
    # h shrinking from 2 to 0.001: the secant turns into the tangent, its slope levels off
    "derivative": ({"step": "free", "f": "x^3 - 3*x", "x": 1.5},
                   {"frames": 36, "fps": 8, "size": (800, 420), "sweep": (
                       "h", [round(float(h), 5) for h in np.geomspace(2.0, 0.001, 36)])}),
    # gradient descent on the long bowl at η = 0.17: it zig-zags across the valley
    "gradient-2d": ({"step": "free", "lr": 0.17}, {"frames": 40, "every": 1, "fps": 6,
                                                   "size": (800, 420)}),
    # midpoint strips under sin x + 0.5 growing from 1 to 60: the sum closes in on the area
    "integral": ({"step": "free", "f": "sin(x) + 0.5", "a": -2.5, "b": 2.5,
                  "rule": "midpoint"},
                 {"frames": 22, "fps": 5, "size": (800, 420), "sweep": (
                     "n", sorted({int(k) for k in np.geomspace(1, 60, 30).round()}))}),
    # ĵ dragged across î's line: the square's image thins to nothing and comes back
    # flipped, the F mirrored, det from positive through 0 to negative
    "matrix-transformation": ({"step": "free"}, {"frames": 31, "fps": 6, "size": (800, 420),
                              "sweep": ("basis", [
                                  [(1.0, 0.5, 0), (round(-1 + 0.1 * k, 2),
                                                   round(1.2 - 0.1 * k / 3, 3), 0)]
                                  for k in range(31)])}),
    # v turned once around: Av swings past it and lines up twice, on the eigenvectors
    "eigenvectors": ({"step": "free"}, {"frames": 36, "fps": 6, "size": (800, 420), "sweep": (
        "v", [[(round(float(np.cos(a)), 4), round(float(np.sin(a)), 4), 0)]
              for a in np.linspace(0, np.pi, 36, endpoint=False)])}),
    # the three stages of U Σ Vᵀ: the circle turned, stretched to an ellipse, turned again
    "matrix-decompositions": ({"step": "free", "t": 0.0, "k": 12},
                              {"frames": 41, "fps": 10, "size": (800, 420), "every": 3}),
    # the slope slider swept through the best line: the squared errors dip to their least,
    # the guess Xβ sliding across the plane under y
    "projections": ({"step": "free", "b0": 1.6}, {"frames": 30, "fps": 6, "size": (800, 420),
                    "sweep": ("b1", [round(float(v), 3) for v in np.linspace(-0.8, 2.0, 30)])}),
    # the heart drawn by 30 circles, the pen once round
    "fourier": ({"step": "free", "terms": 30}, {"frames": 40, "every": 6, "fps": 10,
                                               "size": (800, 420)}),
    # a shear, then a quarter turn: the plane and the cube moved by B, then by A
    "matrix-multiplication": ({"step": "free", "t": 0.0}, {"frames": 21, "every": 6,
                                                           "fps": 6, "size": (800, 420)}),
    # a neuron's formula: values forward, node by node, then gradients back
    "chain-rule": ({"step": "free", "f": "tanh(2*x - y + 0.5)", "x": 0.4, "y": 1.0},
                   {"frames": 19, "every": 24, "fps": 2, "size": (800, 420)}),
    # sin x and its Taylor polynomials of degree 0 to 15 around 0, hugging it further out
    "taylor": ({"step": "free"}, {"frames": 16, "fps": 3, "size": (800, 420),
                                  "sweep": ("degree", list(range(16)))}),
    # the hypercube turning through w while the dimensions of the random points grow
    "higher-dimensions": ({"step": "free", "d": 2}, {"frames": 36, "every": 4, "fps": 10,
                                                     "size": (800, 420)}),
    "house-prices": ({}, {"frames": 40, "every": 1}),
    "two-inputs": ({}, {"frames": 40, "every": 1}),
    "classification": ({}, {"frames": 40, "every": 5}),
    # Still explorables: one parameter moves instead.
    "softmax": ({}, {"frames": 30, "sweep": ("logits", [
        [round(2 * np.cos(t), 2), round(2 * np.sin(t), 2), 0.5]
        for t in np.linspace(0, 2 * np.pi, 30)])}),
    "network-shape": ({}, {"frames": 6, "fps": 2, "sweep": ("inputs", 1, 6)}),
    "playground": ({"dataset": "spiral", "hidden": "8,8", "features": "x1,x2,sin_x1,sin_x2",
                    "learning_rate": "0.03"},
                   {"frames": 40, "every": 15}),
}


def main() -> None:
    only = set(sys.argv[1:])  # slugs to remake; none: all
    for cls in mlscope.all_explorables():
        if only and cls.slug not in only:
            continue
        params, recipe = RECIPES.get(cls.slug, ({}, {"frames": 1}))
        options = dict(recipe)
        size = options.pop("size", SIZE)  # wider where two views share the frame
        out = mlscope.export(cls(**params), HERE / f"{cls.slug}.gif", size=size,
                             progress=False, **{"fps": 10, **options})
        print(out.relative_to(HERE.parent.parent), f"{out.stat().st_size // 1024} kB")


if __name__ == "__main__":
    main()
