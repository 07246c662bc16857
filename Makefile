# Two commands a newcomer needs: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test setup lint bench clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Re-install whenever pyproject.toml changes.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

run: setup
	$(BIN)/python -m bot start

# Lint and types first (cheap), then the FAQ as the bot will load it, then every test.
test: setup
	$(BIN)/ruff check bot tests benchmarks
	$(BIN)/mypy bot
	$(BIN)/python -m bot check
	$(BIN)/python -m pytest -q

lint: setup
	$(BIN)/ruff check bot tests benchmarks

bench: setup
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	$(BIN)/python -m benchmarks
	$(BIN)/python -m benchmarks.soak --markdown

clean:
	rm -rf $(VENV) .pytest_cache
