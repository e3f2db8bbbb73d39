"""The shape of a network: inputs, outputs, and every weight between them.

Part 6 of "A Visual and Interactive Guide to the Basics of Neural Networks": choose how many
features go in and how many classes come out; the diagram and formulas follow.
"""

from __future__ import annotations

from typing import ClassVar

from mlscope.core.explorable import Explorable
from mlscope.core.params import IntParam
from mlscope.core.story import Step
from mlscope.core.text import count, subscript
from mlscope.core.views import Edge, Formula, Network, Node, Text, View

MAX_LABELLED = 12
"""Beyond this many weights the diagram drops their labels (they would collide); the
formulas name every one."""
GOAL_WEIGHTS = 12
"""Step 1's goal: a network with this many weights (4 × 3, 3 × 4, 2 × 6 or 6 × 2)."""
GOAL_NUMBERS = 20
"""Step 2's goal: this many numbers to learn, k·(n + 1) (4 × 4 or 3 × 5)."""




def _weights_live(ex: NetworkShape) -> str:
    n, k = ex.p.inputs, ex.p.classes
    labels = ("" if n * k <= MAX_LABELLED else
              f" Beyond {MAX_LABELLED} their labels would collide, so the diagram drops them "
              "(the formulas, next, name every one).")
    return (f"{count(n, 'input')} × {count(k, 'output')}: {n} × {k} = "
            f"**{count(n * k, 'weight')}**, one per edge.{labels}")


def _numbers_live(ex: NetworkShape) -> str:
    n, k = ex.p.inputs, ex.p.classes
    return (f"{count(n * k, 'weight')} + {count(k, 'bias')} = $k\\,(n+1) = {k} \\times "
            f"{n + 1}$ = **{ex.numbers_to_learn} numbers to learn**.")


def _softmax_live(ex: NetworkShape) -> str:
    k = ex.p.classes
    if k == 1:
        return ("With one class, $p_1 = e^{z_1} / e^{z_1} = 1$ whatever the input: the "
                "network can only ever say the same thing. Classifying needs two classes or "
                "more.")
    return (f"Every $p_j$ is divided by the same sum of all {k} terms $e^{{z_m}}$: raise one "
            "output and every other probability falls.")


class NetworkShape(Explorable):
    slug = "network-shape"
    title = "The shape of a network"
    topic = "deep"
    summary = "Pick the number of inputs and classes; see every weight, bias and the softmax."
    params = (
        IntParam("inputs", 2, 1, 6, label="input features", doc="How many numbers go in."),
        IntParam("classes", 2, 1, 6, label="classes", doc="How many outputs come out."),
    )
    actions = ()
    layout = (("count",), ("diagram",), ("formula",))
    captions: ClassVar[dict[str, str]] = {
        "count": "The numbers a network of this shape learns.",
        "diagram": "Inputs x, outputs z with their biases, softmax probabilities p. Each "
                   "edge from an x to a z is a weight (labelled up to 12 of them).",
        "formula": "Each output is a weighted sum of every input plus its bias; softmax "
                   "divides by all of them.",
    }
    story_steps = (
        Step("weights", "A weight for every pair",
             "Every input is joined to every output by a weight $w_{ij}$ (from input $i$ to "
             "output $j$): one edge each in the diagram. In the houses of the last parts, "
             "2 inputs (area, bathrooms) and 2 classes (good, bad) made 4 weights.\n\n"
             "Change the number of input features and of classes and count the edges.",
             views=("diagram",), controls=("inputs", "classes"),
             highlight=("inputs", "classes"),
             goal=f"Build a network with exactly {GOAL_WEIGHTS} weights.",
             done=lambda ex: ex.p.inputs * ex.p.classes == GOAL_WEIGHTS,
             live=_weights_live),
        Step("numbers", "Weights, biases: the numbers to learn",
             "Every output $j$ also has a bias $b_j$, so it computes "
             "$z_j = \\sum_i w_{ij} x_i + b_j$. A network with $n$ inputs and $k$ classes "
             "has $n \\cdot k$ weights and $k$ biases: the shape of the problem fixes the "
             "shape of this shallow network, and training must find all of them.",
             views=("count", "formula"), controls=("inputs", "classes"),
             highlight=("count",),
             goal=f"Build a network with exactly {GOAL_NUMBERS} numbers to learn.",
             done=lambda ex: ex.numbers_to_learn == GOAL_NUMBERS, live=_numbers_live),
        Step("softmax", "Softmax joins the outputs",
             "Softmax then turns the outputs into probabilities, "
             "$p_j = e^{z_j} / \\sum_m e^{z_m}$. It has no weights of its own (the edges "
             "from z to p carry none), but every probability depends on every output.\n\n"
             "What does a network with a single class say?",
             views=("diagram", "formula"), controls=("classes",), highlight=("classes",),
             goal="Find out what softmax says with one class.",
             done=lambda ex: ex.p.classes == 1, live=_softmax_live),
    )
    export_layout = (("diagram",), ("formula",))
    thumbnail_view = "diagram"
    guide = """\
**The shape of the network.** Every input is joined to every output by a weight
$w_{ij}$ (from input $i$ to output $j$), and every output has a bias $b_j$:
$z_j = \\sum_i w_{ij} x_i + b_j$. Softmax then turns the outputs into probabilities.

So a network with $n$ inputs and $k$ classes has $n \\cdot k$ weights and $k$ biases: the
shape of the problem fixes the shape of this shallow network. Change the two numbers and
watch the diagram and the formulas grow.
"""

    @property
    def numbers_to_learn(self) -> int:
        """n·k weights and k biases."""
        return int(self.p.classes) * (int(self.p.inputs) + 1)

    def frame(self) -> dict[str, View]:
        n, k = self.p.inputs, self.p.classes
        labelled = n * k <= MAX_LABELLED
        nodes = [Node(f"x{i}", 0, f"x{subscript(i)}") for i in range(1, n + 1)]
        nodes += [Node(f"z{j}", 1, f"z{subscript(j)}", f"+ b{subscript(j)}")
                  for j in range(1, k + 1)]
        nodes += [Node(f"p{j}", 2, f"p{subscript(j)}") for j in range(1, k + 1)]
        # Labels of edges into output j stand at their own distance along the edge, so the
        # n·k labels form k columns instead of piling up mid-way.
        # Beyond MAX_LABELLED they would collide: the formula view names every weight.
        edges = [Edge(f"x{i}", f"z{j}", 1.0,
                      f"w{subscript(i)}{subscript(j)}" if labelled else "", structural=True,
                      label_at=0.15 + 0.5 * (j - 1) / max(k - 1, 1))
                 for i in range(1, n + 1) for j in range(1, k + 1)]
        edges += [Edge(f"z{j}", f"p{m}", 0.0, structural=True)
                  for j in range(1, k + 1) for m in range(1, k + 1)]
        return {
            "count": Text(f"{count(n, 'input')} × {count(k, 'class')}: "
                          f"{count(n * k, 'weight')} and {count(k, 'bias')}, "
                          f"{count(n * k + k, 'number')} to learn."),
            "diagram": Network("Inputs, outputs with their biases, then softmax", nodes, edges),
            "formula": Formula(_formulas(n, k), title="Each output"),
        }


def _formulas(n: int, k: int) -> str:
    rows = []
    for j in range(1, k + 1):
        terms = " + ".join(f"w_{{{i}{j}}}\\,x_{{{i}}}" for i in range(1, n + 1))
        rows.append(f"z_{{{j}}} &= {terms} + b_{{{j}}}")
    denom = " + ".join(f"e^{{z_{{{j}}}}}" for j in range(1, k + 1))
    rows.append(f"p_j &= \\frac{{e^{{z_j}}}}{{{denom}}}")
    return "\\begin{aligned}" + "\\\\".join(rows) + "\\end{aligned}"
