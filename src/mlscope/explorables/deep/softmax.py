"""Softmax: how a network turns any list of scores into probabilities.

Part 5 of "A Visual and Interactive Guide to the Basics of Neural Networks": type or drag
the logits, watch the probabilities, and see how softmax exaggerates differences.
"""

from __future__ import annotations

import math
from typing import ClassVar

import numpy as np

from mlscope.core.colors import DATA
from mlscope.core.explorable import Action, Explorable
from mlscope.core.params import ParamError, VectorParam
from mlscope.core.story import Step
from mlscope.core.text import subscript
from mlscope.core.views import Bars, Formula, Table, View
from mlscope.nn.functional import softmax

ARTICLE_ROWS = ((1.0,), (1.0, 1.0), (0.0, 1.0), (2.0, 4.0), (5.0, 10.0), (-1.0, 0.0, 1.0),
                (1.0, 2.0, 4.0))
"""The article's examples; it truncates their softmax values, mlscope shows them right."""
LOGIT_RANGE = (-10.0, 10.0)
GOAL_P1 = 0.9
"""Step 1's goal: p₁ above this."""
GOAL_RATIO = 100.0
"""Step 3's goal: the top probability this many times the second."""


def prob_text(p: float) -> str:
    """Two decimals, three near 0 or 1 (0.007, 0.993), trailing zeros dropped (1, 0.5)."""
    digits = 3 if p < 0.01 or p > 0.99 else 2
    if p in (0.0, 1.0):
        digits = 0
    return f"{p:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{p:.0f}"


def _vector(values: np.ndarray | tuple[float, ...]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


def _probs(p: np.ndarray) -> str:
    return "[" + ", ".join(f"{v:.3f}" for v in p) + "]"


def _scores_live(ex: Softmax) -> str:
    z, p = ex.z, ex.probabilities()
    if len(z) == 1:
        return "With a single logit, softmax always says 1: one class is certain."
    k = int(np.argmax(z))
    return (f"p = {_probs(p)}: all positive, adding up to {p.sum():g}. The largest logit, "
            f"z{subscript(k + 1)} = {z[k]:g}, gets the largest probability, "
            f"p{subscript(k + 1)} = {p[k]:.3f}.")


def _shift_live(ex: Softmax) -> str:
    total = ex.exp_sum()
    if ex.shift is None:
        return (f"Now $\\sum_j e^{{z_j}} = {_tex_number(total)}$ and p = "
                f"{_probs(ex.probabilities())}.")
    c, before = ex.shift
    return (f"You added {c:g} to every logit: $\\sum_j e^{{z_j}}$ went from "
            f"{_number(before)} to {_number(total)} (× $e^{{{c:g}}}$), and p stayed "
            f"{_probs(ex.probabilities())}.")


def _exaggeration_live(ex: Softmax) -> str:
    gap = ex.top_two()
    if gap is None:
        return "Give at least two logits to compare."
    i, j, d, ratio = gap
    z, p = ex.z, ex.probabilities()
    zi, zj = f"z{subscript(i + 1)} = {z[i]:g}", f"z{subscript(j + 1)} = {z[j]:g}"
    pi, pj = f"p{subscript(i + 1)} = {p[i]:.3g}", f"p{subscript(j + 1)} = {p[j]:.3g}"
    if d == 0:
        return f"The top two logits are equal ({zi}, {zj}), so are their probabilities."
    as_numbers = (f"As numbers, {zi} is {z[i] / z[j]:.3g} times {zj}" if z[j] > 0 else
                  f"{zi} is {d:g} more than {zj}")
    need = ("" if ratio >= GOAL_RATIO else
            f" A factor of {GOAL_RATIO:g} needs a gap of $\\ln {GOAL_RATIO:g} \\approx "
            f"{math.log(GOAL_RATIO):.2f}$.")
    return (f"{as_numbers}; as probabilities, {pi} is **{_number(ratio)} times** {pj}: "
            f"softmax turned a gap of {d:g} into a factor $e^{{{d:g}}}$.{need}")


def _examples_live(ex: Softmax) -> str:
    z, p = ex.z, ex.probabilities()
    neg = int(np.sum(z < 0))
    return (f"{len(z)} logit{'s' if len(z) != 1 else ''}, {neg} negative: p = {_probs(p)}, "
            f"every one positive (the smallest {p.min():.3g}), together {p.sum():g}.")


def _number(v: float) -> str:
    """Four significant digits, or the whole number from 10,000 on, thousands separated."""
    return f"{v:,.4g}" if v < 1e4 else f"{v:,.0f}"


def _tex_number(v: float) -> str:
    return _number(v).replace(",", "{,}")


class Softmax(Explorable):
    slug = "softmax"
    title = "Softmax: from scores to probabilities"
    topic = "deep"
    summary = "Type or drag logits and watch softmax turn them into probabilities."
    params = (
        VectorParam("logits", (2.0, 4.0), lo=LOGIT_RANGE[0], hi=LOGIT_RANGE[1], min_len=1,
                    max_len=8, label="logits z",
                    doc="Scores, one per class, separated by commas; or drag the bars.",
                    effect="live"),
    )
    actions = (Action("load_row", "Load an example", "A click on an example row loads its logits.",
                      button=False),)
    layout = (("logits", "probabilities"), ("formula",), ("exaggeration",), ("rows",))
    captions: ClassVar[dict[str, str]] = {
        "logits": "The scores z, any real numbers: drag a bar's top or type in the box.",
        "probabilities": "softmax(z): each bar is a probability; together they add up to 1.",
        "formula": "The sum of exponentials that each one is divided by, and the "
                   "probabilities it gives.",
        "exaggeration": "How the gap between the top two logits becomes a ratio of "
                        "probabilities.",
        "rows": "The examples of Jay Alammar's guide to neural networks, computed exactly; "
                "click one to load it.",
    }
    story_steps = (
        Step("scores", "Scores in, probabilities out",
             "A classifier's outputs, the logits, can be any numbers. Softmax turns them into "
             "probabilities, positive and adding up to 1:\n\n"
             "$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n"
             "Drag the top of a bar, or type logits in the box (e.g. 1, 2, 4) and press "
             "Enter. The larger a logit, the larger its probability.",
             views=("logits", "probabilities"), controls=("logits",), highlight=("logits",),
             goal=f"With two logits or more, make p₁ above {GOAL_P1}.",
             done=lambda ex: len(ex.z) >= 2 and ex.probabilities()[0] > GOAL_P1,
             live=_scores_live),
        Step("shift", "Only differences count",
             "Add the same number $c$ to every logit: every $e^{z_i}$ is multiplied by "
             "$e^c$, the sum too, and the probabilities do not change:\n\n"
             "$$\\frac{e^{z_i + c}}{\\sum_j e^{z_j + c}} = "
             "\\frac{e^{z_i}}{\\sum_j e^{z_j}}$$\n\n"
             "Try it: if the logits are 2, 4, type 7, 9.",
             views=("logits", "probabilities", "formula"), controls=("logits",),
             highlight=("logits", "formula"),
             goal="Add the same number to every logit (type them in the box).",
             done=lambda ex: ex.shift is not None, live=_shift_live),
        Step("exaggerate", "Softmax exaggerates differences",
             "Since only differences count, a gap of $d$ between two logits becomes a ratio of "
             "$e^d$ between their probabilities. 4 is twice 2, yet its probability is "
             "$e^2 \\approx 7.4$ times as large; 10 against 5 gives a ratio of "
             "$e^5 \\approx 148$.\n\n"
             "Pull the top two logits apart and watch the smaller probability vanish.",
             views=("logits", "probabilities", "exaggeration"), controls=("logits",),
             highlight=("logits", "exaggeration"),
             goal=f"Make the top probability at least {GOAL_RATIO:g} times the second.",
             done=lambda ex: (g := ex.top_two()) is not None and g[3] >= GOAL_RATIO,
             live=_exaggeration_live),
        Step("examples", "Any number of classes",
             "Softmax takes as many logits as there are classes, negative ones too: "
             "$e^z$ is positive for every $z$, so every class keeps some probability.\n\n"
             "The table has the examples of Jay Alammar's guide, exactly. Click a row, or type "
             "logits in the box, e.g. −1, 0, 1, and check their softmax.",
             views=("rows", "probabilities"), controls=("logits",), highlight=("logits",),
             goal="Give three logits or more, one of them negative.",
             done=lambda ex: len(ex.z) >= 3 and bool(np.any(ex.z < 0)),
             live=_examples_live),
    )
    export_layout = (("logits",), ("probabilities",))
    thumbnail_view = "probabilities"
    guide = """\
**Softmax.** A classifier's outputs, the logits, can be any numbers. Softmax turns
them into probabilities, positive and adding up to 1:
$$p_i = \\frac{e^{z_i}}{\\sum_j e^{z_j}}$$

Type logits in the box (e.g. 1, 2, 4) or drag the bars. Adding the same number to every
logit changes nothing: only differences count, because
$e^{z_i + c} / \\sum_j e^{z_j + c} = e^{z_i} / \\sum_j e^{z_j}$.

And differences are exaggerated: a gap of $d$ between two logits becomes a ratio of $e^d$
between their probabilities. 4 is twice 2, yet its probability is $e^2 \\approx 7.4$ times as
large.
"""

    def reset(self) -> None:
        self.z = np.array(self.p.logits, dtype=float)
        self.shift: tuple[float, float] | None = None
        """(c, Σe^z before) if the last change added the same c to every logit, else None."""

    def changed(self, names: set[str]) -> None:
        before, total = self.z, self.exp_sum()
        self.z = np.array(self.p.logits, dtype=float)
        diff = self.z - before if len(self.z) == len(before) else None
        if diff is not None and len(diff) >= 2 and np.allclose(diff, diff[0], rtol=0,
                                                                  atol=1e-6) \
                and abs(diff[0]) > 1e-6:
            self.shift = (float(diff[0]), total)
        else:
            self.shift = None

    def act(self, name: str, value: object = None) -> None:
        if name != "load_row":
            super().act(name, value)
            return
        row = value.get("row") if isinstance(value, dict) else None
        if not isinstance(row, int) or isinstance(row, bool) or not 0 <= row < len(ARTICLE_ROWS):
            raise ParamError("row", f"row must be a whole number from 0 to "
                                    f"{len(ARTICLE_ROWS) - 1}; got {row!r}.")
        self.set(logits=ARTICLE_ROWS[row])

    def probabilities(self) -> np.ndarray:
        return softmax(self.z)

    def exp_sum(self) -> float:
        """Σ e^z, computed without overflow."""
        return float(np.sum(np.exp(self.z - self.z.max()))) * math.exp(self.z.max())

    def top_two(self) -> tuple[int, int, float, float] | None:
        """(i, j, z_i − z_j, p_i / p_j) for the largest logit i and the second j; None for
        one logit."""
        if len(self.z) < 2:
            return None
        order = np.argsort(-self.z, kind="stable")
        i, j = int(order[0]), int(order[1])
        d = float(self.z[i] - self.z[j])
        return i, j, d, math.exp(d)

    def frame(self) -> dict[str, View]:
        z = np.array(self.p.logits)
        p = softmax(z)
        names = [f"z{subscript(i + 1)}" for i in range(len(z))]
        # Logits and probabilities share one neutral colour: bar k on the left is bar k on
        # the right (blue and orange would say "class" or "sign").
        return {
            "logits": Bars("Logits (drag a bar)", names, z, LOGIT_RANGE, y_label="z",
                           value_labels=[f"{v:g}" for v in z], draggable="logits",
                           colors=[DATA] * len(z)),
            "probabilities": Bars("Probabilities", [f"p{subscript(i + 1)}" for i in range(len(z))],
                                  p, (0.0, 1.0), y_label="p",
                                  value_labels=[f"{v:.3f}" for v in p],
                                  colors=[DATA] * len(z)),
            "formula": self._formula(z, p),
            "exaggeration": self._exaggeration(z, p),
            "rows": Table("Examples from the guide, with correct values",
                          ["logits", "softmax", "sum"],
                          [self._row(r) for r in ARTICLE_ROWS], row_action="load_row"),
        }

    @staticmethod
    def _row(logits: tuple[float, ...]) -> list[str]:
        p = softmax(np.array(logits))
        return [_vector(logits), "[" + ", ".join(prob_text(v) for v in p) + "]",
                prob_text(float(p.sum()))]

    def _formula(self, z: np.ndarray, p: np.ndarray) -> Formula:
        terms = " + ".join(f"e^{{{v:g}}}" for v in z)
        total = float(np.sum(np.exp(z - z.max()))) * math.exp(z.max())
        return Formula(f"\\sum_j e^{{z_j}} = {terms} = {total:,.4g}".replace(",", "{,}") +
                       f"\\qquad p = {_probs(p)}", title="Live numbers")

    def _exaggeration(self, z: np.ndarray, p: np.ndarray) -> Formula:
        title = "How softmax exaggerates"
        if len(z) < 2:
            return Formula("\\text{With a single logit, softmax always says 1: one class is "
                           "certain.}", title=title)
        order = np.argsort(z)[::-1]
        i, j = int(order[0]), int(order[1])
        d = z[i] - z[j]
        ratio = p[i] / p[j]
        ratio_tex = f"{ratio:,.3g}".replace(",", "{,}")
        return Formula(f"z_{{{i + 1}}} - z_{{{j + 1}}} = {d:g} \\;\\Rightarrow\\; "
                       f"\\frac{{p_{{{i + 1}}}}}{{p_{{{j + 1}}}}} = e^{{{d:g}}} = {ratio_tex}"
                       f"\\qquad p_{{{i + 1}}} = {p[i]:.3f},\\; p_{{{j + 1}}} = {p[j]:.3f}",
                       title=title)
