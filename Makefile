# Two commands on a fresh machine with only Python 3.11+: `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp

.PHONY: run chat test lint bench install clean

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

# The bot on the embedded default (SQLite under ./data/, bundled packs); without BOT_TOKEN
# it explains how to get one and opens the terminal chat.
run: $(STAMP)
	$(BIN)/python -m bot run

chat: $(STAMP)
	$(BIN)/python -m bot chat

lint: $(STAMP)
	$(BIN)/ruff check bot tests tools

# All tests, on SQLite and on the PostgreSQL at 127.0.0.1:5432 (database test).
test: $(STAMP)
	$(BIN)/ruff check bot tests tools
	$(BIN)/mypy
	$(BIN)/python -m pytest -q -p no:cacheprovider; rc=$$?; \
	  if [ $$rc -eq 5 ]; then echo "pytest collected no tests: that is a failure here"; rc=1; fi; \
	  exit $$rc

bench: $(STAMP)
	$(BIN)/python -m bot bench kb
	$(BIN)/python -m bot bench telegram

clean:
	rm -rf $(VENV) data .pytest_cache .mypy_cache
