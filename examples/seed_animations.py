"""The four animations of the seed article "Animations of Neural Networks Transforming Data",
written as GIF and MP4 by mlscope's lens on scikit-learn models trained as in the article.

    python examples/seed_animations.py [output folder]   (default: ./seed_animations)

1. transform_2d: a 2-2-1 sigmoid network carries the article's data from the plane into the
   square (0, 1)², where a line splits the classes;
2. surface: the network's output probability as a surface over the plane, turning;
3. transform_3d: 3 sigmoid neurons carry a ring into the cube (0, 1)³;
4. cube: the cube turning, with the output neuron's separating plane.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sklearn.neural_network import MLPClassifier

import mlscope.lens
from mlscope.data.seed_article import article, ring


def fit(x, y, hidden: int) -> MLPClassifier:
    # The article's own call (random_state fixed so the pictures are the same every run).
    return MLPClassifier(solver="lbfgs", hidden_layer_sizes=(hidden,), activation="logistic",
                         max_iter=1000, random_state=0).fit(x, y)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    x, y = article()
    xr, yr = ring()
    square = fit(x, y, 2)
    cube = fit(xr, yr, 3)
    jobs = [
        ("transform_2d", mlscope.lens.layer_transform(square, x, y, t=0.0),
         {"sweep": ("t", 0.0, 1.0), "size": (800, 420)}),
        ("surface", mlscope.lens.surface(square, x, y),
         {"sweep": ("angle", 0.0, 359.0), "size": (480, 480)}),
        ("transform_3d", mlscope.lens.layer_transform(cube, xr, yr, t=0.0),
         {"sweep": ("t", 0.0, 1.0), "size": (800, 420)}),
        ("cube", mlscope.lens.layer_transform(cube, xr, yr, t=1.0),
         {"sweep": ("angle", 0.0, 359.0), "size": (480, 480), "views": ["hidden"]}),
    ]
    for name, display, options in jobs:
        for suffix in (".gif", ".mp4"):
            path = display.save(out / f"{name}{suffix}", frames=60, fps=15, **options)
            print(f"wrote {path} ({path.stat().st_size / 1024:.0f} kB)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("seed_animations"))
