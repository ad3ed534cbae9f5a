package wasmhost

import (
	"encoding/binary"
	"os"
	"unsafe"

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

// mapOver maps the image's bytes [lo, hi) copy-on-write at the same offsets
// of an mmap-backed memory, whose reservation stays the same (the rest of
// it is fresh, zero memory). It reports false when it cannot, and the
// caller copies instead.
func (f imageFile) mapOver(lm experimental.LinearMemory, lo, hi uint64) bool {
	if c, ok := lm.(*countedMemory); ok {
		lm = c.inner
	}
	m, ok := lm.(*mmapMemory)
	if f.fd < 0 || !ok {
		return false
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.base == nil || uintptr(hi) > m.committed || lo%uint64(m.page) != 0 || hi%uint64(m.page) != 0 {
		return false
	}
	if lo == hi {
		return true
	}
	_, err := unix.MmapPtr(f.fd, int64(lo), unsafe.Add(m.base, lo), uintptr(hi-lo), unix.PROT_READ|unix.PROT_WRITE,
		unix.MAP_PRIVATE|unix.MAP_FIXED)
	return err == nil
}

// copiedPages lists the pages of buf, a private mapping of an image, that
// are the process's own (copied on write) rather than the file's, from
// /proc/self/pagemap: present and not file-backed. Offsets are from buf's
// start.
func copiedPages(buf []byte) ([]uint32, bool) {
	if len(buf) == 0 {
		return nil, false
	}
	page := uintptr(os.Getpagesize())
	base := uintptr(unsafe.Pointer(unsafe.SliceData(buf)))
	if base%page != 0 {
		return nil, false
	}
	f, err := os.Open("/proc/self/pagemap")
	if err != nil {
		return nil, false
	}
	defer f.Close()
	n := uintptr(len(buf)) / page
	raw := make([]byte, n*8)
	if _, err := f.ReadAt(raw, int64(base/page*8)); err != nil {
		return nil, false
	}
	var own []uint32
	for i := uintptr(0); i < n; i++ {
		e := binary.LittleEndian.Uint64(raw[i*8:])
		const present, fileOrShared = 1 << 63, 1 << 61
		if e&present != 0 && e&fileOrShared == 0 {
			own = append(own, uint32(i*page))
		}
	}
	return own, true
}

// populateWrite makes the pages at offsets (ascending) of buf, a private
// mapping, the process's own in one system call per run of adjacent pages
// (MADV_POPULATE_WRITE, Linux 5.14), instead of one page fault each. It
// reports false when the kernel does not support it.
func populateWrite(buf []byte, offsets []uint32) bool {
	page := uint32(os.Getpagesize())
	for i := 0; i < len(offsets); {
		j := i + 1
		for j < len(offsets) && offsets[j] == offsets[j-1]+page {
			j++
		}
		start, end := offsets[i], offsets[j-1]+page
		if err := unix.Madvise(buf[start:end], unix.MADV_POPULATE_WRITE); err != nil {
			return false
		}
		i = j
	}
	return true
}
