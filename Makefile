# SMART OTOP Learning. `make run` serves the Thai demo site; `make test` runs the whole suite.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTHON := $(BIN)/python
HOST ?= 127.0.0.1:8000
export PYTHAINLP_READ_ONLY := 1

# QR codes and Open Badges ids point at the address being served, unless SITE_URL is set in the
# environment or in .env.
ifeq ($(shell grep -s '^SITE_URL=' .env),)
SITE_URL ?= http://$(HOST)
export SITE_URL
endif

.PHONY: run setup install system-packages-run system-packages-test messages test lint format worker beat clean

# Debian packages (scripts/system-packages lists them): installed when run as root on Debian,
# otherwise one line names what is missing.
system-packages-run:
	@PY=$(PY) scripts/system-packages run

system-packages-test:
	@PY=$(PY) scripts/system-packages test

$(BIN)/activate: pyproject.toml
	test -x $(PYTHON) || $(PY) -m venv $(VENV)
	$(PYTHON) -m pip install -q --upgrade pip
	$(PYTHON) -m pip install -q -e ".[dev]"
	touch $(BIN)/activate

install: $(BIN)/activate

messages: system-packages-run install
	$(PYTHON) manage.py compilemessages --ignore=.venv -v 0

setup: messages
	$(PYTHON) manage.py migrate --noinput -v 0
	$(PYTHON) manage.py seed_demo

run: setup
	@echo "Serving on http://$(HOST)/ (admin: http://$(HOST)/admin/)"
	$(PYTHON) manage.py runserver $(HOST)

test: system-packages-test messages
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
