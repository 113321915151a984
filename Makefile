# Kladwacht — the two commands a newcomer needs:
#   make demo   build everything and serve the demo page
#   make test   every test: Rust, wasm, and end-to-end in real browsers
# Both install what is missing (.ci/ensure-toolchain) and are safe to run twice.

SHELL := /bin/bash
.DEFAULT_GOAL := help
CARGO ?= cargo
HOST ?= 127.0.0.1
PORT ?= 8080
WASM := target/wasm32-unknown-unknown/wasm-release/kladwacht.wasm
PKG := crate/pkg

.PHONY: help build cli wasm extension demo serve test lint test-static test-rust test-wasm test-e2e bench fuzz toolchain clean

help:
	@echo "make demo    build everything and serve the demo page on http://$(HOST):$(PORT)/"
	@echo "make test    every test (Rust, wasm, browsers)"
	@echo "make build   CLI, wasm package, extension and demo outputs"
	@echo "make bench   speed, size and accuracy figures (writes the README's table)"
	@echo "make fuzz    run every fuzz target for a bounded time"

toolchain:
	@./.ci/ensure-toolchain rust

build: cli wasm extension

cli:
	$(CARGO) build --release -p kladwacht

# The wasm package: crate/pkg/ (kladwacht.js, kladwacht_bg.wasm, typings),
# copied where the demo and the extension load it.
wasm: toolchain
	$(CARGO) build -p kladwacht --lib --target wasm32-unknown-unknown --profile wasm-release
	wasm-bindgen --target web --out-dir $(PKG) --out-name kladwacht \
	  --remove-name-section --remove-producers-section $(WASM)
	cp crate/js/kladwacht-core.js $(PKG)/
	mkdir -p web-demo/pkg && cp $(PKG)/kladwacht.js $(PKG)/kladwacht_bg.wasm $(PKG)/kladwacht.d.ts $(PKG)/kladwacht-core.js web-demo/pkg/

extension: wasm
	@if [ -f extension/build.mjs ]; then ./.ci/ensure-toolchain node && node extension/build.mjs; fi

demo: build
	@echo
	@echo "Unpacked extensions (load them in the browser's extension page):"
	@echo "  Chrome/Chromium: $(CURDIR)/extension/dist/chrome"
	@echo "  Firefox:         $(CURDIR)/extension/dist/firefox"
	@echo "Demo page: http://$(HOST):$(PORT)/   (Ctrl-C stops the server)"
	@echo "  training:      http://$(HOST):$(PORT)/?view=train"
	@echo "  embed example: http://$(HOST):$(PORT)/embed-example.html"
	@echo
	python3 -m http.server $(PORT) --bind $(HOST) --directory web-demo

test: lint test-static test-rust test-wasm test-e2e

# No network APIs, eval, or logging/storing of drafts in the extension and demo code.
test-static:
	node tests/static/no-network.mjs

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets -- -D warnings

# The limits tests measure time ratios: they run in the release build only.
test-rust:
	$(CARGO) test --workspace
	$(CARGO) test --release -p kladwacht --test limits

test-wasm: toolchain
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
	  $(CARGO) test -p kladwacht --no-default-features --target wasm32-unknown-unknown --test wasm

test-e2e: build
	@if [ -f tests/e2e/package.json ]; then \
	  ./.ci/ensure-toolchain browsers node && cd tests/e2e && npm test; \
	fi

# Builds what it measures itself (tests/bench/run.sh times every step).
bench:
	MAKE="$(MAKE)" CARGO="$(CARGO)" ./tests/bench/run.sh

# Every fuzz target for FUZZ_SECONDS each (cargo-fuzz, nightly; not part of `make test`).
# New interesting inputs go to crate/fuzz/corpus/ (ignored); the kept corpus
# tests/fuzz-corpus/<target>/ seeds each run. A crash stops the run and is saved
# in crate/fuzz/artifacts/<target>/: add it to crate/tests/fuzz_regressions.rs.
FUZZ_SECONDS ?= 60
FUZZ_TARGETS ?= scan scan_linear policy consent_csv
fuzz:
	@./.ci/ensure-toolchain fuzz
	@set -e; cd crate; mkdir -p fuzz/artifacts; for t in $(FUZZ_TARGETS); do \
	  echo "==> fuzz $$t for $(FUZZ_SECONDS) s (log: crate/fuzz/artifacts/$$t.log)"; \
	  mkdir -p fuzz/corpus/$$t; \
	  dict=fuzz/dicts/$$t.dict; [ -f $$dict ] || dict=fuzz/dicts/scan.dict; \
	  if ! $(CARGO) +nightly fuzz run --sanitizer none --debug-assertions $$t fuzz/corpus/$$t ../tests/fuzz-corpus/$$t -- \
	      -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -timeout=30 -rss_limit_mb=2048 \
	      -dict=$$dict > fuzz/artifacts/$$t.log 2>&1; then \
	    tail -n 40 fuzz/artifacts/$$t.log; \
	    echo "fuzz $$t: failure, input saved in crate/fuzz/artifacts/$$t/ (add it to crate/tests/fuzz_regressions.rs)"; \
	    exit 1; \
	  fi; \
	  grep -E '^Done [0-9]+ runs' fuzz/artifacts/$$t.log; \
	done

clean:
	$(CARGO) clean
	rm -rf $(PKG) web-demo/pkg extension/dist
