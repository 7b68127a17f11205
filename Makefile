# Two set-up commands: `make run` and `make test`. Everything else is optional.
# Versions come only from the hashed lock files in requirements/ (refresh with `make lock`).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
# `make run` installs only what the product needs; tests and tooling install the dev lock.
RUN_STAMP := $(VENV)/.installed-base
DEV_STAMP := $(VENV)/.installed-dev
LOCK_ARGS := --generate-hashes --python-version 3.11 --universal --quiet

.PHONY: run test check bench install install-dev migrate demo serve worker beat messages \
	services lock engine clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade "pip>=24"

$(RUN_STAMP): requirements/base.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/base.txt
	touch $(RUN_STAMP)

$(DEV_STAMP): requirements/dev.txt | $(BIN)/python
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	touch $(DEV_STAMP) $(RUN_STAMP)

install: $(RUN_STAMP)
install-dev: $(DEV_STAMP)

migrate: install
	$(BIN)/python manage.py migrate --noinput

demo: migrate
	$(BIN)/python manage.py seed_demo

run: demo
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The OpenSearch node of the engine tests is built first when Java and Maven are present;
# without them the engine tests skip (CI has both and fails on such a skip).
HAVE_JAVA := $(shell command -v java >/dev/null 2>&1 && command -v mvn >/dev/null 2>&1 && echo yes)
ENGINE_JAR := engine/target/search-engine-1.0.0.jar

test: install-dev $(if $(HAVE_JAVA),engine)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# Build the OpenSearch test node once (offline when the Maven repository has everything).
engine: $(ENGINE_JAR)

$(ENGINE_JAR): engine/pom.xml $(wildcard engine/src/main/java/*/*/*/*.java)
	cd engine && (mvn -q -B -o package 2>/dev/null || mvn -q -B package)

check: install-dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/python manage.py check

# Install and start PostgreSQL 15 (+ RUM, contrib), Redis, Chromium and fonts (as root).
services:
	bash scripts/services.sh

# Refresh the lock files after changing dependencies in pyproject.toml.
lock: install-dev
	$(BIN)/uv pip compile pyproject.toml $(LOCK_ARGS) -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml $(LOCK_ARGS) --extra test --extra browser \
		--extra lint --extra load -o requirements/dev.txt

bench: install-dev
	$(BIN)/python bench/run_all.py

worker: install
	$(BIN)/celery -A website worker --loglevel=info

beat: install
	$(BIN)/celery -A website beat --loglevel=info

# Every app's strings into its catalogs (nl, en; ar, uk, ti for the newcomer pages), then compile.
messages: install-dev
	$(BIN)/python scripts/messages.py
	$(BIN)/python manage.py compilemessages --ignore ".venv/*" --ignore "node_modules/*"

clean:
	rm -rf $(VENV) db.sqlite3 media staticfiles
