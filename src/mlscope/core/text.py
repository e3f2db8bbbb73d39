"""Small text helpers for view labels."""

from __future__ import annotations

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(k: int) -> str:
    """The digits of k as Unicode subscripts: subscript(12) == "₁₂"."""
    return str(k).translate(_SUBSCRIPTS)


def count(n: int, word: str, many: str = "") -> str:
    """"1 point", "3 points"; "1 class", "2 classes"; ``many`` for other plurals
    (count(2, "leaf", "leaves"))."""
    if n == 1:
        return f"{n} {word}"
    return f"{n} {many or (word + 'es' if word.endswith(('s', 'x')) else word + 's')}"
