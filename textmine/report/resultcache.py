"""A cache of :func:`~.analyse.analyse` results, beside the cache of rendered files.

``analyse`` is a pure function of the speech, the corpus, the options and the code: its result
is stored (pickled) under a key that digests all of them, in the same folder as the rendered
files (:mod:`.filecache`), so that a second report on unchanged inputs skips the analysis
as well as the drawing. The key covers every field of every document (text, id, title, metadata,
source), the corpus's ingest log, every option, textmine's sources and resources
(:func:`.filecache.code_fingerprint`) and the versions of the libraries the analyses use.

Only the default tokenizer is cached: a Tokenizer given by the caller may carry dictionaries
and settings the key cannot see. ``TEXTMINE_FILE_CACHE=0`` switches this cache off with the
other. An entry that cannot be read (a different pandas, a truncated file) is recomputed.
"""

from __future__ import annotations

import dataclasses
import logging
import pickle
from typing import Any

from ..corpus import Corpus, Document
from ..tokenize import Tokenizer
from .analyse import BriefingResult, analyse
from .options import BriefingOptions

__all__ = ["cached_analyse", "analysis_key"]

logger = logging.getLogger(__name__)

_FORMAT = "1"  # bump when what the key covers changes
#: The libraries whose results the analyses return (tokens, models, similarities, reuse).
_LIBRARIES = ("jieba", "rjieba", "scikit-learn", "scipy", "numpy", "pandas", "datasketch", "opencc",
              "opencc-python-reimplemented", "networkx", "pyarrow")


def _doc_fields(doc: Document) -> list[Any]:
    return [doc.doc_id, doc.text, doc.title, dict(doc.meta), doc.source]


def analysis_key(doc: Document, reference: Corpus, options: BriefingOptions) -> str:
    """The digest of everything :func:`~.analyse.analyse` reads with the default tokenizer.

    Raises
    ------
    TypeError
        A metadata value that cannot be digested by content (such a result is not cached).
    """
    import importlib.metadata as md
    import sys

    from .filecache import code_fingerprint, digest

    versions = []
    for dist in _LIBRARIES:
        try:
            versions.append(f"{dist}={md.version(dist)}")
        except md.PackageNotFoundError:
            versions.append(f"{dist}=-")
    return digest(["analyse", _FORMAT, code_fingerprint(), sys.version, versions,
                   repr(dataclasses.asdict(options)), _doc_fields(doc),
                   [_doc_fields(d) for d in reference.docs], reference.log.to_frame()])


def cached_analyse(doc: Document, reference: Corpus, *, options: BriefingOptions,
                   tokenizer: Tokenizer | None = None, progress: bool = False) -> BriefingResult:
    """:func:`~.analyse.analyse`, from the cache when the same inputs were analysed before.

    Parameters
    ----------
    doc, reference, options, tokenizer, progress
        As for :func:`~.analyse.analyse`. With a ``tokenizer`` the cache is not used.

    Returns
    -------
    BriefingResult
        Equal to what ``analyse`` returns for these inputs.
    """
    from .filecache import file_cache

    store = file_cache() if tokenizer is None else None
    key = None
    if store is not None:
        try:
            key = analysis_key(doc, reference, options)
        except TypeError as err:  # a metadata value of a new kind: analysed, not cached
            logger.info("analysis not cached (%s)", err)
    if key is not None:
        data = store.get_bytes(key, "pickle")
        if data is not None:
            try:
                result = pickle.loads(data)
                if isinstance(result, BriefingResult):
                    return result
            except Exception as err:  # noqa: BLE001 — an unreadable entry only costs the analysis
                logger.info("cached analysis %s not read (%s: %s); analysing again", key[:12],
                            type(err).__name__, err)
    result = analyse(doc, reference, options=options, tokenizer=tokenizer, progress=progress)
    if key is not None:
        try:
            store.put_bytes(key, "pickle", pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL))
        except (pickle.PicklingError, TypeError, AttributeError) as err:  # a value that cannot be pickled
            logger.info("analysis not cached (%s: %s)", type(err).__name__, err)
    return result
