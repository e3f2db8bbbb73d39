"""A function of x typed by the learner (``sin(x) + x^2``), read safely and evaluated with
numpy: Python's own parser (``ast``) reads the text, and only a whitelist of nodes is
accepted: numbers, ``x``, ``pi`` and ``e``, + - * / and ^ or ** for powers, and the functions
in ``FUNCTIONS``. Nothing is ever passed to ``eval``; anything else is refused with its
position in the text ("position 5: 'y' is not allowed; use x").

``derivative`` gives the exact derivative through SymPy where it is installed (the SymPy
expression is built node by node from the same whitelisted tree, never from the text), and
``None`` where it is not: the caller then uses ``numeric_derivative``, a sixth-order central
difference.
"""

from __future__ import annotations

import ast
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from numpy.typing import NDArray

Array = NDArray[np.float64]


def _relu(x: Array) -> Array:
    return np.maximum(x, 0.0)


def _step(x: Array) -> Array:
    return np.where(x >= 0, 1.0, 0.0)


def _sigmoid(x: Array) -> Array:
    return np.asarray(0.5 * (1.0 + np.tanh(0.5 * x)), dtype=float)


FUNCTIONS: dict[str, Callable[[Array], Array]] = {
    "sin": np.sin, "cos": np.cos, "tan": np.tan, "exp": np.exp, "log": np.log, "ln": np.log,
    "sqrt": np.sqrt, "abs": np.abs, "sinh": np.sinh, "cosh": np.cosh, "tanh": np.tanh,
    "asin": np.arcsin, "acos": np.arccos, "atan": np.arctan, "relu": _relu,
    "sigmoid": _sigmoid, "step": _step,
}
"""The functions a typed expression may call, each of one argument (log is the natural one;
step(x) is 1 from 0 on, else 0)."""
CONSTANTS = {"pi": math.pi, "π": math.pi, "e": math.e}
ALLOWED = "x, numbers, pi (or π), e, + - * / ^, ( ), and " + ", ".join(FUNCTIONS)


def allowed(variables: tuple[str, ...]) -> str:
    """What a formula in these variables may use, for error messages."""
    return ALLOWED.replace("x, ", ", ".join(variables) + ", ", 1)


class ExpressionError(ValueError):
    """A typed expression that cannot be read; ``position`` is 1-based (0: the whole)."""

    def __init__(self, message: str, position: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


_BINARY: dict[type, Callable[[Any, Any], Any]] = {
    ast.Add: np.add, ast.Sub: np.subtract, ast.Mult: np.multiply, ast.Div: np.divide,
    ast.Pow: np.power, ast.BitXor: np.power,  # x^2 means a power here, as people write it
}


@dataclass(frozen=True)
class Expression:
    """A checked expression: call it on an array of x (or ``at(x=..., y=...)`` for a
    function of several variables); ``text`` as typed."""

    text: str
    tree: ast.expr
    variables: tuple[str, ...] = ("x",)

    def __call__(self, x: Array | float) -> Array:
        return self.at(x=x)

    def at(self, **values: Array | float) -> Array:
        """The values at arrays of each variable (broadcast together); NaN where the
        formula is undefined (log of a negative) or overflows."""
        env = {k: np.asarray(v, dtype=float) for k, v in values.items()}
        shape = np.broadcast_shapes(*(a.shape for a in env.values()))
        with np.errstate(all="ignore"):
            out = np.asarray(_evaluate(self.tree, env), dtype=float)
        out = np.broadcast_to(out, shape).astype(float)
        out[~np.isfinite(out)] = np.nan
        return out

    def tex(self) -> str:
        """The expression in TeX (via SymPy where installed, else as typed)."""
        return _tex(self)

    def sympy(self) -> Any:
        """The SymPy expression built from the checked tree, or None: without SymPy, where
        exact arithmetic could take too long or fail (``_exact_is_quick``), or where SymPy
        itself refuses it."""
        try:
            import sympy
        except ImportError:
            return None
        if not _exact_is_quick(self.tree, self.variables):
            return None
        try:
            return _to_sympy(self.tree, sympy)
        except Exception:  # SymPy refusing a form (Heaviside of a non-real): use numbers
            return None

    def derivative(self) -> tuple[Callable[[Array], Array], str] | None:
        """(f', its TeX) exactly, through SymPy; None where SymPy is not installed. Worked
        out once per expression (``parse`` hands out one object per text)."""
        return _derivative(self)

    def _derivative(self) -> tuple[Callable[[Array], Array], str] | None:
        sym = self.sympy()
        if sym is None:
            return None
        import sympy

        x = sympy.Symbol("x", real=True)
        try:
            d = sympy.diff(sym, x)  # no simplify(): it can take seconds on a nested formula
            # lambdify prints the tree SymPy built from our whitelisted nodes, never the text
            call = _lambdify((x,), d)
            tex = str(sympy.latex(d))
        except Exception:  # a form SymPy cannot print or evaluate: the numbers will do
            return None
        return lambda v: call(v), tex

    def gradient(self) -> tuple[Callable[..., tuple[Array, ...]], tuple[str, ...],
                                tuple[str, ...]] | None:
        """(∇f as a function of the variables' arrays, each partial's TeX, each as plain
        text), exactly, through SymPy; None where SymPy is not installed. Once per
        expression."""
        return _gradient(self)

    def _gradient(self) -> tuple[Callable[..., tuple[Array, ...]], tuple[str, ...],
                                 tuple[str, ...]] | None:
        sym = self.sympy()
        if sym is None:
            return None
        import sympy

        syms = tuple(sympy.Symbol(v, real=True) for v in self.variables)
        try:
            parts = [sympy.diff(sym, s) for s in syms]
            calls = [_lambdify(syms, d) for d in parts]
            plain = tuple(str(d).replace("**", "^").replace("*", "·") for d in parts)
            texs = tuple(str(sympy.latex(d)) for d in parts)
        except Exception:  # a form SymPy cannot print or evaluate: the numbers will do
            return None

        def grad(*arrays: Array) -> tuple[Array, ...]:
            return tuple(c(*arrays) for c in calls)

        return grad, texs, plain


MAX_EXACT_POWER = 64.0
MAX_EXACT_NODES = 40
MAX_EXACT_DEPTH = 3
"""SymPy is asked only for formulas of at most this many nodes and function calls nested
at most this deep: beyond, its derivative and printing can take seconds (sigmoid of sigmoid
of ... four deep). The numbers then come from finite differences."""
MAX_EXACT_CONSTANT = 1e12


@lru_cache(maxsize=128)
def _tex(f: Expression) -> str:
    sym = f.sympy()
    if sym is not None:
        try:
            import sympy

            return str(sympy.latex(sym))
        except Exception:  # pragma: no cover - printing refused: show the text
            pass
    return f.text.replace("**", "^").replace("*", r" \cdot ")


@lru_cache(maxsize=128)
def _derivative(f: Expression) -> tuple[Callable[[Array], Array], str] | None:
    return f._derivative()


@lru_cache(maxsize=128)
def _gradient(f: Expression) -> tuple[Callable[..., tuple[Array, ...]], tuple[str, ...],
                                      tuple[str, ...]] | None:
    return f._gradient()


def _lambdify(syms: tuple[Any, ...], expr: Any) -> Callable[..., Array]:
    """A numpy function of the symbols' arrays; NaN where undefined or not real. lambdify
    prints the tree SymPy built from the whitelisted nodes, never the learner's text. Tried
    once on a grid here, so a form numpy cannot evaluate fails now, not in a frame."""
    import sympy

    fn = sympy.lambdify(syms, expr, modules=[
        {"Heaviside": lambda v, *_: _step(np.asarray(v)),
         "DiracDelta": lambda v, *_: np.zeros_like(v)}, "numpy"])

    def call(*arrays: Array) -> Array:
        xs = [np.asarray(a, dtype=float) for a in arrays]
        shape = np.broadcast_shapes(*(a.shape for a in xs))
        with np.errstate(all="ignore"):
            raw = np.asarray(fn(*xs))
        if np.iscomplexobj(raw):  # (-1)^x: only the real values are values
            raw = np.where(np.abs(raw.imag) <= 1e-12 * np.maximum(1.0, np.abs(raw.real)),
                           raw.real, np.nan)
        out = np.broadcast_to(np.asarray(raw, dtype=float), shape).astype(float)
        out[~np.isfinite(out)] = np.nan
        return out

    call(*(np.linspace(-3.0, 3.0, 7) for _ in syms))
    return call


def _call_depth(node: ast.AST) -> int:
    below = max((_call_depth(c) for c in ast.iter_child_nodes(node)), default=0)
    return below + (1 if isinstance(node, ast.Call) else 0)


def _exact_is_quick(tree: ast.expr, variables: tuple[str, ...]) -> bool:
    """True if SymPy may be asked: a small formula (MAX_EXACT_NODES, MAX_EXACT_DEPTH), every
    part without a variable a moderate finite number (no 1/0, log(-1) or 9^64^64, which
    SymPy would turn into infinities, complex numbers or huge exact integers), and no
    power's exponent above MAX_EXACT_POWER in size on [-10, 10]²."""
    called = {id(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)}
    nodes = [n for n in ast.walk(tree) if isinstance(n, ast.expr) and id(n) not in called]
    if len(nodes) > MAX_EXACT_NODES or _call_depth(tree) > MAX_EXACT_DEPTH:
        return False
    grid = np.linspace(-10.0, 10.0, 21)
    env = {v: grid.reshape((-1,) + (1,) * k) for k, v in enumerate(variables)}
    for node in nodes:
        has_variable = any(isinstance(n, ast.Name) and n.id in variables for n in ast.walk(node))
        if not has_variable:
            with np.errstate(all="ignore"):
                value = float(np.asarray(_evaluate(node, env), dtype=float).ravel()[0])
            if not math.isfinite(value) or abs(value) > MAX_EXACT_CONSTANT:
                return False
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Pow | ast.BitXor):
            with np.errstate(all="ignore"):
                exp = np.abs(np.asarray(_evaluate(node.right, env), dtype=float)).ravel()
            if np.any(exp[np.isfinite(exp)] > MAX_EXACT_POWER) or not np.isfinite(exp).any():
                return False
    return True


_TYPED = {"^": "**", "²": "**2", "³": "**3", "−": "-", "×": "*", "·": "*"}
"""What people type for a power, a minus or a product, as Python writes it."""


def _as_python(source: str) -> tuple[str, list[int], list[int]]:
    """The text in Python's notation (^ a power, not Python's xor below + and -; x² and |x|
    as written on paper), with, for each character and for each UTF-8 byte of the result,
    its position in the text as typed (ast's col_offset counts bytes: π is a name to it)."""
    out: list[str] = []
    origin: list[int] = []
    byte_origin: list[int] = []
    bars = 0
    for i, ch in enumerate(source):
        if ch == "|":  # |x| is abs(x): bars open and close in turn
            piece = "abs(" if bars % 2 == 0 else ")"
            bars += 1
        else:
            piece = _TYPED.get(ch, ch)
        out.append(piece)
        origin += [i] * len(piece)
        byte_origin += [i] * len(piece.encode())
    return "".join(out), origin, byte_origin


def _syntax_hint(source: str) -> str:
    """A short suggestion for the usual slips."""
    named = re.search(r"\b(" + "|".join(FUNCTIONS) + r")\s+([\w.]+)", source)
    if named:
        return f" Write {named.group(1)}({named.group(2)}), with brackets."
    if re.search(r"\d,\d", source):
        return " Write decimals with a point: 3.5, not 3,5."
    implicit = re.search(r"\d(?=[a-df-zA-Z_(])|\)(?=[\w(])", source)
    if implicit:
        return f" Write a product with *, as in 3*x (position {implicit.start() + 1})."
    return " For example: x^2 + sin(3*x)."


@lru_cache(maxsize=128)
def parse(text: str, variables: tuple[str, ...] = ("x",)) -> Expression:
    """Read ``text`` as a function of ``variables``; raises ExpressionError naming the
    position."""
    source = text.strip()
    if not source:
        raise ExpressionError("the function is empty; type one, such as x^2 or sin(x).")
    if "#" in source:
        at = source.index("#") + 1
        raise ExpressionError(f"position {at}: '#' is not part of a formula.", at)
    python, origin, byte_origin = _as_python(source)
    try:
        tree = ast.parse(python, mode="eval").body
    except SyntaxError as err:
        if source[-1] in "+-−*/^(,":
            raise ExpressionError(f"position {len(source)}: the formula stops after "
                                  f"'{source[-1]}'; finish it.", len(source)) from None
        at = min(max((err.offset or 1) - 1, 0), len(origin) - 1)
        pos = origin[at] + 1
        raise ExpressionError(f"position {pos}: this cannot be read as a formula."
                              f"{_syntax_hint(source)}", pos) from None
    _check(tree, byte_origin, variables)
    return Expression(source, tree, variables)


def _check(node: ast.AST, origin: list[int], variables: tuple[str, ...] = ("x",)) -> None:
    """Refuse any node outside the whitelist, naming its position in the text as typed."""

    def _where(n: ast.AST) -> int:
        col = int(getattr(n, "col_offset", 0))
        return origin[min(col, len(origin) - 1)] + 1

    if isinstance(node, ast.Constant):
        if isinstance(node.value, bool) or not isinstance(node.value, int | float):
            raise ExpressionError(f"position {_where(node)}: {node.value!r} is not a number; "
                                  f"use {allowed(variables)}.", _where(node))
        return
    if isinstance(node, ast.Name):
        if node.id not in variables and node.id not in CONSTANTS:
            hint = f" (call it: {node.id}({variables[0]}))" if node.id in FUNCTIONS else ""
            raise ExpressionError(f"position {_where(node)}: '{node.id}' is not allowed"
                                  f"{hint}; use {allowed(variables)}.", _where(node))
        return
    if isinstance(node, ast.BinOp):
        if type(node.op) not in _BINARY:
            raise ExpressionError(f"position {_where(node)}: this operator is not allowed; "
                                  f"use {allowed(variables)}.", _where(node))
        _check(node.left, origin, variables)
        _check(node.right, origin, variables)
        return
    if isinstance(node, ast.UnaryOp):
        if not isinstance(node.op, ast.UAdd | ast.USub):
            raise ExpressionError(f"position {_where(node)}: only + and - may stand before a "
                                  f"term; use {allowed(variables)}.", _where(node))
        _check(node.operand, origin, variables)
        return
    if isinstance(node, ast.Call):
        name = node.func.id if isinstance(node.func, ast.Name) else ""
        if name not in FUNCTIONS:
            if isinstance(node.func, ast.Constant):  # 2(x + 1)
                raise ExpressionError(f"position {_where(node)}: write a product with *, as "
                                      f"in 2*(x + 1).", _where(node))
            shown = f"'{name}'" if name else "this"
            raise ExpressionError(f"position {_where(node)}: {shown} is not a function "
                                  f"here; use {allowed(variables)}.", _where(node))
        if len(node.args) != 1 or node.keywords:
            raise ExpressionError(f"position {_where(node)}: {name} takes one argument, as "
                                  f"in {name}(x).", _where(node))
        _check(node.args[0], origin, variables)
        return
    if isinstance(node, ast.Tuple):  # 3,5 or f(x), g(x)
        raise ExpressionError(f"position {_where(node)}: a comma does not belong here; write "
                              f"decimals with a point (3.5).", _where(node))
    raise ExpressionError(f"position {_where(node)}: this is not part of a formula; use "
                          f"{allowed(variables)}.", _where(node))


def _evaluate(node: ast.expr, env: dict[str, Array]) -> Any:
    if isinstance(node, ast.Constant) and isinstance(node.value, int | float):
        return float(node.value)
    if isinstance(node, ast.Name):
        return env[node.id] if node.id in env else CONSTANTS[node.id]
    if isinstance(node, ast.BinOp):
        left, right = _evaluate(node.left, env), _evaluate(node.right, env)
        if isinstance(node.op, ast.Pow | ast.BitXor):
            return np.power(np.asarray(left, dtype=float), right)
        return _BINARY[type(node.op)](left, right)
    if isinstance(node, ast.UnaryOp):
        v = _evaluate(node.operand, env)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        return FUNCTIONS[node.func.id](np.asarray(_evaluate(node.args[0], env), dtype=float))
    raise AssertionError("unchecked node")  # _check let nothing else through


def _to_sympy(node: ast.expr, sp: Any) -> Any:
    if isinstance(node, ast.Constant):
        return sp.nsimplify(node.value) if isinstance(node.value, float) else sp.Integer(node.value)
    if isinstance(node, ast.Name):
        consts = {"pi": sp.pi, "π": sp.pi, "e": sp.E}
        return consts[node.id] if node.id in consts else sp.Symbol(node.id, real=True)
    if isinstance(node, ast.BinOp):
        a, b = _to_sympy(node.left, sp), _to_sympy(node.right, sp)
        op = type(node.op)
        if op is ast.Add:
            return a + b
        if op is ast.Sub:
            return a - b
        if op is ast.Mult:
            return a * b
        if op is ast.Div:
            return a / b
        return a ** b
    if isinstance(node, ast.UnaryOp):
        v = _to_sympy(node.operand, sp)
        return -v if isinstance(node.op, ast.USub) else v
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name):
        a = _to_sympy(node.args[0], sp)
        name = node.func.id
        table = {"sin": sp.sin, "cos": sp.cos, "tan": sp.tan, "exp": sp.exp, "log": sp.log,
                 "ln": sp.log, "sqrt": sp.sqrt, "abs": sp.Abs, "sinh": sp.sinh,
                 "cosh": sp.cosh, "tanh": sp.tanh, "asin": sp.asin, "acos": sp.acos,
                 "atan": sp.atan, "relu": lambda v: sp.Max(0, v),
                 "sigmoid": lambda v: 1 / (1 + sp.exp(-v)), "step": sp.Heaviside}
        return table[name](a)
    raise AssertionError("unchecked node")


# Sixth-order central difference: f'(x) ≈ Σ c_k (f(x + k·h) - f(x - k·h)) / h.
_C6 = (3 / 4, -3 / 20, 1 / 60)


def numeric_derivative(f: Callable[[Array], Array], x: Array, h: float = 1e-3) -> Array:
    """f'(x) by a sixth-order central difference (error ~ h⁶ f⁽⁷⁾/140, about 1e-18·f⁽⁷⁾
    at the default h; rounding adds ~1e-13·|f|/h)."""
    xs = np.asarray(x, dtype=float)
    out = np.zeros_like(xs)
    for k, c in enumerate(_C6, start=1):
        out = out + c * (f(xs + k * h) - f(xs - k * h))
    return np.asarray(out / h, dtype=float)


def one_sided_slopes(f: Callable[[Array], Array], x: float,
                     h: float = 1e-6) -> tuple[float, float]:
    """The slopes from the left and from the right at x, (f(x) - f(x - h))/h and
    (f(x + h) - f(x))/h: equal (to rounding) where f has a derivative, apart at a corner,
    and huge at a jump."""
    fx = float(f(np.array([x]))[0])
    left = (fx - float(f(np.array([x - h]))[0])) / h
    right = (float(f(np.array([x + h]))[0]) - fx) / h
    return left, right


def numeric_gradient(f: Expression, x: Array, y: Array, h: float = 1e-3) -> tuple[Array, Array]:
    """(∂f/∂x, ∂f/∂y) of a function of x and y by sixth-order central differences."""
    xs, ys = np.asarray(x, dtype=float), np.asarray(y, dtype=float)
    gx = numeric_derivative(lambda v: f.at(x=v, y=ys), xs, h)
    gy = numeric_derivative(lambda v: f.at(x=xs, y=v), ys, h)
    return gx, gy


def checked_param(text: str, variables: tuple[str, ...] = ("x",),
                  sample: dict[str, Array] | None = None, where: str = "") -> Expression:
    """The formula of the parameter ``f`` (a page's typed function), or a ParamError naming
    ``f``: the position of a slip, or, given ``sample`` values of the variables (the range
    the page draws, ``where`` in words), a formula undefined at every one of them."""
    from mlscope.core.params import ParamError

    try:
        f = parse(text, variables)
    except ExpressionError as err:
        raise ParamError("f", f"f: {err.message}") from None
    if sample is not None and not np.isfinite(f.at(**sample)).any():
        raise ParamError("f", f"f: {text} is undefined everywhere {where}; pick a function "
                              "with values there.")
    return f
