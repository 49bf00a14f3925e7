"""Tests of textmine.plots._aliases: each old chart name warns, then draws exactly what the new name draws."""

from __future__ import annotations

import warnings

import pytest

import textmine as tm
from textmine import plots
from textmine.errors import InputError
from textmine.plots._aliases import RENAMED

from ._frames import section_keywords_df, section_topics_df, similar_documents_df, topic_comparison_df

TABLES = {
    "plot_topic_shares": topic_comparison_df,
    "plot_similar": similar_documents_df,
    "plot_outline_map": section_keywords_df,
    "plot_section_heatmap": section_topics_df,
}


def test_the_four_renames():
    assert RENAMED == {"plot_topic_shares": "plot_topic_comparison", "plot_similar": "plot_similar_documents",
                       "plot_outline_map": "plot_section_keywords", "plot_section_heatmap": "plot_section_topics"}
    assert set(TABLES) == set(RENAMED)


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_old_name_warns_and_draws_the_same_chart(old, tmp_path):
    new = RENAMED[old]
    with pytest.warns(DeprecationWarning, match=rf"textmine\.{old} is deprecated.*use textmine\.{new}") as record:
        old_fig = getattr(plots, old)(TABLES[old](), title="旧名称")
    assert len(record) == 1
    assert record[0].filename == __file__  # the warning points at the caller's line
    with warnings.catch_warnings():
        warnings.simplefilter("error", DeprecationWarning)  # the new name does not warn
        new_fig = getattr(plots, new)(TABLES[old](), title="旧名称")
    old_svg, = plots.save_figure(old_fig, tmp_path / "old", formats="svg")
    new_svg, = plots.save_figure(new_fig, tmp_path / "new", formats="svg")
    assert old_svg.read_bytes() == new_svg.read_bytes()


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_old_name_passes_options_and_errors_through(old):
    new_func = getattr(plots, RENAMED[old])
    alias = getattr(plots, old)
    assert alias.__name__ == old and alias.__wrapped__ is new_func
    assert "Deprecated alias" in alias.__doc__ and RENAMED[old] in alias.__doc__
    with pytest.warns(DeprecationWarning), pytest.raises(InputError, match="title=5"):
        alias(TABLES[old](), title=5)
    with pytest.warns(DeprecationWarning), pytest.raises(InputError, match="ax is a str"):
        alias(TABLES[old](), ax="left")


@pytest.mark.parametrize("old", sorted(RENAMED))
def test_textmine_exports_old_and_new_names(old):
    new = RENAMED[old]
    assert old in tm.__all__ and new in tm.__all__
    assert getattr(tm, old) is getattr(plots, old) and getattr(tm, new) is getattr(plots, new)
    assert old in plots.__all__ and new in plots.__all__
    with pytest.warns(DeprecationWarning, match=new):
        getattr(tm, old)(TABLES[old]())
