# Two commands do all set-up on a fresh machine with Python 3.11:
#   make run   – the app on an embedded SQLite database with demo data, tasks in-process
#   make test  – the whole test suite against PostgreSQL and Redis
PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
HOST   ?= 127.0.0.1
PORT   ?= 8000
# The demo's notifications would print dozens of e-mails over the log-in hint.
QUIET_MAIL := django.core.mail.backends.locmem.EmailBackend

.PHONY: run code test services smoke lint typecheck format migrations-check benchmark benchmark-data benchmark-reports api-benchmark loadtest backup restore clean

$(STAMP): requirements/base.txt requirements/dev.txt
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 is needed: install it and put '$(PYTHON)' on the PATH (or run: make PYTHON=/path/to/python3.11 ...)"; exit 1; }
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements/dev.txt
	touch $(STAMP)

run: export DJANGO_SETTINGS_MODULE = config.settings.local
run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput -v0
	$(BIN)/python manage.py demo_data --if-empty
	$(BIN)/python manage.py demo_sessions --if-empty
	EMAIL_BACKEND=$(QUIET_MAIL) $(BIN)/python manage.py demo_kwesties --if-empty
	EMAIL_BACKEND=$(QUIET_MAIL) $(BIN)/python manage.py generate_reports --if-empty
	EMAIL_BACKEND=$(QUIET_MAIL) $(BIN)/python manage.py demo_reflections --if-empty
	EMAIL_BACKEND=$(QUIET_MAIL) $(BIN)/python manage.py demo_audits --if-empty
	$(BIN)/python manage.py demo_partner_client --if-empty --base-url http://localhost:$(PORT)
	$(BIN)/python manage.py demo_court_reports --if-empty
	$(BIN)/python manage.py demo_privacy --if-empty
	@echo ""
	@echo "  Open http://localhost:$(PORT)/ (or http://$(HOST):$(PORT)/; passkeys need the name localhost) and log in as one of the demo users above."
	@echo "  The code the log-in asks next: 'make code' in another terminal (or the demo secret above in an app)."
	@echo ""
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# The second-factor code of the demo users right now (local settings with DEBUG only; see README).
code: export DJANGO_SETTINGS_MODULE = config.settings.local
code: $(STAMP)
	@$(BIN)/python manage.py demo_code

# Chromium, Pango, PostgreSQL and Redis: installed and started when run as root (or with passwordless
# sudo), otherwise the one command that does it is printed and the target stops.
services:
	scripts/setup_services.sh

test: $(STAMP) services
	DJANGO_SETTINGS_MODULE=config.settings.test $(BIN)/pytest $(PYTEST_ARGS)

smoke: $(STAMP)
	$(BIN)/python scripts/smoke.py

lint: $(STAMP)
	$(BIN)/lint-imports
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(BIN)/python scripts/check_module_size.py

# mypy alone (its configuration is in pyproject.toml).
typecheck: $(STAMP)
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

migrations-check: $(STAMP)
	$(BIN)/python scripts/check_migration_names.py
	DJANGO_SETTINGS_MODULE=config.settings.local DATABASE_URL=sqlite:///:memory: $(BIN)/python manage.py makemigrations --check --dry-run

# The benchmark data set of a size in its own database (DATABASE_URL's name + _bench_<size>), written with COPY and
# resumable; then the pages against their SQL floor. BENCH_ARGS="--size tiny|small|medium|national" (see README, Speed).
benchmark-data: $(STAMP)
	$(BIN)/python scripts/benchmark_data.py $(BENCH_ARGS)

benchmark: $(STAMP)
	$(BIN)/python scripts/benchmark.py $(BENCH_ARGS)

benchmark-reports: $(STAMP)
	$(BIN)/python scripts/benchmark_reports.py $(BENCH_ARGS)

# Partner API throughput: gunicorn with production settings on a free local port, wrk (locust without it) per list
# endpoint and mixed (README, "Partner-API"); JSON to benchmark-results/api.json. API_BENCH_DATABASE_URL, BENCH_ARGS="--seconds 10".
api-benchmark: $(STAMP)
	$(BIN)/python scripts/api_benchmark.py $(BENCH_ARGS)

# 50 people doing mixed daily work for LOADTEST_MINUTES (default 10) against a local gunicorn; fails on any
# error or a p95 over 300 ms (README, "Partner-API").
loadtest: $(STAMP)
	$(BIN)/python scripts/loadtest.py

# The PostgreSQL database of DATABASE_URL as a pg_dump custom-format file in BACKUP_DIR (default backups/),
# and back: `make restore DUMP=backups/<file>.dump` into DATABASE_URL (created when missing; RESTORE_ARGS=--clean
# to replace a database that is not empty). See README, "Betrouwbaarheid".
backup: $(STAMP)
	$(BIN)/python scripts/backup.py backup

restore: $(STAMP)
	@test -n "$(DUMP)" || { echo "make restore DUMP=backups/<file>.dump [DATABASE_URL=...] [RESTORE_ARGS=--clean]"; exit 1; }
	$(BIN)/python scripts/backup.py restore "$(DUMP)" $(RESTORE_ARGS)

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles .pytest_cache .ruff_cache .import_linter_cache .grimp_cache
