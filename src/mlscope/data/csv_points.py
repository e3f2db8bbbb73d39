"""Reading the user's own 2-D data from CSV text: two feature columns and a label.

A header line is optional (it is recognised by a non-numeric first field). Labels that are
all classes 0..4, or TensorFlow Playground's +1/-1 (which become classes 0 and 1), make a
classification set. Any other numbers (0, 10, 20; ratings 1 to 5; ±1e6) make a regression
set whose values are kept as they are. Every error names the line and column,
and nothing is returned unless the whole file is good.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from mlscope.core.params import ParamError, brief
from mlscope.data.csv_text import read_rows

MAX_POINTS = 5000
MAX_CLASSES = 5
FIELD = "data"


@dataclass(frozen=True)
class CsvData:
    points: tuple[tuple[float, float, float], ...]
    """(x1, x2, label or value) per row."""
    task: str
    """"classification" or "regression"."""


def _number(text: str, line: int, column: str) -> float:
    try:
        v = float(text)
    except ValueError:
        raise ParamError(FIELD, f"line {line}: {column} must be a number; "
                                f"got {text.strip()[:40]!r}.") from None
    if not math.isfinite(v):
        raise ParamError(FIELD, f"line {line}: {column} must be a finite number; "
                                f"got {brief(text)}.")
    return v


def _rows(text: str, expected: str) -> list[tuple[int, list[str]]]:
    """The file's non-empty rows with their line numbers, a header line left out; ParamError
    for an empty file, a header alone or too many rows (``expected`` says what rows hold)."""
    rows = read_rows(text, FIELD, expected)
    try:
        float(rows[0][1][0])
    except ValueError:
        rows = rows[1:]  # a header line
    if not rows:
        raise ParamError(FIELD, f"the file has a header but no rows of {expected}.")
    if len(rows) > MAX_POINTS:
        raise ParamError(FIELD, f"the file has {len(rows)} rows; at most {MAX_POINTS} are "
                                f"allowed.")
    return rows


def parse_csv(text: str) -> CsvData:
    """The rows of ``text``; ParamError (field "data") naming the first problem."""
    rows = _rows(text, "x1,x2,label")
    points = []
    for line, r in rows:
        if len(r) != 3:
            raise ParamError(FIELD, f"line {line}: expected 3 columns (x1, x2, label); "
                                    f"got {len(r)}.")
        points.append((_number(r[0], line, "x1"), _number(r[1], line, "x2"),
                       _number(r[2], line, "label")))
    labels = {p[2] for p in points}
    if labels <= {-1.0, 1.0}:
        points = [(x, y, 0.0 if v > 0 else 1.0) for x, y, v in points]
        return CsvData(tuple(points), "classification")
    if labels <= {float(c) for c in range(MAX_CLASSES)}:
        return CsvData(tuple(points), "classification")
    return CsvData(tuple(points), "regression")


@dataclass(frozen=True)
class Unlabelled:
    points: tuple[tuple[float, float, int], ...]
    """(x, y, group) per row, scaled into the plane (group 0 when the file has none)."""
    scale: float
    """How the file's numbers were scaled: plane = (file - centre) * scale."""
    groups: bool
    """True if the file had a third column of groups."""


def parse_unlabelled(text: str, fit: float = 5.5, max_groups: int = 12) -> Unlabelled:
    """Rows of x, y (and optionally a whole-number group, 0 to ``max_groups`` - 1, which the
    clustering is compared with, never shown to it), one scale for both columns so distances
    keep their proportions, centred in [-fit, fit]². ParamError (field "data") naming the
    first problem."""
    rows = _rows(text, "x,y (and a group)")
    width = len(rows[0][1])
    if width not in (2, 3):
        raise ParamError(FIELD, f"line {rows[0][0]}: expected 2 columns (x, y) or 3 (x, y, "
                                f"group); got {width}.")
    xs, groups = [], []
    for line, r in rows:
        if len(r) != width:
            raise ParamError(FIELD, f"line {line}: expected {width} columns like the first "
                                    f"row; got {len(r)}.")
        xs.append((_number(r[0], line, "x"), _number(r[1], line, "y")))
        if width == 3:
            g = _number(r[2], line, "group")
            if not g.is_integer() or not 0 <= g < max_groups:
                raise ParamError(FIELD, f"line {line}: a group must be a whole number from 0 to "
                                        f"{max_groups - 1}; got {r[2].strip()[:20]!r}.")
            groups.append(int(g))
    lo = [min(p[k] for p in xs) for k in (0, 1)]
    hi = [max(p[k] for p in xs) for k in (0, 1)]
    span = max(hi[0] - lo[0], hi[1] - lo[1])
    scale = 2 * fit / span if span > 0 else 1.0
    mid = [(lo[k] + hi[k]) / 2 for k in (0, 1)]
    pts = tuple(((x - mid[0]) * scale, (y - mid[1]) * scale, groups[i] if groups else 0)
                for i, (x, y) in enumerate(xs))
    return Unlabelled(pts, scale, width == 3)
