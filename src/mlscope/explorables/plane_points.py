"""Labelled points on the plane, the way every classic classifier's page has them: the same
parameters (a data set, classes, noise, a count, a held-out share, your own points and the
class a click adds), the same loading (generated, or yours), the same editing (click to add,
shift-click to remove) and the same two layers of points (training, and held out ringed).

An explorable mixes ``PlanePoints`` in, lists ``point_params(...)`` among its parameters and
``ADD_POINT`` among its actions, calls ``load_points()`` in ``reset()``, ``forget_points()``
first in ``changed()`` and ``add_point()`` from ``act()``. The data toolkit itself (the
generators, ``edit_points``, the split) is ``mlscope.data.plane``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.colors import HELD_OUT, LABEL_NAMES
from mlscope.core.explorable import Action
from mlscope.core.params import ChoiceParam, IntParam, Param, ParamError, PointsParam
from mlscope.core.views import PointsLayer
from mlscope.data import plane

BOX = (-6.0, 6.0)
GENERATOR_PARAMS = {"dataset", "count", "noise", "classes", "seed"}
"""A new value of any of these makes a new data set, replacing points edited by hand."""
ADD_POINT = Action("add_point", "Add point", button=False)


def point_params(datasets: tuple[str, ...], dataset: str, noise: int = 25, count: int = 200,
                 held_out: int = 30, classes: int = 2) -> tuple[Param, ...]:
    """The data's parameters, in the order the controls show them."""
    return (
        ChoiceParam("dataset", dataset, options=datasets,
                    labels=tuple(plane.LABELS[d] for d in datasets), label="data"),
        IntParam("classes", classes, 2, 5, label="classes", advanced=True),
        IntParam("noise", noise, 0, 50, 5, label="noise %"),
        IntParam("count", count, 10, 5000, label="points", advanced=True),
        IntParam("held_out", held_out, 0, 50, 10, label="held-out %",
                 doc="Share of the points the model never sees, to test it on (ringed)."),
        PointsParam("data", (), x_range=BOX, y_range=BOX, n_labels=5, max_points=5000,
                    effect="data", label="points", advanced=True,
                    doc="(x, y, class) of each point: click the plot to add one of the class "
                        "below, shift-click to remove."),
        IntParam("brush", 0, 0, 4, label="class to add", advanced=True, effect="view"),
    )


class PlanePoints:
    """The points of an explorable with ``point_params``: ``points`` (n, 2), ``labels`` (n,),
    ``n_classes`` and ``train`` (which points the model learns from)."""

    p: Any
    points: np.ndarray
    labels: np.ndarray
    n_classes: int
    train: np.ndarray

    def load_points(self) -> None:
        """Your points if there are any, else the data set's (drawn onto the plot: gaussian
        tails are pulled inside the box), and the split into training and held out."""
        p = self.p
        if p.data:
            pts = np.array([q[:2] for q in p.data], dtype=float).reshape(-1, 2)
            lab = np.array([q[2] for q in p.data], dtype=int)
        else:
            pts, t = plane.generate(p.dataset, p.count, p.noise / 100, p.classes, p.seed)
            pts = np.clip(pts, BOX[0] + 0.05, BOX[1] - 0.05)
            lab = t.astype(int)
        self.points, self.labels = pts, lab
        self.n_classes = max(2, int(lab.max()) + 1) if len(lab) else 2
        self.train = plane.is_train(len(pts), 1 - p.held_out / 100)
        if not self.train.any():
            self.train[:] = True

    def forget_points(self, names: set[str]) -> None:
        """A new data set replaces points edited by hand (call first in ``changed``)."""
        if names & GENERATOR_PARAMS:
            self._assign(data=())  # type: ignore[attr-defined]

    def add_point(self, value: Any) -> None:
        """A click on the plot: add a point of the brush's class, or (shift) remove the
        nearest; the data set's points become yours from then on."""
        pts = list(self.p.data) or [(float(a), float(b), int(c)) for (a, b), c in
                                    zip(self.points, self.labels, strict=True)]
        edited = plane.edit_points(pts, value, self.p.brush, BOX, BOX)
        if not edited:
            raise ParamError("add_point", "keep at least one point.")
        self.set(data=[(x, y, int(c)) for x, y, c in edited])  # type: ignore[attr-defined]

    def points_layers(self) -> list[PointsLayer]:
        """The training points in their class colours, then the held-out ones ringed."""
        held = ~self.train
        layers = [PointsLayer(self.points[self.train][:, 0], self.points[self.train][:, 1],
                              labels=self.labels[self.train], size=4, name="training points")]
        if held.any():
            layers.append(PointsLayer(self.points[held][:, 0], self.points[held][:, 1],
                                      labels=self.labels[held], size=4, stroke=HELD_OUT,
                                      name="held out"))
        return layers

    def plane_title(self, title: str) -> str:
        """``title``, unless the training data are odd (one class, one point...): then why."""
        return plane.data_notice(self.points[self.train], self.labels[self.train],
                                 LABEL_NAMES) or title
