//go:build linux || darwin || freebsd || netbsd || openbsd

package wasmhost

import (
	"sync"
	"unsafe"

	"golang.org/x/sys/unix"
)

// maxPooled bounds the address space the pool keeps: reservations are
// PROT_NONE and hold no memory, but a process that once ran many instances
// should not keep thousands of them, and a 32-bit one has little to spare.
// Only instances closed while others start are reused, so a few suffice.
const maxPooled = min(1<<30, maxInt/8)

// reservations keeps the address-space reservations of freed memories, by
// size, so that the next memory of that size skips the mmap of its
// reservation and the unmapping at Free: creating and tearing down the
// page tables of a 64 MiB range was a large part of an instance's start
// and close.
//
// A reservation enters the pool only after reset, which replaces every
// page the previous memory could reach with a fresh PROT_NONE anonymous
// mapping: the kernel gives such pages as zeros on their next commit, so
// nothing the previous owner wrote can be seen through the reservation.
var reservations struct {
	mu    sync.Mutex
	free  map[uintptr][]unsafe.Pointer
	bytes uint64 // reserved by the pooled reservations
}

// takeReservation returns a pooled reservation of size bytes, or nil.
func takeReservation(size uintptr) unsafe.Pointer {
	reservations.mu.Lock()
	defer reservations.mu.Unlock()
	list := reservations.free[size]
	if len(list) == 0 {
		return nil
	}
	p := list[len(list)-1]
	reservations.free[size] = list[:len(list)-1]
	reservations.bytes -= uint64(size)
	return p
}

// giveReservation resets the committed bytes at the start of the
// reservation [base, base+size) and pools it, or unmaps it when the pool is
// full or the reset fails. It reports whether the reservation is gone from
// the caller's hands (pooled or unmapped).
func giveReservation(base unsafe.Pointer, size, committed uintptr) bool {
	if committed > 0 && !reset(base, committed) {
		return unix.MunmapPtr(base, size) == nil
	}
	reservations.mu.Lock()
	defer reservations.mu.Unlock()
	if reservations.bytes+uint64(size) > maxPooled {
		return unix.MunmapPtr(base, size) == nil
	}
	if reservations.free == nil {
		reservations.free = make(map[uintptr][]unsafe.Pointer)
	}
	reservations.free[size] = append(reservations.free[size], base)
	reservations.bytes += uint64(size)
	return true
}

// reset maps fresh inaccessible anonymous memory over [base, base+n),
// replacing the committed pages and any image file mapped there in one
// system call, as a new reservation would be.
func reset(base unsafe.Pointer, n uintptr) bool {
	p, err := unix.MmapPtr(-1, 0, base, n, unix.PROT_NONE,
		unix.MAP_PRIVATE|unix.MAP_ANON|unix.MAP_FIXED|mapNoReserve)
	return err == nil && p == base
}
