"""t-SNE: the iteration-by-iteration run ends where openTSNE's own optimize ends, the
finished picture is as good as scikit-learn's TSNE makes it, and the explorable's rules,
sweep, story and uploads."""

from __future__ import annotations

import numpy as np
import pytest
from openTSNE import TSNEEmbedding
from sklearn.manifold import TSNE as SkTSNE

from mlscope.core.params import ParamError
from mlscope.data import tsne_sets
from mlscope.explorables.classic.tsne import SWEEP, TSNE
from mlscope.explorables.classic.tsne_run import Run, auto_learning_rate, nearest, neighbours_kept


@pytest.mark.parametrize("n, method", [(240, "bh"), (1000, "fft")])
def test_stepping_ends_where_opentsne_optimize_ends(n, method):
    x = tsne_sets.generate("distances", n, 3).x
    run = Run(x, 30.0, 0, method)
    ref = TSNEEmbedding(run.y.copy(), run.affinities, negative_gradient_method=method, n_jobs=1,
                        random_state=0, verbose=False)
    ref = ref.optimize(n_iter=40, exaggeration=12, learning_rate=n / 12, momentum=0.8)
    ref = ref.optimize(n_iter=30, learning_rate=n, momentum=0.8)
    for i in range(70):
        e = 12.0 if i < 40 else 1.0
        run.step(auto_learning_rate(n, e), e)
    np.testing.assert_allclose(run.y, np.asarray(ref), atol=1e-8)
    # the KL divergence openTSNE reports for the last embedding, measured one step earlier
    assert run.kl[-1][0] == 69 and run.kl[-1][1] == pytest.approx(ref.kl_divergence, rel=0.02)
    assert all(i >= 40 for i, _ in run.kl)  # measured only without exaggeration


def test_the_finished_picture_is_as_good_as_scikit_learns():
    ex = TSNE(step="free", dataset="digits", count=400)
    while not ex.finished:
        ex.step()
    ours = neighbours_kept(ex.near, ex.run.y)
    sk = SkTSNE(perplexity=30, init="pca", random_state=0).fit(ex.x)
    theirs = neighbours_kept(ex.near, sk.embedding_)
    assert ours == pytest.approx(theirs, abs=0.08)
    assert ex.run.kl[-1][1] == pytest.approx(sk.kl_divergence_, rel=0.15)
    assert ex.kept[-1] == (750, ours)


def test_neighbours_kept_counts_shared_nearest_neighbours():
    x = np.array([[0.0], [1.0], [3.0], [7.0]])
    near = nearest(x, 1)
    assert near.ravel().tolist() == [1, 0, 1, 2]
    assert neighbours_kept(near, np.hstack([x, np.zeros((4, 1))])) == 1.0
    assert neighbours_kept(near, np.array([[0, 0], [9, 0], [8, 0], [7.5, 0]])) == 0.25


def test_perplexity_must_leave_enough_neighbours():
    ex = TSNE(step="free", dataset="trefoil", count=100)
    with pytest.raises(ParamError, match=r"at most a third of the points less one: 33 for 100 "
                                         r"points .* got 40") as err:
        ex.set(perplexity=40)
    assert err.value.field == "perplexity"
    ex.set(perplexity=30)
    with pytest.raises(ParamError) as err:
        ex.set(count=60)
    assert err.value.field == "count"
    assert ex.p.count == 100 and len(ex.x) == 100  # nothing changed


def test_a_rate_set_by_hand_is_used_and_play_stops_at_the_end():
    ex = TSNE(step="free", dataset="noise", count=100, iterations=60)
    assert ex.rate() == pytest.approx(100 / 12)  # auto, in early exaggeration
    ex.set(learning_rate=50.0)
    assert not ex.p.auto_rate and ex.rate() == 50.0
    for _ in range(80):
        ex.step()
    assert ex.run.iteration == 60 and ex.finished


def test_the_sweep_runs_six_perplexities_beside_the_run():
    ex = TSNE(step="perplexity")
    assert ex.p.dataset == "trefoil" and len(ex.x) == 400
    ex.set(count=301, iterations=100)  # the fewest points perplexity 100 allows
    assert ex.frame()["sweep"].kind == "text"
    ex.act("sweep")
    assert [r.perplexity for r in ex.sweep] == list(SWEEP)
    for _ in range(3):
        ex.step()
    assert ex.run.iteration == 0  # the sweep runs first
    grid = ex.frame()["sweep"]
    assert grid.images.shape == (6, 120, 120, 3)
    assert grid.captions[0] == "perplexity 2 · 3"
    assert (grid.images < 250).any()
    step = TSNE.story_steps[1]
    assert not step.done(ex)
    while not ex.finished:
        ex.step()
    assert step.done(ex) and all(r.iteration == 500 for r in ex.sweep)
    big = TSNE(step="free", dataset="noise", count=2001)
    with pytest.raises(ParamError, match="at most 2,000 points; these are 2,001"):
        big.act("sweep")


def test_the_story_shows_what_sizes_and_gaps_do_not_mean():
    ex = TSNE(step="sizes")
    while not ex.finished:
        ex.step()
    hi, lo = ex.spreads()
    assert hi[1] / hi[0] > 8 and lo[1] / lo[0] < 2.5  # ten times wider in 50-D, not here
    assert "as wide as the narrow one" in TSNE.story_steps[2].live(ex)
    assert ex.frame()["embedding"].layers[0].classes == ["narrow", "wide (10×)"]
    assert all(kl >= 0 for _, kl in ex.run.kl)
    ex.set(step="distances")
    while not ex.finished:
        ex.step()
    hi_gap, lo_gap = ex.gaps()
    assert hi_gap == pytest.approx(6, rel=0.1) and lo_gap < hi_gap / 2


GOOD = "a,b,c,species\n" + "\n".join(f"{i % 7},{(i * 3) % 11},{i % 5 + 0.5},{'xyz'[i % 3]}"
                                     for i in range(60))


def test_your_table_is_embedded_and_a_bad_one_changes_nothing():
    ex = TSNE(step="free", perplexity=10)
    ex.act("upload_csv", GOOD)
    assert ex.p.dataset == "yours" and ex.x.shape == (60, 3)
    layer = ex.frame()["embedding"].layers[0]
    assert layer.classes == ["x", "y", "z"]
    with pytest.raises(ParamError, match="line 3: column 'b' must be a number; got 'oops'"):
        ex.act("upload_csv", "a,b\n1,2\n3,oops\n5,6\n")
    with pytest.raises(ParamError, match="the table has 3 rows: perplexity 10 needs at least 31"):
        ex.act("upload_csv", "a,b\n1,2\n3,4\n5,6\n")
    with pytest.raises(ParamError, match="1 row of data; at least 3"):
        ex.act("upload_csv", "a,b\n1,2\n")
    assert ex.x.shape == (60, 3)


def test_your_table_before_an_upload_says_how_to_send_one():
    ex = TSNE(step="free", dataset="yours")
    assert "Upload CSV" in ex.frame()["embedding"].text
    with pytest.raises(ParamError, match="upload a CSV"):
        ex.step()


def test_the_kl_divergence_is_exact_up_to_1500_points():
    from mlscope.explorables.classic.tsne_run import exact_kl

    ex = TSNE(step="free", dataset="sizes", count=200, iterations=300)
    while not ex.finished:
        ex.step()
    p, y = ex.run.p.toarray(), ex.run.y
    w = 1 / (1 + ((y[:, None] - y[None]) ** 2).sum(axis=2))
    np.fill_diagonal(w, 0)
    q = w / w.sum()
    m = p > 0
    assert exact_kl(ex.run.p, y) == pytest.approx(float(np.sum(p[m] * np.log(p[m] / q[m]))))
    assert ex.run.kl[0][0] == 259 and all(kl > 0 for _, kl in ex.run.kl)


def test_noise_shows_clumps_only_at_low_perplexity():
    ex = TSNE(step="noise")
    assert ex.p.dataset == "noise" and len(ex.x) == 500
    step = TSNE.story_steps[4]
    ex.set(perplexity=2.0, iterations=300)
    while not ex.finished:
        ex.step()
    assert step.done(ex) and "structure in chance" in step.live(ex)


def test_umap_says_how_to_install_it_when_missing(monkeypatch):
    import sys

    monkeypatch.setitem(sys.modules, "umap", None)  # as if umap-learn were not installed
    ex = TSNE(step="free", dataset="rings", count=100)
    with pytest.raises(ParamError, match=r"UMAP needs umap-learn, an extra: pip install "
                                         r"'mlscope\[umap\]'"):
        ex.act("umap")
    assert ex.umap is None


def test_umap_beside_tsne_when_installed():
    from mlscope.explorables.classic.tsne_run import load_umap

    if load_umap() is None:
        pytest.skip("umap-learn is an extra (pip install 'mlscope[umap]'); not installed here")
    ex = TSNE(step="free", dataset="distances", count=150, n_neighbors=10)
    assert ex.frame()["umap"].text.startswith("Press Run UMAP")
    with pytest.raises(ParamError, match="n_neighbors must be below the number of points"):
        TSNE(step="free", dataset="distances", count=20, perplexity=5, n_neighbors=30) \
            .act("umap")
    ex.act("umap")
    view = ex.frame()["umap"]
    assert view.title == "UMAP: 10 neighbours, min distance 0.1"
    # the three clusters come out apart: each point's nearest neighbour is in its cluster
    y = view.layers[0]
    xy = np.stack([y.x, y.y], axis=1)
    d = np.linalg.norm(xy[:, None] - xy[None], axis=2)
    np.fill_diagonal(d, np.inf)
    assert (ex.data.groups[d.argmin(axis=1)] == ex.data.groups).mean() > 0.95
    ex.set(min_dist=0.5)
    assert ex.frame()["umap"].title.endswith("(press Run UMAP for the settings now)")


def test_the_embedding_has_no_scale_on_either_axis():
    view = TSNE(step="free", dataset="rings", count=60, perplexity=10).frame()["embedding"]
    assert view.x_ticks == [] and view.y_ticks == []
