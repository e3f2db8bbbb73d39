"""The fourteen distributions of the distributions page: for each, its parameters (names of
the page's parameters), scipy.stats's frozen distribution for them, and its formulas in TeX.
Every number the page shows comes from these scipy objects."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import stats


@dataclass(frozen=True)
class Kind:
    """One distribution family: ``uses`` the page's parameters that set it."""

    label: str
    discrete: bool
    uses: tuple[str, ...]
    make: Callable[[Any], Any]
    """The page's values -> scipy.stats frozen distribution."""
    tex: str
    """Its PMF or PDF."""
    moments: str
    """Its mean and variance, in TeX."""


ZOO: dict[str, Kind] = {
    "bernoulli": Kind("Bernoulli", True, ("p",), lambda v: stats.bernoulli(v.p),
                      r"P(X=1)=p,\; P(X=0)=1-p", r"E[X]=p,\; \mathrm{Var}[X]=p(1-p)"),
    "binomial": Kind("binomial", True, ("n", "p"), lambda v: stats.binom(v.n, v.p),
                     r"P(X=k)=\binom{n}{k}p^k(1-p)^{n-k}",
                     r"E[X]=np,\; \mathrm{Var}[X]=np(1-p)"),
    "geometric": Kind("geometric", True, ("p",), lambda v: stats.geom(v.p),
                      r"P(X=k)=(1-p)^{k-1}p,\; k\ge 1",
                      r"E[X]=\frac{1}{p},\; \mathrm{Var}[X]=\frac{1-p}{p^2}"),
    "poisson": Kind("Poisson", True, ("lam",), lambda v: stats.poisson(v.lam),
                    r"P(X=k)=\frac{\lambda^k e^{-\lambda}}{k!}",
                    r"E[X]=\lambda,\; \mathrm{Var}[X]=\lambda"),
    "negative_binomial": Kind(
        "negative binomial", True, ("r", "p"), lambda v: stats.nbinom(v.r, v.p),
        r"P(X=k)=\binom{k+r-1}{k}p^r(1-p)^k \text{ (failures before the } r\text{th success)}",
        r"E[X]=\frac{r(1-p)}{p},\; \mathrm{Var}[X]=\frac{r(1-p)}{p^2}"),
    "hypergeometric": Kind(
        "hypergeometric", True, ("population", "successes", "n"),
        lambda v: stats.hypergeom(v.population, v.successes, v.n),
        r"P(X=k)=\frac{\binom{K}{k}\binom{N-K}{n-k}}{\binom{N}{n}}",
        r"E[X]=n\frac{K}{N},\; \mathrm{Var}[X]=n\frac{K}{N}\frac{N-K}{N}\frac{N-n}{N-1}"),
    "uniform": Kind("uniform", False, ("a", "b"), lambda v: stats.uniform(v.a, v.b - v.a),
                    r"f(x)=\frac{1}{b-a},\; a\le x\le b",
                    r"E[X]=\frac{a+b}{2},\; \mathrm{Var}[X]=\frac{(b-a)^2}{12}"),
    "normal": Kind("normal", False, ("mu", "sigma"), lambda v: stats.norm(v.mu, v.sigma),
                   r"f(x)=\frac{1}{\sigma\sqrt{2\pi}}e^{-\frac{(x-\mu)^2}{2\sigma^2}}",
                   r"E[X]=\mu,\; \mathrm{Var}[X]=\sigma^2"),
    "exponential": Kind("exponential", False, ("lam",),
                        lambda v: stats.expon(scale=1 / v.lam),
                        r"f(x)=\lambda e^{-\lambda x},\; x\ge 0",
                        r"E[X]=\frac{1}{\lambda},\; \mathrm{Var}[X]=\frac{1}{\lambda^2}"),
    "gamma": Kind("gamma", False, ("shape", "scale"),
                  lambda v: stats.gamma(v.shape, scale=v.scale),
                  r"f(x)=\frac{x^{k-1}e^{-x/\theta}}{\Gamma(k)\theta^k}",
                  r"E[X]=k\theta,\; \mathrm{Var}[X]=k\theta^2"),
    "beta": Kind("beta", False, ("alpha", "beta"), lambda v: stats.beta(v.alpha, v.beta),
                 r"f(x)=\frac{x^{\alpha-1}(1-x)^{\beta-1}}{B(\alpha,\beta)}",
                 r"E[X]=\frac{\alpha}{\alpha+\beta},\; \mathrm{Var}[X]="
                 r"\frac{\alpha\beta}{(\alpha+\beta)^2(\alpha+\beta+1)}"),
    "chi_squared": Kind("chi-squared", False, ("df",), lambda v: stats.chi2(v.df),
                        r"f(x)=\frac{x^{\nu/2-1}e^{-x/2}}{2^{\nu/2}\Gamma(\nu/2)}",
                        r"E[X]=\nu,\; \mathrm{Var}[X]=2\nu"),
    "student_t": Kind("Student's t", False, ("df",), lambda v: stats.t(v.df),
                      r"f(x)=\frac{\Gamma(\frac{\nu+1}{2})}{\sqrt{\nu\pi}\,\Gamma(\frac{\nu}{2})}"
                      r"\left(1+\frac{x^2}{\nu}\right)^{-\frac{\nu+1}{2}}",
                      r"E[X]=0\;(\nu>1),\; \mathrm{Var}[X]=\frac{\nu}{\nu-2}\;(\nu>2)"),
    "log_normal": Kind("log-normal", False, ("mu", "sigma"),
                       lambda v: stats.lognorm(v.sigma, scale=np.exp(v.mu)),
                       r"f(x)=\frac{1}{x\sigma\sqrt{2\pi}}e^{-\frac{(\ln x-\mu)^2}{2\sigma^2}}",
                       r"E[X]=e^{\mu+\sigma^2/2},\; \mathrm{Var}[X]=(e^{\sigma^2}-1)"
                       r"e^{2\mu+\sigma^2}"),
}
"""name -> family, in the order the page lists them."""

ALL_PARAMS = ("n", "p", "r", "lam", "population", "successes", "a", "b", "mu", "sigma",
              "shape", "scale", "alpha", "beta", "df")


def approximations(name: str, v: Any) -> list[tuple[str, Any]]:
    """The classic approximations of a distribution (label, scipy frozen distribution):
    the binomial by a Poisson of the same mean and by a normal of the same mean and
    variance; the Poisson, chi-squared and gamma by a normal; Student's t by the standard
    normal."""
    if name == "binomial":
        return [(f"Poisson(λ = np = {v.n * v.p:.3g})", stats.poisson(v.n * v.p)),
                ("normal(np, np(1−p))",
                 stats.norm(v.n * v.p, np.sqrt(max(v.n * v.p * (1 - v.p), 1e-12))))]
    if name == "poisson":
        return [("normal(λ, λ)", stats.norm(v.lam, np.sqrt(v.lam)))]
    if name == "chi_squared":
        return [("normal(ν, 2ν)", stats.norm(v.df, np.sqrt(2 * v.df)))]  # noqa: RUF001
    if name == "gamma":
        return [("normal(kθ, kθ²)", stats.norm(v.shape * v.scale,
                                              np.sqrt(v.shape) * v.scale))]
    if name == "student_t":
        return [("standard normal", stats.norm(0, 1))]
    return []


def total_variation(name: str, v: Any, approx: Any) -> float:
    """Half the summed |difference| of the distribution's PMF and an approximation's at the
    integers (a normal's probability of [k - ½, k + ½)); for continuous ones, half the
    integral of |f - g| on a fine grid over both supports."""
    exact = ZOO[name].make(v)
    if ZOO[name].discrete:
        hi = int(max(exact.ppf(0.99999), approx.ppf(0.99999))) + 2
        k = np.arange(0, hi + 1)
        p = exact.pmf(k)
        q = approx.pmf(k) if hasattr(approx.dist, "pmf") else \
            approx.cdf(k + 0.5) - approx.cdf(k - 0.5)
        return float(0.5 * np.abs(p - q).sum())
    lo = min(exact.ppf(1e-6), approx.ppf(1e-6))
    hi = max(exact.ppf(1 - 1e-6), approx.ppf(1 - 1e-6))
    x = np.linspace(lo, hi, 20001)
    return float(0.5 * np.trapezoid(np.abs(exact.pdf(x) - approx.pdf(x)), x))
