//go:build !linux

package extract

import "os"

// reserveMemory has no portable way to reserve address space here: the
// guest memory falls back to Go slices (see wasmMemory).
func reserveMemory(uint64) ([]byte, func([]byte)) { return nil, nil }

// maxRSS is not measured on this system.
func maxRSS(*os.ProcessState) int64 { return 0 }
