//go:build linux || darwin || freebsd || netbsd || openbsd

package wasmhost

import "golang.org/x/sys/unix"

// allocFileBuf returns n bytes of fresh anonymous memory, already faulted
// in where the platform can (mapPopulate: one system call instead of a
// page fault for each 4 KB the read then touches), and its release.
func allocFileBuf(n int) ([]byte, func()) {
	b, err := unix.Mmap(-1, 0, n, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANON|mapPopulate)
	if err != nil {
		return heapFileBuf(n)
	}
	return b, func() { unix.Munmap(b) }
}
