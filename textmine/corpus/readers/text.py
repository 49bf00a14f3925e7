"""Plain text (.txt, .md): the decoded file, unchanged (line ends and all)."""

from __future__ import annotations

from pathlib import Path

from ..decode import decode_bytes
from . import Extracted

__all__ = ["read_text"]


def read_text(data: bytes, path: Path | str) -> Extracted:
    """Decode a text file strictly (UTF-8, UTF-16, GB18030/GBK); see :func:`~textmine.corpus.decode.decode_bytes`."""
    text, enc = decode_bytes(data, path)
    return Extracted(text, enc)
