//go:build darwin || freebsd || netbsd || openbsd

package wasmhost

// mapNoReserve is Linux-only (FreeBSD has no MAP_NORESERVE at all); these
// systems do not charge PROT_NONE reservations anyway.
const mapNoReserve = 0
