# Two commands matter: `make run` (set up and serve) and `make test` (set up and test).
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	if command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then echo $$p; break; fi; done)
STAMP := $(VENV)/.installed

.PHONY: run test setup bootstrap lint fmt bench messages makemessages demo clean check

$(STAMP): requirements.txt requirements-dev.txt
	@if [ -z "$(PYTHON)" ]; then echo "Python 3.11 or newer is needed (python3 --version)."; exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(STAMP)

setup: $(STAMP) messages

messages: $(STAMP)
	$(PY) manage.py compile_translations

bootstrap: setup
	$(PY) manage.py migrate --no-input
	$(PY) manage.py createcachetable
	$(PY) manage.py load_demo_content

# Read-aloud audio is generated in the background while the server starts (Python packages only;
# the check says once, here, if this machine cannot make it).
run: bootstrap
	@$(PY) manage.py generate_narration --check
	@echo "Read-aloud recordings of pages that lack one are being made in the background: see .narration.log"
	@($(PY) manage.py generate_narration > .narration.log 2>&1 &)
	$(PY) manage.py runserver 127.0.0.1:8000

test: setup
	$(PY) -m pytest

check: setup
	$(PY) manage.py makemigrations --check --dry-run
	$(PY) manage.py check

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

makemessages: $(STAMP)
	$(PY) manage.py makemessages -l zh_Hans --ignore=.venv --ignore=bench --ignore=tests --no-obsolete

bench: setup
	$(PY) bench/run.py
	$(PY) bench/page_weight.py
	$(PY) bench/xapi_ingest.py
	$(PY) bench/groups_page.py
	$(PY) bench/tracking_cost.py
	$(PY) bench/stats_pages.py
	$(PY) bench/lrs_auth.py

clean:
	rm -rf $(VENV) staticfiles media db.sqlite3 artifacts
