package wasmhost

import "golang.org/x/sys/unix"

// mapNoReserve keeps Linux from charging the reservation against the
// overcommit limit: only what the guest actually uses should count.
const mapNoReserve = unix.MAP_NORESERVE
