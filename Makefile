# The two commands: `make demo` (the main job on the sample corpus) and `make test`.
# Both create or refresh the local virtual environment in .venv by themselves.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEMO := demo-project
SAMPLES := $(filter-out corpora/README.md,$(wildcard corpora/*.txt corpora/*.md corpora/*.html))

.PHONY: demo test venv lint clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
		|| { echo "translator needs Python 3.11 or newer (found: $$($(PYTHON) --version))"; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	@touch $(STAMP)

venv: $(STAMP)

demo: $(STAMP)
	@rm -rf $(DEMO)
	$(BIN)/translator init $(DEMO) --name demo
	$(BIN)/translator --project $(DEMO) import $(SAMPLES)
	$(BIN)/translator --project $(DEMO) translate --skip-missing
	$(BIN)/translator --project $(DEMO) check --kind name-variant --kind number-mismatch
	$(BIN)/translator --project $(DEMO) status

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

test: lint
	$(BIN)/pytest

clean:
	rm -rf $(VENV) $(DEMO) .mypy_cache .ruff_cache .pytest_cache .import_linter_cache
