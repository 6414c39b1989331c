#!/usr/bin/env bash
# fuzz.sh runs every Fuzz target in the module, one after another, for
# $FUZZTIME each (default 5m). Targets are discovered with
# `go test -list '^Fuzz' ./...`, so a new target is fuzzed without editing
# this file. A failing input is written by Go to testdata/fuzz/FuzzXxx/ in
# the target's package; once the bug is fixed, commit it there as a seed.
#
#   FUZZTIME=60s bash scripts/fuzz.sh            # every target, 60 s each
#   FUZZTIME=30s bash scripts/fuzz.sh FuzzTag    # only targets matching a regexp
set -uo pipefail

FUZZTIME="${FUZZTIME:-5m}"
GO="${GO:-go}"
filter="${1:-.}"
cd "$(dirname "$0")/.."

# "pkg name" pairs: -list prints a package's names, then "ok <pkg> <time>".
targets=$("$GO" test -list '^Fuzz' ./... 2>&1 | awk '
	/^Fuzz/ { names[n++] = $1; next }
	/^ok[ \t]/ { for (i = 0; i < n; i++) print $2, names[i]; n = 0; next }
	/^(FAIL|---)/ { print "cannot list: " $0 > "/dev/stderr"; n = 0 }
')
if [ -z "$targets" ]; then
	echo "fuzz: no Fuzz targets found" >&2
	exit 1
fi

failed=()
flaked=()
ran=0
while read -r pkg name; do
	[[ "$name" =~ $filter ]] || continue
	ran=$((ran + 1))
	echo "=== $name ($pkg) for $FUZZTIME"
	start=$(date +%s)
	dir=$("$GO" list -f '{{.Dir}}' "$pkg")/testdata/fuzz/$name
	before=$(ls "$dir" 2>/dev/null | sort)
	if "$GO" test -run '^$' -fuzz "^${name}\$" -fuzztime "$FUZZTIME" "$pkg"; then
		echo "--- ok   $name $(( $(date +%s) - start ))s"
	elif [ "$(ls "$dir" 2>/dev/null | sort)" = "$before" ]; then
		# Go 1.26's fuzz coordinator can report "context deadline exceeded"
		# when -fuzztime ends mid-input, writing no reproducer
		# (golang/go#75804, fixed in Go 1.27): not a finding.
		echo "--- flake $name $(( $(date +%s) - start ))s (failed without writing a reproducer)"
		flaked+=("$pkg $name")
	else
		echo "--- FAIL $name $(( $(date +%s) - start ))s (failing input in $dir)"
		failed+=("$pkg $name")
	fi
done <<<"$targets"

echo "fuzzed $ran targets for $FUZZTIME each; ${#failed[@]} failed, ${#flaked[@]} ended in Go's deadline race"
for f in "${failed[@]}"; do echo "  FAIL $f"; done
for f in "${flaked[@]}"; do echo "  flake $f"; done
[ "${#failed[@]}" -eq 0 ]
