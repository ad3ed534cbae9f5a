//go:build linux || darwin || freebsd || netbsd || openbsd

package wasmhost

import (
	"os"
	"sync"
	"unsafe"

	"github.com/tetratelabs/wazero/experimental"
	"golang.org/x/sys/unix"
)

// mmapMemory is a LinearMemory that reserves address space for its whole
// limit with an inaccessible (PROT_NONE) anonymous mapping and commits it
// with mprotect as it grows. Committed pages take no physical memory until
// the guest first touches them, and the base address never moves, so it may
// back a shared memory too.
type mmapMemory struct {
	mu        sync.Mutex
	base      unsafe.Pointer // start of the reservation; nil if none
	reserved  uintptr        // bytes reserved at base
	committed uintptr        // bytes readable and writable, a multiple of page
	page      uintptr        // OS page size
	limit     uint64         // largest size Reallocate accepts
	freed     bool
}

func newLinearMemory(capBytes, limitBytes uint64) experimental.LinearMemory {
	page := uint64(os.Getpagesize())
	m := &mmapMemory{page: uintptr(page), limit: limitBytes}
	if limitBytes == 0 {
		return m // nothing to reserve: only Reallocate(0) succeeds
	}
	reserve := roundUp(limitBytes, page)
	if reserve > maxInt {
		return newSliceMemory(capBytes, limitBytes)
	}
	if p := takeReservation(uintptr(reserve)); p != nil {
		m.base, m.reserved = p, uintptr(reserve)
		return m
	}
	p, err := unix.MmapPtr(-1, 0, nil, uintptr(reserve), unix.PROT_NONE,
		unix.MAP_PRIVATE|unix.MAP_ANON|mapNoReserve)
	if err != nil {
		// Out of address space (32-bit hosts, ulimit -v): fall back to the
		// Go heap rather than failing instantiation.
		return newSliceMemory(capBytes, limitBytes)
	}
	m.base, m.reserved = p, uintptr(reserve)
	return m
}

// Reallocate implements experimental.LinearMemory.
func (m *mmapMemory) Reallocate(size uint64) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.freed || size > m.limit {
		return nil
	}
	if m.base == nil {
		return []byte{} // limit 0, size 0
	}
	need := uintptr(roundUp(size, uint64(m.page)))
	if need > m.committed {
		grow := unsafe.Slice((*byte)(unsafe.Add(m.base, m.committed)), need-m.committed)
		if err := unix.Mprotect(grow, unix.PROT_READ|unix.PROT_WRITE); err != nil {
			return nil // e.g. ENOMEM under strict overcommit: memory.grow fails
		}
		m.committed = need
	}
	return unsafe.Slice((*byte)(m.base), uintptr(size))
}

// Free implements experimental.LinearMemory. It is safe to call more than
// once; slices returned by Reallocate must not be used afterwards.
func (m *mmapMemory) Free() {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.freed = true
	if m.base != nil && giveReservation(m.base, m.reserved, m.committed) {
		// Only a reservation unmapped or reset (reservations.go) stops
		// counting as held.
		m.base, m.reserved, m.committed = nil, 0, 0
	}
}

// held is the committed part of the reservation.
func (m *mmapMemory) held() uint64 {
	m.mu.Lock()
	defer m.mu.Unlock()
	return uint64(m.committed)
}
