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
import itertools
from collections import deque
from collections.abc import Collection, Mapping
from typing import Any, ClassVar

import numpy as np

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
    brief,
)
from mlscope.core.story import PLAY, Step
from mlscope.core.views import History, View
from mlscope.data import csv_points, plane
from mlscope.explorables.deep.playground_views import GRID, playground_frame
from mlscope.nn import ACTIVATIONS, MLP, SOFTMAX_CE, SQUARE, Trainer
from mlscope.nn.mlp import INITS
from mlscope.nn.optimisers import OPTIMISERS, make
from mlscope.nn.train import REGULARISATIONS

MAX_LAYERS, MAX_NEURONS = 10, 32
CUSTOM = {"custom": "classification", "custom_reg": "regression"}
DATASETS = (*plane.PLAYGROUND_CLASSIFICATION, *plane.REGRESSION, *CUSTOM)
DATASET_LABELS = (*(plane.LABELS[d] for d in DATASETS if d in plane.LABELS),
                  "Your data (classes)", "Your data (values)")
REG_RATES = ("0", "0.001", "0.003", "0.01", "0.03", "0.1", "0.3", "1", "3", "10")
ACT_NAMES = tuple(ACTIVATIONS)
ACT_LABELS = tuple(a.label for a in ACTIVATIONS.values())
DATA_RANGE = (-1e6, 1e6)


# --- the story's numbers (measured with the engine and seed 0, see tests/unit/test_playground.py)
GOAL_CIRCLE = 0.02
"""Step 1: the test loss on the circle; the default network gets there in about 110 epochs."""
GOAL_SPIRAL = 0.1
"""Step 3: the test loss on the spiral; with sin X₁, sin X₂ and 6 to 8 neurons per layer,
about 70 to 200 epochs; with X₁, X₂ only and 4, 2 neurons it stays near 0.4."""
RISE = 1.01
"""A training loss counts as risen when it is 1 % above the epoch before's (not noise)."""
RISE_WINDOW, RISES = 10, 3
"""Step 4: the learning rate is too high once the training loss rose in RISES of the last
RISE_WINDOW epochs (never at the default rate; from the first epochs at 1 or 3)."""
OVERFIT_EPOCHS = 50
"""Step 5: the callout and goal: the test loss has risen for this many epochs since its
lowest (to at least OVERFIT_MARGIN times it) while the training loss fell."""
OVERFIT_MARGIN = 1.05
REG_EPOCHS, GOAL_REG = 300, 0.4
"""Step 6: epochs of training with regularisation that must end with the test loss below
GOAL_REG and near its lowest (L2 at 0.1 does, with 4, 2 or 8, 8 neurons and every feature;
without a penalty the test loss has risen 20 to 60 % by then; a penalty so strong that the
network cannot fit ends flat but near 0.47)."""
NOISY, FEW = 30, 20
"""Step 6's data: noise of at least NOISY %, at most FEW % of the points for training."""
TEX_FEATURES = {"x1": "X_1", "x2": "X_2", "x1sq": "X_1^2", "x2sq": "X_2^2", "x1x2": "X_1X_2",
                "sin_x1": "\\sin X_1", "sin_x2": "\\sin X_2", "cos_x1": "\\cos X_1",
                "cos_x2": "\\cos X_2"}


def task_of(dataset: str) -> str:
    if dataset in CUSTOM:
        return CUSTOM[dataset]
    return "regression" if dataset in plane.REGRESSION else "classification"


# --- the story: live sentences, each from the playground's own numbers -----------------------

DIVERGED = ("The network **diverged**: its steps grew until the weights were no longer "
            "numbers. Lower the learning rate and press Reset.")


def _losses_now(ex: Playground) -> str:
    if ex.diverged:
        return f"Epoch {ex.epoch:,}: " + DIVERGED
    train, test = ex.losses()
    return f"Epoch {ex.epoch:,}: training loss **{train:.3f}**, test loss **{test:.3f}**."


def _train_live(ex: Playground) -> str:
    if ex.epoch == 0:
        return "Epoch 0: the network has not seen a point yet. Press Play."
    text = _losses_now(ex)
    if ex.losses()[1] < GOAL_CIRCLE:
        text += (" The test points, which the network never trained on, are as well "
                 "placed as the training points: it has learnt the circle, not the points.")
    return text


def _neuron_tex(ex: Playground, j: int) -> str:
    """Neuron j of the first hidden layer as TeX: act(w·features + b)."""
    w, b = ex.net.weights[0][:, j], float(ex.net.biases[0][j])
    terms = ""
    for k, (name, wk) in enumerate(zip(ex.p.features, w, strict=True)):
        sign = "-" if wk < 0 else ("+" if k else "")
        terms += f"{sign} {abs(wk):.2f}\\,{TEX_FEATURES[name]} "
    sign = "-" if b < 0 else "+"
    act = ex.hidden_activations()[0]
    name = act.replace("_", "\\_")
    head = "\\tanh" if act == "tanh" else f"\\operatorname{{{name}}}"
    return f"{head}({terms}{sign} {abs(b):.2f})"


def _neuron_live(ex: Playground) -> str:
    focus = tuple(ex.p.focus)
    last = len(ex.net.sizes) - 1
    if len(focus) != 2 or not 1 <= focus[0] <= last or focus[1] >= ex.net.sizes[focus[0]]:
        return "Hover a neuron in the first column after the inputs."
    layer, j = focus
    if layer == last:
        return ("The output neuron adds up the last hidden layer's pictures, weighted by its "
                "edges: the sum is the big picture.")
    if layer > 1:
        return (f"Neuron {layer}.{j + 1} sees the pictures of layer {layer - 1}, not the "
                "inputs: it adds their lines up, weighted by its edges, so its own boundary "
                "can bend and close around the middle.")
    inputs = " and ".join(f"${TEX_FEATURES[f]}$" for f in ex.p.features)
    tex = _neuron_tex(ex, j)
    straight = set(ex.p.features) <= {"x1", "x2"}
    return (f"Neuron 1.{j + 1} computes ${tex}$ from {inputs} alone. Its picture is blue "
            "where its output is positive, orange where it is negative. "
            + ("Its boundary, where the sum is 0, is a straight line."
               if straight else "With squared or sine features its boundary can bend."))


def _spiral_live(ex: Playground) -> str:
    if ex.p.dataset != "spiral":
        return "Choose **Spiral** under data."
    text = _losses_now(ex)
    test = ex.losses()[1]
    if test < GOAL_SPIRAL:
        return text + " The boundary now winds around the arms of the spiral."
    if ex.epoch >= 300 and test > 0.3:
        text += (f" After {ex.epoch} epochs the network still cannot follow the arms: give "
                 "it $\\sin X_1$ and $\\sin X_2$ or more neurons, then Reset.")
    return text


def _rate_live(ex: Playground) -> str:
    rises = ex.loss_rises()
    train = ex.losses()[0]
    eta = f"$\\eta = {ex.p.learning_rate:.3g}$"
    if ex.diverged:
        return (f"With {eta} the network **diverged** at epoch {ex.epoch:,}: each step "
                "overshot by more than the last, until the weights were no longer numbers. "
                "Lower the rate and press Reset.")
    if rises >= RISES:
        return (f"With {eta} the training loss went **up** in {rises} of the last "
                f"{RISE_WINDOW} epochs: each step jumps past the bottom of the valley and "
                "lands higher on the other side.")
    recent = ex.recent_train
    if len(recent) > RISE_WINDOW and train > 0.3 and max(recent) - min(recent) < 1e-3:
        return (f"With {eta} the training loss is stuck at **{train:.2f}**: big steps threw "
                "the neurons into the flat tails of tanh, where the gradient is almost 0. "
                "Lower the rate and press Reset.")
    return f"With {eta}: epoch {ex.epoch:,}, training loss **{train:.3f}**."


def _overfit_callout(ex: Playground) -> str:
    n = ex.overfit_epochs()
    train, test = ex.losses()
    best, at, _ = ex.best_test
    if n >= OVERFIT_EPOCHS:
        return (f"**Overfitting:** the test loss was lowest at epoch {at:,} ({best:.3f}) and "
                f"has risen for {n} epochs, to {test:.3f}, while the training loss fell to "
                f"{train:.3f}. The network is learning the noise of its "
                f"{len(ex.x_train)} training points.")
    return ""


def _overfit_live(ex: Playground) -> str:
    callout = _overfit_callout(ex)
    if callout:
        return callout
    best, at, _ = ex.best_test
    return _losses_now(ex) + f" The lowest test loss so far: {best:.3f}, at epoch {at:,}."


def _noisy_few(ex: Playground) -> None:
    """The regularisation step starts from the overfitting step's data: opened straight from
    a link (or with clean data), it sets up step 5's noisy circle and its big network."""
    if ex.p.noise >= NOISY and ex.p.train_share <= FEW:
        return
    ex.set(dataset="circle", noise=50, train_share=10, features=tuple(plane.FEATURES),
           hidden=(8, 8), show_test=True)


def _regularise_done(ex: Playground) -> bool:
    best = ex.best_test[0]
    return (ex.p.regularisation != "none" and float(ex.p.reg_rate) > 0
            and ex.p.noise >= NOISY and ex.p.train_share <= FEW and ex.epoch >= REG_EPOCHS
            and ex.losses()[1] < GOAL_REG and ex.losses()[1] <= OVERFIT_MARGIN * best)


def _regularise_live(ex: Playground) -> str:
    if ex.p.regularisation == "none" or float(ex.p.reg_rate) == 0:
        return "Choose L2 regularisation and a rate, then press Reset and Play."
    if ex.diverged:
        return _losses_now(ex)
    test = ex.losses()[1]
    best, at, _ = ex.best_test
    kind = ex.p.regularisation.upper()
    text = (f"{kind} at {ex.p.reg_rate}, epoch {ex.epoch:,}: test loss **{test:.3f}**, "
            f"lowest {best:.3f} at epoch {at:,} ({100 * (test / best - 1):+.0f} %).")
    callout = _overfit_callout(ex)
    if callout:
        text += " Still overfitting: raise the rate and press Reset."
    elif ex.losses()[0] > 0.3 and ex.epoch >= 100:
        text += " The training loss stays high too: the penalty is so strong the network " \
                "cannot fit even the trend. Lower the rate."
    return text


class Playground(Explorable):
    slug = "playground"
    title = "Neural network playground"
    topic = "deep"
    summary = ("Train a neural network in your browser: TensorFlow Playground's data, features "
               "and settings, plus more classes, optimisers, activations and your own data.")
    playable = True
    params = (
        FloatParam("learning_rate", 0.03, 1e-5, 10.0, log=True, label="learning rate",
                   group="Training", doc="Step size; it can change while training runs.",
                   effect="live"),
        ChoiceParam("activation", "tanh", options=ACT_NAMES, labels=ACT_LABELS,
                    label="activation", group="Training",
                    doc="The activation of the hidden layers."),
        ChoiceParam("regularisation", "none", options=REGULARISATIONS,
                    labels=("none", "L1", "L2"), label="regularisation", group="Training",
                    doc="A penalty on large weights.", effect="live"),
        ChoiceParam("reg_rate", "0", options=REG_RATES, label="regularisation rate",
                    group="Training", doc="How strong the penalty is.", effect="live"),
        ChoiceParam("dataset", "circle", options=DATASETS, labels=DATASET_LABELS,
                    label="data", group="Data",
                    doc="Which data to learn; 'your data' is what you click or upload.",
                    effect="data"),
        IntParam("classes", 2, 2, 5, label="classes", group="Data",
                 doc="Classes in the generated classification data (2 is TensorFlow "
                     "Playground's)."),
        IntParam("noise", 0, 0, 50, 5, label="noise %", group="Data",
                 doc="Noise in the generated data, in percent."),
        IntParam("train_share", 50, 10, 90, 10, label="training data %", group="Data",
                 doc="Share of the points used for training; the rest are the test data.",
                 effect="data"),
        IntParam("batch_size", 10, 1, 30, label="batch size", group="Data",
                 doc="Points per gradient step.", effect="live"),
        BoolParam("show_test", False, label="show test data", group="Display",
                  doc="Draw the test points too (with a dark outline).", effect="view"),
        BoolParam("discretize", False, label="discretize output", group="Display",
                  doc="Colour each region by its predicted class only.", effect="view"),
        FlagsParam("features", ("x1", "x2"), options=tuple(plane.FEATURES),
                   labels=tuple(v[0] for v in plane.FEATURES.values()), label="input features",
                   group="Features", doc="Which properties of each point the network sees.",
                   advanced=True),
        ListParam("hidden", (4, 2), item=IntParam("neurons", 1, 1, MAX_NEURONS),
                  min_len=0, max_len=MAX_LAYERS, label="hidden layers", group="Network",
                  doc="Neurons in each hidden layer, e.g. 4,2 (0 to 10 layers of 1 to 32).",
                  advanced=True),
        ListParam("layer_activations", (), item=ChoiceParam("activation", "tanh",
                                                            options=ACT_NAMES),
                  min_len=0, max_len=MAX_LAYERS, label="per-layer activations",
                  group="Network",
                  doc="An activation per hidden layer, e.g. relu,tanh; layers not listed use "
                      "the activation above.", advanced=True),
        ChoiceParam("optimiser", "sgd", options=tuple(OPTIMISERS),
                    labels=tuple(o.label for o in OPTIMISERS.values()), label="optimiser",
                    group="Training", doc="How gradients become steps.", advanced=True,
                    effect="live"),
        ChoiceParam("init", "playground", options=INITS,
                    labels=("uniform ±0.5, bias 0.1", "Glorot", "He", "zero"),
                    label="initialisation", group="Network",
                    doc="How weights start: TensorFlow Playground's uniform(-0.5, 0.5) with "
                        "biases 0.1, Glorot, He, or all zero.", advanced=True),
        FloatParam("dropout", 0.0, 0.0, 0.9, step=0.05, label="dropout", group="Training",
                   doc="Share of hidden neurons switched off at random in each training step.",
                   advanced=True, effect="live"),
        IntParam("stop_epochs", 0, 0, 100000, label="stop after epochs", group="Training",
                 doc="Pause when training reaches this epoch (0: never).", advanced=True,
                 effect="live"),
        FloatParam("stop_loss", 0.0, 0.0, 1.0, step=0.0001, label="stop at training loss ≤",
                   group="Training", doc="Pause when the training loss falls to this (0: never).",
                   advanced=True, effect="live"),
        IntParam("points", 500, 20, 5000, 10, label="points", group="Data",
                 doc="How many points to generate (TensorFlow Playground: 500, or 1,200 for "
                     "regression).", advanced=True),
        IntParam("brush", 0, 0, 4, label="class to add", group="Data",
                 doc="Click the output to add a point of this class (for values: class 0 "
                     "adds +1, class 1 adds -1); shift-click removes the nearest point.",
                 advanced=True, effect="view"),
        ListParam("focus", (), item=IntParam("index", 0, 0, 64), min_len=0, max_len=2,
                  transient=True, label="neuron shown",
                  doc="[layer, neuron] whose output the big plot shows (set by hovering).",
                  effect="view"),
        PointsParam("data", (), x_range=DATA_RANGE, y_range=DATA_RANGE, n_labels=5,
                    max_points=csv_points.MAX_POINTS, float_labels=True, label="your data",
                    doc="Your own points (x1, x2, label or value).", effect="data"),
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
    layout = (("network", "output", "loss"), ("metrics", "confusion"),
              ("activations", "gradients"))
    under: ClassVar[dict[str, str]] = {"loss": "output"}
    export_layout = (("network", "output"), ("loss",))
    step_name = "epoch"
    thumbnail_view = "output"
    thumbnail_steps = 200
    captions: ClassVar[dict[str, str]] = {
        "network": "Each neuron's picture is its output over the plane (blue +, orange −); "
                   "edges: blue positive, orange negative weights; the small square at a "
                   "neuron's corner: its bias. Hover a neuron.",
        "output": "The network's answer (or the hovered neuron's) over the plane: blue "
                  "region, blue class. Dots: the training points.",
        "loss": "Per epoch: the training loss (dark) and the loss on the test points "
                "(purple), never trained on.",
        "metrics": "Loss and accuracy now, on the training and on the test points.",
        "confusion": "Test points by actual class (rows) and predicted class (columns): the "
                     "diagonal is right.",
        "activations": "How each hidden layer's outputs spread; a pile at the ends means "
                       "saturated neurons.",
        "gradients": "How large each layer's weight gradients are (log scale); far left: that "
                     "layer hardly learns.",
    }
    story_steps = (
        Step("train", "Watch a network learn",
             "Blue and orange points: two classes, one inside a ring of the other. A small "
             "network (two inputs, hidden layers of 4 and 2 neurons) starts with random "
             "weights, so its answer, the shading, is a guess.\n\n"
             "Press **Play**. Every epoch it passes over the training points and moves each "
             "weight a little downhill on the loss $\\frac1n\\sum_i \\frac12(\\hat y_i - y_i)^2$. "
             "Watch the shading take the shape of the data and both losses fall. Half the "
             "points are kept aside as **test** points: the network never trains on them, so "
             "their loss says whether it learnt the pattern or the points.",
             views=("output", "loss"), controls=(PLAY, "step", "reset"), highlight=(PLAY,),
             goal=f"Bring the test loss below {GOAL_CIRCLE}.",
             done=lambda ex: ex.losses()[1] < GOAL_CIRCLE, live=_train_live),
        Step("neurons", "What one neuron sees",
             "Each neuron of the diagram draws its own output over the plane. A neuron of the "
             "first hidden layer sees only the inputs $X_1$ and $X_2$: it computes "
             "$\\tanh(w_1 X_1 + w_2 X_2 + b)$, which is positive on one side of the straight "
             "line $w_1 X_1 + w_2 X_2 + b = 0$ and negative on the other.\n\n"
             "**Hover** the neurons of the first hidden layer: each one is a line. The next "
             "layer adds those pictures up, weighted by the edges, and bends them into the "
             "circle.",
             views=("network", "output"), controls=(PLAY, "reset"), highlight=("network",),
             goal="Hover a neuron of the first hidden layer.",
             done=lambda ex: len(ex.p.focus) == 2 and ex.p.focus[0] == 1,
             live=_neuron_live),
        Step("spiral", "Harder data needs more",
             "Choose the **Spiral**. Its arms wind around each other: a few lines cannot "
             "follow them, and the test loss of this small network stays near 0.4.\n\n"
             "Give it more: click the inputs $\\sin X_1$ and $\\sin X_2$ in the diagram (or "
             "tick them under features), add neurons with **+**, then press Reset and Play. "
             "Better inputs help most: a neuron that sees $\\sin X_1$ can draw a wave, not "
             "just a line.",
             views=("network", "output", "loss"),
             controls=("dataset", "features", "hidden", PLAY, "reset"),
             highlight=("dataset", "features"),
             goal=f"On the spiral, bring the test loss below {GOAL_SPIRAL}.",
             done=lambda ex: ex.p.dataset == "spiral" and ex.losses()[1] < GOAL_SPIRAL,
             live=_spiral_live),
        Step("rate", "A learning rate too high",
             "The learning rate $\\eta$ is the size of each step downhill, "
             "$w \\leftarrow w - \\eta\\,\\partial L/\\partial w$. Small steps are slow; steps "
             "that are too large jump across the valley and land higher on the other side.\n\n"
             "Keep playing and raise the learning rate to 1 or 3: the loss stops falling "
             "smoothly. Then set it back to 0.03 and press Reset.",
             views=("output", "loss"), controls=("learning_rate", PLAY, "reset"),
             highlight=("learning_rate",),
             goal=f"Raise the learning rate until the training loss goes up in {RISES} of "
                  f"{RISE_WINDOW} epochs.",
             done=lambda ex: ex.p.learning_rate > 0.03 and ex.loss_rises() >= RISES,
             live=_rate_live),
        Step("overfit", "Too little data, too much noise",
             "A network with many weights and few points can learn the points themselves, "
             "noise and all, instead of the pattern.\n\n"
             "Choose the **Circle**, set noise to 50 % and training data to 10 %: 50 noisy "
             "points to learn from. Switch on every feature, give the network two layers of "
             "8 (type 8, 8), tick **show test data**, and play. The training loss keeps "
             "falling; watch the test loss.",
             views=("output", "loss"),
             controls=("dataset", "noise", "train_share", "features", "hidden", "show_test",
                       PLAY, "reset"),
             highlight=("noise", "train_share"),
             goal=f"Catch the network overfitting: the test loss rising for {OVERFIT_EPOCHS} "
                  "epochs while the training loss falls.",
             done=lambda ex: ex.overfit_epochs() >= OVERFIT_EPOCHS, live=_overfit_live),
        Step("regularise", "A penalty on large weights",
             "A network that fits noise needs large weights to make sharp turns. "
             "**Regularisation** adds a penalty for them to the loss: L2 adds "
             "$\\lambda\\sum w^2$, so every step also shrinks each weight a little. The "
             "boundary stays smooth and follows the trend, not the noise.\n\n"
             "Keep the noisy data, choose **L2**, a rate, press **Reset** and play. Too small a "
             "rate changes little; too large and the network cannot fit anything. Try 0.1.",
             views=("output", "loss"), enter=_noisy_few,
             controls=("regularisation", "reg_rate", PLAY, "reset"),
             highlight=("regularisation", "reg_rate"),
             goal=f"With regularisation, train {REG_EPOCHS} epochs on the noisy data and end "
                  f"with the test loss below {GOAL_REG}, within "
                  f"{round(100 * (OVERFIT_MARGIN - 1))} % of its lowest.",
             done=_regularise_done, live=_regularise_live),
    )
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
        if ds in plane.MAX_CLASSES and values["classes"] > plane.MAX_CLASSES[ds]:
            raise ParamError("classes", f"classes must be at most {plane.MAX_CLASSES[ds]} for "
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
        self._weights_changed = 0  # counts edits of a weight by hand (losses() cache)
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
        self.stopped = False
        self._track()
        self._record()

    def _build_data(self) -> None:
        """Points, targets, train/test split, the feature map and the grid's features."""
        self._weights_changed = getattr(self, "_weights_changed", 0) + 1  # new data: new losses
        self.view_cache: dict[str, Any] = {}
        """What the views keep between frames (``playground_views``), dropped with the data."""
        p = self.p
        if p.dataset in CUSTOM:
            pts = np.array([q[:2] for q in p.data], dtype=float).reshape(-1, 2)
            t = np.array([q[2] for q in p.data], dtype=float)
        else:
            pts, t = plane.generate(p.dataset, p.points, p.noise / 100, p.classes, p.seed)
        self.points, self.targets_raw = pts, t
        self.is_train = plane.is_train(len(pts), p.train_share / 100)
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
        if len(pts) == 0 or (np.abs(pts) <= plane.DOMAIN[1]).all():
            return plane.DOMAIN, plane.DOMAIN
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
        return plane.features(scaled, self.p.features)

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
        effects = self.effects(names)
        if effects <= {"live", "view"}:
            return
        # Data edited (your points, the split, a switch to your data): keep the network.
        edits_data = "restart" not in effects and \
            ("dataset" not in names or self.p.dataset in CUSTOM)
        if edits_data and self.net.sizes == self.layer_sizes():
            self._build_data()  # your data edited: keep the network training on it
            self._track()
            self._record()
            return
        if "dataset" in names and self.p.dataset not in CUSTOM:
            other = "classification" if self.task == "regression" else "regression"
            if self.p.points == plane.DEFAULT_POINTS[other]:
                self._assign(points=plane.DEFAULT_POINTS[self.task])
        self.reset()

    # --- actions ------------------------------------------------------------------------

    def step(self) -> None:
        if self.diverged:  # nothing left to learn: NaN stays NaN
            self.stopped = True
            return
        before = self.train_history.y[-1] if len(self.train_history) else np.inf
        if len(self.x_train):
            with np.errstate(over="ignore", invalid="ignore"):  # diverging: see ``diverged``
                self.trainer.train_epoch(self.x_train, self.y_train)
        else:
            self.trainer.epoch += 1
        train_loss = self._record()
        stop_loss = self.p.stop_loss
        self.stopped = (self.p.stop_epochs and self.trainer.epoch == self.p.stop_epochs) or \
            (stop_loss > 0 and train_loss <= stop_loss < before) or self.diverged

    @property
    def diverged(self) -> bool:
        """True once training blew up: a weight is no longer a number or the training loss
        is infinite (the learning rate was too high). Playing stops; Reset starts again."""
        if not np.isfinite(self.losses()[0]) and len(self.x_train):
            return True
        return not self._finite_weights()

    def _finite_weights(self) -> bool:
        key = self._state_key()
        if getattr(self, "_finite_key", None) != key:
            self._finite_key, self._finite = key, bool(np.isfinite(self.net.flat).all())
        return self._finite

    @property
    def finished(self) -> bool:
        """True right after the step that reached "stop after" or "stop at loss"."""
        return bool(self.stopped)

    @property
    def epoch(self) -> int:
        return self.trainer.epoch

    @classmethod
    def option_previews(cls) -> dict[str, dict[str, list[list[float]]]]:
        """Each generated data set as 100 points, for the data control's pictures."""
        return {"dataset": plane.previews((*plane.PLAYGROUND_CLASSIFICATION, *plane.REGRESSION))}

    def _state_key(self) -> tuple[int, int, int, int]:
        """Changes whenever the weights or the data do: what the caches below are kept by."""
        return (self._weights_changed, self.trainer.epoch, id(self.net), id(self.x_train))

    def outputs(self) -> tuple[list[np.ndarray], np.ndarray]:
        """(every layer's activations over the training points, the output over the test
        points) now. Kept until the weights or the data change: a frame's losses, accuracy,
        confusion matrix, histograms, goals and live text all read them, so a frame makes
        one forward pass over each set of points."""
        key = self._state_key()
        if getattr(self, "_outputs_key", None) != key:
            with np.errstate(over="ignore", invalid="ignore"):  # a diverged network: inf, NaN
                self._outputs_now = (self.net.forward_all(self.x_train),
                                 self.net.forward(self.x_test))
            self._outputs_key = key
        return self._outputs_now

    def losses(self) -> tuple[float, float]:
        """(training loss, test loss) now, in the loss the network trains on (NaN for a set
        with no points)."""
        key = self._state_key()
        if getattr(self, "_losses_key", None) != key:
            acts, out_test = self.outputs()
            self._losses_key = key
            self._losses = (self._loss(acts[-1], self.y_train),
                            self._loss(out_test, self.y_test))
        return self._losses

    def _loss(self, out: np.ndarray, y: np.ndarray) -> float:
        if not len(out):
            return float("nan")
        with np.errstate(over="ignore", invalid="ignore"):  # a diverged network: inf or NaN
            return self.loss.value(out, y)

    def _track(self) -> None:
        """Start the story's bookkeeping afresh (new data or weights)."""
        self.recent_train: deque[float] = deque(maxlen=RISE_WINDOW + 1)
        self.best_test = (np.inf, 0, np.inf)
        """(lowest test loss, its epoch, the training loss then)."""

    def _record(self) -> float:
        train, test = self.losses()
        self.train_history.add(self.trainer.epoch, train)
        self.test_history.add(self.trainer.epoch, test)
        self.recent_train.append(train)
        if test < self.best_test[0]:
            self.best_test = (test, self.trainer.epoch, train)
        return train

    def loss_rises(self) -> int:
        """In how many of the last RISE_WINDOW epochs the training loss rose (by 1 % or
        more)."""
        return sum(b > RISE * a for a, b in itertools.pairwise(self.recent_train))

    def overfit_epochs(self) -> int:
        """Epochs since the test loss was lowest, if it has risen since to at least
        OVERFIT_MARGIN times that while the training loss fell; else 0."""
        best, at, train_then = self.best_test
        train, test = self.losses()
        if np.isfinite(best) and test >= OVERFIT_MARGIN * best and train < train_then:
            return self.trainer.epoch - at
        return 0

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
        """A click on the output adds a point of the brush's class, a shift-click removes
        one (``plane.edit_points``); generated data become your data from then on."""
        pts = list(self.p.data) if self.p.dataset in CUSTOM else \
            [(float(a), float(b), float(c)) for (a, b), c in zip(self.points, self.targets_raw,
                                                                  strict=True)]
        dataset = self.p.dataset if self.p.dataset in CUSTOM else \
            ("custom" if self.task == "classification" else "custom_reg")
        brush = self.p.brush
        label = (1.0 if brush == 0 else -1.0) if task_of(dataset) == "regression" else \
            float(brush)
        self.set(dataset=dataset, data=plane.edit_points(pts, value, label, self.x_range,
                                                         self.y_range))

    def _set_weight(self, value: Any) -> None:
        if not isinstance(value, dict) or not isinstance(value.get("id"), str):
            raise ParamError("weight", 'set_weight needs {"id": "layer:from:to", "value": x}.')
        try:
            layer, i, j = (int(v) for v in value["id"].split(":"))
            # no negative indices: Python's -1 would quietly edit the last layer
            if not 0 <= layer < len(self.net.weights):
                raise IndexError
            w = self.net.weights[layer]
            if not (0 <= i < w.shape[0] and 0 <= j < w.shape[1]):
                raise IndexError
        except (ValueError, IndexError):
            raise ParamError("weight", f"no weight {brief(value['id'])} in this network: "
                                       "layer:from:to, each counted from 0.") from None
        v = value.get("value")
        if isinstance(v, str):
            with contextlib.suppress(ValueError):
                v = float(v)
        if isinstance(v, bool) or not isinstance(v, int | float) or not -100 <= v <= 100:
            raise ParamError("weight", f"a weight must be a number in [-100, 100]; got {brief(v)}.")
        w[i, j] = float(v)
        self._weights_changed += 1

    # --- the frame ----------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return playground_frame(self)

    def frame_of(self, names: Collection[str]) -> dict[str, View]:
        return playground_frame(self, names)
