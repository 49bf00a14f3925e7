# Two commands set everything up on a fresh machine with Python 3.10+ and make:
#   make report   create .venv, install, and write the briefing pack for the bundled speech
#   make test     create .venv, install, and run the whole test suite
#   make docs     build the documentation site into site/
# They install everything: the package with its notebook stack, docs and test extras (.[lab,docs,test]).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed

.PHONY: report test lab docs bench clean-venv

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 10), "textmine needs Python 3.10+, found " + sys.version.split()[0]'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[lab,docs,test]"
	@touch $(STAMP)

report: $(STAMP)
	$(VENV)/bin/textmine report

test: $(STAMP)
	$(PY) -m pytest

lab: $(STAMP)
	$(VENV)/bin/jupyter lab notebooks/

docs: $(STAMP)
	$(VENV)/bin/mkdocs build --strict --site-dir site

bench: $(STAMP)
	$(PY) benchmarks/bench_tokenize.py
	$(PY) benchmarks/bench_topics.py
	$(PY) benchmarks/bench_report.py
	$(PY) benchmarks/bench_scale.py
	$(PY) benchmarks/bench_release.py

clean-venv:
	rm -rf $(VENV)
