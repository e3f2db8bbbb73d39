"""The lens's public objects, after scikit-learn's Display convention.

Construction computes (reads the model, runs it on the data and the grid, projects); ``plot()``
draws with matplotlib and returns the object, with ``figure_`` and ``axes_`` set; in Jupyter
the object shows itself live through the notebook widget; ``show()`` does whichever fits;
``save(path)`` exports a GIF, MP4, PNG or HTML replay through ``mlscope.export``; ``serve()``
opens it in the web app.

>>> from sklearn.neural_network import MLPClassifier
>>> clf = MLPClassifier((2,), activation="logistic", solver="lbfgs").fit(X, y)  # doctest: +SKIP
>>> lt = mlscope.lens.layer_transform(clf, X, y, layer=0)                       # doctest: +SKIP
>>> lt.hidden_.shape, lt.save("transform.gif", sweep="t")                       # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

import numpy as np

from mlscope.core.explorable import Explorable
from mlscope.lens.adapters import (
    LensError,
    Net,
    as_net,
    check_data,
    n_inputs_of,
    through_pipeline,
)
from mlscope.lens.curve import curve_class
from mlscope.lens.explorable import lens_class, subsample
from mlscope.lens.transformation import Transformation, labels_of
from mlscope.lens.views import MAX_CLASSES, Targets

MAX_POINTS = 5000
"""Points drawn at most; a larger X is shown through a random sample of this size (the
views say so), and the model still reads every row."""


class LensDisplay:
    """Base of the three lens objects; ``kind`` picks the layout and what ``plot()`` draws."""

    kind: ClassVar[str]

    def __init__(self, model: Any, X: Any, y: Any = None, *, layer: int | str = 0,
                 t: float = 1.0, task: str | None = None,
                 feature_names: Sequence[str] | None = None, name: str = "",
                 resolution: int = 80) -> None:
        if isinstance(resolution, bool) or not isinstance(resolution, int) or \
                not 10 <= resolution <= 400:
            raise LensError(f"resolution: grid points per side of the input plane, a whole "
                            f"number from 10 to 400; got {resolution!r}.")
        model, X, through = through_pipeline(model, X)
        if through:
            feature_names = None  # the network sees the transformed features
        xa, ya = check_data(X, y, n_inputs_of(model))
        net = as_net(model, xa, ya, task)
        if not net.hidden and self.kind == "layer_transform":
            raise LensError(f"layer_transform shows a network's hidden layers, and a "
                            f"{type(model).__name__} has none: use "
                            f"mlscope.lens.decision_boundary or surface for it.")
        if isinstance(layer, str):
            layer = net.layer_index(layer)
        if net.hidden and not 0 <= layer < len(net.hidden):
            raise LensError(f"layer must be a hidden layer's index, 0 to {len(net.hidden) - 1} "
                            f"(the model has {len(net.hidden)}); got {layer}.")
        if not 0.0 <= t <= 1.0:
            raise LensError(f"t must be in [0, 1]; got {t}.")
        self.model, self.net_ = model, net
        keep = subsample(len(xa), MAX_POINTS)
        note = through
        if keep is not None:
            note = (note + f" Showing a random {MAX_POINTS} of the {len(xa)} "
                           "points.").strip()
            xa, ya = xa[keep], (ya[keep] if ya is not None else None)
        self.X, self.y = xa, ya
        self.targets_ = self._targets(model, net, xa, ya)
        if ya is None:
            note = (note + " No y was given: points are coloured by the model's own "
                           "prediction.").strip()
        names = list(feature_names) if feature_names is not None else None
        if names is not None and len(names) != xa.shape[1]:
            raise LensError(f"feature_names must name the {xa.shape[1]} columns of X; "
                            f"got {len(names)} names.")
        self.explorable_class: type[Explorable]
        if xa.shape[1] == 1:  # no plane to carry: curves over x (lens/curve.py)
            self.transformation_: Transformation | None = None
            self.explorable_class = curve_class(net, xa, self.targets_, self.kind, layer,
                                                note, name, names[0] if names else "x")
        else:
            self.transformation_ = Transformation(net, xa, feature_names=names)
            self.explorable_class = lens_class(self.transformation_, self.targets_,
                                               self.kind, layer, t, note, name, resolution)
        self.explorable: Explorable = self.explorable_class()
        self.figure_: Any = None
        self.axes_: list[Any] = []

    @staticmethod
    def _targets(model: Any, net: Net, x: np.ndarray, y: np.ndarray | None) -> Targets:
        if net.task == "regression":
            try:
                values = np.asarray(y, dtype=np.float64) if y is not None else net.score(x)
            except (TypeError, ValueError):
                raise LensError("y must be numbers for a regressor (the value each row should "
                                "predict); got text or objects.") from None
            return Targets(values=values)
        if y is None:
            s = net.score(x)
            pred = (s >= 0.5).astype(np.int64) if net.task == "binary" else s.argmax(axis=1)
            k = 2 if net.task == "binary" else s.shape[1]
            return Targets(labels=pred, class_names=[str(c) for c in range(k)])
        classes = list(model.classes_) if hasattr(model, "classes_") else None
        try:
            labels, names = labels_of(np.asarray(y), classes)
        except ValueError as err:
            raise LensError(str(err)) from None
        if len(names) > MAX_CLASSES:
            raise LensError(f"y has {len(names)} classes; the lens shows at most "
                            f"{MAX_CLASSES}.")
        if net.task == "binary" and len(names) > 2:
            raise LensError(f"the model has one output (two classes) but y has "
                            f"{len(names)} classes: {names}.")
        return Targets(labels=labels, class_names=names)

    # --- what the model does, as numbers ---------------------------------------------

    @property
    def layer(self) -> int:
        """The hidden layer shown (0-based), following ``set(layer=...)`` (whose control, like
        the titles, counts from 1)."""
        return int(self.explorable.values.get("layer", 1)) - 1

    def __repr__(self) -> str:
        n = len(self.X)
        shown = f", hidden layer {self.layer} (0-based)" if self.net_.hidden else ""
        return (f"<mlscope.lens.{type(self).__name__} of {self.net_.description}: {n:,} "
                f"points{shown}>")

    @property
    def hidden_(self) -> np.ndarray:
        """The data's activations in the chosen hidden layer, (n_samples, layer size)."""
        if not self.net_.hidden:
            raise LensError(f"{self.net_.description}: a model without hidden layers has no "
                            "hidden activations.")
        if self.transformation_ is None:
            return self.net_.layers(self.X)[self.layer][1]
        return self.transformation_.hidden_activations(self.layer)

    def set(self, **values: Any) -> LensDisplay:
        """Change a view setting (t, layer (1-based), spin, angle); returns self."""
        self.explorable.set(**values)
        return self

    # --- showing it --------------------------------------------------------------------

    def plot(self, ax: Any = None) -> LensDisplay:
        """Draw with matplotlib: into ``ax`` (one view kinds; 3-D axes for a surface), else
        a new figure of this lens's views. Returns self, with ``figure_`` and ``axes_``."""
        import matplotlib.pyplot as plt

        from mlscope.render import draw_into

        views = self.explorable.frame()
        rows = self.explorable_class.export_layout or self.explorable_class.layout
        names = [n for row in rows for n in row]
        if ax is not None:
            if len(names) != 1:
                axes = list(np.ravel(ax))
                if len(axes) != len(names):
                    raise LensError(f"ax must hold {len(names)} axes for {', '.join(names)}; "
                                    f"got {len(axes)}.")
            else:
                axes = [ax]
            for a, n in zip(axes, names, strict=True):
                if (views[n].kind == "scene3d") != (getattr(a, "name", "") == "3d"):
                    raise LensError(f"the {n} view needs "
                                    f"{'3-D axes' if views[n].kind == 'scene3d' else '2-D axes'}"
                                    ": fig.add_subplot(projection='3d') for 3-D.")
                draw_into(a, views[n])
            self.figure_, self.axes_ = axes[0].figure, axes
            return self
        fig = plt.figure(figsize=(5.2 * len(names), 5.0), layout="constrained")
        self.axes_ = []
        for k, n in enumerate(names):
            a = fig.add_subplot(1, len(names), k + 1,
                                projection="3d" if views[n].kind == "scene3d" else None)
            draw_into(a, views[n])
            self.axes_.append(a)
        self.figure_ = fig
        return self

    def widget(self) -> Any:
        """The live notebook widget of this lens."""
        from mlscope.notebook.widget import ExplorableWidget

        return ExplorableWidget(self.explorable)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.widget()._repr_mimebundle_(**kwargs)

    def show(self) -> LensDisplay:
        """In Jupyter: the live widget. Elsewhere: ``plot()`` and ``plt.show()``."""
        try:
            from IPython import get_ipython

            shell = get_ipython()
        except ImportError:
            shell = None
        if shell is not None and type(shell).__name__ == "ZMQInteractiveShell":
            from IPython.display import display

            display(self.widget())  # type: ignore[no-untyped-call]
            return self
        import matplotlib.pyplot as plt

        self.plot()
        plt.show()
        return self

    default_sweep: tuple[str, float, float] | None = ("t", 0.0, 1.0)
    """What a recording moves unless told otherwise; None: a still model records one frame
    (not a hundred identical ones)."""

    def save(self, path: Any, **options: Any) -> Any:
        """Export to .gif, .mp4, .png or .html (``mlscope.export`` options: frames, sweep,
        size, fps, views...). A recording moves the display's ``default_sweep`` unless told
        otherwise: t from 0 to 1 for a layer transform, the angle round the surface, one
        frame of a decision boundary; e.g. ``sweep=("angle", 0, 360)`` to turn 3-D views."""
        from pathlib import Path

        from mlscope.render.export import export

        if Path(path).suffix.lower() != ".png" and "sweep" not in options:
            sweep = self.default_sweep
            if sweep is not None and any(p.name == sweep[0]
                                         for p in self.explorable_class.params):
                options["sweep"] = sweep
            else:
                options.setdefault("frames", 1)
        return export(self, path, **options)

    def serve(self, host: str = "127.0.0.1", port: int = 8765, open_browser: bool = True) \
            -> None:
        """Show this lens in the web app (blocks until Ctrl-C); its page is /x/<slug>."""
        import threading
        import webbrowser

        from mlscope import catalog
        from mlscope.web.app import create_app
        from mlscope.web.serve import run

        catalog.register(self.explorable_class)
        url = f"http://{host}:{port}/x/{self.explorable_class.slug}"
        print(f"mlscope lens is at {url}", flush=True)
        if open_browser:
            threading.Timer(1.0, webbrowser.open, (url,)).start()
        run(create_app(), host, port)


class LayerTransform(LensDisplay):
    """How a hidden layer moves the data: input plane, hidden space at t, output surface."""

    kind = "layer_transform"


class DecisionBoundary(LensDisplay):
    """The model's decision over the input plane (a PCA plane for more than 2 features)."""

    kind = "decision_boundary"
    default_sweep = None


class Surface(LensDisplay):
    """The model's output (probability, or value) as a surface over the input plane."""

    kind = "surface"
    default_sweep = ("angle", 0.0, 359.0)


def layer_transform(model: Any, X: Any, y: Any = None, *, layer: int = 0,
                    **kwargs: Any) -> LayerTransform:
    """How hidden layer ``layer`` (0-based) of ``model`` transforms ``X``."""
    return LayerTransform(model, X, y, layer=layer, **kwargs)


def decision_boundary(model: Any, X: Any, y: Any = None, **kwargs: Any) -> DecisionBoundary:
    """``model``'s decision over the plane of ``X``."""
    return DecisionBoundary(model, X, y, **kwargs)


def surface(model: Any, X: Any, y: Any = None, **kwargs: Any) -> Surface:
    """``model``'s output as a 3-D surface over the plane of ``X``."""
    return Surface(model, X, y, **kwargs)


__all__ = ["DecisionBoundary", "LayerTransform", "LensDisplay", "LensError", "Surface",
           "decision_boundary", "layer_transform", "surface"]
