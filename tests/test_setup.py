"""Project contract: dependencies agree, setup commands documented, imports flow one way, nothing at import."""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PKG = ROOT / "textmine"


def _name(req: str) -> str:
    return re.split(r"[<>=!~\[; ]", req.strip(), maxsplit=1)[0].lower().replace("_", "-")


def _pyproject_deps() -> dict[str, set[str]]:
    """The runtime dependencies and each extra's (lab: the notebook stack, docs, test)."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    def block(name: str) -> set[str]:
        m = re.search(rf"^{name} = \[(.*?)^\]", text, re.S | re.M)
        assert m, name
        return {_name(x) for x in re.findall(r'"([^"]+)"', m.group(1))}

    return {name: block(name) for name in ("dependencies", "lab", "docs", "test")}


def _environment_deps() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"^\s+- (?!-e )([A-Za-z0-9_.\-]+)", line)
        if m and m.group(1) not in ("pip", "python"):
            names.add(_name(m.group(1)))
    return names


def test_environment_yml_and_pyproject_name_the_same_packages():
    deps = _pyproject_deps()
    assert {"jieba", "scikit-learn", "matplotlib", "wordcloud"} <= deps["dependencies"]
    assert _environment_deps() == set().union(*deps.values())  # conda installs everything
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in env and "- -e ." in env


def test_the_command_line_install_does_not_pull_jupyterlab():
    # A CLI-only `pip install textmine` gets no notebook stack; `textmine[lab]` adds it, and the
    # make targets install it with the docs and test extras.
    deps = _pyproject_deps()
    assert {"jupyterlab", "ipywidgets"} <= deps["lab"]
    assert not {"jupyterlab", "ipywidgets", "notebook", "ipykernel"} & deps["dependencies"]
    assert {"mkdocs", "mkdocs-material", "mkdocstrings"} <= deps["docs"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r'pip install .*-e "\.\[lab,docs,test\]"', makefile)
    assert re.search(r"^docs: .*\n\t.*mkdocs build --strict", makefile, re.M)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert 'pip install "textmine[lab]"' in readme and r".venv\Scripts\pip install -e .[lab]" in readme


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "make report" in first_block and "make test" in first_block
    assert readme.index("make report") < readme.index("conda env create -f environment.yml")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# corpus → clean → tokenize → dtm → analyses (in this order) → plots → report → cli
STAGES = ["errors", "corpus", "clean", "tokenize", "dtm", "structure", "keywords", "keyness", "topics", "compare",
          "plots", "report", "cli"]


def _sources(stage: str) -> list[Path]:
    """The files of a stage: ``textmine/<stage>.py``, or every file of the package ``textmine/<stage>/``."""
    single = PKG / f"{stage}.py"
    return [single] if single.is_file() else sorted((PKG / stage).rglob("*.py"))


def _textmine_imports(path: Path, root: Path = PKG) -> set[str]:
    """Every textmine module a file imports, dotted below ``textmine`` (``errors``, ``plots._style``).

    Relative imports are resolved against the file's package, so ``from . import report`` and
    ``from ..errors import X`` count as well as ``from .keyness import X`` and ``import textmine.dtm``.
    """
    package = list(path.relative_to(root).parts[:-1])
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)]
            if node.module:
                found.add(".".join(base + [node.module]))
            else:
                found.update(".".join(base + [alias.name]) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textmine."):
            found.add(node.module.removeprefix("textmine."))
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("textmine.") for a in node.names if a.name.startswith("textmine."))
    return found


def test_modules_import_only_from_upstream_stages():
    bad = []
    for mod in STAGES:
        files = _sources(mod)
        assert files, mod
        for path in files:
            for dep in {name.split(".")[0] for name in _textmine_imports(path)}:
                if dep in STAGES and dep != mod and STAGES.index(dep) > STAGES.index(mod):
                    bad.append(f"{path.relative_to(PKG)} imports {dep}")
    assert bad == []


def test_import_resolution_sees_every_form(tmp_path):
    pkg = tmp_path / "textmine" / "plots"
    pkg.mkdir(parents=True)
    (pkg / "bars.py").write_text("from . import _style\nfrom ..errors import InputError\nfrom .. import keyness\n"
                                 "import textmine.dtm\nfrom textmine.topics import fit_topics\n", encoding="utf-8")
    assert _textmine_imports(pkg / "bars.py", tmp_path / "textmine") == {"plots._style", "errors", "keyness", "dtm",
                                                                         "topics"}


def test_plots_take_tables_not_documents():
    # plots draws result tables: it imports textmine.errors and its own submodules, no analysis module.
    files = _sources("plots")
    assert PKG / "plots" / "__init__.py" in files and len(files) > 1
    imported = set().union(*(_textmine_imports(path) for path in files))
    assert {name for name in imported if name != "errors" and not name.startswith("plots.")} == set()
    assert "errors" in imported and "plots._style" in imported


def test_import_is_light_and_does_nothing():
    code = ("import sys, logging, textmine; "
            "print(sorted(m for m in ('matplotlib', 'sklearn', 'jieba', 'rjieba', 'pptx', 'wordcloud') if m in sys.modules)); "
            "print([type(h).__name__ for h in logging.getLogger('textmine').handlers])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.splitlines() == ["[]", "['NullHandler']"]
    assert out.stderr == ""


def test_resources_are_package_data():
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"resources/*.txt"' in text
    for f in ("userdict.txt", "stopwords_function.txt", "stopwords_officialese.txt", "gov_bodies.txt"):
        assert (PKG / "resources" / f).is_file()


def test_every_public_name_resolves():
    import textmine as tm

    missing = [n for n in tm.__all__ if not hasattr(tm, n)]
    assert missing == []
    assert callable(tm.keyness) and callable(tm.clean)  # functions, not the same-named modules
