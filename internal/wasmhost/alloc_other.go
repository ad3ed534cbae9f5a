//go:build !linux && !darwin && !freebsd && !netbsd && !openbsd && !windows

package wasmhost

import "github.com/tetratelabs/wazero/experimental"

// newLinearMemory backs memories with ordinary Go slices on platforms
// without a virtual-memory implementation (wasip1, js, plan9, solaris, ...).
func newLinearMemory(capBytes, limitBytes uint64) experimental.LinearMemory {
	return newSliceMemory(capBytes, limitBytes)
}
