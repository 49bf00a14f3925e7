"""The deck's pictures: palettised copies of the pack's PNGs, and their key in the cache of rendered files.

A chart worker palettises the PNG it has just drawn (:func:`.render.render_charts`) and stores the
copy under :func:`key`, so that :mod:`.write_pptx` finds it there instead of palettising every
chart again in this process after the drawing.
"""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

__all__ = ["palettised", "salt", "key"]


def palettised(png: Path | Any) -> bytes:
    """The PNG with at most 256 colours (for the deck only; the pack's file is not changed).

    ``png`` is the file, or its pixels already decoded (a PIL image): a chart worker has them
    from saving the file, and decoding the file again took about half the time of this function.
    """
    from PIL import Image

    if isinstance(png, Image.Image):
        rgb = png if png.mode == "RGB" else png.convert("RGB")
    else:
        with Image.open(png) as im:
            rgb = im.convert("RGB")
    out = io.BytesIO()
    rgb.quantize(colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(
        out, format="PNG")  # not optimize=True: it took twice as long for 8% fewer bytes
    return out.getvalue()


def salt() -> bytes:
    """What a picture's key digests besides the PNG: textmine's code and Pillow's version."""
    from PIL import __version__ as pil_version

    from .filecache import code_fingerprint

    return f"deck-png|{code_fingerprint()}|{pil_version}|".encode()


def key(salt: bytes, png: bytes) -> str:
    """The cache key of the palettised copy of the PNG whose bytes are ``png``."""
    return hashlib.sha256(salt + png).hexdigest()
