package extract

import (
	"sync"
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// wasmMemory backs one PDFium instance's linear memory and is its memory
// limit: a grow past limit is refused (the guest's malloc fails, PDFium
// aborts) and remembered, so that the failure can be named. The limit is
// enforced here rather than by wazero's WithMemoryLimitPages, which refuses
// before the allocator hears of it.
type wasmMemory struct {
	mu      sync.Mutex
	buf     []byte       // the reservation (len == limit) or a Go slice
	unmap   func([]byte) // nil for a Go slice
	limit   uint64
	peak    atomic.Uint64
	refused atomic.Bool
}

// liveMemories lets an instance find its wasmMemory by base address.
var liveMemories memorySet

type memorySet struct {
	mu sync.Mutex
	m  map[*wasmMemory]struct{}
}

func (s *memorySet) add(m *wasmMemory) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[*wasmMemory]struct{}{}
	}
	s.m[m] = struct{}{}
}

func (s *memorySet) remove(m *wasmMemory) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, m)
}

// find returns the memory whose buffer starts at base.
func (s *memorySet) find(base *byte) *wasmMemory {
	s.mu.Lock()
	defer s.mu.Unlock()
	for m := range s.m {
		m.mu.Lock()
		same := len(m.buf) > 0 && &m.buf[0] == base
		m.mu.Unlock()
		if same {
			return m
		}
	}
	return nil
}

// newWasmMemory is wazero's allocation hook, called as an instance starts.
func newWasmMemory(_, maxBytes uint64) experimental.LinearMemory {
	limit := min(uint64(memLimit.get()), maxBytes)
	limit -= limit % (64 << 10) // whole WebAssembly pages
	m := &wasmMemory{limit: limit}
	if b, unmap := reserveMemory(limit); b != nil {
		m.buf, m.unmap = b, unmap
	}
	liveMemories.add(m)
	return m
}

// Reallocate grows the memory to size bytes, or refuses past the limit.
func (m *wasmMemory) Reallocate(size uint64) []byte {
	if size > m.limit {
		m.refused.Store(true)
		return nil
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	m.peak.Store(max(m.peak.Load(), size))
	if m.unmap != nil {
		return m.buf[:size]
	}
	if size <= uint64(cap(m.buf)) {
		m.buf = m.buf[:size]
		return m.buf
	}
	grown := make([]byte, size, min(m.limit, max(size, 2*uint64(cap(m.buf)))))
	copy(grown, m.buf)
	m.buf = grown
	return grown
}

// Free releases the memory; a second call does nothing. wazero calls it
// on the goroutine that ran the guest, or after the guest stopped, never
// under a running guest (see setInstanceContext).
func (m *wasmMemory) Free() {
	liveMemories.remove(m)
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.unmap != nil && m.buf != nil {
		m.unmap(m.buf[:cap(m.buf)])
	}
	m.buf, m.unmap = nil, nil
}
