# kg — the two commands a new machine needs: `make demo` and `make test`.
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
STORE   ?= demo-store
DEMO_DATE ?= 2025-03-14

.PHONY: install demo test lint format docs bench bench-queries clean system-deps

$(STAMP): pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e . pytest hypothesis ruff mypy "oxigraph>=0.5,<0.6"
	touch $(STAMP)

install: $(STAMP)

# Debian packages the tests use (rapper to check exports, Java for HermiT,
# Virtuoso for loading, Chromium for reports); installed only when running as root.
system-deps:
	@bash .ci/system-deps

demo: $(STAMP)
	rm -rf $(STORE)
	$(BIN)/kg build examples/ --store $(STORE) --date $(DEMO_DATE)
	$(BIN)/kg query who-said-what --param actor=Papadaki --store $(STORE) --format table
	$(BIN)/kg query events-by-actor --store $(STORE) --format table

test: $(STAMP) system-deps
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench

format: $(STAMP)
	$(BIN)/ruff format kg tests bench
	$(BIN)/ruff check --fix kg tests bench

# Scale benchmark on N Reuters articles (and two corpus sizes for memory); writes docs/performance.md.
N     ?= 1000
SIZES ?= 500,5000
bench: $(STAMP)
	$(BIN)/python bench/bench_scale.py --n $(N) --sizes $(SIZES)

# Query latency, export and cold start only, on a store already built (e.g. STORE=kg-store).
bench-queries: $(STAMP)
	$(BIN)/python bench/bench_scale.py --store $(STORE)

# docs/ontology.md (tables + Mermaid diagram) from ontology/*.ttl; a test fails when it is stale.
docs: $(STAMP)
	$(BIN)/python -m kg.ontodoc docs/ontology.md

clean:
	rm -rf $(VENV) kg-store demo-store .pytest_cache
