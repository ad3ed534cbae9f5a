package bundle_test

import (
	"context"
	"errors"
	"fmt"

	"github.com/corets/corets-wasm/internal/bundle"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/internal/sourcemap"
)

// Bundle a TypeScript module, run it in the engine, and map a stack trace
// back to the TypeScript file and line.
func ExampleBuild() {
	b, err := bundle.Build("testdata/app", bundle.Options{})
	if err != nil {
		panic(err)
	}
	fmt.Println("entry:", b.Entry)

	ctx := context.Background()
	e, err := jsengine.New(ctx, jsengine.Config{})
	if err != nil {
		panic(err)
	}
	defer e.Close(ctx)
	in, err := e.NewInstance(ctx, jsengine.InstanceConfig{Name: "app"})
	if err != nil {
		panic(err)
	}
	defer in.Close()
	// The name is what stacks show; MapStack is told the same one.
	if err := in.Load(ctx, jsengine.Bundle{Name: "app.js", Code: b.Code, SourceMap: b.SourceMap, Module: true, DefaultExports: b.CommonJS}); err != nil {
		panic(err)
	}
	res, err := in.Call(ctx, "later", []byte(`[5]`))
	fmt.Println("later(5):", string(res.Value), err)

	_, err = in.Call(ctx, "failDeep", nil)
	var ex *jsengine.Exception
	if errors.As(err, &ex) {
		m, err := sourcemap.Parse(b.SourceMap)
		if err != nil {
			panic(err)
		}
		fmt.Println(ex.Error())
		fmt.Print(m.MapStack(ex.Stack, "app.js"))
	}
	// Output:
	// entry: main.ts
	// later(5): 16 <nil>
	// RangeError: negative: -1
	//     at helper (lib/util.ts:5:15)
	//     at failDeep (main.ts:44:3)
}

// A module that imports a Node built-in is refused at bundle time, with the
// importing file and line.
func ExampleError() {
	_, err := bundle.Build("testdata/refused", bundle.Options{})
	fmt.Println(errors.Is(err, bundle.ErrImportRefused))
	fmt.Println(err)
	// Output:
	// true
	// ✘ [ERROR] "node:child_process" is a Node built-in; modules start programs through core.processStart (see permissions.run)
	//
	//     main.ts:3:26:
	//       3 │ import { execSync } from "node:child_process";
	//         ╵                          ~~~~~~~~~~~~~~~~~~~~
}
