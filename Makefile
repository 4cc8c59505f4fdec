# make run: set up and serve locally.  make test: set up and run every test.
PYTHON ?= python3
PORT ?= 8000
VENV ?= .venv
PY := $(VENV)/bin/python
LOCAL := DJANGO_DEBUG=1

.PHONY: run serve test lint format fixtures messages lock audit clean

$(VENV)/.installed-runtime: requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "newsroom needs Python 3.11 or newer as $(PYTHON) (set PYTHON=python3.12, say)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || \
		{ echo "$(PYTHON) cannot make a virtualenv: install python3-venv (apt-get install python3-venv)."; exit 1; }
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --require-hashes -r requirements.txt
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed-runtime requirements-dev.txt
	$(PY) -m pip install --quiet --require-hashes -r requirements-dev.txt
	touch $@

# The local run's settings (DEBUG on, a random secret), read by newsroom/settings.py, so
# that every `.venv/bin/python manage.py ...` the docs show works as written. Never on a server.
.env:
	$(PYTHON) -c 'import secrets; print("# Written by make run for the local run only: never copy it to a server.\nDJANGO_DEBUG=1\nDJANGO_SECRET_KEY=" + secrets.token_urlsafe(50))' > $@

run: $(VENV)/.installed-runtime .env
	$(LOCAL) $(PY) manage.py migrate --noinput
	$(LOCAL) $(PY) manage.py import_articles fixtures
	$(LOCAL) $(PY) manage.py create_local_superuser
	$(LOCAL) $(PY) manage.py runserver 127.0.0.1:$(PORT)

# Production serving: static files for WhiteNoise, then gunicorn (gunicorn.conf.py, docs/production.md).
# Needs DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS and DATABASE_URL; run `manage.py migrate` on deploy first.
serve: $(VENV)/.installed-runtime
	$(PY) manage.py collectstatic --noinput -v0
	$(PY) -m gunicorn

lint: $(VENV)/.installed-dev
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .

# One pytest worker per core (pytest-xdist); each worker gets its own test database.
test: lint
	$(PY) -m pytest -n auto

# The lock files: every package, pinned with its hashes, from requirements.in and
# requirements-dev.in (bump a pin there, then run this, then `make test`).
lock: $(VENV)/.installed-dev
	$(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.txt requirements.in
	$(PY) -m piptools compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements-dev.txt requirements-dev.in

# Known vulnerabilities in the locked packages (PyPI's advisory database; needs PyPI's JSON API).
# --strict: a package it could not check fails the audit rather than passing unseen.
audit: $(VENV)/.installed-dev
	$(PY) -m pip_audit --strict --progress-spinner off --disable-pip --require-hashes -r requirements-dev.txt

format: $(VENV)/.installed-dev
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

# Rebuild fixtures/seed.json from the wire files in fixtures/ (see docs/fixtures.md).
# It imports them into a throwaway SQLite database and dumps that with natural keys.
fixtures: $(VENV)/.installed-runtime
	tmp=$$(mktemp -d) && export DJANGO_DEBUG=1 DATABASE_URL=sqlite:///$$tmp/seed.sqlite3 && \
	$(PY) manage.py migrate --noinput -v0 && \
	$(PY) manage.py import_articles fixtures && \
	$(PY) manage.py dumpdata articles.author articles.article articles.credit \
		--natural-foreign --natural-primary --indent 2 -o fixtures/seed.json && \
	rm -rf $$tmp

# Recompile translations after editing locale/*/LC_MESSAGES/django.po (needs GNU gettext).
messages: $(VENV)/.installed-runtime
	$(LOCAL) $(PY) manage.py makemessages --all --ignore=.venv --ignore=staticfiles --ignore=benchmarks --ignore=tests
	$(LOCAL) $(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
