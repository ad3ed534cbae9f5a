package wasmhost

import (
	"bytes"
	"fmt"
	"os"
	"reflect"
	"sync/atomic"

	"github.com/tetratelabs/wazero/api"
	"github.com/tetratelabs/wazero/experimental"
)

// Image is a snapshot of an instance's linear memory, taken between calls
// (when the guest's stack is back at its base and every global is at its
// initial value). Instantiating with an Image starts the new instance from
// that state instead of redoing the guest's initialisation.
//
// On Linux the image lives in a memfd and each instance maps it
// copy-on-write: starting costs no copy, and pages an instance never writes
// stay shared between all of them. Elsewhere the image is copied.
type Image struct {
	data []byte
	file imageFile // the memfd on Linux; nothing elsewhere
	// lo and hi bound the pages holding a non-zero byte: only those are
	// mapped from the file. Outside them the image is zeros, which a fresh
	// memory already is, and left anonymous: a page of the file that an
	// instance only reads counts in its RSS (the kernel maps up to 16
	// neighbours of each page read, too), an untouched or read-only
	// anonymous zero page does not.
	lo, hi uint64
	// written lists the pages (offsets of OS pages) that every instance
	// writes soon after it starts: see LearnWrites.
	written atomic.Pointer[[]uint32]
}

// NewImage snapshots the memory of m. The instance must not be running.
func NewImage(m api.Module) (*Image, error) {
	mem := m.Memory()
	// wazero returns a nil *MemoryInstance inside the interface for a
	// module without memory.
	if mem == nil || reflect.ValueOf(mem).IsNil() {
		return nil, fmt.Errorf("the module has no memory to snapshot")
	}
	buf, ok := mem.Read(0, mem.Size())
	if !ok {
		return nil, fmt.Errorf("cannot read the module's memory")
	}
	return newImage(append([]byte(nil), buf...)), nil
}

// newImage makes an Image that owns data: every constructor goes through
// it, so that an image read back from disk is mapped like one just taken.
func newImage(data []byte) *Image {
	img := &Image{data: data}
	img.lo, img.hi = nonZeroPages(img.data, uint64(os.Getpagesize()))
	img.file = newImageFile(img.data)
	return img
}

// nonZeroPages returns the page-aligned bounds of data's non-zero bytes
// (lo == hi when it is all zeros).
func nonZeroPages(data []byte, page uint64) (lo, hi uint64) {
	first := bytes.IndexFunc(data, func(r rune) bool { return r != 0 })
	if first < 0 {
		return 0, 0
	}
	last := len(data) - 1
	for data[last] == 0 {
		last--
	}
	return uint64(first) / page * page, min(roundUp(uint64(last)+1, page), uint64(len(data)))
}

// LearnWrites records which pages of the image m (an instance started from
// it, after a typical first piece of work) has written, so that later
// instances copy them as they map the image, before the guest runs.
//
// Why: a mapped page that the guest first reads is mapped shared; its first
// write then copies it and must flush the old mapping from every CPU's TLB,
// an inter-processor interrupt per page. In a virtual machine that, and each
// page fault, costs far more than copying the page: on the 2-core VM this
// was measured on, the guest's first Load went from about 1.1 ms to 0.3 ms.
// On Linux the pages are copied with one madvise per run of pages rather
// than a fault each. Pages an instance would not have written cost it 4 KiB
// each, so the probe should be the smallest typical work. Instances made
// while it runs start without the list.
func (img *Image) LearnWrites(m api.Module) {
	mem := m.Memory()
	buf, ok := mem.Read(0, uint32(min(uint64(mem.Size()), img.Size())))
	if !ok {
		return
	}
	// The OS knows which pages were copied, including those written back
	// with the same bytes; elsewhere compare the contents.
	pages, ok := copiedPages(buf)
	if !ok {
		page := os.Getpagesize()
		for off := 0; off+page <= len(buf); off += page {
			if !bytes.Equal(buf[off:off+page], img.data[off:off+page]) {
				pages = append(pages, uint32(off))
			}
		}
	}
	img.written.Store(&pages)
}

// Size is the snapshot's length in bytes.
func (img *Image) Size() uint64 { return uint64(len(img.data)) }

// Close releases the image's file, if it has one. Instances already made
// from it keep their mappings.
func (img *Image) Close() { img.file.close() }

// restore makes m's memory the image: it grows the memory to the image's
// size and maps (or copies) the image over it. fresh says nothing has
// written the memory yet (no data segments, no start function), so the
// image's zero pages need not be mapped.
func (img *Image) restore(m api.Module, lm experimental.LinearMemory, fresh bool) error {
	mem := m.Memory()
	if cur := uint64(mem.Size()); cur < img.Size() {
		if _, ok := mem.Grow(uint32((img.Size() - cur) / wasmPageSize)); !ok {
			return fmt.Errorf("the image (%d bytes) exceeds the memory limit", img.Size())
		}
	}
	lo, hi := img.lo, img.hi
	if !fresh {
		lo, hi = 0, img.Size()
	}
	if img.file.mapOver(lm, lo, hi) {
		var written []uint32
		if w := img.written.Load(); w != nil {
			written = *w
		}
		// Pages outside [lo, hi) are anonymous zeros: populating them
		// copies nothing but still saves the guest a fault each (its C
		// stack's top and the heap's first fresh pages are among them).
		buf, _ := mem.Read(0, uint32(img.Size()))
		if populateWrite(buf, written) {
			return nil
		}
		for _, off := range written {
			// a write, not a read-modify-write: see LearnWrites
			buf[off] = img.data[off]
		}
		return nil
	}
	buf, _ := mem.Read(0, uint32(img.Size()))
	copy(buf, img.data)
	return nil
}
