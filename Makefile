# Two commands do all the set-up:  `make demo` (install, then run Khabar on the example
# articles) and `make test` (install what the tests need, then run them).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
KHABAR := $(VENV)/bin/khabar

.PHONY: demo test lint install clean

demo: $(VENV)/.installed
	$(KHABAR) build examples/articles -o out/examples.ttl --html out/examples.html
	@echo
	@echo "Who did what to whom (a saved SPARQL query):"
	$(KHABAR) query out/examples.ttl who-did-what
	@echo
	@echo "The graph is in out/examples.ttl; open out/examples.html in a browser."

test: $(VENV)/.test-installed
	$(PY) -m ruff check .
	$(PY) -m pytest

lint: $(VENV)/.test-installed
	$(PY) -m ruff check .

install: $(VENV)/.installed

# torch first, pinned: camel-tools needs it, and an unpinned torch pulls a multi-GB CUDA build.
$(VENV)/.installed: pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet torch==2.13.0
	$(PY) -m pip install --quiet -e .
	touch $@

$(VENV)/.test-installed: $(VENV)/.installed scripts/install-test-deps.sh
	$(PY) -m pip install --quiet -e '.[test]'
	sh scripts/install-test-deps.sh
	touch $@

clean:
	rm -rf out $(VENV) *.egg-info
