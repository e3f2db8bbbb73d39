"""Unlabelled points on the plane, the way every clustering page has them: the same
parameters (a data set of ``data.cluster_sets``, a count, your own points), the same loading
and the same editing (click to add a point, shift-click to remove one).

An explorable mixes ``ClusterPoints`` in, lists ``cluster_point_params(...)`` among its
parameters and ``ADD_POINT`` among its actions, calls ``load_points()`` in ``reset()``,
``forget_points()`` first in ``changed()`` and ``edit_points()`` from ``act()``.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from mlscope.core.explorable import Action
from mlscope.core.params import ChoiceParam, IntParam, Param, ParamError, PointsParam
from mlscope.data import cluster_sets, csv_points, plane
from mlscope.explorables.plane_points import ADD_POINT, BOX

__all__ = ["ADD_POINT", "BOX", "UPLOAD", "ClusterPoints", "cluster_point_params"]

UPLOAD = Action("upload_csv", "Upload CSV", "Your own points: columns x, y, and optionally a "
                "group (0-11) to compare the clusters with.", upload=".csv,text/csv,text/plain")

GENERATOR_PARAMS = {"dataset", "count", "seed"}
"""A new value of any of these makes a new data set, replacing points edited by hand."""


def cluster_point_params(dataset: str, count: int = 300) -> tuple[Param, ...]:
    """The data's parameters, in the order the controls show them."""
    names = tuple(cluster_sets.SETS)
    return (
        ChoiceParam("dataset", dataset, options=names,
                    labels=tuple(cluster_sets.LABELS[d] for d in names), label="data",
                    effect="data"),
        IntParam("count", count, 10, 5000, label="points", advanced=True, effect="data"),
        PointsParam("data", (), x_range=BOX, y_range=BOX, n_labels=12, max_points=5000,
                    effect="data", label="points", advanced=True,
                    doc="(x, y, group) of each point: click the plot to add one, shift-click "
                        "to remove one, or upload a CSV. The group (0 for none) is what the "
                        "clusters are compared with, never shown to the algorithm."),
    )


class ClusterPoints:
    """The points of an explorable with ``cluster_point_params``: ``points`` (n, 2) and
    ``groups`` (n,), the shapes the data set drew them from (all 0 for your own points)."""

    p: Any
    points: np.ndarray
    groups: np.ndarray

    def load_points(self) -> None:
        """Your points if there are any, else the data set's."""
        if self.p.data:
            self.points = np.array([q[:2] for q in self.p.data], dtype=float).reshape(-1, 2)
            self.groups = np.array([int(q[2]) for q in self.p.data], dtype=np.int64)
        else:
            self.points, self.groups = cluster_sets.generate(self.p.dataset, self.p.count,
                                                             self.p.seed)

    def forget_points(self, names: set[str]) -> None:
        """A new data set replaces points edited by hand (call first in ``changed``)."""
        if names & GENERATOR_PARAMS and "data" not in names and self.p.data:
            self._assign(data=())  # type: ignore[attr-defined]

    def edit_points(self, value: Any, keep: int = 1, why: str = "") -> None:
        """A click on the plot: add a point, or (shift) remove the nearest one, keeping at
        least ``keep`` (``why``: the reason, said in the error); the data set's points
        become yours from then on."""
        pts = list(self.p.data) or [(float(a), float(b), 0) for a, b in self.points]
        edited = plane.edit_points(pts, value, 0, BOX, BOX)
        if len(edited) < keep:
            raise ParamError("add_point",
                             f"keep at least {keep} point{'s' if keep > 1 else ''}{why}.")
        self.set(data=[(x, y, int(g)) for x, y, g in edited])  # type: ignore[attr-defined]

    def upload(self, text: Any, keep: int = 1) -> None:
        """A CSV of x, y (and a group): the points, scaled into the plane; nothing changes
        unless the whole file is good."""
        if not isinstance(text, str):
            raise ParamError("data", "an upload must send the file's text.")
        got = csv_points.parse_unlabelled(text)
        if len(got.points) < keep:
            raise ParamError("data", f"the file has {len(got.points)} rows; at least {keep} "
                                     f"are needed here.")
        self.set(data=got.points)  # type: ignore[attr-defined]

    def grouped(self) -> bool:
        """True if the points come with groups to compare the clusters with: a data set's
        shapes, or a group column in your points."""
        return not self.p.data or len(np.unique(self.groups)) > 1

    def has_shapes(self) -> bool:
        """True while the points are a data set's (whose shapes are known), not yours."""
        return not self.p.data
