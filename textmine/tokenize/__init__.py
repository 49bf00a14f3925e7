"""Tokenizing: jieba, wrapped once, with a policy-domain dictionary, stopword layers and a disk cache.

- :mod:`~textmine.tokenize.tokenizer`: the immutable :class:`Tokenizer` and :func:`resolve_tokenizer`,
  the one place a default tokenizer is built.
- :mod:`~textmine.tokenize.resources`: the bundled dictionary and stopword lists, the segmenters.
- :mod:`~textmine.tokenize.cache`: the SQLite token cache, keyed by a tokenizer's fingerprint.

The backend is ``rjieba`` (jieba-rs) when installed, else ``jieba``; after the
tokenizer's own filtering both give the same tokens (``tests/test_tokenize.py`` checks).
"""

from __future__ import annotations

from .cache import default_cache_dir
from .resources import RESOURCES, STOPWORD_LAYERS, USERDICT, load_stopwords, read_userdict
from .tokenizer import Tokenizer, resolve_tokenizer

__all__ = [
    "Tokenizer",
    "resolve_tokenizer",
    "RESOURCES",
    "USERDICT",
    "STOPWORD_LAYERS",
    "read_userdict",
    "load_stopwords",
    "default_cache_dir",
]
