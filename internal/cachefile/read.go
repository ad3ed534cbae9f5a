package cachefile

import (
	"fmt"
	"io"
	"os"
)

// Read reads a regular file of at most max bytes into memory, whole: a
// file that is larger, not regular, or changing size while read is
// refused, so a sealed record is verified over exactly the bytes its
// reader then uses.
func Read(file string, max int64) ([]byte, error) {
	return ReadInto(file, max, func(n int) []byte { return make([]byte, n) })
}

// ReadInto is Read into a buffer of the caller's making: alloc(n) returns
// n bytes (one more than the file's size, to see a file that grew). The
// result is a prefix of that buffer; on an error the caller frees what
// alloc gave, if anything.
func ReadInto(file string, max int64, alloc func(n int) []byte) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	} else if !fi.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file")
	} else if fi.Size() > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	size := int(fi.Size())
	buf := alloc(size + 1)
	n, err := io.ReadFull(f, buf)
	if err == io.ErrUnexpectedEOF || err == io.EOF { // the expected end: one byte short
		err = nil
	}
	if err == nil && n != size {
		err = fmt.Errorf("changed size while read (%d bytes, then %d)", size, n)
	}
	if err != nil {
		return nil, err
	}
	return buf[:n:n], nil
}
