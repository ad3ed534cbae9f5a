package modules_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/modules"
)

// Bundle a module without a Runtime (as the CLI's bundle and check
// commands do), with a cache so the second call does not run esbuild.
func ExampleBundle() {
	cache := modules.NewBundleCache("", nil) // memory only
	b, err := modules.Bundle("../testdata/hello", modules.BundleOptions{Cache: cache})
	if err != nil {
		panic(err)
	}
	fmt.Println(b.Entry, b.Inputs, b.Cached)
	b, err = modules.Bundle("../testdata/hello", modules.BundleOptions{Cache: cache})
	if err != nil {
		panic(err)
	}
	fmt.Println(b.Entry, b.Inputs, b.Cached)
	// Output:
	// main.ts [main.ts] false
	// main.ts [main.ts] true
}

// A module that imports a Node built-in is refused at bundle time; the
// error names the importing file and line, as esbuild prints its own.
func ExampleBundleError() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(dir)
	src := "// reads a file the Node way\nimport { readFileSync } from \"fs\";\nexport const read = () => readFileSync(\"x\");\n"
	if err := os.WriteFile(filepath.Join(dir, "main.ts"), []byte(src), 0o644); err != nil {
		panic(err)
	}
	_, err = modules.Bundle(dir, modules.BundleOptions{})
	var be *modules.BundleError
	if errors.As(err, &be) {
		m := be.Messages[0]
		fmt.Println(errors.Is(err, modules.ErrImportRefused), m.File, m.Line, m.Column)
	}
	fmt.Println(err)
	// Output:
	// true main.ts 2 30
	// ✘ [ERROR] "fs" is a Node built-in; modules reach files through core.fileRead and core.fileWrite (see permissions.read and permissions.write)
	//
	//     main.ts:2:30:
	//       2 │ import { readFileSync } from "fs";
	//         ╵                              ~~~~
	//
	//   no package named "fs" is installed in the module's node_modules
}
