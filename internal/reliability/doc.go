// Package reliability holds the tests that check rightsearch as a whole
// under stress, across the pipeline seeds → crawl → indexer → search: a
// load test that rebuilds the index twice while 32 clients search, a crash
// test that kills an import with SIGKILL and checks that nothing stored is
// missing from the index after recovery, and a graceful-shutdown test. The
// tests build the real binary and run it as a subprocess where a process
// boundary matters (kills, signals), and talk only to loopback.
//
// The package has no non-test code; see SECURITY.md for the threat model
// these tests support, and scripts/fuzz.sh for the fuzz targets.
package reliability
