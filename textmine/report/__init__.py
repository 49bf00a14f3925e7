"""The briefing pack: every analysis of one speech against a corpus, as charts, tables, Markdown, PPTX and HTML.

The flow: :func:`analyse` runs every analysis and returns a :class:`BriefingResult`
(it writes nothing); :mod:`.charts` draws the charts its specification table lists;
:mod:`.findings` words the findings; the writers (:mod:`.write_csv`,
:mod:`.write_markdown`, :mod:`.write_pptx`, :mod:`.write_html`) write the pack. :func:`build_report` does
all of it; :class:`BriefingOptions` says how many rows each table and chart shows.
"""

from __future__ import annotations

from .analyse import BriefingResult, analyse
from .build import DEFAULT_FORMATS, FORMATS, Report, build_report
from .options import BriefingOptions

__all__ = ["build_report", "Report", "BriefingOptions", "BriefingResult", "analyse", "FORMATS", "DEFAULT_FORMATS"]
