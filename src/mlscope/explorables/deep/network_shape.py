"""The shape of a network: inputs, outputs, and every weight between them.

Part 6 of "A Visual and Interactive Guide to the Basics of Neural Networks": choose how many
features go in and how many classes come out; the diagram and formulas follow.
"""

from __future__ import annotations

from mlscope.core.catalog import register
from mlscope.core.explorable import Explorable
from mlscope.core.params import IntParam
from mlscope.core.text import subscript
from mlscope.core.views import Edge, Formula, Network, Node, Text, View


@register
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

    def frame(self) -> dict[str, View]:
        n, k = self.p.inputs, self.p.classes
        nodes = [Node(f"x{i}", 0, f"x{subscript(i)}") for i in range(1, n + 1)]
        nodes += [Node(f"z{j}", 1, f"z{subscript(j)}", f"+ b{subscript(j)}")
                  for j in range(1, k + 1)]
        nodes += [Node(f"p{j}", 2, f"p{subscript(j)}") for j in range(1, k + 1)]
        # Labels of edges into output j stand at their own distance along the edge, so the
        # n·k labels form k columns instead of piling up mid-way.
        edges = [Edge(f"x{i}", f"z{j}", 1.0, f"w{subscript(i)}{subscript(j)}", structural=True,
                      label_at=0.15 + 0.5 * (j - 1) / max(k - 1, 1))
                 for i in range(1, n + 1) for j in range(1, k + 1)]
        edges += [Edge(f"z{j}", f"p{m}", 0.0, structural=True)
                  for j in range(1, k + 1) for m in range(1, k + 1)]
        return {
            "count": Text(f"{n} inputs × {k} classes: {n * k} weights and {k} biases, "
                          f"{n * k + k} numbers to learn."),
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
