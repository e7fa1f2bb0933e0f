# Two commands do everything on a fresh Linux machine with Python 3.11:
#   make demo   set up, start the embedded services, load demo data, run the main job
#   make test   set up and run the test suite
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: demo test lint dev bench clean stop

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e ".[dev]"
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/pipeline demo run

test: $(STAMP)
	$(BIN)/pytest

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

dev: $(STAMP)
	$(BIN)/pipeline dev

bench: $(STAMP)
	for script in bench/*.py; do $(BIN)/python $$script || exit 1; done

stop: $(STAMP)
	$(BIN)/pipeline db stop

clean: stop
	rm -rf .data
