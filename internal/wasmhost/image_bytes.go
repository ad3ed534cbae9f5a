package wasmhost

import "fmt"

// NewImageFromBytes makes an Image of a memory snapshot kept elsewhere (the
// engine's start-up snapshot on disk). data must be whole wasm pages; the
// Image keeps it, so the caller must not modify it afterwards.
//
// The bytes become an instance's memory as they are: only pass bytes the
// host made and has authenticated, never anything a guest could write.
func NewImageFromBytes(data []byte) (*Image, error) {
	if len(data) == 0 || len(data)%wasmPageSize != 0 {
		return nil, fmt.Errorf("a memory image must be whole %d-byte pages, not %d bytes", wasmPageSize, len(data))
	}
	return newImage(data), nil
}

// Bytes is the snapshot's memory, to be kept elsewhere (NewImageFromBytes
// reads it back). It must not be modified.
func (img *Image) Bytes() []byte { return img.data }
