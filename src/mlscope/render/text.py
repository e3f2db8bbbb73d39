"""matplotlib renderers of the Formula and Text views (mirrors of formula.ts and text.ts).

KaTeX takes full TeX; matplotlib's mathtext a subset. ``mathtext_lines`` rewrites what our
explorables use (aligned rows, \\text, \\tfrac, {,}) into mathtext, one string per row; a
row mathtext still cannot parse is shown as plain text rather than failing the export.
"""

from __future__ import annotations

import re
import textwrap
from typing import Any

from matplotlib.mathtext import MathTextParser

from mlscope.core.views import Formula, Text

TONES = {"info": ("#eef5fb", "#0b4f7c"), "success": ("#e9f6ec", "#1e6b33"),
         "warning": ("#fff4e5", "#8a4b00"), "error": ("#fdecea", "#a31a17")}

_PARSER = MathTextParser("path")


def _text_arg(m: re.Match[str]) -> str:
    return r"\mathrm{" + m.group(1).replace(" ", r"\ ") + "}"


def mathtext_lines(tex: str) -> list[str]:
    """TeX as mathtext strings, one per row of an aligned block."""
    body = re.sub(r"\\(begin|end)\{(aligned|align\*?|gathered)\}", "", tex)
    body = re.sub(r"\\textcolor\{[^{}]*\}", "", body)  # mathtext has no colours
    body = re.sub(r"\\text\{([^{}]*)\}", _text_arg, body)
    body = re.sub(r"\\[td]?frac\s*([0-9a-zA-Z])\s*([0-9a-zA-Z])", r"\\frac{\1}{\2}", body)
    body = (body.replace(r"\tfrac", r"\frac").replace(r"\dfrac", r"\frac")
            .replace(r"\textstyle", "").replace(r"\displaystyle", "").replace("{,}", ",")
            .replace(r"\quad", r"\ \ \ ").replace("&", ""))
    return [row.strip() for row in body.split(r"\\") if row.strip()]


def _plain(row: str) -> str:
    s = re.sub(r"\\mathrm\{([^{}]*)\}", r"\1", row).replace(r"\ ", " ")
    s = re.sub(r"\\[a-zA-Z]+", "", s)
    return s.replace("{", "").replace("}", "").replace("^", "").replace("_", "")


def _parses(row: str) -> bool:
    try:
        _PARSER.parse(f"${row}$")
    except ValueError:
        return False
    return True


def draw_formula(ax: Any, view: Formula, labels: bool = True) -> None:
    rows = mathtext_lines(view.tex)
    n = max(len(rows), 1)
    size = max(8.0, min(15.0, 26.0 / n ** 0.5))
    for i, row in enumerate(rows):
        text = f"${row}$" if _parses(row) else _plain(row)
        ax.text(0.02, 1 - (i + 0.5) / n, text, ha="left", va="center", fontsize=size,
                color="#1f2933", transform=ax.transAxes)
    ax.axis("off")
    if labels and view.title:
        ax.set_title(view.title, fontsize=11, loc="left")


def draw_text(ax: Any, view: Text, labels: bool = True) -> None:
    background, ink = TONES[view.tone]
    ax.set_facecolor(background)
    ax.text(0.02, 0.5, "\n".join(textwrap.wrap(view.text, 90)), ha="left", va="center",
            fontsize=10, color=ink, transform=ax.transAxes, wrap=True)
    ax.set_xticks([])
    ax.set_yticks([])
    for s in ax.spines.values():
        s.set_visible(False)
    if labels and view.title:
        ax.set_title(view.title, fontsize=11, loc="left")
