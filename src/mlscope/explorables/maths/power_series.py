"""Taylor coefficients of a checked formula (``maths/expression.py``) at a point, by
arithmetic on truncated power series (Taylor-mode automatic differentiation): each node of
the formula becomes its first K coefficients, combined by the rules for products,
quotients, exp, log, powers, sines and the rest. Exact to rounding, in a time bounded by
K² per node whatever the formula, with no symbolic algebra.

``taylor(f, a, K)`` gives c_0 .. c_K with f(a + h) = Σ c_k h^k + O(h^(K+1)): c_k is
f⁽ᵏ⁾(a)/k!. tests/unit/test_power_series.py checks them against SymPy's series.
"""

from __future__ import annotations

import ast
import math

import numpy as np
from numpy.typing import NDArray

from mlscope.explorables.maths.expression import CONSTANTS, Expression

Series = NDArray[np.float64]


class NotAnalytic(ValueError):
    """The formula has no Taylor series at this point (|x| at 0, a jump, log of 0)."""


def taylor(f: Expression, a: float, order: int) -> Series:
    """f's Taylor coefficients at a, c_0 .. c_order; raises NotAnalytic where there are
    none (the series of a formula undefined at a, or with a corner there)."""
    with np.errstate(all="ignore"):
        out = _series(f.tree, a, order + 1)
    if not np.isfinite(out).all():
        raise NotAnalytic(f"no Taylor series at {a:g}")
    return out


def _const(v: float, n: int) -> Series:
    s = np.zeros(n)
    s[0] = v
    return s


def _mul(a: Series, b: Series) -> Series:
    n = len(a)
    return np.array([np.dot(a[:k + 1], b[k::-1]) for k in range(n)])


def _div(a: Series, b: Series) -> Series:
    if b[0] == 0:
        raise NotAnalytic("division by a series that starts at 0")
    c = np.zeros(len(a))
    for k in range(len(a)):
        c[k] = (a[k] - np.dot(b[1:k + 1], c[k - 1::-1][:k])) / b[0]
    return c


def _exp(u: Series) -> Series:
    e = np.zeros(len(u))
    e[0] = math.exp(u[0])
    for k in range(1, len(u)):
        j = np.arange(1, k + 1)
        e[k] = np.dot(j * u[1:k + 1], e[k - 1::-1][:k]) / k
    return e


def _log(u: Series) -> Series:
    if u[0] <= 0:
        raise NotAnalytic("log of a series that is not positive")
    v = np.zeros(len(u))
    v[0] = math.log(u[0])
    for k in range(1, len(u)):
        j = np.arange(1, k)
        v[k] = (u[k] - np.dot(j * v[1:k], u[k - 1:0:-1]) / k) / u[0]
    return v


def _power(u: Series, alpha: float) -> Series:
    """u^alpha for a constant alpha (u[0] > 0, or a whole alpha ≥ 0)."""
    if float(alpha).is_integer() and alpha >= 0:
        out = _const(1.0, len(u))
        for _ in range(int(alpha)):
            out = _mul(out, u)
        return out
    if u[0] <= 0:
        raise NotAnalytic("a fractional power of a series that is not positive")
    p = np.zeros(len(u))
    p[0] = u[0] ** alpha
    for k in range(1, len(u)):
        j = np.arange(1, k + 1)
        p[k] = np.dot(((alpha + 1) * j - k) * u[1:k + 1], p[k - 1::-1][:k]) / (k * u[0])
    return p


def _sin_cos(u: Series, sign: float = -1.0) -> tuple[Series, Series]:
    """(sin u, cos u), or with sign +1 (sinh u, cosh u)."""
    n = len(u)
    s, c = np.zeros(n), np.zeros(n)
    if sign < 0:
        s[0], c[0] = math.sin(u[0]), math.cos(u[0])
    else:
        s[0], c[0] = math.sinh(u[0]), math.cosh(u[0])
    for k in range(1, n):
        j = np.arange(1, k + 1)
        # s' = c·u' and c' = ∓s·u' (− for sin and cos, + for sinh and cosh)
        s[k] = np.dot(j * u[1:k + 1], c[k - 1::-1][:k]) / k
        c[k] = sign * np.dot(j * u[1:k + 1], s[k - 1::-1][:k]) / k
    return s, c


def _integrate(d: Series, start: float) -> Series:
    """The series whose derivative is d (d's last coefficient unused), starting at start."""
    out = np.zeros(len(d))
    out[0] = start
    out[1:] = d[:-1] / np.arange(1, len(d))
    return out


def _derivative(u: Series) -> Series:
    out = np.zeros(len(u))
    out[:-1] = u[1:] * np.arange(1, len(u))
    return out


def _call(name: str, u: Series) -> Series:
    n = len(u)
    one = _const(1.0, n)
    if name in ("sin", "cos"):
        s, c = _sin_cos(u)
        return s if name == "sin" else c
    if name in ("sinh", "cosh"):
        s, c = _sin_cos(u, 1.0)
        return s if name == "sinh" else c
    if name == "tan":
        s, c = _sin_cos(u)
        return _div(s, c)
    if name == "tanh":
        s, c = _sin_cos(u, 1.0)
        return _div(s, c)
    if name == "exp":
        return _exp(u)
    if name in ("log", "ln"):
        return _log(u)
    if name == "sqrt":
        return _power(u, 0.5)
    if name == "sigmoid":
        return _div(one, one + _exp(-u))
    if name == "atan":
        return _integrate(_div(_derivative(u), one + _mul(u, u)), math.atan(u[0]))
    if name in ("asin", "acos"):
        if abs(u[0]) >= 1:
            raise NotAnalytic(f"{name} at ±1 or beyond")
        d = _div(_derivative(u), _power(one - _mul(u, u), 0.5))
        return _integrate(d if name == "asin" else -d, getattr(math, name)(u[0]))
    if name in ("abs", "relu", "step"):
        if u[0] == 0:
            raise NotAnalytic(f"{name} has a corner at 0")
        if name == "abs":
            return np.asarray(np.sign(u[0]) * u, dtype=float)
        if name == "relu":
            return u.copy() if u[0] > 0 else np.zeros(n)
        return _const(1.0 if u[0] > 0 else 0.0, n)
    raise NotAnalytic(f"no series rule for {name}")


def _series(node: ast.expr, a: float, n: int) -> Series:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return _const(float(node.value), n)
    if isinstance(node, ast.Name):
        if node.id in CONSTANTS:
            return _const(CONSTANTS[node.id], n)
        s = _const(a, n)
        if n > 1:
            s[1] = 1.0
        return s
    if isinstance(node, ast.UnaryOp):
        inner = _series(node.operand, a, n)
        return -inner if isinstance(node.op, ast.USub) else inner
    if isinstance(node, ast.BinOp):
        left = _series(node.left, a, n)
        if isinstance(node.op, ast.Pow | ast.BitXor):
            right = _series(node.right, a, n)
            if not right[1:].any():  # a constant exponent
                return _power(left, float(right[0]))
            return _exp(_mul(right, _log(left)))
        right = _series(node.right, a, n)
        if isinstance(node.op, ast.Add):
            return left + right
        if isinstance(node.op, ast.Sub):
            return left - right
        if isinstance(node.op, ast.Mult):
            return _mul(left, right)
        return _div(left, right)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return _call(node.func.id, _series(node.args[0], a, n))
    raise NotAnalytic("not a checked formula")
