# Two commands for a fresh clone: `make run` and `make test`. Both set up .venv on first use.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
# Let Python keep compiled modules (in __pycache__, ignored by git): where the environment sets
# PYTHONDONTWRITEBYTECODE, every test worker and bot process would compile the bot, aiogram's
# users and the tests from source again, seconds each time.
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run test unit test-slow lint check install clean lock

# Exactly the versions in the lock file, checked against their hashes: what the tests ran with
# is what a deployment gets (requirements.txt, without the dev tools). `make lock` renews both.
$(VENV)/.installed: pyproject.toml requirements-dev.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	$(PY) -m pip install --quiet --no-deps -e .
	touch $@

# Renew the lock files from pyproject.toml's ranges (newest versions that fit), with pip-tools
# in a throwaway environment; then `make test` and commit both files.
LOCK_TOOLS := $(VENV)-lock
lock:
	$(PYTHON) -m venv $(LOCK_TOOLS)
	$(LOCK_TOOLS)/bin/pip install --quiet --upgrade pip pip-tools
	$(LOCK_TOOLS)/bin/pip-compile --quiet --upgrade --strip-extras --generate-hashes \
		--no-emit-find-links --no-emit-index-url --allow-unsafe -o requirements.txt pyproject.toml
	$(LOCK_TOOLS)/bin/pip-compile --quiet --upgrade --strip-extras --generate-hashes \
		--no-emit-find-links --no-emit-index-url --allow-unsafe --extra dev \
		-o requirements-dev.txt pyproject.toml
	rm -rf $(LOCK_TOOLS)

install: $(VENV)/.installed

run: $(VENV)/.installed
	$(PY) -m bot

check: $(VENV)/.installed
	$(PY) -m bot check

lint: $(VENV)/.installed
	$(PY) -m ruff check bot tests benchmarks
	$(PY) -m mypy
	$(PY) -m mypy benchmarks

# pytest-xdist workers: the tests are independent of each other and of their order. One more
# worker than this machine's 2 cores, because a worker often waits for a bot process.
WORKERS ?= 3

# Lint, check and the tests side by side. Output is kept whole line by line, so the tests'
# progress shows as it goes (lint and check finish within seconds, before any test report).
test: $(VENV)/.installed
	$(MAKE) --no-print-directory -j3 --output-sync=line lint check unit

unit: $(VENV)/.installed
	$(PY) -m pytest -q -n $(WORKERS)

# What takes seconds a test: benchmarks, Chromium, PostgreSQL, outages, repeat bot processes.
# CI runs them too.
test-slow: $(VENV)/.installed
	$(PY) -m pytest -q -n $(WORKERS) -m slow

clean:
	rm -rf $(VENV) $(VENV)-newest $(VENV)-lock .mypy_cache .pytest_cache .ruff_cache .hypothesis
