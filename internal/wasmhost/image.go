package wasmhost

import (
	"fmt"
	"reflect"

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
	img := &Image{data: append([]byte(nil), buf...)}
	img.file = newImageFile(img.data)
	return img, nil
}

// Size is the snapshot's length in bytes.
func (img *Image) Size() uint64 { return uint64(len(img.data)) }

// Close releases the image's file, if it has one. Instances already made
// from it keep their mappings.
func (img *Image) Close() { img.file.close() }

// restore makes m's memory the image: it grows the memory to the image's
// size and maps (or copies) the image over it.
func (img *Image) restore(m api.Module, lm experimental.LinearMemory) error {
	mem := m.Memory()
	if cur := uint64(mem.Size()); cur < img.Size() {
		if _, ok := mem.Grow(uint32((img.Size() - cur) / wasmPageSize)); !ok {
			return fmt.Errorf("the image (%d bytes) exceeds the memory limit", img.Size())
		}
	}
	if img.file.mapOver(lm, img.Size()) {
		return nil
	}
	buf, _ := mem.Read(0, uint32(img.Size()))
	copy(buf, img.data)
	return nil
}
