"""Softmax: how a network turns any list of scores into probabilities.

Part 5 of "A Visual and Interactive Guide to the Basics of Neural Networks": type or drag
the logits, watch the probabilities, and see how softmax exaggerates differences.
"""

from __future__ import annotations

import math

import numpy as np

from mlscope.core.catalog import register
from mlscope.core.explorable import Explorable
from mlscope.core.params import VectorParam
from mlscope.core.text import subscript
from mlscope.core.views import Bars, Formula, Table, Text, View
from mlscope.nn.functional import softmax

ARTICLE_ROWS = ((1.0,), (1.0, 1.0), (0.0, 1.0), (2.0, 4.0), (5.0, 10.0), (-1.0, 0.0, 1.0),
                (1.0, 2.0, 4.0))
"""The article's examples; it truncates their softmax values, mlscope shows them right."""
LOGIT_RANGE = (-10.0, 10.0)


def prob_text(p: float) -> str:
    """Two decimals, three near 0 or 1 (0.007, 0.993), trailing zeros dropped (1, 0.5)."""
    digits = 3 if p < 0.01 or p > 0.99 else 2
    if p in (0.0, 1.0):
        digits = 0
    return f"{p:.{digits}f}".rstrip("0").rstrip(".") if digits else f"{p:.0f}"


def _vector(values: np.ndarray | tuple[float, ...]) -> str:
    return "[" + ", ".join(f"{v:g}" for v in values) + "]"


@register
class Softmax(Explorable):
    slug = "softmax"
    title = "Softmax: from scores to probabilities"
    topic = "deep"
    summary = "Type or drag logits and watch softmax turn them into probabilities."
    params = (
        VectorParam("logits", (2.0, 4.0), lo=LOGIT_RANGE[0], hi=LOGIT_RANGE[1], min_len=1,
                    max_len=8, label="logits z",
                    doc="Scores, one per class, separated by commas; or drag the bars."),
    )
    actions = ()
    layout = (("logits", "probabilities"), ("formula",), ("exaggeration",), ("rows",))
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

    def frame(self) -> dict[str, View]:
        z = np.array(self.p.logits)
        p = softmax(z)
        names = [f"z{subscript(i + 1)}" for i in range(len(z))]
        return {
            "logits": Bars("Logits (drag a bar)", names, z, LOGIT_RANGE, y_label="z",
                           value_labels=[f"{v:g}" for v in z], draggable="logits"),
            "probabilities": Bars("Probabilities", [f"p{subscript(i + 1)}" for i in range(len(z))],
                                  p, (0.0, 1.0), y_label="p",
                                  value_labels=[f"{v:.3f}" for v in p],
                                  colors=["#f59322"] * len(z)),
            "formula": self._formula(z, p),
            "exaggeration": self._exaggeration(z, p),
            "rows": Table("The article's examples, with correct values",
                          ["logits", "softmax", "sum"],
                          [self._row(r) for r in ARTICLE_ROWS]),
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
                       f"\\qquad p = {_vector(np.round(p, 4))}", title="Live numbers")

    def _exaggeration(self, z: np.ndarray, p: np.ndarray) -> Text:
        if len(z) < 2:
            return Text("With a single logit, softmax always says 1: one class is certain.")
        order = np.argsort(z)[::-1]
        i, j = int(order[0]), int(order[1])
        d = z[i] - z[j]
        ratio = p[i] / p[j]
        return Text(f"The top two logits differ by {d:g}, so their probabilities differ by a "
                    f"factor e^{d:g} = {ratio:,.3g}: p{subscript(i + 1)} = {p[i]:.3f} against "
                    f"p{subscript(j + 1)} = {p[j]:.3f}.")
