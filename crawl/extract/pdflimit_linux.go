//go:build linux

package extract

import (
	"os"
	"syscall"
)

// reserveMemory maps size bytes of address space for one PDFium instance.
// The pages cost nothing until the guest touches them, they are zero as a
// fresh WebAssembly memory must be, and growing never copies (wazero's
// default backing is a Go slice that is copied on every grow, which peaked
// at 1.75 GB of RSS for 512 MiB of guest memory). munmap returns them to
// the system at once.
func reserveMemory(size uint64) ([]byte, func([]byte)) {
	b, err := syscall.Mmap(-1, 0, int(size), syscall.PROT_READ|syscall.PROT_WRITE,
		syscall.MAP_PRIVATE|syscall.MAP_ANON|syscall.MAP_NORESERVE)
	if err != nil {
		return nil, nil
	}
	return b, func(b []byte) { _ = syscall.Munmap(b) }
}

// maxRSS is the peak resident memory of a finished child, in bytes.
func maxRSS(ps *os.ProcessState) int64 {
	if ru, ok := ps.SysUsage().(*syscall.Rusage); ok {
		return ru.Maxrss << 10 // KiB on Linux
	}
	return 0
}
