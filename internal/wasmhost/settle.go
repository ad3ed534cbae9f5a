package wasmhost

import (
	"context"
	"sync"

	"github.com/tetratelabs/wazero"
)

var settled sync.Once

// Settle makes wazero read its own version once, before any runtime or
// compilation cache is made: the first of those reads it into an
// unsynchronized package variable (wazero 1.12's internal/version), a data
// race when two are made at once in a process that has made none (seen
// under -race with two CLI runtimes starting together). Every way this
// module makes a wazero runtime or cache (New, OpenDiskCache, wasmplugin's
// extism plugins) calls it first; a throwaway compiler runtime is the
// cheapest public call that reads the version.
func Settle() {
	settled.Do(func() {
		ctx := context.Background()
		wazero.NewRuntimeWithConfig(ctx, wazero.NewRuntimeConfigCompiler()).Close(ctx)
	})
}
