# Two entry points: `make demo` (set up, then the main job on the shipped data)
# and `make test` (set up, then the whole test suite, the documentation site, linters and type checks).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup demo test docs bench data i18n lab clean

setup: $(STAMP)

$(STAMP): pyproject.toml
	@command -v dot >/dev/null 2>&1 && command -v chromium >/dev/null 2>&1 \
		|| { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && apt-get update -qq \
			&& apt-get install -y -qq graphviz chromium >/dev/null; } \
		|| echo "Graphviz or Chromium is missing and cannot be installed here: their tests will be skipped"
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	touch $(STAMP) $(VENV)/.docs-installed

# The demo needs only carrieres itself: a venv of its own, without the development tools.
DEMO := .venv-demo
DEMO_STAMP := $(DEMO)/.installed

$(DEMO_STAMP): pyproject.toml
	$(PYTHON) -m venv $(DEMO)
	$(DEMO)/bin/python -m pip install --quiet --upgrade pip
	$(DEMO)/bin/python -m pip install --quiet -e .
	touch $(DEMO_STAMP)

demo: $(DEMO_STAMP)
	$(DEMO)/bin/carrieres path "Technicien de maintenance" "Ingénieur sécurité" -k 3 --education 2 --experience 0
	mkdir -p out
	$(DEMO)/bin/carrieres plot map -o out/map.png --force
	$(DEMO)/bin/carrieres plot path --from "Technicien de maintenance" --to "Ingénieur sécurité" -k 3 \
		--education 2 --experience 0 -o out/path.png --force

test: setup
	$(BIN)/python -m pytest -q -n auto
	$(MAKE) --no-print-directory docs
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks
	$(BIN)/mypy --strict src

# The documentation site, into docs/_build/html: Sphinx (the docs extra, installed into .venv if
# needed), read afresh each time (-E) so that every warning shows, and warnings are errors; then
# every link within the site is followed (no network). The notebooks are shown as committed.
# setup makes the stamp too: the dev extra holds the docs extra.
DOCS_STAMP := $(VENV)/.docs-installed

$(DOCS_STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet -e ".[docs]"
	touch $(DOCS_STAMP)

docs: $(DOCS_STAMP)
	$(BIN)/sphinx-build -E -W --keep-going -q -b html docs docs/_build/html
	$(BIN)/python docs/check_links.py docs/_build/html

# Open the notebooks in JupyterLab (installs the notebook extra into the same .venv).
lab: setup
	$(BIN)/python -m pip install --quiet -e ".[notebook]"
	$(BIN)/jupyter lab notebooks

# Command-line latency as ratios, and the scaling table (several minutes at 100,000 jobs).
bench: setup
	$(BIN)/python benchmarks/bench.py

# Regenerate the shipped datasets from their sources.
data: setup
	$(BIN)/carrieres parse data/les-41-metiers-informatique.txt --name metiers-informatique \
		-o data/metiers-informatique.json --force
	$(BIN)/carrieres import rome data/rome-v3 -o data/rome-v3.json --force
	$(BIN)/carrieres import rome data/rome-v4 -o data/rome-v4.json --cards data/rome-v4-cards.json --force
	$(BIN)/carrieres crosswalk rome-v4 --review data/crosswalk-rome-v4.json -o data/crosswalk-rome-v4.json \
		--cards data/metiers-informatique-cards.json --force
	$(BIN)/carrieres crosswalk rome-v3 --review data/crosswalk-rome-v3.json --no-moves \
		-o data/crosswalk-rome-v3.json --force
	$(BIN)/python -m tests.completion_index --write

# Refresh the message catalogs after changing a message: extract, update the .po (translate the
# new entries by hand), compile the .mo. tests/test_i18n.py fails while a catalog is stale.
LOCALE := src/carrieres/locale
i18n: setup
	$(BIN)/pybabel extract -F babel.cfg -k N_plural:1,2 --no-location --omit-header --sort-output \
		-o $(LOCALE)/carrieres.pot src/carrieres
	$(BIN)/pybabel update -i $(LOCALE)/carrieres.pot -d $(LOCALE) -D carrieres \
		--width 100 --ignore-obsolete --no-fuzzy-matching
	$(BIN)/pybabel compile -d $(LOCALE) -D carrieres

clean:
	rm -rf $(VENV) $(DEMO) out build dist docs/_build .pytest_cache .mypy_cache .ruff_cache
