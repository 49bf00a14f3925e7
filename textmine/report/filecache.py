"""A cache of the files the report renders (chart images, the deck's palettised pictures).

A chart is a pure function of its table, its keyword arguments, the code that draws it and
the libraries and font it draws with. Each rendered file is stored under a key that digests
all of those, in ``<cache folder>/files/`` (the token cache's folder: ``$TEXTMINE_CACHE_DIR``
or the user cache dir). A later report whose chart has the same key copies the stored
file instead of drawing it again, so the files are the same bytes either way.

The key digests the table by content (:func:`digest`: values, index, columns, dtypes and
``attrs``), not by pickling it: equal tables give one key however their objects are shared.
The code is every source file of the ``textmine`` package, so editing any of it is a miss.
``TEXTMINE_FILE_CACHE=0`` switches the cache off (the test suite does, except where it tests
the cache itself). A cache that cannot be written is skipped quietly: it only saves time.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import os
import shutil
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["digest", "FileCache", "file_cache", "CACHE_ENV", "MAX_BYTES"]

logger = logging.getLogger(__name__)

CACHE_ENV = "TEXTMINE_FILE_CACHE"
"""Environment variable: ``0`` switches the cache of rendered files off."""
MAX_BYTES = 256 * 2 ** 20
"""The cache keeps at most about this many bytes; the least recently used files go first."""
_FORMAT = "1"  # part of every key: bump it when what a key covers changes


def digest(obj: Any) -> str:
    """A SHA-256 hex digest of a value by content (DataFrames, Series, arrays, containers, scalars).

    Equal values give equal digests: a DataFrame is digested by its columns, dtypes, index,
    values (``pandas.util.hash_pandas_object``) and ``attrs``, a dict by its sorted items, a
    float by its exact bits. Objects of other types are digested by ``repr`` when it is their
    own, else refused (a ``TypeError``): a key that cannot tell two values apart would be wrong.
    """
    h = hashlib.sha256()
    _feed(h, obj)
    return h.hexdigest()


def _feed(h: Any, obj: Any) -> None:  # noqa: C901 — one branch per kind of value
    import numpy as np
    import pandas as pd

    def tag(t: str) -> None:
        h.update(b"\x00" + t.encode() + b"\x00")

    if obj is None or isinstance(obj, (bool, int, str, bytes)):
        tag(type(obj).__name__)
        h.update(obj if isinstance(obj, bytes) else repr(obj).encode("utf-8", "surrogatepass"))
    elif isinstance(obj, float):
        tag("float")
        h.update(np.float64(obj).tobytes())
    elif isinstance(obj, np.generic):
        tag("np." + obj.dtype.str)
        h.update(obj.tobytes() if obj.dtype.kind != "O" else repr(obj).encode())
    elif isinstance(obj, pd.DataFrame):
        tag("DataFrame")
        _feed(h, [str(c) for c in obj.columns])
        _feed(h, [type(c).__name__ for c in obj.columns])
        _feed(h, [str(t) for t in obj.dtypes])
        _feed(h, obj.index)
        for col in range(obj.shape[1]):  # one column at a time: object cells may be lists
            _feed(h, obj.iloc[:, col].reset_index(drop=True))
        _feed(h, dict(obj.attrs))
    elif isinstance(obj, pd.Series):
        tag("Series")
        _feed(h, str(obj.name))
        _feed(h, str(obj.dtype))
        _feed(h, obj.index)
        if isinstance(obj.dtype, pd.CategoricalDtype):  # the categories' order is drawn (axis order)
            _feed(h, list(obj.cat.categories))
            _feed(h, bool(obj.cat.ordered))
            h.update(obj.cat.codes.to_numpy().tobytes())
        elif obj.dtype.kind in "biufcmM":
            h.update(pd.util.hash_pandas_object(obj, index=False).to_numpy().tobytes())
        else:
            _feed(h, list(obj))
        _feed(h, dict(obj.attrs))
    elif isinstance(obj, pd.Index):
        tag("Index")
        _feed(h, str(obj.dtype))
        _feed(h, [str(n) for n in obj.names])
        _feed(h, list(obj))
    elif isinstance(obj, np.ndarray):
        tag("ndarray " + obj.dtype.str + " " + repr(obj.shape))
        if obj.dtype.kind == "O":
            _feed(h, obj.ravel().tolist())
        else:
            h.update(np.ascontiguousarray(obj).tobytes())
    elif isinstance(obj, dict):
        tag(f"dict {len(obj)}")
        for k, v in sorted(obj.items(), key=lambda kv: repr(kv[0])):
            _feed(h, k)
            _feed(h, v)
    elif isinstance(obj, (list, tuple)):
        tag(f"{type(obj).__name__} {len(obj)}")
        for v in obj:
            _feed(h, v)
    elif isinstance(obj, (set, frozenset)):
        tag(f"set {len(obj)}")
        for v in sorted(obj, key=repr):
            _feed(h, v)
    elif type(obj).__repr__ is not object.__repr__:  # a value type with its own repr (Timestamp, Decimal …)
        tag(type(obj).__qualname__)
        h.update(repr(obj).encode("utf-8", "surrogatepass"))
    else:
        raise TypeError(f"cannot digest a {type(obj).__name__} by content")


@functools.lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """The digest of what renders a file besides its inputs: textmine's sources and resources, the
    versions of the drawing libraries, and the house font file."""
    import importlib.metadata as md

    h = hashlib.sha256(_FORMAT.encode())
    root = Path(__file__).resolve().parents[1]
    for path in sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".py", ".json", ".yaml", ".yml",
                                                                                     ".txt", ".mplstyle", ".csv")):
        h.update(str(path.relative_to(root)).encode() + b"\x00" + path.read_bytes())
    for dist in ("matplotlib", "wordcloud", "pillow", "numpy", "pandas", "networkx", "mplfonts", "python-pptx"):
        try:
            h.update(f"{dist}={md.version(dist)}".encode())
        except md.PackageNotFoundError:
            h.update(f"{dist}=-".encode())
    from .. import plots

    font = plots.cjk_font()
    fpath = Path(getattr(font, "path", "") or "")
    h.update(f"{font.name}|{fpath}".encode())
    if fpath.is_file():
        st = fpath.stat()
        h.update(f"{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()


def function_identity(fn: Callable[..., Any]) -> str:
    """Where a function was defined: a function put in its place (a notebook's or a test's) is another key."""
    code = getattr(fn, "__code__", None)
    return ":".join(str(x) for x in (getattr(fn, "__module__", ""), getattr(fn, "__qualname__", repr(fn)),
                                     getattr(code, "co_filename", ""), getattr(code, "co_firstlineno", "")))


class FileCache:
    """Rendered files by key, in one folder.

    Parameters
    ----------
    folder : Path
        Created when first written.
    max_bytes : int
        After a store, the least recently used files are removed until the folder holds at most this.
    """

    def __init__(self, folder: Path, *, max_bytes: int = MAX_BYTES) -> None:
        self.folder = Path(folder)
        self.max_bytes = max_bytes

    def path(self, key: str, suffix: str) -> Path:
        return self.folder / f"{key}.{suffix}"

    def fetch(self, key: str, suffixes: Iterable[str], dest: Path) -> list[Path] | None:
        """Copy the stored ``<key>.<suffix>`` of every suffix to ``dest.<suffix>``; None unless all are stored."""
        suffixes = list(suffixes)
        stored = [self.path(key, s) for s in suffixes]
        if not all(p.is_file() for p in stored):
            return None
        out = []
        try:
            for src, s in zip(stored, suffixes):
                target = dest.with_suffix("." + s)
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(src, target)
                os.utime(src)  # recently used: kept longest
                out.append(target)
        except FileNotFoundError:  # removed by another process meanwhile: draw it instead
            return None
        return out

    def get_bytes(self, key: str, suffix: str) -> bytes | None:
        p = self.path(key, suffix)
        try:
            data = p.read_bytes()
            os.utime(p)
            return data
        except OSError:
            return None

    def store(self, key: str, files: Iterable[Path]) -> None:
        """Keep a copy of each file under the key (its suffix kept); errors are logged, never raised."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for f in files:
                self._put(self.path(key, f.suffix.lstrip(".")), f.read_bytes())
            self._prune()
        except OSError as err:  # a cache only saves time: a read-only or full disk must not stop the report
            logger.info("file cache %s not written: %s", self.folder, err)

    def put_bytes(self, key: str, suffix: str, data: bytes) -> None:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._put(self.path(key, suffix), data)
            self._prune()
        except OSError as err:
            logger.info("file cache %s not written: %s", self.folder, err)

    def _put(self, target: Path, data: bytes) -> None:
        # written to a temporary name and renamed: a reader never sees half a file
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def _prune(self) -> None:
        entries = []
        with os.scandir(self.folder) as it:
            for e in it:
                if e.is_file() and not e.name.startswith(".tmp-"):
                    st = e.stat()
                    entries.append((st.st_mtime_ns, st.st_size, e.path))
        total = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if total <= self.max_bytes:
                break
            Path(path).unlink(missing_ok=True)
            total -= size


def file_cache(*, force: bool = False) -> FileCache | None:
    """The report's cache of rendered files, or None when ``TEXTMINE_FILE_CACHE=0`` (unless ``force``)."""
    if not force and os.environ.get(CACHE_ENV, "").strip() == "0":
        return None
    from ..tokenize.cache import default_cache_dir

    return FileCache(default_cache_dir() / "files")
