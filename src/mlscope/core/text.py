"""Small text helpers for view labels."""

from __future__ import annotations

_SUBSCRIPTS = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def subscript(k: int) -> str:
    """The digits of k as Unicode subscripts: subscript(12) == "₁₂"."""
    return str(k).translate(_SUBSCRIPTS)
