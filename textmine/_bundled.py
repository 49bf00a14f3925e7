"""Where the files that ship with textmine are: the bundled sample and the notebooks.

In a clone (and an editable install) they are the repository's top-level ``data/`` and
``notebooks/``. A wheel carries the same files inside the package, as ``textmine/_data/``
and ``textmine/_notebooks/`` (pyproject.toml maps the two folders onto these packages, so
git holds one copy). Both are found through :mod:`importlib.resources`, never the working
directory.
"""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from .errors import InputError

__all__ = ["_bundled_path", "_notebooks_path", "copy_notebooks"]

_CLONE = Path(__file__).resolve().parents[1]  # the repository, when textmine runs from a clone


def _shipped(package_dir: str, clone_dir: str) -> Path:
    # files(textmine) is the installed package (site-packages/textmine) or, for a clone and an
    # editable install, textmine/ of the clone, whose copy of the folder is the top-level one.
    inside = resources.files(__package__) / package_dir
    if isinstance(inside, Path) and inside.is_dir():
        return inside
    return _CLONE / clone_dir


def _bundled_path(*parts: str) -> Path:
    """A path in the bundled sample: ``_bundled_path("corpus")`` is the bundled corpus folder."""
    return _shipped("_data", "data").joinpath(*parts)


def _notebooks_path(*parts: str) -> Path:
    """A path in the notebooks folder: ``_notebooks_path()`` is the folder of the ``*.ipynb``."""
    return _shipped("_notebooks", "notebooks").joinpath(*parts)


def copy_notebooks(folder: str | Path, *, overwrite: bool = False) -> list[Path]:
    """Copy the analysis notebooks into ``folder`` (created if needed); return the copies' paths.

    A notebook already there is kept unless ``overwrite``: it may hold the user's own edits.
    """
    dest = Path(folder).expanduser()
    if dest.exists() and not dest.is_dir():
        raise InputError(f"folder={str(folder)!r}: expected a folder for the notebooks, found a file")
    sources = sorted(_notebooks_path().glob("*.ipynb"))
    if not sources:
        raise FileNotFoundError(f"no notebooks found in {_notebooks_path()}; reinstall textmine")
    targets = [dest / src.name for src in sources]
    there = [str(t) for t in targets if t.exists()]
    if there and not overwrite:
        raise InputError(f"{there[0]} already exists ({len(there)} of the {len(targets)} notebooks are "
                         "there); choose another folder, or pass --force (overwrite=True) to replace them")
    dest.mkdir(parents=True, exist_ok=True)
    for src, target in zip(sources, targets):
        if not (target.exists() and target.samefile(src)):  # a clone's own notebooks/ as the target
            shutil.copyfile(src, target)
    return targets
