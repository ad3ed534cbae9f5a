package modules_test

import (
	"context"
	"fmt"

	"github.com/corets/corets-wasm/modules"
)

// Embedding: open a runtime, load a module, call an export, close.
func Example() {
	ctx := context.Background()
	rt, err := modules.Open(ctx, modules.Options{
		AppRoot:       "../testdata", // module paths (files it may be granted) are relative to this
		MemoryStore:   true,          // or StorePath: "app.db"
		SkipInstalled: true,          // no installed modules to start here
		Output:        func(module, level, text string) { fmt.Printf("[%s] %s\n", module, text) },
	})
	if err != nil {
		panic(err)
	}
	defer rt.Close(ctx)

	code, err := rt.Load(ctx, "../testdata/hello") // bundles main.ts, runs init(core)
	if err != nil {
		panic(err)
	}
	out, err := rt.Call(ctx, code, "hello", map[string]string{"name": "ada"})
	if err != nil {
		panic(err)
	}
	fmt.Println(string(out))
	// Output:
	// [hello] hello 1.0.0 ready
	// {"greeting":"hi ada","greeted":1}
}
