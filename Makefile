# Two commands for a fresh clone: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: run test test-slow lint check install clean

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) -m bot

check: $(VENV)/.installed
	$(PY) -m bot check

lint: $(VENV)/.installed
	$(PY) -m ruff check bot tests benchmarks
	$(PY) -m mypy
	$(PY) -m mypy benchmarks

test: $(VENV)/.installed lint check
	$(PY) -m pytest -q

# The long measurements (the update benchmark against a bare aiogram bot); CI runs them too.
test-slow: $(VENV)/.installed
	$(PY) -m pytest -q -m slow

clean:
	rm -rf $(VENV) .mypy_cache .pytest_cache .ruff_cache .hypothesis
