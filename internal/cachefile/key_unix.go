//go:build unix

package cachefile

import (
	"fmt"
	"io/fs"
)

// checkKeyMode refuses a key file others may read or write: the runtime
// creates it 0600, and a key anyone else can read authenticates nothing.
func checkKeyMode(fi fs.FileInfo) error {
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	return nil
}
