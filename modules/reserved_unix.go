//go:build unix

package modules

import (
	"errors"
	"syscall"
)

// isReadOnlyFS reports a read-only file system (EROFS), where a module can
// make no directory either.
func isReadOnlyFS(err error) bool { return errors.Is(err, syscall.EROFS) }
