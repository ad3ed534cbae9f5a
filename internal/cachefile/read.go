package cachefile

import (
	"errors"
	"fmt"
	"io"
	"os"
)

// Read reads a regular file of at most max bytes into memory, whole: a
// file that is larger, not regular, or growing while read is refused, so a
// sealed record is verified over exactly the bytes its reader then uses.
func Read(file string, max int64) ([]byte, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("not a regular file")
	}
	if fi.Size() > max {
		return nil, fmt.Errorf("larger than %d bytes", max)
	}
	buf := make([]byte, fi.Size())
	if _, err := io.ReadFull(f, buf); err != nil {
		return nil, err
	}
	// a file that grew since Stat is refused, not half read
	if n, _ := f.Read(make([]byte, 1)); n != 0 {
		return nil, errors.New("changed while read")
	}
	return buf, nil
}
