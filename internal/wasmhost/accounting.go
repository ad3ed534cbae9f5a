package wasmhost

import (
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// liveBytes is what every linear memory holds from the OS, in bytes.
var liveBytes atomic.Int64

// LiveMemoryBytes reports the bytes the linear memories of this process
// hold and have not given back: committed pages of a reservation, or the
// capacity of a Go slice. It is the figure to watch for instances that
// were dropped without Close. A memory's bytes leave it only once they are
// really released (unmapped, or dropped for the GC), not when Free is
// merely called, so a test can observe the release itself.
func LiveMemoryBytes() uint64 { return uint64(liveBytes.Load()) }

// holder is implemented by every LinearMemory of this package: held is what
// the memory holds from the OS now, in bytes.
type holder interface{ held() uint64 }

// counted wraps an allocator so its memories add to LiveMemoryBytes.
func counted(a experimental.MemoryAllocator) experimental.MemoryAllocator {
	return experimental.MemoryAllocatorFunc(func(capBytes, maxBytes uint64) experimental.LinearMemory {
		return &countedMemory{inner: a.Allocate(capBytes, maxBytes)}
	})
}

type countedMemory struct {
	inner experimental.LinearMemory
	size  int64
}

func (m *countedMemory) Reallocate(size uint64) []byte {
	b := m.inner.Reallocate(size)
	m.update()
	return b
}

func (m *countedMemory) Free() {
	m.inner.Free()
	m.update()
}

// update brings liveBytes in line with what the inner memory holds. wazero
// calls a memory's methods from one goroutine at a time.
func (m *countedMemory) update() {
	now := int64(m.inner.(holder).held())
	liveBytes.Add(now - m.size)
	m.size = now
}
