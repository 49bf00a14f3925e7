"""The analysis notebooks in notebooks/.

- They are committed without outputs, open with a Chinese title, keep every parameter in
  one top cell tagged "parameters", and hold no analysis code of their own.
- Each one runs headless (nbclient) without error and shows what it promises; the
  execution time of each is printed (``pytest -s`` to see it).
- ``jupyter lab`` serves them: a JupyterLab server on 127.0.0.1 lists all four.

Jupyter's config, data and runtime folders and IPython's folder are tmp dirs, so the
tests leave nothing behind; the token cache is a tmp dir too (conftest), and the kernel
inherits it. The kernel is this interpreter (a kernelspec written to the tmp data dir).
"""

from __future__ import annotations

import ast
import json
import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from queue import Empty

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[1]
NB_DIR = ROOT / "notebooks"
KERNEL = "textmine-test"
CELL_TIMEOUT = 300  # seconds per cell

NOTEBOOKS = [
    "01-speech-overview.ipynb",
    "02-compare-with-corpus.ipynb",
    "03-corpus-topics.ipynb",
    "04-explorer.ipynb",
]

# Modules a notebook may import: textmine does the analysis, the rest only displays it.
ALLOWED_IMPORTS = {"textmine", "pandas", "ipywidgets", "IPython.display"}

_HAN = re.compile(r"[\u4e00-\u9fff]")


def _read(name: str) -> nbformat.NotebookNode:
    return nbformat.read(NB_DIR / name, as_version=4)


def _code_cells(nb: nbformat.NotebookNode) -> list:
    return [c for c in nb.cells if c.cell_type == "code"]


def _python(source: str) -> str:
    """Cell source without IPython magics, so that ast can parse it."""
    return "\n".join("" if line.lstrip().startswith("%") else line for line in source.splitlines())


# ----------------------------------------------------------------------------- as committed

def test_all_notebooks_present():
    found = sorted(p.name for p in NB_DIR.glob("*.ipynb"))
    assert found == NOTEBOOKS


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_committed_without_outputs(name):
    nb = _read(name)
    nbformat.validate(nb)
    for i, cell in enumerate(_code_cells(nb)):
        assert cell.outputs == [], f"{name}: code cell {i} has outputs; clear them before committing"
        assert cell.execution_count is None, f"{name}: code cell {i} has an execution count"
    assert "widgets" not in nb.metadata, f"{name}: saved widget state; clear it before committing"
    assert nb.metadata["kernelspec"]["name"] == "python3"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_title_and_parameters_cell(name):
    nb = _read(name)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ") and _HAN.search(first.source.splitlines()[0]), \
        f"{name}: the first cell must be a Chinese title"
    code = _code_cells(nb)
    params = code[0]
    assert "parameters" in params.metadata.get("tags", []), f"{name}: the first code cell must be tagged 'parameters'"
    assert re.search(r"^SPEECH = None\b", params.source, re.M), f"{name}: SPEECH = None (the bundled speech) expected"
    if name != "01-speech-overview.ipynb":  # 01 looks at the speech alone
        assert re.search(r"^CORPUS = tm\.BUNDLED_CORPUS\b", params.source, re.M)
    assert "/path/to/" in params.source or "/home/" in params.source, f"{name}: show how to point at one's own files"
    # the parameters are set only there
    for cell in code[1:]:
        assert not re.search(r"^(SPEECH|CORPUS) *=", cell.source, re.M), f"{name}: a parameter is set outside the top cell"
    # paths come from the package, never from the working directory
    for cell in code:
        assert "../" not in cell.source and "data/" not in cell.source, f"{name}: a path relative to the working dir"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_markdown_in_chinese(name):
    nb = _read(name)
    md = [c for c in nb.cells if c.cell_type == "markdown"]
    assert len(md) >= 3, f"{name}: explain each chart in a markdown cell"
    for cell in md:
        assert _HAN.search(cell.source), f"{name}: markdown cell without Chinese: {cell.source[:60]!r}"


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_no_analysis_code_in_notebooks(name):
    """Cells call textmine; the only functions defined are widget callbacks (UI glue)."""
    for cell in _code_cells(_read(name)):
        tree = ast.parse(_python(cell.source))
        observed = {n.args[0].id for n in ast.walk(tree)
                    if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "observe"
                    and n.args and isinstance(n.args[0], ast.Name)}
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                assert isinstance(node, ast.FunctionDef) and node.name in observed, \
                    f"{name}: defines {getattr(node, 'name', 'a lambda')}; analysis belongs in the package"
            if isinstance(node, (ast.For, ast.While, ast.AsyncFor)):
                pytest.fail(f"{name}: a loop in a notebook cell; analysis belongs in the package")
            if isinstance(node, ast.Import):
                assert {a.name for a in node.names} <= ALLOWED_IMPORTS, f"{name}: imports {[a.name for a in node.names]}"
            if isinstance(node, ast.ImportFrom):
                assert node.module in ALLOWED_IMPORTS, f"{name}: imports from {node.module}"


# ----------------------------------------------------------------------------- headless runs

@pytest.fixture(scope="module")
def jupyter_env(tmp_path_factory):
    """Tmp Jupyter/IPython dirs, and a kernelspec named KERNEL that runs this interpreter."""
    base = tmp_path_factory.mktemp("jupyter")
    dirs = {name: base / name for name in ("config", "data", "runtime", "ipython")}
    for d in dirs.values():
        d.mkdir()
    spec = dirs["data"] / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": KERNEL, "language": "python",
    }), encoding="utf-8")
    pythonpath = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_CONFIG_DIR", str(dirs["config"]))
        mp.setenv("JUPYTER_DATA_DIR", str(dirs["data"]))
        mp.setenv("JUPYTER_RUNTIME_DIR", str(dirs["runtime"]))
        mp.setenv("IPYTHONDIR", str(dirs["ipython"]))
        mp.setenv("PYTHONPATH", pythonpath)  # the kernel imports this checkout's textmine
        assert os.environ.get("TEXTMINE_CACHE_DIR"), "conftest should point the token cache at a tmp dir"
        yield base


class _Client(NotebookClient):
    """NotebookClient that never sleeps through an execute reply.

    With widgets on the page, the kernel's execute reply sometimes sits unnoticed on the
    shell socket until the wait for it times out (the wake-up is lost; nbclient then finds
    the reply and carries on), so a cell would take the whole cell timeout
    (jupyter/nbclient#312). Waiting in half-second slices bounds that stall; the cell
    timeout still applies to the total.
    """

    async def async_start_new_kernel_client(self):
        kc = await super().async_start_new_kernel_client()
        channel = kc.shell_channel
        get_msg = channel.get_msg

        async def get_msg_in_slices(timeout=None):
            deadline = None if timeout is None else time.monotonic() + timeout
            while True:
                step = 0.5 if deadline is None else max(0.0, min(0.5, deadline - time.monotonic()))
                try:
                    return await get_msg(timeout=step)
                except Empty:
                    if deadline is not None and time.monotonic() >= deadline:
                        raise

        channel.get_msg = get_msg_in_slices
        return kc


def _all_outputs(nb: nbformat.NotebookNode) -> list[dict]:
    """The cells' outputs plus those captured by ipywidgets Output widgets (saved in the widget state)."""
    outputs = [o for c in _code_cells(nb) for o in c.outputs]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {}).get("state", {})
    for model in state.values():
        if model.get("model_name") == "OutputModel":
            outputs.extend(model.get("state", {}).get("outputs", []))
    return outputs


def _text(outputs: list[dict]) -> str:
    parts = []
    for o in outputs:
        parts.append(o.get("text", "") if isinstance(o.get("text", ""), str) else "".join(o["text"]))
        data = o.get("data", {})
        for mime in ("text/plain", "text/html"):
            value = data.get(mime, "")
            parts.append(value if isinstance(value, str) else "".join(value))
    return "\n".join(parts)


def _n_images(outputs: list[dict]) -> int:
    return sum("image/png" in o.get("data", {}) for o in outputs)


def _kwic_row() -> str:
    import textmine as tm

    hits = tm.kwic(tm.clean(tm.bundled_speech()), "禁毒", width=20)
    return hits["right"].iloc[0]


# notebook → (strings its outputs must show, minimum number of charts)
EXPECTED = {
    "01-speech-overview.ipynb": (["认识要再提高", "全面提升打击力", "最后一公里", "禁毒法", "零产量", "文广新局"], 5),
    "02-compare-with-corpus.ipynb": (["similarity", "在全省禁毒工作会议上的讲话", "peer_mean", "corpus_mean",
                                      "禁毒工作是一项长期、复杂、艰巨的系统工程", "c01"], 6),
    "03-corpus-topics.ipynb": (["coherence", "min_coherence", "terms", "主要主题"], 2),
    "04-explorer.ipynb": (["“禁毒”在《在全市禁毒工作视频会议上的讲话》中出现", "tfidf"], 2),
}

@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs(name, jupyter_env, tmp_path):
    """Run a copy of the notebook with the notebooks folder as working dir; a failing cell fails the test."""
    copy = tmp_path / name
    shutil.copyfile(NB_DIR / name, copy)
    nb = nbformat.read(copy, as_version=4)
    before = sorted(p.name for p in NB_DIR.iterdir())
    client = _Client(nb, kernel_name=KERNEL, timeout=CELL_TIMEOUT, resources={"metadata": {"path": str(NB_DIR)}})
    start = time.perf_counter()
    client.execute()  # raises CellExecutionError, naming the cell, when a cell fails
    elapsed = time.perf_counter() - start
    print(f"\n{name}: executed in {elapsed:.1f} s")
    nbformat.write(nb, copy)  # the executed copy stays in tmp_path for inspection

    assert sorted(p.name for p in NB_DIR.iterdir()) == before, "running the notebook wrote into notebooks/"
    outputs = _all_outputs(nb)
    assert not [o for o in outputs if o.get("output_type") == "error"]
    text = _text(outputs)
    strings, n_charts = EXPECTED[name]
    if name == "04-explorer.ipynb":
        strings = strings + [_kwic_row()]  # a KWIC row of the default term
    missing = [s for s in strings if s not in text]
    assert not missing, f"{name}: outputs lack {missing}"
    assert _n_images(outputs) >= n_charts, f"{name}: {_n_images(outputs)} charts shown, expected >= {n_charts}"
    if name == "02-compare-with-corpus.ipynb":  # the similar-speech table, with the speeches' policy area
        assert any("similarity" in t and "policy_area" in t and "禁毒" in t for t in map(_text, ([o] for o in outputs)))


# ----------------------------------------------------------------------------- JupyterLab

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, timeout: float = 5):
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # never through a proxy
    return opener.open(url, timeout=timeout)


@pytest.mark.slow
def test_jupyterlab_serves_notebooks(jupyter_env, tmp_path):
    port = _free_port()
    token = secrets.token_hex(16)
    cmd = [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", "--port", str(port),
           "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={NB_DIR}",
           "--ServerApp.open_browser=False", "--ServerApp.disable_check_xsrf=False",
           "--LanguageServerManager.autodetect=False"]  # no language-server scan (it runs npm, which logs to ~/.npm)
    if hasattr(os, "geteuid") and os.geteuid() == 0:  # e.g. in a container
        cmd.append("--allow-root")
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path / "jupyterlab.log"
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path, env=os.environ.copy())
        try:
            listing = None
            deadline = time.monotonic() + 60
            while listing is None and time.monotonic() < deadline:
                if proc.poll() is not None:
                    pytest.fail(f"jupyter lab exited with {proc.returncode}:\n{log_path.read_text(errors='replace')}")
                try:
                    with _get(f"{base}/api/contents?token={token}") as resp:
                        listing = json.load(resp)
                except (urllib.error.URLError, ConnectionError, OSError):
                    time.sleep(0.5)
            assert listing is not None, f"jupyter lab did not answer within 60 s:\n{log_path.read_text(errors='replace')}"
            served = {item["name"]: item["type"] for item in listing["content"]}
            for name in NOTEBOOKS:
                assert served.get(name) == "notebook", f"{name} not listed by JupyterLab: {served}"
            with _get(f"{base}/api/contents/{NOTEBOOKS[0]}?token={token}") as resp:
                nb = json.load(resp)
            assert nb["content"]["cells"][0]["source"].startswith("# ")
            with _get(f"{base}/lab?token={token}") as resp:  # the JupyterLab page itself
                assert resp.status == 200
            with pytest.raises(urllib.error.HTTPError):  # and only with the token
                _get(f"{base}/api/contents")
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
