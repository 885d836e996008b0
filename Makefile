# SMART OTOP Learning. `make run` serves the Thai demo site; `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
HOST ?= 127.0.0.1:8000
export PYTHAINLP_READ_ONLY := 1

.PHONY: run setup install messages test lint format worker beat clean

$(BIN)/activate: pyproject.toml
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -e ".[dev]"
	touch $(BIN)/activate

install: $(BIN)/activate

messages: install
	$(PYTHON) manage.py compilemessages --ignore=.venv -v 0

setup: messages
	$(PYTHON) manage.py migrate --noinput -v 0
	$(PYTHON) manage.py seed_demo

run: setup
	@echo "Serving on http://$(HOST)/ (admin: http://$(HOST)/admin/)"
	$(PYTHON) manage.py runserver $(HOST)

test: messages
	$(PYTHON) manage.py collectstatic --noinput -v 0
	$(PYTHON) -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(PYTHON) manage.py check
	$(PYTHON) manage.py makemigrations --check --dry-run -v 1

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

worker: install
	$(BIN)/celery -A config worker -l info -Q celery,exports

beat: install
	$(BIN)/celery -A config beat -l info

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
