//go:build race

package reliability

// raceEnabled says the tests run under the race detector (go test -race),
// where the long soak tests are too slow to run.
const raceEnabled = true
