package wasmhost

import (
	"github.com/tetratelabs/wazero/experimental"
	"golang.org/x/sys/unix"
)

// imageFile is a memfd holding an Image, mapped privately by each instance.
type imageFile struct{ fd int }

func newImageFile(data []byte) imageFile {
	fd, err := unix.MemfdCreate("corets-wasm-image", unix.MFD_CLOEXEC)
	if err != nil {
		return imageFile{fd: -1}
	}
	for off := 0; off < len(data); {
		n, err := unix.Pwrite(fd, data[off:], int64(off))
		if err != nil || n == 0 {
			unix.Close(fd)
			return imageFile{fd: -1}
		}
		off += n
	}
	return imageFile{fd: fd}
}

func (f imageFile) close() {
	if f.fd >= 0 {
		unix.Close(f.fd)
	}
}

// mapOver maps the image copy-on-write over the start of an mmap-backed
// memory, whose reservation stays the same. It reports false when it cannot,
// and the caller copies instead.
func (f imageFile) mapOver(lm experimental.LinearMemory, size uint64) bool {
	if c, ok := lm.(*countedMemory); ok {
		lm = c.inner
	}
	m, ok := lm.(*mmapMemory)
	if f.fd < 0 || !ok {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.base == nil || uintptr(size) > m.committed || size%uint64(m.page) != 0 {
		return false
	}
	_, err := unix.MmapPtr(f.fd, 0, m.base, uintptr(size), unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_FIXED)
	return err == nil
}
