//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd

package wasmhost

func allocFileBuf(n int) ([]byte, func()) { return heapFileBuf(n) }
