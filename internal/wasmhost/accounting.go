package wasmhost

import (
	"sync/atomic"

	"github.com/tetratelabs/wazero/experimental"
)

// liveBytes is the size of every linear memory not yet freed, in bytes.
var liveBytes atomic.Int64

// LiveMemoryBytes reports the total size of the linear memories of all
// instances not yet closed, in this process. It is the figure to watch for
// instances that were dropped without Close.
func LiveMemoryBytes() uint64 { return uint64(liveBytes.Load()) }

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
	if b != nil {
		liveBytes.Add(int64(size) - m.size)
		m.size = int64(size)
	}
	return b
}

func (m *countedMemory) Free() {
	m.inner.Free()
	liveBytes.Add(-m.size)
	m.size = 0
}
