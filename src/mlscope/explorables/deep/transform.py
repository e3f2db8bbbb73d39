"""How a network transforms data: the seed article's hidden-layer animation, live.

A small sigmoid network (2 inputs, hidden layers, 1 output) learns data that no straight line
separates. Its hidden layer maps the plane into the square (0, 1)² (or the cube, with 3
neurons), where the classes become linearly separable and the output neuron is a logistic
regression. The slider t carries every point and a grid of the plane from the input space to
the hidden space; the output is also drawn as a probability surface over the plane.

The views are ``mlscope.lens.views``, the same the lens draws for a user's own model.
"""

from __future__ import annotations

import builtins

import numpy as np

from mlscope.core.catalog import register
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ChoiceParam, FloatParam, IntParam
from mlscope.core.views import Chart, History, Series, View
from mlscope.data import playground as pg
from mlscope.data.seed_article import article, ring, standardise
from mlscope.lens.adapters import from_mlscope
from mlscope.lens.explorable import next_t, view_params
from mlscope.lens.transformation import Transformation
from mlscope.lens.views import StaticViews, Targets, about_text, hidden_view
from mlscope.nn.losses import SIGMOID_CE
from mlscope.nn.mlp import MLP
from mlscope.nn.optimisers import make as make_optimiser

DATASETS = ("article", "ring", "circle", "xor", "gauss", "spiral")
DATASET_LABELS = ("the article's: a class on both sides", "ring", "circle", "XOR",
                  "two gaussians", "spiral")
ACTIVATIONS = ("sigmoid", "tanh", "relu", "leaky_relu", "elu", "softplus", "linear")
VIEW_PARAMS = {"t", "layer", "play_mode", "spin", "angle"}


def make_data(name: str, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Standardised points (n, 2) and 0/1 labels of dataset ``name``."""
    if name == "article":
        return article()
    if name == "ring":
        return ring(300, seed + 1)
    x, t = pg.generate(name, 300, 0.0, 2, seed)
    return standardise(x), t.astype(np.int64)


@register
class NetworkTransform(Explorable):
    slug = "network-transform"
    title = "How a network transforms data"
    topic = "deep"
    summary = ("Watch a hidden layer move the data into a space where a straight line "
               "separates the classes, in 2-D and 3-D.")
    playable = True
    params = (
        ChoiceParam("dataset", "article", options=DATASETS, labels=DATASET_LABELS,
                    label="data", group="Data"),
        IntParam("neurons", 2, 1, 8, label="neurons per hidden layer", group="Network",
                 doc="2 maps the plane into a square, 3 into a cube; more are drawn by PCA."),
        IntParam("layers", 1, 1, 4, label="hidden layers", group="Network"),
        ChoiceParam("activation", "sigmoid", options=ACTIVATIONS, label="activation",
                    group="Network"),
        FloatParam("learning_rate", 0.05, 0.001, 1.0, log=True, label="learning rate",
                   group="Network", doc="Adam's step size on the cross-entropy."),
        *view_params(4, spin_label="turn the cube"),
        ChoiceParam("play_mode", "train", options=("train", "animate"),
                    labels=("trains the network", "animates t"), label="play",
                    group="View", doc="What the play button does."),
    )
    actions = (
        Action("step", "Step", "One step of play: an epoch of training, or t moves on."),
        Action("train100", "Train 100 epochs", steps=0),
        Action("reset", "Reset", "New weights; training starts again."),
    )
    layout = (("input", "hidden"), ("surface", "loss"), ("about",))
    export_layout = (("input", "hidden"),)
    step_name = "step"
    thumbnail_view = "hidden"
    thumbnail_steps = 150
    guide = """A network with one hidden layer of 2 sigmoid neurons learns data that no straight
line separates: one class in the middle, the other on both sides.

The hidden layer computes $a = \\sigma(W x + b)$: every point of the plane lands in the
square $(0, 1)^2$. Move $t$ from 0 to 1 to carry the points and a grid of the plane there:
first the weighted sums $z = W x + b$ (a linear map: the grid stays straight), then
$\\sigma$ bends it. In the square the classes can be split by a line, and the output neuron is
just a logistic regression on $a$.

Choose the ring with 3 neurons: the hidden space is a cube, and a plane splits the classes.
Drag the cube to turn it. With more layers, $t$ walks through every layer in turn."""

    def reset(self) -> None:
        p = self.p
        self.x, self.y = make_data(p.dataset, p.seed)
        self.net = MLP([2, *[p.neurons] * p.layers, 1], [p.activation] * p.layers,
                       output="sigmoid", init="glorot", seed=p.seed)
        self.optimiser = make_optimiser("adam", p.learning_rate)
        self.epoch = 0
        self.history = History(1000)
        self.adapter = from_mlscope(self.net, "binary")
        self.transformation = Transformation(self.adapter, self.x)
        self.targets = Targets(labels=self.y, class_names=["0", "1"])
        self._fresh = True
        self._static = StaticViews()
        self._version = 0
        self._framed_version = -1
        self._record_loss()

    def changed(self, names: builtins.set[str]) -> None:
        if names <= VIEW_PARAMS | {"learning_rate"}:
            self.optimiser.lr = self.p.learning_rate
            return
        self.reset()

    def _record_loss(self) -> None:
        self.history.add(self.epoch, SIGMOID_CE.value(self.net.forward(self.x),
                                                      self.y[:, None].astype(float)))

    def train_epoch(self) -> None:
        """One full-batch step of Adam on the mean binary cross-entropy."""
        cache = self.net.forward_train(self.x)
        target = self.y[:, None].astype(float)
        gw, gb = self.net.backward(cache, SIGMOID_CE.grad(cache.inputs[-1], target))
        self.optimiser.update(self.net.parameters(), gw + gb)
        self.epoch += 1
        self._fresh = False
        self._version += 1
        self._record_loss()

    def step(self) -> None:
        if self.p.play_mode == "train":
            self.train_epoch()
        else:
            self._assign(t=next_t(self.p.t))

    def act(self, name: str, value: object = None) -> None:
        if name == "train100":
            for _ in range(100):
                self.train_epoch()
        else:
            super().act(name, value)

    @property
    def steps(self) -> int:
        return self.epoch

    def frame(self) -> dict[str, View]:
        if not self._fresh:
            self.transformation.refresh()
            self._fresh = True
        layer = min(self.p.layer, self.p.layers) - 1
        camera = (24.0, self.p.angle)
        tr, tg = self.transformation, self.targets
        static = self._static.get(self._version, tr, tg, camera, self.p.spin)
        # The hidden view's path along t goes to the browser once the weights hold still
        # (scrubbing t then needs no round trip); while training, every frame would resend it.
        held = self._version == self._framed_version
        self._framed_version = self._version
        return {
            "input": static["input"],
            "hidden": hidden_view(tr, tg, layer, self.p.t, camera, self.p.spin, tween=held),
            "surface": static["surface"],
            "loss": Chart(f"Training loss (epoch {self.epoch})", "epoch", "cross-entropy",
                          self.history.x, [Series("training", self.history.y)], log_y=True),
            "about": about_text(tr, tg, layer, self.p.t,
                                "" if self.p.layer <= self.p.layers else
                                f"The network has {self.p.layers} hidden layer(s): showing "
                                f"the last."),
        }
