"""PDF: the text layer, with the page layout undone.

Read with pdfplumber (pdfminer.six), chosen over pypdf and PyMuPDF: all three recovered the
Chinese text of the test PDFs exactly (``benchmarks/compare_pdf_readers.py``), but pdfplumber
gives each line's position, which is what undoing the layout needs, and it is MIT-licensed
(PyMuPDF is AGPL, which an MIT package cannot require) and light to install. It is the
slowest of the three (about 0.05 s a page here): reading is not the bottleneck of an analysis.

- Running headers and footers (a line at the top or bottom of most pages) and page numbers
  (``— 3 —``, ``第3页 共9页``, ``3/9``) are dropped.
- Lines broken by the layout are re-joined: a line that runs to the right margin continues on
  the next line unless that one is indented or set apart, also across a page break.
- A PDF with no text layer (a scan) raises an error saying it needs OCR; pages without text in
  an otherwise readable PDF are reported.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ...errors import UnsupportedFormatError
from . import Extracted

__all__ = ["read_pdf"]

_PAGE_NUMBER = re.compile(
    r"^[\-—–－·\s]*(?:第\s*)?(?:\d{1,4}|[ivxlcdm]{1,6})(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*[,，]?\s*共\s*\d{1,4}\s*页)?"
    r"[\-—–－·\s]*$", re.I)
_CID = re.compile(r"\(cid:\d+\)")
_MARGIN = 0.1  # the top and bottom tenth of a page hold running headers, footers and page numbers
_OCR_HINT = "it needs OCR first (for example `ocrmypdf -l chi_sim in.pdf out.pdf`), then read the OCR'd PDF"


@dataclass
class _Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int

    @property
    def size(self) -> float:
        return max(self.bottom - self.top, 1.0)


def _key(text: str) -> str:
    """A margin line with its digits and spaces taken out: the same header on every page."""
    return re.sub(r"[\d\s]+", "#", text.strip())


def _join(a: str, b: str) -> str:
    if a and b and a[-1].isascii() and a[-1].isalnum() and b[0].isascii() and b[0].isalnum():
        return a + " " + b
    return a + b


def _median(values: list[float], default: float) -> float:
    if not values:
        return default
    s = sorted(values)
    return s[len(s) // 2]


def read_pdf(data: bytes, path: Path | str) -> Extracted:
    """Read the text of a PDF; see the module docstring.

    Raises
    ------
    UnsupportedFormatError
        Not a PDF, password-protected, no text layer (needs OCR), or fonts without a Unicode map.
    """
    import pdfplumber
    from pdfminer.pdfdocument import PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFSyntaxError

    from pdfplumber.utils.exceptions import PdfminerException

    def refuse(err: BaseException) -> UnsupportedFormatError:
        inner = err.args[0] if isinstance(err, PdfminerException) and err.args else err
        if isinstance(inner, PDFPasswordIncorrect):
            return UnsupportedFormatError(f"cannot read {path}: the PDF is password-protected")
        return UnsupportedFormatError(f"cannot read {path} as a PDF: {inner or type(inner).__name__}")

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except (PdfminerException, PDFPasswordIncorrect, PDFSyntaxError, ValueError, TypeError, KeyError) as err:
        raise refuse(err) from None
    pages: list[list[_Line]] = []
    heights: list[float] = []
    widths: list[float] = []
    images = 0
    with pdf:
        try:
            for i, page in enumerate(pdf.pages):
                lines = page.extract_text_lines(layout=False, strip=True, return_chars=False)
                pages.append([_Line(ln["text"], ln["x0"], ln["x1"], ln["top"], ln["bottom"], i)
                              for ln in lines if ln["text"].strip()])
                heights.append(float(page.height))
                widths.append(float(page.width))
                images += len(page.images)
                page.close()  # frees the page's parsed objects
        except (PdfminerException, PDFPasswordIncorrect, PDFSyntaxError) as err:
            raise refuse(err) from None
    n_pages = len(pages)
    if not any(pages):
        what = f"{n_pages} page(s)" + (f" with {images} image(s)" if images else "")
        raise UnsupportedFormatError(f"cannot read {path}: the PDF has no text layer ({what}); it looks like a "
                                     f"scan, and {_OCR_HINT}")
    notes = []
    all_text = "".join(ln.text for p in pages for ln in p)
    n_cid = len(_CID.findall(all_text))
    if n_cid and n_cid * 8 > 0.2 * len(all_text):  # "(cid:123)" is ~9 characters for one glyph
        raise UnsupportedFormatError(f"cannot read {path}: its fonts have no Unicode map ({n_cid} glyphs are "
                                     f"unreadable), so the text cannot be extracted; {_OCR_HINT}")
    if n_cid:
        notes.append((None, "warning", f"{n_cid} glyph(s) have no Unicode mapping; each is U+FFFD in the text"))
    empty = [i + 1 for i, p in enumerate(pages) if not p]
    if empty:
        shown = ", ".join(map(str, empty[:10])) + (" …" if len(empty) > 10 else "")
        notes.append((None, "warning", f"page(s) {shown} of {n_pages} have no text layer (scanned?): their text is "
                                       f"missing; {_OCR_HINT}"))

    # margins: page numbers anywhere in the margin zone; other margin lines if they repeat on most pages
    def in_margin(ln: _Line, i_in_page: int, n_in_page: int) -> bool:
        h = heights[ln.page]
        near_edge = i_in_page < 2 or i_in_page >= n_in_page - 2
        return near_edge and (ln.bottom <= h * _MARGIN or ln.top >= h * (1 - _MARGIN))

    repeats: Counter[str] = Counter()
    for p in pages:
        repeats.update({_key(ln.text) for j, ln in enumerate(p) if in_margin(ln, j, len(p))})
    min_repeat = max(2, (n_pages + 1) // 2)
    body: list[_Line] = []
    n_numbers = n_running = 0
    for p in pages:
        for j, ln in enumerate(p):
            if in_margin(ln, j, len(p)):
                if _PAGE_NUMBER.match(ln.text):
                    n_numbers += 1
                    continue
                if n_pages >= 2 and repeats[_key(ln.text)] >= min_repeat:
                    n_running += 1
                    continue
            body.append(ln)

    # re-join the lines the layout broke
    size = _median([ln.size for ln in body], 10.0)
    left = Counter(round(ln.x0) for ln in body).most_common(1)[0][0]
    rights = sorted(ln.x1 for ln in body)
    right = rights[int(0.9 * (len(rights) - 1))]
    gaps = [b.top - a.bottom for a, b in zip(body, body[1:]) if a.page == b.page and b.top > a.bottom]
    gap = _median(gaps, size * 0.5)
    # only a text block that spans most of the page was wrapped by the layout (not a list of short lines)
    wrapped = right - left >= 0.5 * _median(widths, right)
    paragraphs: list[str] = []
    n_joined = 0
    for k, ln in enumerate(body):
        text = _CID.sub("\ufffd", ln.text)
        if k and paragraphs:
            prev = body[k - 1]
            full = prev.x1 >= right - 1.5 * size
            flush = ln.x0 <= left + 0.5 * size
            apart = ln.page == prev.page and (ln.top - prev.bottom) > gap + 0.6 * size
            if wrapped and full and flush and not apart:
                paragraphs[-1] = _join(paragraphs[-1], text)
                n_joined += 1
                continue
        paragraphs.append(text)
    detail = f"{n_pages} page(s)"
    dropped = [f"{n} {what}" for n, what in ((n_running, "running header/footer line(s)"),
                                              (n_numbers, "page number(s)")) if n]
    if dropped:
        detail += "; dropped " + " and ".join(dropped)
    if n_joined:
        detail += f"; re-joined {n_joined} line(s) broken by the layout"
    return Extracted("\n".join(paragraphs), "pdf", notes=notes, detail=detail)
