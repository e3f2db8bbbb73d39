"""The Matrix view: a labelled grid of numbers as coloured cells (a confusion matrix, a
kernel's Gram matrix, attention weights, a gridworld's values), cells editable on request.

JS renderer: ``frontend/src/views/matrix.ts``; matplotlib: ``mlscope/render/matrix.py``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

import numpy as np
from numpy.typing import NDArray

from mlscope.core.colors import COLORMAPS, value_codes
from mlscope.core.views.base import FloatArray


@dataclass
class Matrix:
    """values: ndarray of shape (m, n), float; row 0 is the *top* row, as a matrix is written
    (not as a plot). row_labels (m) and col_labels (n) name the rows and columns; y_label and
    x_label say what rows and columns are ("true class", "predicted class").

    Each cell is coloured by its value through ``colormap`` on [vmin, vmax] (``codes()``,
    shared by both renderers) and shows ``cell_text[i][j]`` if given, else its value with
    ``decimals`` decimals. ``name`` (what the colour measures) gives the matrix a colour bar.
    edit_action: the action a typed cell sends, ``{"row": i, "col": j, "value": v}``; None
    for a matrix that is only read.
    """

    title: str
    values: FloatArray
    row_labels: list[str]
    col_labels: list[str]
    vmin: float
    vmax: float
    colormap: str = "sequential"
    x_label: str = ""
    y_label: str = ""
    decimals: int = 2
    cell_text: list[list[str]] = field(default_factory=list)
    name: str = ""
    edit_action: str | None = None
    codes: NDArray[np.uint8] = field(init=False, repr=False)
    """Colour codes of the cells (set from the values): what both renderers colour by."""
    kind: ClassVar[str] = "matrix"

    def __post_init__(self) -> None:
        shape = np.shape(self.values)
        if len(shape) != 2:
            raise ValueError(f"Matrix.values must be 2-D; got shape {shape}")
        m, n = shape
        if len(self.row_labels) != m or len(self.col_labels) != n:
            raise ValueError(f"Matrix of shape {shape} needs {m} row_labels and {n} col_labels;"
                             f" got {len(self.row_labels)} and {len(self.col_labels)}")
        if self.cell_text and (len(self.cell_text) != m or any(len(r) != n
                                                                for r in self.cell_text)):
            raise ValueError(f"Matrix.cell_text must be {m} rows of {n} strings")
        if self.colormap not in COLORMAPS:
            raise ValueError(f"colormap must be one of {sorted(COLORMAPS)}; got {self.colormap!r}")
        if not self.vmax > self.vmin:
            raise ValueError(f"Matrix needs vmax > vmin; got {self.vmin}, {self.vmax}")
        self.codes = value_codes(np.asarray(self.values, dtype=np.float64), self.vmin, self.vmax)

    def texts(self) -> list[list[str]]:
        """What each cell says."""
        if self.cell_text:
            return self.cell_text
        v = np.asarray(self.values, dtype=np.float64)
        return [["" if np.isnan(x) else f"{x:.{self.decimals}f}" for x in row] for row in v]
