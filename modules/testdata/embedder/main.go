// Command embedder is the smallest program that runs modules without wasm
// plugins; TestExtismNotLinked checks that it does not link Extism.
package main

import (
	"context"
	"fmt"
	"os"

	"github.com/corets/corets-wasm/modules"
)

func main() {
	ctx := context.Background()
	rt, err := modules.Open(ctx, modules.Options{MemoryStore: true, NoDiskCache: true})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer rt.Close(ctx)
}
