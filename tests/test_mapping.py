"""Correspondence analysis map: checked against the χ² inertia and an SVD of the standardized residuals."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import textmine as tm
from textmine.errors import InputError

# four handwritten speeches, two on drugs and two on floods
DOCS = [
    ("d1", "禁毒", 2019, "禁毒宣传要进校园。禁毒宣传要进社区。戒毒康复要抓实。毒品犯罪要严打。"),
    ("d2", "禁毒", 2020, "毒品犯罪要严打。戒毒康复要抓实。禁毒宣传要进社区。社区戒毒要规范。"),
    ("f1", "防汛", 2019, "水库巡查要到位。山洪预警要及时。转移群众要提前。防汛物资要充足。"),
    ("f2", "防汛", 2021, "山洪预警要及时。水库巡查要到位。防汛物资要充足。转移群众要提前。禁毒宣传要进社区。"),
]


@pytest.fixture(scope="module")
def corpus():
    return tm.Corpus([tm.Document.from_text(t, doc_id=i, policy_area=a, year=y) for i, a, y, t in DOCS])


def test_map_matches_the_svd_of_standardized_residuals(corpus):
    from scipy.stats.contingency import chi2_contingency

    out = tm.correspondence_map(corpus, min_df=1, n_terms=50)
    dtm = tm.Dtm.from_corpus(corpus)
    table = dtm.to_frame().to_numpy().astype(float)
    n = table.sum()
    chi2 = chi2_contingency(table, correction=False)[0]
    assert out.attrs["total_inertia"] == pytest.approx(chi2 / n)
    # the textbook computation (Greenacre 2017, ch. 4), for comparison only
    p = table / n
    r, c = p.sum(axis=1), p.sum(axis=0)
    s = (p - np.outer(r, c)) / np.sqrt(np.outer(r, c))
    u, sv, vt = np.linalg.svd(s, full_matrices=False)
    rows = (u / np.sqrt(r)[:, None]) * sv
    docs = out[out.kind == "document"]
    assert docs.id.tolist() == ["d1", "d2", "f1", "f2"]
    for k in range(2):
        ours = docs[f"dim{k + 1}"].to_numpy()
        ref = rows[:, k] * np.sign(rows[np.abs(rows[:, k]).argmax(), k])  # same orientation rule
        assert ours == pytest.approx(ref, abs=1e-9)
    assert out.attrs["explained"][0] == pytest.approx(sv[0] ** 2 / (sv ** 2).sum())
    assert docs.mass.sum() == pytest.approx(1.0)
    # the two topics sit on opposite sides of the first axis
    assert np.sign(docs.dim1.iat[0]) == np.sign(docs.dim1.iat[1]) != np.sign(docs.dim1.iat[2])
    terms = out[out.kind == "term"]
    assert terms.contribution.is_monotonic_decreasing
    assert terms.contribution.sum() == pytest.approx(1.0)  # all terms kept: their shares of the plane add up


def test_map_columns_target_and_trimming(corpus):
    extra = tm.Document.from_text("禁毒宣传要进校园。戒毒康复要抓实。水库巡查要到位。", doc_id="x", policy_area="禁毒",
                                  year=2022)
    out = tm.correspondence_map(corpus, target=extra, n_terms=3)
    assert list(out.columns) == ["kind", "id", "label", "dim1", "dim2", "mass", "contribution", "policy_area",
                                 "year", "level", "is_target"]
    assert out[out.is_target].id.tolist() == ["x"]
    assert (out.kind == "term").sum() == 3
    assert out[out.kind == "document"].policy_area.tolist() == ["禁毒", "禁毒", "防汛", "防汛", "禁毒"]
    assert out.attrs["n_terms_fitted"] == int((tm.Dtm.from_corpus([*corpus, extra]).doc_freq() >= 2).sum())
    same = tm.correspondence_map(tm.Dtm.from_corpus(corpus), target="f1", min_df=1)
    assert same[same.is_target].id.tolist() == ["f1"]
    with pytest.raises(InputError, match="target='zz' is not among the documents"):
        tm.correspondence_map(corpus, target="zz")
    with pytest.raises(InputError, match="n_components=1"):
        tm.correspondence_map(corpus, n_components=1)
    with pytest.raises(InputError, match="expected at least 3 × 3"):
        tm.correspondence_map(tm.Corpus(list(corpus)[:2]), min_df=2)
    with pytest.raises(InputError, match="dtm_or_corpus is a str"):
        tm.correspondence_map("禁毒")


@pytest.mark.slow
def test_bundled_corpus_map(cleaned, corpus):
    del corpus
    ref = tm.clean(tm.bundled_corpus())
    out = tm.correspondence_map(ref, target=cleaned, n_terms=20)
    docs = out[out.kind == "document"]
    assert len(docs) == len(ref) + 1 and docs.is_target.sum() == 1
    area = docs.groupby("policy_area")[["dim1", "dim2"]].mean()
    target = docs[docs.is_target][["dim1", "dim2"]].to_numpy()[0]
    nearest = ((area - target) ** 2).sum(axis=1).idxmin()
    assert nearest == "禁毒"  # the anti-drug speech lies among the anti-drug speeches
    assert isinstance(out, pd.DataFrame)


@pytest.mark.parametrize("which", ["handwritten", "bundled"])
def test_ca_is_prince_ca_to_the_last_bit(which, corpus):
    # textmine.mapping._ca repeats prince's CA (engine="scipy") without importing prince (and altair)
    prince = pytest.importorskip("prince")
    from textmine.mapping import _ca

    dtm = tm.Dtm.from_corpus(corpus if which == "handwritten" else tm.clean(tm.bundled_corpus()))
    counts = dtm.trim(min_df=1 if which == "handwritten" else 2).to_frame()
    counts = counts.loc[counts.sum(axis=1) > 0]
    k = 2
    ref = prince.CA(n_components=k, engine="scipy", random_state=0).fit(counts)
    ours = _ca(counts.to_numpy(), k)
    pairs = [(ours.row_coordinates, ref.row_coordinates(counts).to_numpy()),
             (ours.column_coordinates, ref.column_coordinates(counts).to_numpy()),
             (ours.row_contributions, ref.row_contributions_.to_numpy()),
             (ours.column_contributions, ref.column_contributions_.to_numpy()),
             (ours.row_masses, ref.row_masses_.to_numpy()), (ours.col_masses, ref.col_masses_.to_numpy()),
             (ours.eigenvalues, np.asarray(ref.eigenvalues_)), (np.float64(ours.total_inertia), ref.total_inertia_)]
    for mine, theirs in pairs:
        np.testing.assert_array_equal(mine, theirs)


def test_ca_pads_past_the_rank_like_prince():
    from textmine.mapping import _ca

    # rank 1 residuals (two proportional rows and one other): the second axis is a zero axis
    out = _ca(np.array([[2, 4, 0], [1, 2, 0], [0, 0, 3]]), 2)
    assert out.eigenvalues.shape == (2,) and out.row_coordinates.shape == (3, 2)
    assert np.allclose(out.row_coordinates[0], out.row_coordinates[1])


def test_a_large_table_is_mapped_sparsely_with_the_same_results(monkeypatch):
    from textmine import mapping

    corpus = tm.clean(tm.bundled_corpus())
    dense = tm.correspondence_map(corpus, n_terms=30)
    monkeypatch.setattr(mapping, "_DENSE_CELLS", 0)  # every table is "large"
    sparse = tm.correspondence_map(corpus, n_terms=30)
    assert sparse.id.tolist() == dense.id.tolist() and sparse.kind.tolist() == dense.kind.tolist()
    for col in ("dim1", "dim2", "mass", "contribution"):
        np.testing.assert_allclose(sparse[col].to_numpy(float), dense[col].to_numpy(float), rtol=1e-7, atol=1e-10)
    assert sparse.attrs["total_inertia"] == pytest.approx(dense.attrs["total_inertia"], rel=1e-9)
    assert sparse.attrs["explained"] == pytest.approx(dense.attrs["explained"], rel=1e-7)
    assert sparse.attrs["n_terms_fitted"] == dense.attrs["n_terms_fitted"]
    monkeypatch.setattr(mapping, "_CHUNK", 7)  # the weights gathered seven entries at a time
    pd.testing.assert_frame_equal(tm.correspondence_map(corpus, n_terms=30), sparse, check_exact=True)
