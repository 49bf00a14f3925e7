"""Bundled resources of the extractors: the government bodies list, and extra bodies given by a caller."""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Union

from ..errors import InputError

__all__ = ["GOV_BODIES_PATH", "BodiesArg", "gov_bodies", "bundled_bodies", "parse_body_lines", "extra_bodies"]

logger = logging.getLogger(__name__)

RESOURCES = Path(__file__).parent.parent / "resources"
GOV_BODIES_PATH = RESOURCES / "gov_bodies.txt"

BodiesArg = Union[None, Mapping[str, Iterable[str]], Iterable[str], "os.PathLike[str]"]


def parse_body_lines(lines: Iterable[str], source: str) -> dict[str, tuple[str, ...]]:
    """Read ``canonical<TAB>alias1,alias2`` lines (``#`` comments) into canonical → aliases."""
    table: dict[str, tuple[str, ...]] = {}
    for lineno, raw in enumerate(lines, 1):
        if not isinstance(raw, str):
            raise InputError(f"bodies must hold str entries, got {type(raw).__name__} in {source}")
        line = raw.strip("\r\n").strip()
        if not line or line.startswith("#"):
            continue
        canonical, _, aliases = line.partition("\t")
        canonical = canonical.strip()
        if not canonical:
            logger.warning("%s line %d: no canonical name, skipped", source, lineno)
            continue
        names = [a.strip() for a in re.split(r"[,，]", aliases) if a.strip()]
        table[canonical] = tuple(dict.fromkeys([*table.get(canonical, ()), *names]))
    return table


@functools.lru_cache(maxsize=1)
def bundled_bodies() -> dict[str, tuple[str, ...]]:
    """The bundled list, read once (callers must not change it: :func:`gov_bodies` gives a copy)."""
    with open(GOV_BODIES_PATH, encoding="utf-8") as fh:
        return parse_body_lines(fh, str(GOV_BODIES_PATH))


def gov_bodies() -> dict[str, tuple[str, ...]]:
    """Return the bundled list of government bodies and mass organisations.

    Read lazily (once) from ``textmine/resources/gov_bodies.txt``: one body per
    line, ``canonical<TAB>alias1,alias2,...``; ``#`` starts a comment line.

    Returns
    -------
    dict of str to tuple of str
        Canonical name → aliases (a fresh copy: changing it does not change the
        bundled list; pass extra bodies to :func:`duties` instead).
    """
    return dict(bundled_bodies())


def extra_bodies(bodies: Any) -> dict[str, tuple[str, ...]]:
    """The ``bodies=`` argument of :func:`~textmine.structure.duties` as canonical → aliases."""
    if isinstance(bodies, (str, bytes)):
        raise InputError(
            f"bodies must be None, a mapping canonical -> aliases, an iterable of "
            f"'canonical<TAB>alias,...' lines, or a path to such a file, got {type(bodies).__name__} "
            f"(wrap a single name in a list: bodies=[{bodies!r}])"
        )
    if isinstance(bodies, os.PathLike):
        with open(bodies, encoding="utf-8") as fh:
            return parse_body_lines(fh, os.fspath(bodies))
    if isinstance(bodies, Mapping):
        out = {}
        for k, v in bodies.items():
            if not isinstance(k, str) or isinstance(v, (str, bytes)) or not isinstance(v, Iterable):
                raise InputError(
                    "bodies mapping must map str to an iterable of str aliases, got "
                    f"{type(k).__name__} -> {type(v).__name__}"
                )
            aliases = tuple(v)
            if not all(isinstance(a, str) for a in aliases):
                raise InputError(f"bodies mapping aliases must be str (for {k!r})")
            out[k] = aliases
        return out
    if isinstance(bodies, Iterable):
        return parse_body_lines(bodies, "bodies")
    raise InputError(
        "bodies must be None, a mapping canonical -> aliases, an iterable of "
        f"'canonical<TAB>alias,...' lines, or a path to such a file, got {type(bodies).__name__}"
    )
