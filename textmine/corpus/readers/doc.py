"""Old binary Word (.doc), WPS (.wps), RTF, OpenDocument text and .xls: converted by LibreOffice.

No maintained pure-Python reader handles these formats well, so they are converted with
LibreOffice (``soffice --headless --convert-to docx``, or ``xlsx`` for spreadsheets) when
``soffice`` is on the PATH, then read like .docx/.xlsx. Without LibreOffice the error says how
to install it or how to convert the file by hand. Each conversion uses a throw-away
LibreOffice profile, so it works while another LibreOffice is running.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from ...errors import UnsupportedFormatError
from . import Extracted

__all__ = ["soffice", "convert", "read_doc", "CONVERT_TIMEOUT"]

#: Seconds one conversion may take.
CONVERT_TIMEOUT = 180
_KIND = {".doc": "old binary Word (.doc)", ".dot": "old binary Word (.dot)", ".wps": "WPS (.wps)",
         ".wpt": "WPS (.wpt)", ".rtf": "RTF", ".odt": "OpenDocument (.odt)", ".xls": "old Excel (.xls)",
         ".et": "WPS spreadsheet (.et)"}


def soffice() -> str | None:
    """The LibreOffice executable on the PATH, or None."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _howto(path: Path, target: str) -> str:
    kind = _KIND.get(path.suffix.lower(), f"{path.suffix} files")
    return (f"cannot read {path}: {kind} needs LibreOffice to convert it, and `soffice` is not on the PATH. "
            "Install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui; macOS: brew install "
            f"--cask libreoffice; Windows: libreoffice.org), or open the file in Word or WPS and save it as "
            f".{target}")


def convert(data: bytes, path: Path | str, target: str = "docx", *, timeout: float | None = None) -> bytes:
    """Convert the bytes of a document with LibreOffice; return the converted file's bytes.

    Raises
    ------
    UnsupportedFormatError
        ``soffice`` is not on the PATH (the message says how to install it or convert by hand),
        or LibreOffice failed or took longer than ``timeout`` seconds.
    """
    path = Path(path)
    exe = soffice()
    if exe is None:
        raise UnsupportedFormatError(_howto(path, target))
    with tempfile.TemporaryDirectory(prefix="textmine-soffice-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / f"input{path.suffix.lower() or '.doc'}"  # an ASCII name: no quoting trouble
        src.write_bytes(data)
        outdir = tmpdir / "out"
        cmd = [exe, f"-env:UserInstallation={(tmpdir / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", target, "--outdir", str(outdir), str(src)]
        try:
            res = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, text=True,
                                 timeout=timeout or CONVERT_TIMEOUT)
        except subprocess.TimeoutExpired:
            raise UnsupportedFormatError(f"cannot read {path}: LibreOffice took longer than "
                                         f"{timeout or CONVERT_TIMEOUT} s to convert it") from None
        out = outdir / f"input.{target}"
        if not out.is_file():
            why = (res.stderr or res.stdout).strip().splitlines()
            raise UnsupportedFormatError(f"cannot read {path}: LibreOffice could not convert it to .{target} "
                                         f"(exit {res.returncode}{': ' + why[-1] if why else ''})")
        return out.read_bytes()


def read_doc(data: bytes, path: Path | str) -> Extracted:
    """Read a .doc/.wps/.rtf/.odt by converting it to .docx with LibreOffice."""
    from .docx import read_docx

    ex = read_docx(convert(data, path, "docx"), path)
    suffix = Path(path).suffix.lower().lstrip(".") or "doc"
    ex.encoding = f"{suffix} (via LibreOffice)"
    ex.notes = [n for n in ex.notes if "python-docx could not open" not in n[2]]
    return ex
