"""Saved web pages (.html, .htm, .shtml, .xhtml, and .mhtml/.mht archives): the article, not the page.

The main content is extracted with trafilatura (navigation, sidebars, footers and scripts never
reach the text; paragraphs stay on their own lines; tables in the article are kept, a row a line).
The page's declared encoding (``<meta charset>``, or the MIME part's charset in an .mhtml) is
honoured. The title comes from the page (its ``<h1>``/``og:title``/``<title>``, without the
site name), when there is one.
"""

from __future__ import annotations

import email
import email.policy
import html as _html
import re
from pathlib import Path

from ...errors import EmptyDocumentError, UnsupportedFormatError
from ..decode import decode_bytes, normalize_encoding
from . import Extracted, sniff

__all__ = ["read_html", "declared_charset"]

_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]+encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.I)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.I | re.S)
# "site | article", "article _ 中国宜春", "article-某某网": keep the longest part
_TITLE_SEPARATORS = re.compile(r"\s+[|_\-–—]\s+|\s*[|｜]\s*|_")


def declared_charset(data: bytes) -> str | None:
    """The charset a page declares in its first 8 KB (``<meta charset>`` or the XML declaration)."""
    head = data[:8192]
    m = _META_CHARSET.search(head) or _XML_ENCODING.search(head)
    return m.group(1).decode("ascii") if m else None


def _mhtml_html(data: bytes, path) -> tuple[bytes, str | None]:
    """The first text/html part of an MHTML archive (its bytes, transfer-decoded) and its charset."""
    msg = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if payload:
                return payload, part.get_content_charset()
    raise UnsupportedFormatError(f"cannot read {path}: the .mhtml archive has no text/html part")


def _page_title(html: str) -> str | None:
    m = _TITLE.search(html[:200_000])
    if not m:
        return None
    title = " ".join(_html.unescape(re.sub(r"<[^>]+>", "", m.group(1))).split())
    parts = [p.strip() for p in _TITLE_SEPARATORS.split(title) if p.strip()]
    return max(parts, key=len) if parts else None


def read_html(data: bytes, path: Path | str) -> Extracted:
    """Read the article of a saved web page.

    Raises
    ------
    DecodeError
        The bytes are not in the declared encoding nor in any supported one.
    EmptyDocumentError
        The page has no article text (trafilatura finds no main content).
    """
    import trafilatura

    charset = None
    if sniff(data) == "mhtml" or str(path).lower().endswith((".mhtml", ".mht")):
        data, charset = _mhtml_html(data, path)
    declared = charset or declared_charset(data)
    html, enc = decode_bytes(data, path, declared=declared)
    options = dict(include_tables=True, include_comments=False, include_images=False, include_links=False,
                   include_formatting=False, deduplicate=False, output_format="txt", with_metadata=False)
    links = {" ".join(_html.unescape(re.sub(r"<[^>]+>", "", a)).split()) for a in _LINK.findall(html)}

    def article(found: str | None) -> str | None:
        """None when nothing was found, or only link texts (navigation, not an article)."""
        if not found or all(line.strip() in links for line in found.splitlines() if line.strip()):
            return None
        return found

    text = article(trafilatura.extract(html, **options))
    notes = []
    if text is None:  # a short or unusual page: look harder before giving up
        text = article(trafilatura.extract(html, favor_recall=True, **options))
        if text:
            notes.append((None, "warning", "the article was found only with trafilatura's favor_recall: check "
                                           "that no page furniture is in the text"))
    if not text or not text.strip():
        raise EmptyDocumentError(f"{path} is a web page with no article text (no main content found); "
                                 "save the article itself, or copy its text into a .txt file")
    meta = trafilatura.extract_metadata(html)
    title = (meta.title if meta is not None and meta.title else None) or _page_title(html)
    how = f"html ({enc})"
    if declared and normalize_encoding(declared) not in (enc, enc.replace("-sig", "")):
        notes.append((None, "warning", f"the page declares charset {declared!r} but is not in it; read as {enc}"))
    return Extracted(text, how, title=title, notes=notes)
