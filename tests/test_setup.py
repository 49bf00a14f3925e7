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


# Upstream first. Two branches: text (corpus → clean → structure) and counts (tokenize → dtm →
# keyness/topics/...), joined only in the analyses that need both (keywords, compare); then plots,
# report, cli. _text, _checks and _workers (worker processes, no analysis) sit above everything. A stage is textmine/NAME.py or textmine/NAME/.
STAGES = ["errors", "_bundled", "_text", "_checks", "_deprecation", "_workers", "_stats", "corpus", "clean", "_docs", "structure", "tokenize", "dtm",
          "keyness", "topics", "similarity", "keywords", "reuse", "codebook", "coding", "strength", "instruments", "tone",
          "textstats", "mapping", "compare", "plots", "report", "cli"]
TEXT_BRANCH = {"clean", "structure"}
COUNTS_BRANCH = {"tokenize", "dtm", "keyness", "topics", "similarity"}
NOT_STAGES = {"__init__", "__main__", "resources"}


def _stage_files(stage: str) -> list[Path]:
    """The .py files of a stage: the module, or every file of the package."""
    if (PKG / stage).is_dir():
        return sorted((PKG / stage).rglob("*.py"))
    return [PKG / f"{stage}.py"]


def _imported_modules(source: str, path: Path) -> set[str]:
    """Absolute names of the textmine modules that ``source`` (the file at ``path``) imports.

    Handles ``from .x import y``, ``from ..x import y``, ``from . import x`` (the imported names are
    modules then) and absolute ``import textmine.x`` / ``from textmine.x import y``.
    """
    rel = path.relative_to(PKG.parent).with_suffix("")
    package = list(rel.parts[:-1])  # for __init__.py: the package itself
    out = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.split(".")[0] == "textmine")
        elif isinstance(node, ast.ImportFrom):
            if node.level == 0:
                base = (node.module or "").split(".")
                if base[0] != "textmine":
                    continue
            else:
                base = package[:len(package) - (node.level - 1)] + (node.module.split(".") if node.module else [])
            if node.module is None or node.level == 0 and len(base) == 1:
                out.update(".".join(base + [a.name]) for a in node.names)  # from . import report
            else:
                out.add(".".join(base))
    return out


def _stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "textmine" and parts[1] in STAGES else None


def _stage_imports(stage: str) -> set[str]:
    """The other stages that ``stage`` imports from."""
    deps = set()
    for f in _stage_files(stage):
        deps.update(_stage_of(m) for m in _imported_modules(f.read_text(encoding="utf-8"), f))
    return deps - {None, stage}


def test_import_checker_sees_every_import_form():
    fake = PKG / "structure" / "outline.py"
    src = ("from . import sentences\nfrom ._frame import frame\nfrom .. import report\nfrom ..tokenize import x\n"
           "from .._text import HAN\nimport textmine.dtm\nfrom textmine import keyness\nfrom textmine.plots import y\n")
    assert _imported_modules(src, fake) == {
        "textmine.structure.sentences", "textmine.structure._frame", "textmine.report", "textmine.tokenize",
        "textmine._text", "textmine.dtm", "textmine.keyness", "textmine.plots"}
    assert _imported_modules("from . import report\nfrom .errors import E\n", PKG / "plots.py") == {
        "textmine.report", "textmine.errors"}
    init = PKG / "structure" / "__init__.py"
    assert _imported_modules("from .outline import outline\nfrom ..corpus import D\n", init) == {
        "textmine.structure.outline", "textmine.corpus"}


def test_every_module_is_a_stage():
    found = {p.stem for p in PKG.glob("*.py")} | {p.name for p in PKG.iterdir() if (p / "__init__.py").is_file()}
    assert found - NOT_STAGES == set(STAGES)


def test_modules_import_only_from_upstream_stages():
    bad = [f"{mod} imports {dep}" for mod in STAGES for dep in sorted(_stage_imports(mod))
           if STAGES.index(dep) >= STAGES.index(mod)]
    assert bad == []


def test_text_and_counts_branches_do_not_import_each_other():
    bad = [f"{mod} imports {dep}" for mod in TEXT_BRANCH | COUNTS_BRANCH for dep in _stage_imports(mod)
           if dep in (COUNTS_BRANCH if mod in TEXT_BRANCH else TEXT_BRANCH)]
    assert bad == []
    assert _stage_imports("_text") == set() and _stage_imports("_checks") <= {"errors"}


def test_plots_take_tables_not_documents():
    assert _stage_imports("plots") <= {"errors", "_text", "_checks"}


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
