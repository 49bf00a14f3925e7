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


def _pyproject_deps() -> tuple[set[str], set[str]]:
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")

    def block(name: str) -> set[str]:
        m = re.search(rf"^{name} = \[(.*?)^\]", text, re.S | re.M)
        assert m, name
        return {_name(x) for x in re.findall(r'"([^"]+)"', m.group(1))}

    return block("dependencies"), block("test")


def _environment_deps() -> set[str]:
    names = set()
    text = (ROOT / "environment.yml").read_text(encoding="utf-8")
    for line in text.split("\ndependencies:", 1)[1].splitlines():
        m = re.match(r"^\s+- (?!-e )([A-Za-z0-9_.\-]+)", line)
        if m and m.group(1) not in ("pip", "python"):
            names.add(_name(m.group(1)))
    return names


def test_environment_yml_and_pyproject_name_the_same_packages():
    runtime, test = _pyproject_deps()
    assert {"jieba", "scikit-learn", "matplotlib", "jupyterlab", "wordcloud"} <= runtime
    assert _environment_deps() == runtime | test
    env = (ROOT / "environment.yml").read_text(encoding="utf-8")
    assert "conda-forge" in env and "- -e ." in env


def test_readme_shows_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = readme.split("```bash", 1)[1].split("```", 1)[0]
    assert "make report" in first_block and "make test" in first_block
    assert readme.index("make report") < readme.index("conda env create -f environment.yml")
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


# corpus → clean → tokenize → dtm → analyses (in this order) → plots → report → cli
STAGES = ["errors", "corpus", "clean", "tokenize", "dtm", "structure", "keywords", "keyness", "topics", "compare",
          "plots", "report", "cli"]


def _stage_files(mod: str) -> list[Path]:
    """A stage is a module (textmine/x.py) or a package (textmine/x/, all its modules)."""
    if (PKG / mod).is_dir():
        return sorted((PKG / mod).rglob("*.py"))
    return [PKG / f"{mod}.py"]


def _imported_stage(path: Path, node: ast.ImportFrom) -> str | None:
    """The top-level textmine module a relative import refers to."""
    package = list(path.relative_to(PKG).parent.parts)  # [] for textmine/x.py, ['corpus', 'readers'] …
    if node.level - 1 > len(package):
        return None
    base = package[: len(package) - (node.level - 1)]
    parts = base + (node.module.split(".") if node.module else [])
    return parts[0] if parts else (node.names[0].name if node.names else None)


def test_modules_import_only_from_upstream_stages():
    bad = []
    for mod in STAGES:
        for path in _stage_files(mod):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.ImportFrom) and node.level >= 1:
                    dep = _imported_stage(path, node)
                    if dep in STAGES and dep != mod and STAGES.index(dep) > STAGES.index(mod):
                        bad.append(f"{path.relative_to(PKG)} imports {dep}")
    assert bad == []


def test_plots_take_tables_not_documents():
    tree = ast.parse((PKG / "plots.py").read_text(encoding="utf-8"))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.level == 1}
    assert imported <= {"errors"}


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
