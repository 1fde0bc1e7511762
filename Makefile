# One task file: `make test` is exactly what CI runs (.ci/run calls it).
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= filmkb.db

.PHONY: setup demo test lint format bench fuzz clean

$(BIN)/filmkb: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(BIN)/filmkb

setup: $(BIN)/filmkb

demo: setup
	rm -f $(DB)
	$(BIN)/filmkb ingest examples/escape-2024 --db $(DB)
	$(BIN)/filmkb films --db $(DB)
	$(BIN)/filmkb show Escape --year 2024 --db $(DB)

lint: setup
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy

format: setup
	$(BIN)/ruff format src tests bench scripts
	$(BIN)/ruff check --fix src tests bench scripts

test: setup lint
	$(BIN)/python -m pytest

# The API fuzz run alone (make test runs it too, as tests/test_api_fuzz.py).
fuzz: setup
	$(BIN)/python scripts/fuzz_api.py --examples 50

bench: setup
	$(BIN)/python bench/run.py

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .ruff_cache $(DB)
