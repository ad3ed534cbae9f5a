package wasmplugin_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"github.com/corets/corets-wasm/modules"
	"github.com/corets/corets-wasm/modules/wasmplugin"
)

// Plugins is what modules.Options.WasmPlugins takes.
var _ modules.WasmPlugins = wasmplugin.New()

// Running a wasm plugin: a module whose manifest says `runtime: wasm` and
// names its .wasm in main. The Runtime runs it only with WasmPlugins set;
// the plugin reaches files, the store and the network only through the
// host functions in the "corets" import module, as its manifest grants.
func Example() {
	ctx := context.Background()
	root, _ := os.MkdirTemp("", "wasmplugin-example")
	defer os.RemoveAll(root)

	// The module: a manifest granting ./data/ for reading, and the plugin
	// built from testdata/wasm/src/plugin.wat.
	dir := filepath.Join(root, "greeter")
	os.MkdirAll(filepath.Join(dir, ".core"), 0o755)
	os.WriteFile(filepath.Join(dir, ".core", "view.yml"), []byte(
		"code: greeter\nruntime: wasm\nmain: plugin.wasm\npermissions:\n  read: [\"./data/\"]\n"), 0o644)
	wasm, err := os.ReadFile("../../testdata/wasm/plugin/plugin.wasm")
	if err != nil {
		panic(err)
	}
	os.WriteFile(filepath.Join(dir, "plugin.wasm"), wasm, 0o644)
	os.MkdirAll(filepath.Join(root, "data"), 0o755)
	os.WriteFile(filepath.Join(root, "data", "hello.txt"), []byte("hello from a file"), 0o644)

	rt, err := modules.Open(ctx, modules.Options{
		AppRoot:       root,
		MemoryStore:   true,
		SkipInstalled: true,
		WasmPlugins:   wasmplugin.New(), // without it, Load refuses the module
	})
	if err != nil {
		panic(err)
	}
	defer rt.Close(ctx)

	code, err := rt.Load(ctx, dir) // compiles the plugin (once per Runtime) and starts it
	if err != nil {
		panic(err)
	}
	// The call's one argument is the plugin's input, as JSON; its output,
	// JSON, is the result.
	out, err := rt.Call(ctx, code, "echo", map[string]string{"name": "ada"})
	fmt.Println(string(out), err)
	out, err = rt.Call(ctx, code, "read", map[string]string{"path": "./data/hello.txt"})
	fmt.Println(string(out), err)
	_, err = rt.Call(ctx, code, "read", map[string]string{"path": "./greeter/plugin.wasm"})
	fmt.Println(err)
	// Output:
	// {"name":"ada"} <nil>
	// {"ok":"hello from a file"} <nil>
	// PermissionDenied: read "./greeter/plugin.wasm" is not granted (add it to permissions.read in .core/view.yml)
}
