#!/usr/bin/env bash
# make bench: speed, size and accuracy figures, side by side with the tools
# people would use instead; writes target/bench.json and the README's
# performance table (between <!-- bench:start --> and <!-- bench:end -->).
#
# Steps (each timed; a failing step is reported and the others still run,
# then the script exits non-zero):
#   build    make cli wasm (release CLI; wasm package in crate/pkg)
#   bench-build  cargo bench --no-run (compiling the benchmark)
#   native   cargo bench -p kladwacht --bench scan   -> target/bench/native.json, drafts.json
#   eval     target/release/kladwacht eval CORPUS --format json -> target/bench/eval.json
#   venv     .venv-bench/ with the peers from PyPI (pip only, no cache outside the repo)
#   peers    detect-secrets and presidio-analyzer  -> target/bench/peers.json
#   browser  the wasm Scanner in headless Chromium -> target/bench/browser.json
#   report   tests/bench/report.py -> target/bench.json + README table
#
# Environment: KLADWACHT_CORPUS (default ../shared/corpus/dev.jsonl),
# KLADWACHT_BENCH_SECS (time budget per timed case, default 1).
set -uo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
OUT=target/bench
CORPUS=${KLADWACHT_CORPUS:-../shared/corpus/dev.jsonl}
BUDGET=${KLADWACHT_BENCH_SECS:-1}
VENV=.venv-bench
MAKE=${MAKE:-make}
CARGO=${CARGO:-cargo}
export KLADWACHT_CORPUS=$CORPUS KLADWACHT_BENCH_SECS=$BUDGET

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# step NAME "COMMAND AS SHOWN" -- command...
step() {
  local name=$1 shown=$2
  shift 3
  say "bench: $name — $shown"
  local t0 ms rc
  t0=$(date +%s%N)
  "$@"
  rc=$?
  ms=$((($(date +%s%N) - t0) / 1000000))
  printf '%s\t%d.%03d\t%s\t%s\n' "$name" $((ms / 1000)) $((ms % 1000)) "$rc" "$shown" >>"$TIMINGS"
  if [ "$rc" -ne 0 ]; then
    say "bench: $name failed (exit $rc)"
    FAILED+=("$name")
  fi
  return 0
}

build() { $MAKE --no-print-directory cli wasm; }

native_build() { "$CARGO" bench -p kladwacht --bench scan --no-run; }

native() {
  KLADWACHT_BENCH_OUT=$ROOT/$OUT/native.json "$CARGO" bench -p kladwacht --bench scan
}

evaluate() {
  target/release/kladwacht eval "$CORPUS" --format json >"$OUT/eval.json"
  # Each peer does one job: Kladwacht with only that category on, likewise.
  for only in password identifier; do
    target/release/kladwacht eval "$CORPUS" --policy "tests/bench/policies/only-$only.json" \
      --format json >"$OUT/eval-only-$only.json"
  done
}

venv() {
  # Reinstall only when requirements.txt changed since the last install.
  if [ -x "$VENV/bin/python" ] && cmp -s tests/bench/requirements.txt "$VENV/.kladwacht-requirements"; then
    echo "$VENV is up to date"
    return 0
  fi
  rm -rf "$VENV"
  python3 -m venv "$VENV" &&
    PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1 \
      "$VENV/bin/pip" install -q -r tests/bench/requirements.txt &&
    cp tests/bench/requirements.txt "$VENV/.kladwacht-requirements"
}

peers() {
  # Whatever a library would cache goes inside the venv, not to ~/.cache.
  XDG_CACHE_HOME=$ROOT/$VENV/cache HF_HUB_OFFLINE=1 \
    "$VENV/bin/python" tests/bench/peers.py --corpus "$CORPUS" --drafts "$OUT/drafts.json" \
    --work "$OUT/peers" --out "$OUT/peers.json" --budget "$BUDGET"
}

browser() {
  # Only Chromium is needed here: the browsers step also installs Firefox and
  # geckodriver (minutes on a fresh machine), so skip it when Chromium is there.
  { command -v chromium >/dev/null || ./.ci/ensure-toolchain browsers; } &&
    ./.ci/ensure-toolchain node &&
    node tests/bench/browser.mjs --pkg crate/pkg --drafts "$OUT/drafts.json" \
      --out "$OUT/browser.json" --extension extension/dist/chrome-test --budget "$BUDGET"
}

main() {
  if [ ! -f "$CORPUS" ]; then
    echo "make bench: the corpus $CORPUS is missing (the shared folder must sit beside the checkout)" >&2
    exit 2
  fi
  # cargo bench runs in crate/: hand it an absolute path.
  KLADWACHT_CORPUS=$(realpath "$CORPUS")

  # Stale parts of an earlier run must not end up in this run's table.
  rm -rf "$OUT"
  mkdir -p "$OUT"
  TIMINGS=$OUT/timings.tsv
  : >"$TIMINGS"
  FAILED=()

  step build "make cli wasm" -- build
  # Compiling the bench (a separate LTO build: dev-dependencies change the
  # features of shared crates) is timed apart from running it.
  step bench-build "cargo bench -p kladwacht --bench scan --no-run" -- native_build
  step native "cargo bench -p kladwacht --bench scan" -- native
  step eval "target/release/kladwacht eval $CORPUS --format json (and --policy tests/bench/policies/only-*.json)" -- evaluate
  step venv "python3 -m venv .venv-bench && pip install -r tests/bench/requirements.txt" -- venv
  step peers ".venv-bench/bin/python tests/bench/peers.py" -- peers
  step browser "node tests/bench/browser.mjs" -- browser
  say "bench: report — python3 tests/bench/report.py"
  python3 tests/bench/report.py || FAILED+=(report)

  if [ ${#FAILED[@]} -gt 0 ]; then
    echo "make bench: these steps failed: ${FAILED[*]} (their rows say \"not measured\")" >&2
    exit 1
  fi
}

# The whole script is read before anything runs (main is called last), so
# editing this file during a run cannot change what the run does.
main "$@"
