package wasmhost

import (
	"sync"

	"github.com/tetratelabs/wazero/experimental"
)

// wasmPageSize is the size of one WebAssembly linear memory page.
const wasmPageSize = 64 << 10

// maxInt is the largest int: the largest slice length on this platform.
const maxInt = uint64(^uint(0) >> 1)

// roundUp rounds n up to a multiple of align (a power of two).
func roundUp(n, align uint64) uint64 {
	return (n + align - 1) &^ (align - 1)
}

// NewMemoryAllocator returns an allocator whose memories never exceed maxBytes (rounded down to 64 KiB pages); 0 means the module's own maximum.
//
// A non-zero maxBytes below 64 KiB therefore allows no memory at all.
// A module whose memory minimum exceeds the limit cannot be given its
// initial memory; wazero v1.12 then panics inside Instantiate (slice bounds
// out of range) rather than returning an error, so callers should compare
// the compiled module's memory Min() with the limit before instantiating.
//
// Install it with experimental.WithMemoryAllocator on the context passed to
// instantiation. Growth past the limit makes memory.grow return -1 in the
// guest (malloc returns NULL) instead of failing the host.
//
// On Linux, macOS and the BSDs each memory reserves address space for its
// whole limit up front and commits pages only as the guest grows; pages the
// guest never touches cost no RSS, and the base address never moves. Windows
// does the same with VirtualAlloc. Elsewhere memory is an ordinary Go slice.
// The memory is released when wazero calls Free, i.e. when the module (or its
// runtime) is closed: close modules, or their memory stays mapped. On the
// Unix systems a freed reservation is emptied and kept for the next memory
// of its size (reservations.go).
func NewMemoryAllocator(maxBytes uint64) experimental.MemoryAllocator {
	return newAllocator(maxBytes, newLinearMemory)
}

// newAllocator is NewMemoryAllocator with the LinearMemory constructor as a
// parameter, so tests can run every implementation through the same limits.
func newAllocator(maxBytes uint64, newMem func(capBytes, limitBytes uint64) experimental.LinearMemory) experimental.MemoryAllocator {
	own := maxBytes == 0
	maxBytes = maxBytes / wasmPageSize * wasmPageSize
	return experimental.MemoryAllocatorFunc(func(capBytes, maxFromModule uint64) experimental.LinearMemory {
		limit := maxFromModule
		if !own && maxBytes < limit {
			limit = maxBytes
		}
		if capBytes > limit {
			capBytes = limit
		}
		return newMem(capBytes, limit)
	})
}

// sliceMemory is a LinearMemory backed by an ordinary Go slice. It is the
// implementation on platforms without a virtual-memory one, and the fallback
// when reserving address space fails (e.g. a 4 GiB limit on a 32-bit host).
// The backing array moves when it grows beyond its capacity, so it must not
// back a shared memory.
type sliceMemory struct {
	mu    sync.Mutex
	buf   []byte
	cap   uint64 // capacity hint for the first allocation
	limit uint64
	freed bool
}

func newSliceMemory(capBytes, limitBytes uint64) experimental.LinearMemory {
	return &sliceMemory{cap: capBytes, limit: limitBytes}
}

// Reallocate implements experimental.LinearMemory.
func (m *sliceMemory) Reallocate(size uint64) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.freed || size > m.limit || size > maxInt {
		return nil
	}
	n := int(size)
	if m.buf == nil {
		c := min(max(m.cap, size), m.limit, maxInt)
		m.buf = make([]byte, n, int(c))
		return m.buf
	}
	if n <= cap(m.buf) {
		old := len(m.buf)
		m.buf = m.buf[:n]
		if n > old {
			// Only reachable after a shrink; wasm memories never shrink,
			// but keep the "new bytes are zero" contract regardless.
			clear(m.buf[old:])
		}
		return m.buf
	}
	// Grow geometrically so repeated memory.grow calls stay amortised O(1),
	// but never reserve more than the limit.
	c := min(max(uint64(cap(m.buf))*2, size), m.limit, maxInt)
	buf := make([]byte, n, int(c))
	copy(buf, m.buf)
	m.buf = buf
	return m.buf
}

// held is the slice's capacity: what the Go heap holds for it.
func (m *sliceMemory) held() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return uint64(cap(m.buf))
}

// Free implements experimental.LinearMemory.
func (m *sliceMemory) Free() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.buf = nil
	m.freed = true
}
