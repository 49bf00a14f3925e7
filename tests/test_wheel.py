"""The wheel works anywhere: built, installed into a fresh venv, run from a folder that is not the clone.

The venv is made without system site-packages, and the wheel is installed into it with its
declared (CLI-only) dependencies from the package index, as a user's ``pip install`` would: so
nothing of the clone or of the test environment is visible. pip takes the dependencies from its
cache, which the ``make`` install has just filled, so this takes about 45 s here (the whole module
about 80 s, most of it ``textmine report``). The test checks that

- textmine comes from the wheel: ``textmine.__file__`` and the bundled data lie inside the venv,
  and the working directory is an unrelated folder;
- the wheel carries the bundled sample, the notebooks, ``py.typed`` and the licence;
- ``textmine report``, the README's snippet and ``textmine notebooks`` run there;
- every module the installed package imports (also inside functions, which a run may not reach)
  is the standard library or comes from the closure of the wheel's ``Requires-Dist``.

Offline, set ``TEXTMINE_WHEEL_OFFLINE=1``: the wheel is then installed with ``--no-deps`` into a
``--without-pip`` venv, and one ``.pth`` line appends the test interpreter's site-packages after
the venv's own. textmine still comes from the wheel (the outer ``.pth`` files, among them an
editable install's finder, are not run for a path added this way), and the import check above
still proves that the declared dependencies suffice; it takes about 40 s.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import site
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
OFFLINE = os.environ.get("TEXTMINE_WHEEL_OFFLINE") == "1"
SPEECH_ID = "xshi_jindu_2021"

pytestmark = pytest.mark.slow

_SKIP_COPY = shutil.ignore_patterns(".git", ".venv", "venv", "__pycache__", "*.egg-info", "build", "dist", "out",
                                    "site", ".pytest_cache", ".hypothesis", ".ipynb_checkpoints")


def _run(cmd, **kw) -> subprocess.CompletedProcess:
    out = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, encoding="utf-8", **kw)
    assert out.returncode == 0, f"{cmd} exited {out.returncode}\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}"
    return out


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    # Build from a copy, so that the build leaves no build/ or egg-info in the clone.
    src = tmp_path_factory.mktemp("src") / "textmine"
    shutil.copytree(ROOT, src, ignore=_SKIP_COPY, symlinks=True)
    dist = tmp_path_factory.mktemp("dist")
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir", dist, src])
    (found,) = dist.glob("textmine-*.whl")
    return found


@pytest.fixture(scope="module")
def venv(wheel, tmp_path_factory) -> dict:
    base = tmp_path_factory.mktemp("fresh")
    home = base / "venv"
    bin_dir = home / ("Scripts" if os.name == "nt" else "bin")
    py = bin_dir / ("python.exe" if os.name == "nt" else "python")
    if not OFFLINE:
        _run([sys.executable, "-m", "venv", home])
        _run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", wheel])
    else:
        _run([sys.executable, "-m", "venv", "--without-pip", home])
        _run([sys.executable, "-m", "pip", "--python", py, "install", "--quiet", "--no-deps", wheel])
        purelib = _run([py, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"]).stdout.strip()
        (Path(purelib) / "_outer_site_packages.pth").write_text("\n".join(site.getsitepackages()) + "\n",
                                                                 encoding="utf-8")
    elsewhere = base / "elsewhere"  # an unrelated folder: no data/, no notebooks/, no textmine/
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP")}
    env.update(MPLBACKEND="Agg", PYTHONIOENCODING="utf-8", PATH=str(bin_dir) + os.pathsep + env.get("PATH", ""))
    return {"home": home, "py": py, "textmine": bin_dir / "textmine", "cwd": elsewhere, "env": env}


def _in_venv(venv, *args, **kw) -> subprocess.CompletedProcess:
    return _run(args, cwd=venv["cwd"], env={**venv["env"], **kw.pop("env", {})}, **kw)


def test_the_wheel_carries_the_sample_the_notebooks_the_licence_and_py_typed(wheel):
    with zipfile.ZipFile(wheel) as zf:
        names = set(zf.namelist())
        for folder, package in (("data", "textmine/_data"), ("notebooks", "textmine/_notebooks")):
            files = [p for p in sorted((ROOT / folder).rglob("*"))
                     if p.is_file() and not any(part.startswith(".") for part in p.relative_to(ROOT).parts)]
            assert files, folder
            for p in files:
                name = f"{package}/{p.relative_to(ROOT / folder).as_posix()}"
                assert name in names, name
                assert zf.read(name) == p.read_bytes(), name
        assert "textmine/py.typed" in names
        assert {"textmine/resources/userdict.txt", "textmine/resources/gov_bodies.txt"} <= names
        licence = next(n for n in names if n.endswith(".dist-info/licenses/LICENSE"))
        assert zf.read(licence) == (ROOT / "LICENSE").read_bytes()
        meta = zf.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode("utf-8")
    assert "Project-URL: Documentation," in meta and "License-Expression: MIT" in meta
    # the notebook stack is an extra: a CLI-only install does not pull JupyterLab
    runtime = [line for line in meta.splitlines() if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert runtime and not [line for line in runtime if re.search(r"jupyterlab|ipywidgets", line)]
    assert 'Requires-Dist: jupyterlab>=4.0; extra == "lab"' in meta


def test_textmine_comes_from_the_wheel_and_finds_its_data_inside_it(venv):
    code = ("import json, textmine as tm; from textmine._bundled import _notebooks_path; "
            "print(json.dumps([tm.__file__, str(tm.BUNDLED_SPEECH), str(tm.BUNDLED_CORPUS), str(_notebooks_path())]))")
    paths = [Path(p) for p in json.loads(_in_venv(venv, venv["py"], "-c", code).stdout)]
    home = venv["home"].resolve()
    assert all(p.resolve().is_relative_to(home) for p in paths), paths
    assert paths[1].parent.parent.name == "_data" and paths[1].is_file() and paths[2].is_dir()
    assert paths[1].read_bytes() == (ROOT / "data" / "speeches" / paths[1].name).read_bytes()


def test_textmine_report_runs_from_an_unrelated_folder(venv):
    out = _in_venv(venv, venv["textmine"], "report", "--out", "pack", "--quiet")
    pack = venv["cwd"] / "pack" / SPEECH_ID
    for name in ("briefing.md", "briefing.pptx", "keyness.csv", "similar.csv", "keyness.png", "topic_trend.png"):
        assert (pack / name).is_file() and (pack / name).stat().st_size > 0, name
    assert "briefing.md" in out.stdout
    md = (pack / "briefing.md").read_text(encoding="utf-8")
    assert "禁毒" in md and "未生成的内容" not in md  # nothing skipped on the bundled data


def test_every_import_of_the_installed_package_is_a_declared_dependency(venv):
    # Each module that textmine's files import (at the top or inside a function) is the standard
    # library, textmine, or a distribution in the closure of the wheel's Requires-Dist (no extras).
    found = json.loads(_in_venv(venv, venv["py"], "-c", _UNDECLARED).stdout)
    assert {"sklearn", "pptx", "jieba", "matplotlib"} <= set(found["imported"])  # the walk saw the imports
    assert (found["undeclared"], found["unknown"]) == ([], [])


# Run inside the venv.
_UNDECLARED = r"""
import ast, importlib.metadata as md, json, re, sys
from pathlib import Path
from packaging.requirements import Requirement
import textmine

def norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()

needed, todo = set(), [("textmine", frozenset())]
while todo:
    name, extras = todo.pop()
    try:
        requires = md.requires(name) or []
    except md.PackageNotFoundError:  # an optional requirement that is not installed cannot be imported either
        continue
    for line in requires:
        req = Requirement(line)
        if req.marker and not any(req.marker.evaluate({"extra": e}) for e in (extras or {""})):
            continue
        key = (norm(req.name), frozenset(req.extras))
        if key not in needed:
            needed.add(key)
            todo.append((req.name, frozenset(req.extras)))
needed = {n for n, _ in needed}

imported = set()
for path in Path(textmine.__file__).parent.rglob("*.py"):
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            imported.update(a.name.split(".")[0] for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            imported.add(node.module.split(".")[0])
imported -= set(sys.stdlib_module_names) | {"textmine", "__future__"}
owners = md.packages_distributions()
print(json.dumps({
    "imported": sorted(imported),
    "undeclared": sorted({norm(d) for m in imported for d in owners.get(m, [])} - needed),
    "unknown": sorted(m for m in imported if m not in owners),
}))
"""


def test_the_readme_snippet_runs_from_an_unrelated_folder(venv):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    snippet = re.search(r"```python\n(.*?)```", readme, re.S).group(1)
    assert "tm.bundled_speech()" in snippet and "tm.keyness(" in snippet
    script = venv["cwd"] / "snippet.py"
    script.write_text(snippet + "\nprint('snippet ok', len(reuse.sentences))\n", encoding="utf-8")
    out = _in_venv(venv, venv["py"], script)
    assert re.search(r"^snippet ok \d+$", out.stdout, re.M), out.stdout


def test_textmine_notebooks_copies_the_four_notebooks(venv):
    out = _in_venv(venv, venv["textmine"], "notebooks", "我的笔记本")
    copied = sorted((venv["cwd"] / "我的笔记本").glob("*.ipynb"))
    assert [p.name for p in copied] == sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert len(copied) == 4 and all(p.read_bytes() == (ROOT / "notebooks" / p.name).read_bytes() for p in copied)
    assert "jupyter lab" in out.stdout
