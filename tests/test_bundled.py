"""Files that ship with textmine: the bundled sample, the notebooks, `textmine notebooks`, `report --help`.

The installed wheel is tested in tests/test_wheel.py; here the clone.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import textmine as tm
from textmine import _bundled
from textmine.cli import main

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))


def test_in_a_clone_the_bundled_sample_is_the_top_level_data_folder():
    assert _bundled._bundled_path() == ROOT / "data"
    assert tm.BUNDLED_SPEECH == ROOT / "data" / "speeches" / "xshi_jindu_2021_video-conference.txt"
    assert tm.BUNDLED_CORPUS == _bundled._bundled_path("corpus") == ROOT / "data" / "corpus"
    assert _bundled._notebooks_path() == ROOT / "notebooks"


def test_an_installed_copy_inside_the_package_is_preferred(tmp_path, monkeypatch):
    pkg = tmp_path / "textmine"
    (pkg / "_data" / "speeches").mkdir(parents=True)
    (pkg / "_notebooks").mkdir()
    monkeypatch.setattr(_bundled.resources, "files", lambda name: pkg)
    assert _bundled._bundled_path("speeches", "a.txt") == pkg / "_data" / "speeches" / "a.txt"
    assert _bundled._notebooks_path() == pkg / "_notebooks"
    (pkg / "_notebooks").rmdir()  # no copy inside: the clone's folder
    assert _bundled._notebooks_path() == ROOT / "notebooks"


def test_textmine_notebooks_copies_them_and_keeps_the_users_edits(tmp_path, capsys):
    dest = tmp_path / "我的 笔记本"
    assert main(["notebooks", str(dest)]) == 0
    assert sorted(p.name for p in dest.iterdir()) == NOTEBOOKS and len(NOTEBOOKS) == 4
    assert all((dest / n).read_bytes() == (ROOT / "notebooks" / n).read_bytes() for n in NOTEBOOKS)
    assert f"jupyter lab {dest}" in capsys.readouterr().out

    (dest / NOTEBOOKS[0]).write_text("my edits", encoding="utf-8")
    assert main(["notebooks", str(dest)]) == 1
    err = capsys.readouterr().err
    assert f"{dest / NOTEBOOKS[0]} already exists" in err and "--force" in err
    assert (dest / NOTEBOOKS[0]).read_text(encoding="utf-8") == "my edits"

    assert main(["notebooks", str(dest), "--force"]) == 0
    assert (dest / NOTEBOOKS[0]).read_bytes() == (ROOT / "notebooks" / NOTEBOOKS[0]).read_bytes()


def test_copy_notebooks_names_a_file_given_as_the_folder(tmp_path):
    target = tmp_path / "notes.txt"
    target.write_text("x", encoding="utf-8")
    with pytest.raises(tm.InputError, match=r"folder='.*notes\.txt': expected a folder for the notebooks, found a file"):
        _bundled.copy_notebooks(target)


def test_copy_notebooks_onto_the_clones_own_folder_changes_nothing():
    before = {n: (ROOT / "notebooks" / n).read_bytes() for n in NOTEBOOKS}
    with pytest.raises(tm.InputError, match="already exists"):
        _bundled.copy_notebooks(ROOT / "notebooks")
    assert _bundled.copy_notebooks(ROOT / "notebooks", overwrite=True) == [ROOT / "notebooks" / n for n in NOTEBOOKS]
    assert {n: (ROOT / "notebooks" / n).read_bytes() for n in NOTEBOOKS} == before


def test_report_help_is_bilingual_with_examples_and_metadata_csv(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["report", "--help"])
    assert exit_.value.code == 0
    text = capsys.readouterr().out
    assert "metadata.csv" in text and "policy_area" in text and "year" in text
    assert "示例 examples:" in text and "textmine report 我的讲话.docx --corpus 语料/" in text
    for option in ("--corpus", "--out", "--formats", "--top", "--k", "--seed", "--quiet", "--debug"):
        assert option in text
    assert "参照语料" in text and "输出文件夹" in text  # Chinese help beside the English option names
    # RawDescriptionHelpFormatter keeps the example lines as written
    assert "\n    file,title,policy_area,year\n" in text


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_parameter_cell_shows_windows_paths_that_python_accepts(name):
    import ast
    import json
    import re

    cells = json.loads((ROOT / "notebooks" / name).read_text(encoding="utf-8"))["cells"]
    (params,) = [c for c in cells if "parameters" in c["metadata"].get("tags", [])]
    comments = "".join(line for line in params["source"] if line.lstrip().startswith("#"))
    literals = re.findall(r'(r?"[A-Z]:[\\/][^"]*")', comments)
    good = [s for s in literals if s.startswith("r") or "\\" not in s]
    bad = [s for s in literals if s not in good]
    assert any(s.startswith('r"') for s in good) and any("/" in s for s in good), literals
    for s in good:  # what a user uncomments or copies works
        path = ast.literal_eval(s)
        assert re.fullmatch(r"[A-Z]:[\\/][^\\/].*", path) and path.replace("\\", "/") == s.strip('r"').replace("\\", "/")
    assert bad, "the cell should name the pitfall"
    for s in bad:  # and the pitfall it warns about is indeed one
        with pytest.raises(SyntaxError):
            ast.literal_eval(s.replace("…", "me"))
