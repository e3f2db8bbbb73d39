"""The central limit theorem: each source's mean, sd and skewness against scipy.stats (or
its density integrated by quad), the means' spread against σ/√n, their normality at large n,
the Q-Q plot's quantiles, the seed's replay, and a bad drawn source."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, stats

from mlscope.core.params import ParamError
from mlscope.explorables.maths.clt import Clt, qq_points
from mlscope.explorables.maths.clt_sources import DRAWN_DEFAULT, SOURCES, Source

REFERENCE = {"uniform": stats.uniform(0, 10), "exponential": stats.expon(scale=2),
             "die": stats.randint(1, 7)}


def moments_by_quad(src: Source) -> tuple[float, float, float, float]:
    """(area, mean, sd, skewness) of a continuous source's density, integrated numerically."""
    lo, hi = (-10.0, 20.0) if src.name == "bimodal" else (0.0, 10.0)
    points = list(range(11)) if src.name == "drawn" else None
    f = lambda x, k: x ** k * float(src.density(np.array([x]))[0])  # noqa: E731
    area, m1, m2, m3 = (integrate.quad(f, lo, hi, args=(k,), points=points, limit=200)[0]
                        for k in range(4))
    var = m2 - m1 ** 2
    return area, m1, np.sqrt(var), (m3 - 3 * m1 * var - m1 ** 3) / var ** 1.5


@pytest.mark.parametrize("name", ["uniform", "exponential", "die"])
def test_named_sources_match_scipy(name):
    src, ref = Source(name), REFERENCE[name]
    assert src.mean() == pytest.approx(ref.mean())
    assert src.sd() == pytest.approx(ref.std())
    assert src.skewness() == pytest.approx(float(ref.stats(moments="s")), abs=1e-12)


@pytest.mark.parametrize("src", [Source("bimodal"), Source("drawn"),
                                 Source("drawn", (0, 0, 1, 0, 0, 0, 0, 3, 0.5, 0))])
def test_mixture_and_drawn_sources_match_their_integrated_density(src):
    area, mean, sd, skew = moments_by_quad(src)
    assert area == pytest.approx(1.0, abs=1e-6)
    assert (src.mean(), src.sd(), src.skewness()) == pytest.approx((mean, sd, skew), rel=1e-5)


@pytest.mark.parametrize("name", SOURCES)
def test_draws_have_the_sources_mean_and_sd(name):
    src = Source(name)
    x = src.sample(np.random.default_rng(0), (400, 500))
    assert x.mean() == pytest.approx(src.mean(), abs=4 * src.sd() / np.sqrt(x.size))
    assert x.std() == pytest.approx(src.sd(), rel=0.01)


@pytest.mark.parametrize("name", SOURCES)
def test_the_means_spread_as_sigma_over_root_n(name):
    ex = Clt(source=name, n=10, step="free", samples=20_000)
    means = ex.means()
    assert len(means) == 20_000
    assert means.std(ddof=1) == pytest.approx(ex.sigma / np.sqrt(10), rel=0.03)
    assert means.mean() == pytest.approx(ex.mu, abs=5 * ex.se / np.sqrt(20_000))


def test_at_large_n_the_means_are_normal_and_at_n_1_they_are_the_source():
    ex = Clt(source="exponential", n=50, step="free", samples=5000)
    z = (ex.means() - ex.mu) / ex.se
    assert stats.kstest(z, "norm").pvalue > 1e-3
    one = Clt(source="exponential", n=1, step="free", samples=5000)
    assert stats.kstest(one.means(), stats.expon(scale=2).cdf).pvalue > 1e-3
    assert stats.kstest((one.means() - 2) / 2, "norm").pvalue < 1e-10
    # the means' skewness: the source's over √n
    big = Clt(source="exponential", n=4, step="free", samples=100_000)
    assert float(stats.skew(big.means())) == pytest.approx(2 / np.sqrt(4), abs=0.05)


def test_qq_points_are_normal_quantiles_against_the_standardised_means():
    means = 3.0 + 0.5 * stats.norm.ppf((np.arange(1, 1001) - 0.5) / 1000)
    theo, z = qq_points(means, 3.0, 0.5)
    assert len(theo) == 200
    assert np.allclose(theo, z, atol=0.06)  # numpy's linear quantiles, 1,000 points
    assert np.allclose(theo[20:-20], z[20:-20], atol=0.005)
    theo, z = qq_points(np.array([1.0, 2.0, 3.0]), 2.0, 1.0)
    assert theo.tolist() == pytest.approx(stats.norm.ppf([1 / 6, 0.5, 5 / 6]).tolist())
    assert z.tolist() == pytest.approx([-2 / 3, 0.0, 2 / 3])  # between the sorted means


def test_a_link_replays_the_same_samples_and_a_new_n_starts_again():
    a = Clt(seed=3, step="free")
    a.act("draw1000")
    a.act("draw1000")
    a.act("draw100")
    a.act("draw1")
    b = Clt(seed=3, step="free", samples=2101)
    assert np.array_equal(a.means(), b.means())
    assert a.last_sample().mean() == pytest.approx(a.means()[-1])
    a.set(n=9)
    assert a.p.samples == 0 and a.frame()["means"].title.startswith("0 means of samples of 9 ")
    a.step()
    assert a.p.samples == 1


def test_a_drawn_source_with_no_area_is_refused_and_the_last_good_one_kept():
    ex = Clt(source="drawn", step="free", samples=40)
    with pytest.raises(ParamError) as err:
        ex.set(drawn=(0,) * 10)
    assert err.value.field == "drawn" and "at least one bar above 0" in err.value.message
    with pytest.raises(ParamError) as err:
        ex.set(n=0)
    assert err.value.field == "n"
    with pytest.raises(ParamError) as err:
        ex.set(drawn=(1, -1, 1, 1, 1, 1, 1, 1, 1, 1))
    assert err.value.field == "drawn"
    assert ex.p.drawn == DRAWN_DEFAULT and ex.p.samples == 40


def test_the_story_goals():
    ex = Clt()
    assert not ex.story()["met"]
    ex.act("draw100")
    assert ex.story()["met"]
    ex.set(step="spread", n=25)
    ex.act("draw1000")
    assert ex.story()["met"] and "σ/√n" in ex.story()["live"]
    ex.set(step="any-shape")
    assert ex.p.source == "exponential" and not ex.story()["met"]
    ex.set(n=30)
    ex.act("draw1000")
    assert ex.story()["met"]
    ex.set(step="draw")
    assert ex.p.source == "drawn" and ex.p.zoom
    ex.set(drawn=(5, 0, 0, 0, 0, 0, 0, 0, 0, 0.05), n=30)  # very lopsided: n = 30 is not enough
    ex.act("draw1000")
    assert abs(ex.source.skewness()) / np.sqrt(30) > 0.2 and not ex.story()["met"]
    ex.set(drawn=(0, 0, 5, 0, 0, 0, 0, 5, 0, 0), n=30)
    ex.act("draw1000")
    assert ex.story()["met"]


def test_a_dies_means_fill_every_bin():
    """A die's sample mean is a multiple of 1/n: its histogram's bins are centred on those
    values, so with many samples no bin inside the range is empty (41 even bins left gaps)."""
    for n in (2, 5, 10, 40):
        ex = Clt(source="die", n=n, step="free", samples=50_000)
        layer = ex.frame()["means"].layers[0]
        centres, heights = layer.x, layer.height
        inside = (np.abs(centres - ex.mu) < 2.5 * ex.se) & (centres >= 1) & (centres <= 6)
        assert (heights[inside] > 0).all(), n
        # each possible mean k/n is the centre of a bin when bins are one value wide
        if n <= 10:
            assert np.allclose(np.round(centres * n), centres * n, atol=1e-9)


def test_the_running_statistics_are_numpys_and_scipys():
    """The frame's numbers come from SortedSample (sorted insertions, running sums): they
    equal numpy's and scipy's on the same means, grown in uneven steps and shrunk again."""
    ex = Clt(source="bimodal", n=3, step="free", seed=9)
    for k in (1, 7, 1000, 1001, 2500, 12_345, 300):
        ex.set(samples=k)
        got, means = ex.so_far(), ex.means()
        assert len(means) == k and np.array_equal(got.sorted, np.sort(means))
        assert got.mean() == pytest.approx(means.mean())
        if k >= 3:
            assert got.sd() == pytest.approx(means.std(ddof=1))
            assert got.skew() == pytest.approx(float(stats.skew(means)), abs=1e-9)
            lo, hi = ex._means_range()
            edges = np.linspace(lo, hi, 42)
            counts = got.count_between(edges[:-1], edges[1:])
            counts[-1] += got.count_between(hi, np.nextafter(hi, np.inf))
            assert counts.tolist() == np.histogram(means, edges)[0].tolist()
            probs = (np.arange(1, min(k, 200) + 1) - 0.5) / min(k, 200)
            _, z = qq_points(got.sorted, ex.mu, ex.se, is_sorted=True)
            assert np.allclose(z, (np.quantile(means, probs) - ex.mu) / ex.se)
    half = 1.96 * ex.se
    share = float(np.mean(np.abs(ex.means() - ex.mu) <= half))
    assert ex.frame()["numbers"].rows[2][2] == f"{share:.1%}"
