//go:build !linux

package wasmhost

import "github.com/tetratelabs/wazero/experimental"

// imageFile is nothing off Linux: instances copy the image.
type imageFile struct{}

func newImageFile([]byte) imageFile { return imageFile{} }

func (imageFile) close() {}

func (imageFile) mapOver(experimental.LinearMemory, uint64, uint64) bool { return false }

func copiedPages([]byte) ([]uint32, bool) { return nil, false }

func populateWrite([]byte, []uint32) bool { return false }
