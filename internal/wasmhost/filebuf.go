package wasmhost

import (
	"fmt"
	"io"
	"os"
)

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
	f, err := os.Open(file)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, nil, fmt.Errorf("not a regular file")
	} else if fi.Size() > max {
		return nil, nil, fmt.Errorf("larger than %d bytes", max)
	}
	size := int(fi.Size())
	buf, free := allocFileBuf(size + 1) // one more byte to see a file that grew
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF { // the expected end: one byte short
		err = nil
	}
	if err == nil && n != size {
		err = fmt.Errorf("changed size while read (%d bytes, then %d)", size, n)
	}
	if err != nil {
		free()
		return nil, nil, err
	}
	return buf[:n:n], free, nil
}
