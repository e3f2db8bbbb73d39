"""Numbers as the maths pages print them: a real minus sign, no trailing zeros after the
point (but never a zero of the whole part: 90, not 9), "undefined" for NaN, and a power of
ten for the very large (1.5·10⁶); what rounds to 0 at ``digits`` decimals prints as 0."""

from __future__ import annotations

import math

_SUPERSCRIPT = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")


def fmt(v: float, digits: int = 3) -> str:
    """v with at most ``digits`` decimals: 2.5, −1, 90, 1.5·10⁶, undefined."""
    v = float(v)
    if not math.isfinite(v):
        return "undefined"
    if abs(v) >= 1e6:
        mant, exp = f"{v:.{max(digits - 1, 1)}e}".split("e")
        mant = mant.rstrip("0").rstrip(".")
        return f"{mant.replace('-', '−')}·10{str(int(exp)).translate(_SUPERSCRIPT)}"
    s = f"{v:.{digits}f}"
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s.replace("-", "−")
