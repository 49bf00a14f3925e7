"""Bundled resources of the extractors: the body lists (local, central, places, generic actors), and
extra bodies given by a caller."""

from __future__ import annotations

import functools
import logging
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from ..errors import InputError

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = ["GOV_BODIES_PATH", "CENTRAL_BODIES_PATH", "PLACES_PATH", "GENERIC_ACTORS_PATH", "BodiesArg",
           "gov_bodies", "central_bodies", "bundled_bodies", "bundled_lexicon", "parse_body_lines",
           "parse_body_sections", "extra_bodies"]

logger = logging.getLogger(__name__)

RESOURCES = Path(__file__).parent.parent / "resources"
GOV_BODIES_PATH = RESOURCES / "gov_bodies.txt"
CENTRAL_BODIES_PATH = RESOURCES / "central_bodies.txt"
PLACES_PATH = RESOURCES / "places.txt"
GENERIC_ACTORS_PATH = RESOURCES / "generic_actors.txt"

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


def parse_body_sections(lines: Iterable[str], source: str) -> list[tuple[str, tuple[str, ...], str]]:
    """Read a body file into ``(name, aliases, category)`` rows; a ``# --- title ---`` line starts a category."""
    rows: list[tuple[str, tuple[str, ...], str]] = []
    category = ""
    for raw in lines:
        line = raw.strip()
        m = re.match(r"#\s*-{3}\s*(.*?)\s*-{3}\s*$", line)
        if m:
            category = m.group(1)
            continue
        for name, aliases in parse_body_lines([raw], source).items():
            rows.append((name, aliases, category))
    return rows


@functools.lru_cache(maxsize=1)
def _central_rows() -> tuple[tuple[str, tuple[str, ...], str], ...]:
    with open(CENTRAL_BODIES_PATH, encoding="utf-8") as fh:
        return tuple(parse_body_sections(fh, str(CENTRAL_BODIES_PATH)))


def _read_table(path: Path) -> dict[str, tuple[str, ...]]:
    with open(path, encoding="utf-8") as fh:
        return parse_body_lines(fh, str(path))


@functools.lru_cache(maxsize=1)
def bundled_lexicon() -> dict[str, dict[str, tuple[str, ...]]]:
    """All bundled actor tables by kind: ``local``, ``central``, ``place``, ``generic`` (read once; do not change)."""
    return {
        "local": bundled_bodies(),
        "central": {name: aliases for name, aliases, _ in _central_rows()},
        "place": _read_table(PLACES_PATH),
        "generic": _read_table(GENERIC_ACTORS_PATH),
    }


def central_bodies() -> "pd.DataFrame":
    """Return the bundled list of central bodies of the Party, the state and the mass organisations.

    Read lazily (once) from ``textmine/resources/central_bodies.txt``. The name is the official
    short name (住房城乡建设部, 国家医保局, 国家发展改革委); aliases are the full
    name and common abbreviations (国家发展和改革委员会, 国家发改委).

    Returns
    -------
    pandas.DataFrame
        One row per body, in file order, columns ``name`` (str), ``aliases`` (tuple of str) and
        ``category`` (str: 国务院组成部门, 国务院直属机构, 国务院部委管理的国家局, 人民团体和群团组织 …).
    """
    import pandas as pd

    rows = _central_rows()
    aliases = [a for _, a, _ in rows]
    df = pd.DataFrame({"name": pd.array([n for n, _, _ in rows], dtype="str"),
                       "aliases": pd.Series(aliases, dtype=object),
                       "category": pd.array([c for _, _, c in rows], dtype="str")})
    return df


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
