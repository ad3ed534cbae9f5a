package wasmhost

import "github.com/corets/corets-wasm/internal/cachefile"

// readFileBuf reads the whole regular file into a buffer of its own, at
// most max bytes, and returns it with the function that frees it. The
// compiled engine (3.4 MB) is read this way on every process start, only to
// be verified and then copied once more by wazero into its executable
// mapping: on the platforms with mmap the buffer is an anonymous mapping
// outside Go's heap (filebuf_mmap.go), so the start pays neither Go's
// zeroing of a fresh 3.4 MB object nor the garbage collection it triggers.
// The bytes are still read, once, into memory of this process, so what is
// verified is what wazero reads.
func readFileBuf(file string, max int64) (data []byte, free func(), err error) {
	data, err = cachefile.ReadInto(file, max, func(n int) []byte {
		var buf []byte
		buf, free = allocFileBuf(n)
		return buf
	})
	if err != nil {
		if free != nil {
			free()
		}
		return nil, nil, err
	}
	return data, free, nil
}
