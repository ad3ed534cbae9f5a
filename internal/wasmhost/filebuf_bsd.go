//go:build darwin || freebsd || netbsd || openbsd

package wasmhost

// mapPopulate is Linux-only; elsewhere the read faults the pages in.
const mapPopulate = 0
