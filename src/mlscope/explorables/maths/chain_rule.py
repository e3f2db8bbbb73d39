"""The chain rule as a graph (micrograd's idea made visible): a formula of x and y drawn as
its computation graph; the forward pass fills in each node's value, node by node; the
backward pass sends gradients from the output back to the inputs, each node's gradient the
sum over its uses of the user's gradient times the local derivative; a variable used twice
gathers both paths.

The graph and both passes are worked out here from the formula's checked tree
(``maths/expression.py``): reverse-mode automatic differentiation, one node at a time.
tests/unit/test_chain_rule.py checks its gradients against SymPy and against central
finite differences, and each local derivative against its closed form.
"""

from __future__ import annotations

import ast
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

import numpy as np

from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import FloatParam, IntParam, ParamError, TextParam
from mlscope.core.story import PLAY, Step
from mlscope.core.views import Graph, GraphEdge, GraphNode, Table, View
from mlscope.explorables.maths.expression import (
    checked_param,
    numeric_gradient,
    parse,
)
from mlscope.explorables.maths.numbers import fmt

VARS = ("x", "y")
MAX_NODES = 40
FRAMES_PER_NODE = 24
"""Play fills in a node every this many frames (about 2.5 a second)."""
FORWARD_COLOR, BACKWARD_COLOR, WAITING_COLOR, INPUT_COLOR = "#e8f5e9", "#fce4ec", "#ffffff", \
    "#eceff1"

PRESETS: dict[str, tuple[str, str]] = {
    "product": ("(x + y)·x", "(x + y) * x"),
    "neuron": ("a neuron", "tanh(2*x - y + 0.5)"),
    "wave": ("sin(xy) + x²", "sin(x*y) + x^2"),
    "sigmoid": ("a sigmoid unit", "sigmoid(3*x + y)"),
}

_OPS = {ast.Add: "+", ast.Sub: "−", ast.Mult: "×", ast.Div: "÷", ast.Pow: "^"}


@dataclass
class Node:
    """One node of the computation graph: an input, a constant or an operation on the
    nodes in ``args``."""

    id: str
    op: str  # "x", "y", "const", "+", "−", "×", "÷", "^", "neg", or a function's name
    args: list[str] = field(default_factory=list)
    const: float = 0.0
    value: float = 0.0
    grad: float = 0.0


def build(tree: ast.expr) -> tuple[list[Node], str]:
    """The nodes in forward order (every node after its arguments) and the output's id.
    Each variable is one node however often it is used; every operation its own node."""
    nodes: list[Node] = []
    by_var: dict[str, str] = {}

    def add(op: str, args: list[str], const: float = 0.0) -> str:
        if len(nodes) >= MAX_NODES:
            raise ValueError(f"the graph would have more than {MAX_NODES} nodes")
        nid = f"n{len(nodes)}"
        nodes.append(Node(nid, op, args, const))
        return nid

    def visit(n: ast.expr) -> str:
        if isinstance(n, ast.Name):
            if n.id in VARS:
                if n.id not in by_var:
                    by_var[n.id] = add(n.id, [])
                return by_var[n.id]
            return add("const", [], {"pi": math.pi, "π": math.pi, "e": math.e}[n.id])
        if isinstance(n, ast.Constant) and isinstance(n.value, int | float):
            return add("const", [], float(n.value))
        if isinstance(n, ast.UnaryOp):
            inner = visit(n.operand)
            return inner if isinstance(n.op, ast.UAdd) else add("neg", [inner])
        if isinstance(n, ast.BinOp):
            a, b = visit(n.left), visit(n.right)
            op = "^" if isinstance(n.op, ast.BitXor) else _OPS[type(n.op)]
            return add(op, [a, b])
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Name):
            return add(n.func.id, [visit(n.args[0])])
        raise ValueError("not a checked formula")

    out = visit(tree)
    return nodes, out


def _apply(op: str, a: float, b: float = 0.0) -> float:
    funcs = {"sin": math.sin, "cos": math.cos, "tan": math.tan, "exp": math.exp,
             "tanh": math.tanh, "sinh": math.sinh, "cosh": math.cosh, "atan": math.atan}
    if op in funcs:
        return funcs[op](a)
    table = {"+": a + b, "−": a - b, "×": a * b, "neg": -a}
    if op in table:
        return table[op]
    if op == "÷":
        return a / b if b != 0 else math.nan
    if op == "^":
        try:
            v = a ** b
            return float(v) if not isinstance(v, complex) else math.nan
        except (OverflowError, ZeroDivisionError):
            return math.nan
    if op in ("log", "ln"):
        return math.log(a) if a > 0 else math.nan
    if op == "sqrt":
        return math.sqrt(a) if a >= 0 else math.nan
    if op == "abs":
        return abs(a)
    if op in ("asin", "acos"):
        return getattr(math, op)(a) if -1 <= a <= 1 else math.nan
    if op == "relu":
        return max(a, 0.0)
    if op == "sigmoid":
        return 1 / (1 + math.exp(-a)) if a > -700 else 0.0
    if op == "step":
        return 1.0 if a >= 0 else 0.0
    raise ValueError(op)


def local(op: str, a: float, b: float, out: float) -> tuple[float, float]:
    """∂out/∂a and ∂out/∂b of one node, at its inputs a, b and output out."""
    if op == "+":
        return 1.0, 1.0
    if op == "−":
        return 1.0, -1.0
    if op == "×":
        return b, a
    if op == "÷":
        return (1 / b, -a / b ** 2) if b != 0 else (math.nan, math.nan)
    if op == "^":
        da = b * a ** (b - 1) if a != 0 or b >= 1 else math.nan
        db = out * math.log(a) if a > 0 else (0.0 if a == 0 and b > 0 else math.nan)
        return float(da) if not isinstance(da, complex) else math.nan, db
    if op == "neg":
        return -1.0, 0.0
    d: Callable[[], float] = {"sin": lambda: math.cos(a), "cos": lambda: -math.sin(a),
         "tan": lambda: 1 / math.cos(a) ** 2, "exp": lambda: out,
         "log": lambda: 1 / a, "ln": lambda: 1 / a, "sqrt": lambda: 0.5 / out if out else math.nan,
         "abs": lambda: math.copysign(1.0, a) if a != 0 else math.nan,
         "tanh": lambda: 1 - out ** 2, "sinh": lambda: math.cosh(a),
         "cosh": lambda: math.sinh(a), "atan": lambda: 1 / (1 + a * a),
         "asin": lambda: 1 / math.sqrt(1 - a * a) if abs(a) < 1 else math.nan,
         "acos": lambda: -1 / math.sqrt(1 - a * a) if abs(a) < 1 else math.nan,
         "relu": lambda: 1.0 if a > 0 else 0.0 if a < 0 else math.nan,
         "sigmoid": lambda: out * (1 - out),
         "step": lambda: 0.0 if a != 0 else math.nan}[op]
    try:
        return float(d()), 0.0
    except (ZeroDivisionError, ValueError):
        return math.nan, 0.0


def forward(nodes: list[Node], x: float, y: float) -> None:
    values: dict[str, float] = {}
    for n in nodes:
        if n.op == "x":
            n.value = x
        elif n.op == "y":
            n.value = y
        elif n.op == "const":
            n.value = n.const
        else:
            args = [values[a] for a in n.args]
            try:
                n.value = _apply(n.op, *args)
            except (OverflowError, ValueError):
                n.value = math.nan
        values[n.id] = n.value


def backward(nodes: list[Node], out: str, upto: int | None = None) -> list[str]:
    """Gradients of the output with respect to every node, in reverse forward order; stop
    after ``upto`` operations have sent theirs back (None: all; inputs and constants have
    nothing to send). Returns the ids that have sent."""
    index = {n.id: n for n in nodes}
    for n in nodes:
        n.grad = 0.0
    index[out].grad = 1.0
    sent: list[str] = []
    for n in reversed(nodes):
        if not n.args:
            continue
        if upto is not None and len(sent) >= upto:
            break
        if n.args:
            a = index[n.args[0]].value
            b = index[n.args[1]].value if len(n.args) > 1 else 0.0
            da, db = local(n.op, a, b, n.value)
            index[n.args[0]].grad += n.grad * da
            if len(n.args) > 1:
                index[n.args[1]].grad += n.grad * db
        sent.append(n.id)
    return sent


def _label(n: Node) -> str:
    if n.op in VARS:
        return n.op
    if n.op == "const":
        return fmt(n.const, 3)
    return {"neg": "−(·)"}.get(n.op, n.op)


def _forward_live(ex: ChainRule) -> str:
    k = ex.forward_done()
    total = len(ex.nodes)
    if k < total:
        return f"{k} of {total} nodes have their value; the next one needs its inputs' values."
    return f"Forward pass done: f({fmt(ex.p.x, 2)}, {fmt(ex.p.y, 2)}) = **{fmt(ex.f_value, 4)}**."


def _backward_live(ex: ChainRule) -> str:
    gx, gy = ex.backprop()
    k = ex.backward_done()
    if k < ex.n_ops:
        return (f"{k} of {ex.n_ops} steps have passed their gradient back: each multiplies "
                f"its own gradient by the local derivative on each edge.")
    f = parse(ex.p.f, VARS)
    nx, ny = numeric_gradient(f, np.array([ex.p.x]), np.array([ex.p.y]))
    agree = bool(np.allclose([gx, gy], [nx[0], ny[0]], atol=1e-5))
    return (f"Backward pass done: ∂f/∂x = **{fmt(gx, 4)}**, ∂f/∂y = **{fmt(gy, 4)}**"
            + (", the same as finite differences." if agree else
               "; finite differences differ here (f has no derivative at this point)."))


def _shared_live(ex: ChainRule) -> str:
    x_node = ex.var_node("x")
    if x_node is None:
        return "This formula has no x."
    uses = [e for e in ex.edges_from(x_node.id)]
    parts = " + ".join(fmt(g, 3) for g in uses)
    return (f"x is used {len(uses)} time{'s' if len(uses) != 1 else ''}: its gradient adds the "
            f"paths, {parts} = **{fmt(x_node.grad, 4)}**." if ex.backward_done() == ex.n_ops
            else f"x is used {len(uses)} time{'s' if len(uses) != 1 else ''}. Run the "
                 f"backward pass.")


class ChainRule(Explorable):
    slug = "chain-rule"
    title = "The chain rule as a graph"
    topic = "maths"
    summary = ("A formula as a computation graph: values flow forward node by node, gradients "
               "flow backward, and a variable used twice adds up its paths: backpropagation "
               "by hand.")
    params = (
        TextParam("f", PRESETS["product"][1], max_len=80, label="f(x, y) =",
                  doc="A formula in x and y (up to 40 nodes): numbers, x, y, + - * / ^ and "
                      "sin, cos, exp, log, sqrt, tanh, sigmoid, relu and more."),
        FloatParam("x", 2.0, -3.0, 3.0, step=0.1, effect="view", label="x",
                   doc="The value of x (the passes keep their place)."),
        FloatParam("y", 1.0, -3.0, 3.0, step=0.1, effect="view", label="y",
                   doc="The value of y (the passes keep their place)."),
        IntParam("progress", 0, 0, 2 * MAX_NODES, effect="view", label="nodes done",
                 advanced=True, doc="How many nodes the passes have done: first the forward "
                                    "pass, then the backward pass."),
    )
    actions = (
        Action("next", "Next node", "Do one more node of the pass."),
        Action("reset", "Start again", "Back to no values."),
        *(Action(f"f-{k}", label, f"Use f = {text}.") for k, (label, text) in PRESETS.items()),
    )
    playable = True
    default_speed = 1
    step_name = "node"
    layout = (("graph",), ("numbers",))
    export_layout = (("graph",),)
    thumbnail_view = "graph"
    thumbnail_steps = 7 * FRAMES_PER_NODE
    captions: ClassVar[dict[str, str]] = {
        "graph": "Inputs on top, the output at the bottom. Green: a value worked out (forward); "
                 "pink: a gradient sent back. Each edge's label is the local derivative.",
        "numbers": "The gradients from the graph against SymPy's and finite differences.",
    }
    story_steps = (
        Step("forward", "Values flow forward",
             "Any formula is a chain of small steps: add, multiply, a sine. Drawn as a graph, "
             "the inputs x and y sit on top and the output at the bottom. The forward pass "
             "works out each node from the nodes feeding it.",
             views=("graph",), controls=("next", PLAY, "x", "y"), highlight=("next",),
             goal="Work out every node's value.",
             done=lambda ex: ex.forward_done() == len(ex.nodes), live=_forward_live),
        Step("backward", "Gradients flow backward",
             "Now go back. The output's gradient is 1. Each node passes its gradient to the "
             "nodes feeding it, times the local derivative of the step (for a × b: b to a, a "
             "to b). This is the chain rule, one edge at a time: backpropagation.",
             views=("graph", "numbers"), controls=("next", PLAY, "reset"),
             highlight=("next",),
             goal="Send the gradients all the way back to x and y.",
             done=lambda ex: ex.backward_done() == ex.n_ops, live=_backward_live,
             enter=lambda ex: ex.set(progress=len(ex.nodes))),
        Step("shared", "A variable used twice",
             "In (x + y)·x, x feeds two nodes, so two paths lead back to it. Its gradient is "
             "the sum of what comes back along each: ∂f/∂x = (x + y) + x.",
             views=("graph", "numbers"), controls=("next", PLAY, "f-product", "x"),
             highlight=("f-product",),
             goal="With x used twice, run the backward pass to the end.",
             enter=lambda ex: ex.set(progress=len(ex.nodes)),
             done=lambda ex: ex.backward_done() == ex.n_ops
             and (x := ex.var_node("x")) is not None and len(ex.edges_from(x.id)) >= 2,
             live=_shared_live),
    )

    def check(self, values: Any) -> None:
        if values.get("f") is None:
            return
        try:
            build(checked_param(values["f"], VARS).tree)
        except ValueError as err:
            if isinstance(err, ParamError):
                raise
            raise ParamError("f", f"f: {err}; use a shorter formula.") from None

    def reset(self) -> None:
        self.nodes, self.out = build(parse(self.p.f, VARS).tree)

    def changed(self, names: set[str]) -> None:
        if "f" in names:  # a new graph: its passes start again (new x, y keep them)
            self.reset()
            self._assign(progress=0)

    def act(self, name: str, value: Any = None) -> None:
        if name == "next":
            self._advance()
        elif name == "reset":
            self._assign(progress=0)
        elif name.startswith("f-") and name[2:] in PRESETS:
            self.set(f=PRESETS[name[2:]][1])
        else:
            super().act(name, value)

    def step(self) -> None:
        """Play is slow motion: one node every FRAMES_PER_NODE frames, so the eye can follow
        the numbers as they appear (Next node does one at once)."""
        self._tick = getattr(self, "_tick", 0) + 1
        if self._tick % FRAMES_PER_NODE == 0:
            self._advance()

    def _advance(self) -> None:
        self._assign(progress=min(self.p.progress + 1, len(self.nodes) + self.n_ops))

    @property
    def finished(self) -> bool:
        if self.p.step == "forward":
            return self.forward_done() >= len(self.nodes)
        return int(self.p.progress) >= len(self.nodes) + self.n_ops

    # --- the numbers -------------------------------------------------------------------

    def forward_done(self) -> int:
        return min(int(self.p.progress), len(self.nodes))

    def backward_done(self) -> int:
        return min(max(0, int(self.p.progress) - len(self.nodes)), self.n_ops)

    @property
    def n_ops(self) -> int:
        """The operations: the nodes that pass a gradient back (not inputs, constants)."""
        return sum(1 for n in self.nodes if n.args)

    @property
    def f_value(self) -> float:
        forward(self.nodes, self.p.x, self.p.y)
        return next(n.value for n in self.nodes if n.id == self.out)

    def var_node(self, name: str) -> Node | None:
        return next((n for n in self.nodes if n.op == name), None)

    def edges_from(self, nid: str) -> list[float]:
        """The gradient each use of node ``nid`` sends back to it, after full passes."""
        forward(self.nodes, self.p.x, self.p.y)
        backward(self.nodes, self.out)
        index = {n.id: n for n in self.nodes}
        out = []
        for n in self.nodes:
            for pos, a in enumerate(n.args):
                if a == nid:
                    args = [index[k].value for k in n.args] + [0.0]
                    d = local(n.op, args[0], args[1], n.value)[pos]
                    out.append(n.grad * d)
        return out

    def backprop(self) -> tuple[float, float]:
        """(∂f/∂x, ∂f/∂y) by the full backward pass (0 for a variable the formula lacks)."""
        forward(self.nodes, self.p.x, self.p.y)
        if not math.isfinite(self.f_value):  # no value, no gradient (log of a negative)
            return (math.nan, math.nan)
        backward(self.nodes, self.out)
        gx = self.var_node("x")
        gy = self.var_node("y")
        return (gx.grad if gx else 0.0, gy.grad if gy else 0.0)

    # --- the frame ---------------------------------------------------------------------

    def frame(self) -> dict[str, View]:
        return {"graph": self.graph_view(), "numbers": self.numbers_view()}

    def graph_view(self) -> Graph:
        forward(self.nodes, self.p.x, self.p.y)
        fwd = self.forward_done()
        back = self.backward_done()
        sent = set(backward(self.nodes, self.out, back)) if back else set()
        known = {n.id for n in self.nodes[:fwd]}
        # a node has its gradient once every node it feeds has sent (the output: at once)
        feeds: dict[str, list[str]] = {n.id: [] for n in self.nodes}
        for n in self.nodes:
            for a in n.args:
                feeds[a].append(n.id)
        has_grad = {nid for nid, users in feeds.items()
                    if back and (nid == self.out or all(u in sent for u in users))}
        index = {n.id: n for n in self.nodes}
        gnodes = []
        for n in self.nodes:
            lines = []
            if n.id in known:
                lines.append(f"value {fmt(n.value, 3)}")
            if n.id in has_grad:
                lines.append(f"grad {fmt(n.grad, 3)}")
            color = (BACKWARD_COLOR if n.id in has_grad else FORWARD_COLOR if n.id in known
                     else INPUT_COLOR if not n.args else WAITING_COLOR)
            ops = [m for m in reversed(self.nodes) if m.args]
            nxt = (fwd < len(self.nodes) and n.id == self.nodes[fwd].id) or \
                (fwd == len(self.nodes) and back < len(ops) and n.id == ops[back].id)
            label = _label(n) + (" = f" if n.id == self.out else "")
            gnodes.append(GraphNode(n.id, label, "\n".join(lines), color=color, highlight=nxt))
        edges = []
        for n in self.nodes:
            for pos, a in enumerate(n.args):
                label = ""
                if n.id in sent:
                    args = [index[k].value for k in n.args] + [0.0]
                    d = local(n.op, args[0], args[1], n.value)[pos]
                    label = f"×{fmt(d, 3)}"
                edges.append(GraphEdge(a, n.id, label, width=1.6 if n.id in sent else 1.0,
                                       highlight=n.id in sent))
        phase = ("forward" if fwd < len(self.nodes) else
                 "backward" if back < self.n_ops else "done")
        title = {"forward": f"f = {self.p.f} · forward pass: {fwd} of {len(self.nodes)} values",
                 "backward": f"f = {self.p.f} · backward pass: {back} of {self.n_ops} steps",
                 "done": f"f = {self.p.f} = {fmt(self.f_value, 4)}; both passes done"}[phase]
        return Graph(title, gnodes, edges, layout="layered")

    def numbers_view(self) -> Table:
        gx, gy = self.backprop()
        f = parse(self.p.f, VARS)
        nx, ny = numeric_gradient(f, np.array([self.p.x]), np.array([self.p.y]))
        exact = f.gradient()
        rows = [["∂f/∂x", fmt(gx, 6), fmt(float(nx[0]), 6)],
                ["∂f/∂y", fmt(gy, 6), fmt(float(ny[0]), 6)]]
        cols = ["", "backward pass", "finite differences"]
        if exact is not None:
            ex, ey = exact[0](np.array([self.p.x]), np.array([self.p.y]))
            rows[0].append(fmt(float(ex[0]), 6))
            rows[1].append(fmt(float(ey[0]), 6))
            cols.append("SymPy")
        if self.backward_done() < self.n_ops:
            rows = [[r[0], "…", *r[2:]] for r in rows]
        return Table(f"At x = {fmt(self.p.x, 2)}, y = {fmt(self.p.y, 2)}", cols, rows)
