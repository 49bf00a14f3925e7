"""Word .docx: the body in document order, with python-docx and a fallback for files it refuses.

The body is walked in document order: paragraphs, tables where they stand (one line per row,
cells separated by tabs, a cell's paragraphs by newlines), nested tables inside their cell,
text boxes after the paragraph that anchors them, content controls (``w:sdt``), field results
(not field codes), hyperlinks, and tracked insertions (not deletions). A cell merged across
columns (``gridSpan``) is one cell and counts once; the continuation cells of a vertical merge
are empty, so a merged cell's text is never repeated.

python-docx opens the package; a file it refuses (WPS exports with an image relationship to
``../NULL``: "There is no item named 'NULL' in the archive") is read by parsing its main
document part directly. Every zip member is size-checked before it is inflated.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from pathlib import Path

from ...errors import UnsupportedFormatError
from ..titles import title_from_headings
from . import Extracted
from . import _zip

__all__ = ["read_docx"]

_W_NS = ("http://schemas.openxmlformats.org/wordprocessingml/2006/main",
         "http://purl.oclc.org/ooxml/wordprocessingml/main")
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_M = "http://schemas.openxmlformats.org/officeDocument/2006/math"
_REL = "http://schemas.openxmlformats.org/package/2006/relationships"

# w:* elements whose subtree holds no body text (properties, deleted text, field codes …)
_SKIP = {"pPr", "rPr", "tblPr", "tblGrid", "trPr", "tcPr", "sectPr", "sdtPr", "sdtEndPr", "del", "moveFrom",
         "delText", "instrText", "delInstrText", "fldChar", "footnoteReference", "endnoteReference",
         "commentReference", "annotationRef", "bookmarkStart", "bookmarkEnd", "proofErr", "lastRenderedPageBreak",
         "rPrChange", "pPrChange", "tblPrChange", "tcPrChange", "trPrChange", "sectPrChange", "numberingChange"}
_HEADING = re.compile(r"^(heading\s*1|title|标题\s*1|标题)$", re.I)
_LEADING_PARAGRAPHS = 6


def _split(tag) -> tuple[str, str]:
    if not isinstance(tag, str):  # comments, processing instructions
        return "", ""
    if tag.startswith("{"):
        ns, _, local = tag[1:].partition("}")
        return ns, local
    return "", tag


def _val(el, name: str) -> str | None:
    for ns in _W_NS:
        v = el.get(f"{{{ns}}}{name}")
        if v is not None:
            return v
    return None


def _child(el, name: str):
    for c in el:
        ns, local = _split(c.tag)
        if ns in _W_NS and local == name:
            return c
    return None


class _Walker:
    """Collects the body as lines, and the styles of the leading paragraphs (for the title)."""

    def __init__(self, styles: dict[str, tuple[str, int | None]]) -> None:
        self.styles = styles
        self.headings: list[str] = []
        self.heading_run_open = True
        self.n_leading = 0
        self.alt_chunks = 0

    # ------------------------------------------------------------------ blocks
    def blocks(self, container, *, top: bool = False) -> list[str]:
        lines: list[str] = []
        for child in container:
            ns, tag = _split(child.tag)
            if ns == _MC and tag == "AlternateContent":
                choice = next((c for c in child if _split(c.tag)[1] == "Choice"), None)
                lines += self.blocks(choice if choice is not None else [], top=top)
            elif ns not in _W_NS:
                continue
            elif tag == "p":
                text, boxes = self.paragraph(child)
                if top:
                    self._leading(child, text)
                lines.append(text)
                lines += boxes
            elif tag == "tbl":
                lines += self.table(child)
                if top:
                    self._leading(None, "table")
            elif tag in ("sdt", "sdtContent", "customXml", "ins", "moveTo", "smartTag"):
                inner = _child(child, "sdtContent") if tag == "sdt" else child
                if inner is not None:
                    lines += self.blocks(inner, top=top)
            elif tag == "altChunk":
                self.alt_chunks += 1
        return lines

    def _leading(self, p, text: str) -> None:
        if not self.heading_run_open or not text.strip():
            return
        self.n_leading += 1
        if p is not None and self._is_heading(p):
            self.headings.append(text)
        elif self.headings or self.n_leading > _LEADING_PARAGRAPHS:
            self.heading_run_open = False

    def _is_heading(self, p) -> bool:
        ppr = _child(p, "pPr")
        if ppr is None:
            return False
        outline = _child(ppr, "outlineLvl")
        if outline is not None and _val(outline, "val") == "0":
            return True
        style = _child(ppr, "pStyle")
        if style is None:
            return False
        sid = _val(style, "val") or ""
        name, level = self.styles.get(sid, (sid.lower(), None))
        return bool(_HEADING.match(name)) or level == 0

    # ------------------------------------------------------------------ tables
    def table(self, tbl) -> list[str]:
        lines = []
        for tr in self._children(tbl, "tr"):
            cells = []
            for tc in self._children(tr, "tc"):
                tcpr = _child(tc, "tcPr")
                vmerge = _child(tcpr, "vMerge") if tcpr is not None else None
                if vmerge is not None and (_val(vmerge, "val") or "continue") == "continue":
                    cells.append("")  # the merged cell above holds the text: count it once
                    continue
                cells.append("\n".join(self.blocks(tc)).strip("\n"))
            lines.append("\t".join(cells))
        return lines

    def _children(self, el, name: str):
        """Direct w:name children, looking through sdt/customXml wrappers."""
        for c in el:
            ns, tag = _split(c.tag)
            if ns == _MC and tag == "AlternateContent":
                choice = next((x for x in c if _split(x.tag)[1] == "Choice"), None)
                if choice is not None:
                    yield from self._children(choice, name)
            if ns not in _W_NS:
                continue
            if tag == name:
                yield c
            elif tag in ("sdt", "customXml", "ins", "moveTo"):
                inner = _child(c, "sdtContent") if tag == "sdt" else c
                if inner is not None:
                    yield from self._children(inner, name)

    # ------------------------------------------------------------------ inline
    def paragraph(self, p) -> tuple[str, list[str]]:
        parts: list[str] = []
        boxes: list[str] = []
        self._inline(p, parts, boxes)
        return "".join(parts), boxes

    def _inline(self, el, parts: list[str], boxes: list[str]) -> None:
        for c in el:
            ns, tag = _split(c.tag)
            if ns in _W_NS:
                if tag in _SKIP:
                    continue
                if tag == "t":
                    parts.append(c.text or "")
                elif tag == "tab":
                    parts.append("\t")
                elif tag in ("br", "cr"):
                    parts.append("\n")
                elif tag == "noBreakHyphen":
                    parts.append("-")
                elif tag == "sym":
                    code = _val(c, "char") or ""
                    try:
                        ch = chr(int(code, 16))
                    except ValueError:
                        ch = ""
                    if ch and not 0xE000 <= ord(ch) <= 0xF8FF:  # symbol-font private-use glyphs have no text
                        parts.append(ch)
                elif tag == "txbxContent":
                    boxes += [line for line in self.blocks(c) if line.strip()]
                elif tag == "p":  # a paragraph inside an inline container (rare): its own line
                    text, inner = self.paragraph(c)
                    parts.append("\n" + text)
                    boxes += inner
                elif tag == "tbl":
                    boxes += self.table(c)
                else:
                    self._inline(c, parts, boxes)
            elif ns == _MC and tag == "AlternateContent":
                # the same drawing twice (DrawingML choice, VML fallback): read the choice only
                choice = next((x for x in c if _split(x.tag)[1] == "Choice"), None)
                if choice is not None:
                    self._inline(choice, parts, boxes)
            elif ns == _M and tag == "t":
                parts.append(c.text or "")
            else:
                self._inline(c, parts, boxes)


def _styles(root) -> dict[str, tuple[str, int | None]]:
    out: dict[str, tuple[str, int | None]] = {}
    if root is None:
        return out
    for st in root:
        ns, tag = _split(st.tag)
        if ns not in _W_NS or tag != "style":
            continue
        sid = _val(st, "styleId") or ""
        name_el = _child(st, "name")
        name = (_val(name_el, "val") or sid) if name_el is not None else sid
        level = None
        ppr = _child(st, "pPr")
        if ppr is not None:
            ol = _child(ppr, "outlineLvl")
            if ol is not None and (_val(ol, "val") or "").isdigit():
                level = int(_val(ol, "val"))
        out[sid] = (name.strip().lower(), level)
    return out


def _parse_xml(data: bytes, path, member: str):
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_comments=True)
    try:
        return etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise UnsupportedFormatError(f"cannot read {path}: its {member} is not well-formed XML ({err})") from None


def _rels(zf: zipfile.ZipFile, rels_name: str, path, limit) -> list[tuple[str, str]]:
    if rels_name not in zf.namelist():
        return []
    root = _parse_xml(_zip.read_member(zf, rels_name, path, limit=limit), path, rels_name)
    return [(r.get("Type") or "", r.get("Target") or "") for r in root if _split(r.tag)[1] == "Relationship"]


def _resolve(base_dir: str, target: str) -> str:
    if target.startswith("/"):
        return target.lstrip("/")
    return posixpath.normpath(posixpath.join(base_dir, target))


def _fallback_parts(zf: zipfile.ZipFile, path, limit):
    """(document root, styles root) read straight from the package."""
    main = next((_resolve("", t) for typ, t in _rels(zf, "_rels/.rels", path, limit)
                 if typ.endswith("/officeDocument")), None)
    if main is None or main not in zf.namelist():
        main = "word/document.xml"
    doc = _parse_xml(_zip.read_member(zf, main, path, limit=limit), path, main)
    base = posixpath.dirname(main)
    rels_name = posixpath.join(base, "_rels", posixpath.basename(main) + ".rels")
    styles_name = next((_resolve(base, t) for typ, t in _rels(zf, rels_name, path, limit) if typ.endswith("/styles")),
                       posixpath.join(base, "styles.xml"))
    styles = None
    if styles_name in zf.namelist():
        styles = _parse_xml(_zip.read_member(zf, styles_name, path, limit=limit), path, styles_name)
    return doc, styles


def read_docx(data: bytes, path: Path | str, *, max_member_bytes: int | None = None) -> Extracted:
    """Read a .docx; see the module docstring for what is read and in which order.

    Raises
    ------
    UnsupportedFormatError
        Not a zip package, no main document, damaged XML, or a member that would inflate past
        ``max_member_bytes`` (default :data:`textmine.corpus.readers._zip.MAX_MEMBER_BYTES`).
    """
    from lxml import etree

    limit = _zip.MAX_MEMBER_BYTES if max_member_bytes is None else max_member_bytes
    zf = _zip.open_zip(data, path, ".docx")
    notes = []
    body = styles_root = None
    # python-docx inflates every part at once: let it only when the whole package fits the bound
    if _zip.total_size(zf) <= limit:
        try:
            import docx  # python-docx
            from docx.opc.exceptions import PackageNotFoundError

            d = docx.Document(io.BytesIO(data))
            body, styles_root = d.element.body, d.styles.element
        except (KeyError, ValueError, TypeError, AttributeError, etree.XMLSyntaxError, zipfile.BadZipFile,
                PackageNotFoundError) as err:
            notes.append((None, "warning", f"python-docx could not open it ({err}); read its word/document.xml "
                                           "directly"))
    else:
        notes.append((None, "warning", "a large package: read its word/document.xml directly"))
    if body is None:
        doc_root, styles_root = _fallback_parts(zf, path, limit)
        body = _child(doc_root, "body")
        if body is None:
            raise UnsupportedFormatError(f"cannot read {path}: its main document has no w:body")
    walker = _Walker(_styles(styles_root))
    lines = walker.blocks(body, top=True)
    if walker.alt_chunks:
        notes.append((None, "warning", f"{walker.alt_chunks} embedded altChunk part(s) (imported HTML/RTF) not read"))
    text = "\n".join(lines).strip("\n")
    return Extracted(text, "docx", title=title_from_headings(walker.headings), notes=notes)
