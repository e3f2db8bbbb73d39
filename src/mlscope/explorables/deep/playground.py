"""The neural-network playground: TensorFlow Playground's features, and what its users asked for.

Data (generated or the user's own) -> input features -> an ``mlscope.nn.MLP`` trained live by
``mlscope.nn.Trainer``. One step is one epoch. What the frame shows is built in
``playground_views.py``; this file holds the parameters and the training state.

Problems: two classes use TensorFlow Playground's network exactly (tanh output, targets
±1, loss ½(output − target)²); 3 to 5 classes a softmax output with cross-entropy;
regression a linear output with ½(output − target)².
"""

from __future__ import annotations

import builtins
import contextlib
from collections.abc import Mapping
from typing import Any

import numpy as np

from mlscope.core.catalog import register
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import (
    BoolParam,
    ChoiceParam,
    FlagsParam,
    FloatParam,
    IntParam,
    ListParam,
    ParamError,
    PointsParam,
)
from mlscope.core.views import History, View
from mlscope.data import csv_points
from mlscope.data import playground as pg
from mlscope.explorables.deep.playground_views import GRID, playground_frame
from mlscope.nn import ACTIVATIONS, MLP, SOFTMAX_CE, SQUARE, Trainer
from mlscope.nn.mlp import INITS
from mlscope.nn.optimisers import OPTIMISERS, make
from mlscope.nn.train import REGULARISATIONS

MAX_LAYERS, MAX_NEURONS = 10, 32
CUSTOM = {"custom": "classification", "custom_reg": "regression"}
DATASETS = (*pg.CLASSIFICATION, *pg.REGRESSION, *CUSTOM)
DATASET_LABELS = ("Circle", "Exclusive or", "Gaussian", "Spiral", "Plane (regression)",
                  "Multi-gaussian (regression)", "Your data (classes)", "Your data (values)")
REG_RATES = ("0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
ACT_NAMES = tuple(ACTIVATIONS)
ACT_LABELS = tuple(a.label for a in ACTIVATIONS.values())
DATA_RANGE = (-1e6, 1e6)
REMOVE_RADIUS = 0.04
"""Shift-click removes the nearest point within this share of the plot's width."""


def task_of(dataset: str) -> str:
    if dataset in CUSTOM:
        return CUSTOM[dataset]
    return "regression" if dataset in pg.REGRESSION else "classification"


class Playground(Explorable):
    slug = "playground"
    title = "Neural network playground"
    topic = "deep"
    summary = ("Train a neural network in your browser: TensorFlow Playground's data, features "
               "and settings, plus more classes, optimisers, activations and your own data.")
    playable = True
    params = (
        ChoiceParam("dataset", "circle", options=DATASETS, labels=DATASET_LABELS,
                    label="data", group="Data",
                    doc="Which data to learn; 'your data' is what you click or upload."),
        IntParam("classes", 2, 2, 5, label="classes", group="Data",
                 doc="Classes in the generated classification data (2 is TensorFlow "
                     "Playground's)."),
        IntParam("noise", 0, 0, 50, 5, label="noise %", group="Data",
                 doc="Noise in the generated data, in percent."),
        IntParam("train_share", 50, 10, 90, 10, label="training data %", group="Data",
                 doc="Share of the points used for training; the rest are the test data."),
        IntParam("batch_size", 10, 1, 30, label="batch size", group="Data",
                 doc="Points per gradient step."),
        IntParam("points", 500, 20, 5000, 10, label="points", group="Data",
                 doc="How many points to generate (TensorFlow Playground: 500, or 1,200 for "
                     "regression)."),
        IntParam("brush", 0, 0, 4, label="class to add", group="Data",
                 doc="Click the output to add a point of this class (for values: class 0 "
                     "adds +1, class 1 adds -1); shift-click removes the nearest point."),
        FlagsParam("features", ("x1", "x2"), options=tuple(pg.FEATURES),
                   labels=tuple(v[0] for v in pg.FEATURES.values()), label="input features",
                   group="Features", doc="Which properties of each point the network sees."),
        ListParam("hidden", (4, 2), item=IntParam("neurons", 1, 1, MAX_NEURONS),
                  min_len=0, max_len=MAX_LAYERS, label="hidden layers", group="Network",
                  doc="Neurons in each hidden layer, e.g. 4,2 (0 to 10 layers of 1 to 32)."),
        ChoiceParam("activation", "tanh", options=ACT_NAMES, labels=ACT_LABELS,
                    label="activation", group="Network",
                    doc="The activation of the hidden layers."),
        ListParam("layer_activations", (), item=ChoiceParam("activation", "tanh",
                                                            options=ACT_NAMES),
                  min_len=0, max_len=MAX_LAYERS, label="per-layer activations",
                  group="Network",
                  doc="An activation per hidden layer, e.g. relu,tanh; layers not listed use "
                      "the activation above."),
        ChoiceParam("init", "playground", options=INITS,
                    labels=("uniform ±0.5, bias 0.1", "Glorot", "He", "zero"),
                    label="initialisation", group="Network",
                    doc="How weights start: TensorFlow Playground's uniform(-0.5, 0.5) with "
                        "biases 0.1, Glorot, He, or all zero."),
        FloatParam("learning_rate", 0.03, 1e-5, 10.0, log=True, label="learning rate",
                   group="Training", doc="Step size; it can change while training runs."),
        ChoiceParam("optimiser", "sgd", options=tuple(OPTIMISERS),
                    labels=tuple(o.label for o in OPTIMISERS.values()), label="optimiser",
                    group="Training", doc="How gradients become steps."),
        ChoiceParam("regularisation", "none", options=REGULARISATIONS,
                    labels=("none", "L1", "L2"), label="regularisation", group="Training",
                    doc="A penalty on large weights."),
        ChoiceParam("reg_rate", "0", options=REG_RATES, label="regularisation rate",
                    group="Training", doc="How strong the penalty is."),
        FloatParam("dropout", 0.0, 0.0, 0.9, step=0.05, label="dropout", group="Training",
                   doc="Share of hidden neurons switched off at random in each training step."),
        IntParam("stop_epochs", 0, 0, 100000, label="stop after epochs", group="Training",
                 doc="Pause when training reaches this epoch (0: never)."),
        FloatParam("stop_loss", 0.0, 0.0, 1.0, step=0.0001, label="stop at training loss ≤",
                   group="Training", doc="Pause when the training loss falls to this (0: never)."),
        BoolParam("show_test", False, label="show test data", group="Display",
                  doc="Draw the test points too (with a dark outline)."),
        BoolParam("discretize", False, label="discretize output", group="Display",
                  doc="Colour each region by its predicted class only."),
        ListParam("focus", (), item=IntParam("index", 0, 0, 64), min_len=0, max_len=2,
                  transient=True, label="neuron shown",
                  doc="[layer, neuron] whose output the big plot shows (set by hovering)."),
        PointsParam("data", (), x_range=DATA_RANGE, y_range=DATA_RANGE, n_labels=5,
                    max_points=csv_points.MAX_POINTS, float_labels=True, label="your data",
                    doc="Your own points (x1, x2, label or value)."),
    )
    actions = (
        Action("step", "Step", "Train one epoch."),
        Action("reset", "Reset", "Start training again from the first weights."),
        Action("regenerate", "Regenerate", "New random data and weights (the next seed)."),
        Action("upload_csv", "Upload CSV", "Your own data: columns x1, x2, label.",
               upload=".csv,text/csv,text/plain"),
        Action("add_point", "Add point", button=False),
        Action("set_weight", "Set weight", button=False),
    )
    layout = (("network", "output"), ("loss", "metrics", "confusion"),
              ("activations", "gradients"))
    export_layout = (("network", "output"), ("loss",))
    step_name = "epoch"
    thumbnail_view = "output"
    thumbnail_steps = 200
    guide = """A neural network learns to tell the classes apart. Press play: each step is one
epoch, a pass over the training points in batches. The big plot shows the output over the
plane, the training points on top; each neuron in the diagram shows its own output.

Hover a neuron to see its output in the big plot and a card with its formula and numbers.
Click a weight to type a new value. Use + and − to add layers and neurons, click an input to
switch that feature on or off.

With two classes the network is TensorFlow Playground's: a $\\tanh$ output, targets $\\pm 1$ and
the loss $\\frac{1}{n}\\sum_i \\frac12(\\hat y_i - y_i)^2$. With 3 to 5 classes the output is a
softmax trained on cross-entropy. Regression uses a linear output.

Your own data: click the big plot to add a point of the chosen class, shift-click to remove
one, or upload a CSV file of x1, x2, label. Its inputs are scaled to $[-6, 6]$ as the
generated data is; the plot keeps your units."""

    # --- state --------------------------------------------------------------------------

    def check(self, values: Mapping[str, Any]) -> None:
        ds = values["dataset"]
        if ds in pg.MAX_CLASSES and values["classes"] > pg.MAX_CLASSES[ds]:
            raise ParamError("classes", f"classes must be at most {pg.MAX_CLASSES[ds]} for "
                                        f"{ds}; got {values['classes']}.")
        if ds in CUSTOM and CUSTOM[ds] == "classification" and \
                any(not float(p[2]).is_integer() for p in values["data"]):
            raise ParamError("data", "classification data needs whole-number labels 0 to 4.")
        if not values["features"]:
            raise ParamError("features", "at least one input feature must be on.")
        if len(values["focus"]) == 1:
            raise ParamError("focus", "focus must be [layer, neuron], or empty.")

    def layer_sizes(self, values: Mapping[str, Any] | None = None) -> list[int]:
        v = values if values is not None else self._values
        return [len(v["features"]), *v["hidden"], self._outputs(v)]

    def _outputs(self, v: Mapping[str, Any]) -> int:
        if task_of(v["dataset"]) == "regression":
            return 1
        k = self._classes(v)
        return 1 if k == 2 else k

    @staticmethod
    def _classes(v: Mapping[str, Any]) -> int:
        if v["dataset"] in CUSTOM:
            return max(2, int(max((p[2] for p in v["data"]), default=1)) + 1)
        return int(v["classes"])

    @property
    def task(self) -> str:
        return task_of(self.p.dataset)

    @property
    def n_classes(self) -> int:
        return self._classes(self._values)

    @property
    def softmax(self) -> bool:
        return self.task == "classification" and self.n_classes > 2

    def hidden_activations(self) -> list[str]:
        listed = self.p.layer_activations
        return [listed[i] if i < len(listed) else self.p.activation
                for i in range(len(self.p.hidden))]

    def reset(self) -> None:
        self._build_data()
        out_act = "tanh" if self.task == "classification" and not self.softmax else "linear"
        self.net = MLP(self.layer_sizes(), self.hidden_activations(), out_act, self.p.init,
                       seed=self.p.seed)
        self.loss = SOFTMAX_CE if self.softmax else SQUARE
        self.trainer = Trainer(self.net, self.loss, make(self.p.optimiser, self.p.learning_rate),
                               self.p.batch_size, self.p.regularisation, float(self.p.reg_rate),
                               self.p.dropout, seed=self.p.seed)
        self.train_history = History()
        self.test_history = History()
        self.shown_ranges: dict[str, tuple[float, float]] = {}  # histogram axes (views)
        self.stopped = False
        self._record()

    def _build_data(self) -> None:
        """Points, targets, train/test split, the feature map and the grid's features."""
        p = self.p
        if p.dataset in CUSTOM:
            pts = np.array([q[:2] for q in p.data], dtype=float).reshape(-1, 2)
            t = np.array([q[2] for q in p.data], dtype=float)
        else:
            pts, t = pg.generate(p.dataset, p.points, p.noise / 100, p.classes, p.seed)
        self.points, self.targets_raw = pts, t
        self.is_train = pg.is_train(len(pts), p.train_share / 100)
        self.x_range, self.y_range = self._ranges(pts)
        x = self.features_of(pts)
        y = self._loss_targets(t)
        self.x_train, self.y_train = x[self.is_train], y[self.is_train]
        self.x_test, self.y_test = x[~self.is_train], y[~self.is_train]
        gx = np.linspace(*self.x_range, GRID)
        gy = np.linspace(*self.y_range, GRID)
        xx, yy = np.meshgrid(gx, gy)  # row 0 = smallest y, as views expect
        self.grid_features = self.features_of(np.stack([xx.ravel(), yy.ravel()], axis=1))

    def _ranges(self, pts: np.ndarray) -> tuple[tuple[float, float], tuple[float, float]]:
        """[-6, 6]² unless the data reach outside it; then the data's box, padded by 5 %."""
        if len(pts) == 0 or (np.abs(pts) <= pg.DOMAIN[1]).all():
            return pg.DOMAIN, pg.DOMAIN
        out = []
        for k in range(2):
            lo, hi = float(pts[:, k].min()), float(pts[:, k].max())
            pad = 0.05 * (hi - lo) if hi > lo else 1.0
            out.append((lo - pad, hi + pad))
        return out[0], out[1]

    def features_of(self, pts: np.ndarray) -> np.ndarray:
        """The chosen input features of points in the plot's units (scaled to [-6, 6]²)."""
        scaled = np.empty_like(pts)
        for k, (lo, hi) in enumerate((self.x_range, self.y_range)):
            scaled[:, k] = (pts[:, k] - lo) / (hi - lo) * 12.0 - 6.0
        return pg.features(scaled, self.p.features)

    def _loss_targets(self, t: np.ndarray) -> np.ndarray:
        if self.task == "regression":
            return t[:, None]
        if self.softmax:
            return t
        return np.where(t == 0, 1.0, -1.0)[:, None]

    def changed(self, names: builtins.set[str]) -> None:
        tr = self.trainer
        if "learning_rate" in names:
            tr.optimiser.lr = self.p.learning_rate
        if "optimiser" in names:
            tr.optimiser = make(self.p.optimiser, self.p.learning_rate)
        tr.regularisation, tr.reg_rate = self.p.regularisation, float(self.p.reg_rate)
        tr.dropout, tr.batch_size = self.p.dropout, self.p.batch_size
        live = {"learning_rate", "optimiser", "regularisation", "reg_rate", "dropout",
                "batch_size", "stop_epochs", "stop_loss", "show_test", "discretize", "focus",
                "brush"}
        if names <= live:
            return
        edits_data = names - live <= {"data", "train_share", "dataset"} and \
            ("dataset" not in names or self.p.dataset in CUSTOM)
        if edits_data and self.net.sizes == self.layer_sizes():
            self._build_data()  # your data edited: keep the network training on it
            self._record()
            return
        if "dataset" in names and self.p.dataset not in CUSTOM:
            other = "classification" if self.task == "regression" else "regression"
            if self.p.points == pg.DEFAULT_POINTS[other]:
                self._assign(points=pg.DEFAULT_POINTS[self.task])
        self.reset()

    # --- actions ------------------------------------------------------------------------

    def step(self) -> None:
        before = self.train_history.y[-1] if len(self.train_history) else np.inf
        if len(self.x_train):
            self.trainer.train_epoch(self.x_train, self.y_train)
        else:
            self.trainer.epoch += 1
        train_loss = self._record()
        stop_loss = self.p.stop_loss
        self.stopped = (self.p.stop_epochs and self.trainer.epoch == self.p.stop_epochs) or \
            (stop_loss > 0 and train_loss <= stop_loss < before)

    @property
    def finished(self) -> bool:
        """True right after the step that reached "stop after" or "stop at loss"."""
        return bool(self.stopped)

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    def losses(self) -> tuple[float, float]:
        """(training loss, test loss) now, in the loss the network trains on."""
        return (self._loss(self.x_train, self.y_train), self._loss(self.x_test, self.y_test))

    def _loss(self, x: np.ndarray, y: np.ndarray) -> float:
        return self.loss.value(self.net.forward(x), y) if len(x) else float("nan")

    def _record(self) -> float:
        train, test = self.losses()
        self.train_history.add(self.trainer.epoch, train)
        self.test_history.add(self.trainer.epoch, test)
        return train

    def act(self, name: str, value: Any = None) -> None:
        if name == "regenerate":
            self._assign(seed=(self.p.seed + 1) % (2**31))
            self.reset()
        elif name == "upload_csv":
            self._upload(value)
        elif name == "add_point":
            self._click(value)
        elif name == "set_weight":
            self._set_weight(value)
        else:
            super().act(name, value)

    def _upload(self, text: Any) -> None:
        if not isinstance(text, str):
            raise ParamError("data", "an upload must send the file's text.")
        got = csv_points.parse_csv(text)
        dataset = "custom" if got.task == "classification" else "custom_reg"
        self.set(dataset=dataset, data=got.points, focus=())
        self.reset()  # new data: start training afresh

    def _click(self, value: Any) -> None:
        if not isinstance(value, dict) or not all(
                isinstance(value.get(k), int | float) and not isinstance(value.get(k), bool)
                for k in ("x", "y")):
            raise ParamError("add_point", 'add_point needs {"x": number, "y": number}.')
        x, y = float(value["x"]), float(value["y"])
        pts = list(self.p.data) if self.p.dataset in CUSTOM else \
            [(float(a), float(b), float(c)) for (a, b), c in zip(self.points, self.targets_raw,
                                                                  strict=True)]
        dataset = self.p.dataset if self.p.dataset in CUSTOM else \
            ("custom" if self.task == "classification" else "custom_reg")
        if value.get("shift"):
            if not pts:
                raise ParamError("add_point", "there is no point to remove.")
            d = np.hypot((np.array([p[0] for p in pts]) - x) / np.ptp(self.x_range),
                         (np.array([p[1] for p in pts]) - y) / np.ptp(self.y_range))
            k = int(np.argmin(d))
            if d[k] > REMOVE_RADIUS:
                raise ParamError("add_point", "no point near enough to remove: shift-click on "
                                              "a point.")
            pts.pop(k)
        else:
            brush = self.p.brush
            label = (1.0 if brush == 0 else -1.0) if task_of(dataset) == "regression" else \
                float(brush)
            pts.append((x, y, label))
        self.set(dataset=dataset, data=pts)

    def _set_weight(self, value: Any) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            raise ParamError("weight", 'set_weight needs {"id": "layer:from:to", "value": x}.')
        try:
            layer, i, j = (int(v) for v in value["id"].split(":"))
            w = self.net.weights[layer]
            if not (0 <= i < w.shape[0] and 0 <= j < w.shape[1]):
                raise IndexError
        except (ValueError, IndexError):
            raise ParamError("weight", f"no weight {value['id']!r} in this network.") from None
        v = value.get("value")
        if isinstance(v, str):
            with contextlib.suppress(ValueError):
                v = float(v)
        if isinstance(v, bool) or not isinstance(v, int | float) or not -100 <= v <= 100:
            raise ParamError("weight", f"a weight must be a number in [-100, 100]; got {v!r}.")
        w[i, j] = float(v)

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return playground_frame(self)


register(Playground)
