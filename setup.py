"""The one thing pyproject.toml cannot say: which packages to build.

The bundled sample (``data/``) and the notebooks (``notebooks/``) stay at the top of the
repository, where a clone's user finds them, and ship inside the wheel as
``textmine/_data/`` and ``textmine/_notebooks/`` (mapped by ``[tool.setuptools.package-dir]``
in pyproject.toml), without a second copy in git. ``packages.find`` cannot list them, since it
only walks ``textmine/``. Everything else is configured in pyproject.toml.
"""

from setuptools import find_namespace_packages, setup


def _shipped(package: str, folder: str) -> list[str]:
    """``package`` and one package per subfolder of ``folder`` (data/corpus → textmine._data.corpus)."""
    return [package] + [f"{package}.{sub}" for sub in find_namespace_packages(where=folder, exclude=["*.*"])]


setup(packages=find_namespace_packages(include=["textmine", "textmine.*"], exclude=["*.__pycache__"])
      + _shipped("textmine._data", "data") + _shipped("textmine._notebooks", "notebooks"))
