"""Reading the user's own table from CSV text: numeric columns, and optionally one label
column, for the explorables that look at many dimensions at once (PCA, t-SNE) and the lens.

The first line is a header when any of its fields is not a number (else the columns are
named "column 1", "column 2", ...). Every column whose values are all numbers is a feature.
One column may hold labels: the one named label, class, group, target or species (numbers
or words), or else the one column of words. Every error names the line and the column, and
nothing is returned unless the whole file is good.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from mlscope.core.params import ParamError, brief
from mlscope.data.csv_text import read_rows

MAX_ROWS = 5000
MAX_COLUMNS = 200
MIN_ROWS = 3
LABEL_NAMES = ("label", "class", "group", "target", "species")
FIELD = "table"


@dataclass(frozen=True)
class CsvTable:
    columns: tuple[str, ...]
    """The feature columns' names."""
    values: NDArray[np.float64]
    """(rows, columns) numbers."""
    label_name: str = ""
    """The label column's name; "" for none."""
    labels: tuple[str, ...] = ()
    """Each row's label as written; () for none."""

    def codes(self) -> NDArray[np.int64] | None:
        """Each row's label as 0, 1, ... in order of first appearance; None without labels."""
        if not self.labels:
            return None
        order: dict[str, int] = {}
        return np.array([order.setdefault(v, len(order)) for v in self.labels], dtype=np.int64)

    def classes(self) -> list[str]:
        """The distinct labels, in order of first appearance."""
        return list(dict.fromkeys(self.labels))


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def parse_table(text: str, field: str = FIELD) -> CsvTable:
    """The table in ``text``; ParamError (naming ``field``) for the first problem."""
    rows = read_rows(text, field, "numbers (after an optional header line)")
    first = rows[0][1]
    if all(_is_number(c) for c in first):
        names = [f"column {j + 1}" for j in range(len(first))]
    else:
        names = [c or f"column {j + 1}" for j, c in enumerate(first)]
        rows = rows[1:]
    width = len(names)
    if width > MAX_COLUMNS + 1:
        raise ParamError(field, f"the file has {width} columns; at most {MAX_COLUMNS} are "
                                f"allowed.")
    if len(rows) < MIN_ROWS:
        raise ParamError(field, f"the file has {len(rows)} row{'s' if len(rows) != 1 else ''} "
                                f"of data; at least {MIN_ROWS} are needed.")
    if len(rows) > MAX_ROWS:
        raise ParamError(field, f"the file has {len(rows)} rows; at most {MAX_ROWS} are "
                                f"allowed.")
    for line, r in rows:
        if len(r) != width:
            raise ParamError(field, f"line {line}: expected {width} columns, as the first "
                                    f"line has; got {len(r)}.")
    label = _label_column(names, rows, field)
    features = [j for j in range(width) if j != label]
    if len(features) < 2:
        raise ParamError(field, f"the file has {len(features)} numeric column"
                                f"{'s' if len(features) != 1 else ''}; at least 2 are needed.")
    values = np.empty((len(rows), len(features)))
    for i, (line, r) in enumerate(rows):
        for k, j in enumerate(features):
            try:
                v = float(r[j])
            except ValueError:
                raise ParamError(field, f"line {line}: column {names[j]!r} must be a number; "
                                        f"got {r[j][:40]!r}.") from None
            if not math.isfinite(v):
                raise ParamError(field, f"line {line}: column {names[j]!r} must be a finite "
                                        f"number; got {brief(r[j])}.")
            values[i, k] = v
    labels = tuple(r[label] for _, r in rows) if label is not None else ()
    return CsvTable(tuple(names[j] for j in features), values,
                    names[label] if label is not None else "", labels)


def _label_column(names: list[str], rows: list[tuple[int, list[str]]], field: str) -> int | None:
    """The label column: the one named as a label, else the one column of words; None."""
    named = [j for j, n in enumerate(names) if n.lower() in LABEL_NAMES]
    if named:
        return named[0]
    words = [j for j in range(len(names))
             if not any(_is_number(r[j]) and r[j] for _, r in rows)]
    if len(words) > 1:
        raise ParamError(field, f"columns {names[words[0]]!r} and {names[words[1]]!r} hold "
                                f"words; only one label column is allowed (name it 'label'), "
                                f"the rest must be numbers.")
    return words[0] if words else None
