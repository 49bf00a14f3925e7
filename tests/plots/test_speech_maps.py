"""Tests of textmine.plots.speech_maps: section keywords (the outline map) and dispersion."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import LineCollection

from textmine import plots
from textmine.errors import InputError

from ._frames import dispersion_df, section_keywords_df, texts, ticklabels


def test_section_keywords_rows_and_terms():
    df = section_keywords_df()
    ax = plots.plot_section_keywords(df).axes[0]
    labels = texts(ax)
    assert "开篇" in labels
    assert "一、充分认识禁毒工作的严峻形势" in labels
    assert "（二）新型毒品不断出现" in labels
    assert any(t.startswith("五、以高度的政治责任感") for t in labels)
    assert "禁毒、社区戒毒、易制毒化学品、安全生产" in labels
    bars = [p for p in ax.patches if p.get_label() == "_outline_bar"]
    assert len(bars) == len(df) == 15
    widths = np.array([b.get_width() for b in bars])
    assert np.allclose(widths / widths.max(), df["n_tokens"] / df["n_tokens"].max())
    heading = next(t for t in ax.texts if t.get_text() == "（二）新型毒品不断出现")
    assert heading.get_fontsize() >= 14
    # level-2 rows are indented relative to level-1 rows
    level1 = next(t for t in ax.texts if t.get_text().startswith("一、"))
    assert heading.get_position()[0] > level1.get_position()[0]


def test_dispersion_rows_ticks_and_sections():
    ax = plots.plot_dispersion(dispersion_df()).axes[0]
    assert ticklabels(ax.yaxis) == ["禁毒（3）", "社区戒毒（2）", "易制毒化学品（1）", "安全生产（0）"]
    ticks = [c for c in ax.collections if isinstance(c, LineCollection)]
    assert [len(c.get_segments()) for c in ticks] == [3, 2, 1]
    boundaries = [line for line in ax.lines if line.get_xdata()[0] == line.get_xdata()[1] > 0]
    assert sorted(line.get_xdata()[0] for line in boundaries) == [0.1, 0.3, 0.5]
    assert {"一、", "（一）", "二、"} <= set(texts(ax))

    plain = plots.plot_dispersion(dispersion_df(with_attrs=False)).axes[0]
    assert ticklabels(plain.yaxis) == ["社区戒毒（2）", "禁毒（3）", "易制毒化学品（1）"]
    with pytest.raises(InputError, match="rel_pos"):
        plots.plot_dispersion(dispersion_df().assign(rel_pos=1.5))
    bad = dispersion_df()
    bad.attrs["sections"] = pd.DataFrame({"path": ["一"]})
    with pytest.raises(InputError, match=r"df.attrs\['sections'\] is missing column\(s\) rel_start"):
        plots.plot_dispersion(bad)
