package modules_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

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

	code, err := rt.Load(ctx, "hello") // relative to AppRoot; bundles main.ts, runs init(core)
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

// The embedder's own host functions: a Func is reached from a module with
// core.call(name, arg), only by modules whose manifest grants its
// capability; it receives that grant list to check the argument against.
func ExampleHostFunc() {
	ctx := context.Background()
	root, err := os.MkdirTemp("", "corets-example")
	if err != nil {
		panic(err)
	}
	defer os.RemoveAll(root)
	write := func(name, text string) {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			panic(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			panic(err)
		}
	}
	write("mailer/.core/view.yml", "code: mailer\npermissions:\n  email: [\"@example.com\"]\n")
	write("mailer/main.ts", `export const notify = (to: string) => core.call("email.send", { to, text: "hi" });`)
	write("other/.core/view.yml", "code: other\n")
	write("other/main.ts", `export const notify = (to: string) => core.call("email.send", { to, text: "hi" });`)

	send := modules.HostFunc{
		Name:       "email.send",
		Capability: "email", // the manifest key that grants it: permissions.email
		Fn: func(ctx context.Context, call modules.HostCall, arg json.RawMessage) (any, error) {
			var msg struct{ To, Text string }
			if err := json.Unmarshal(arg, &msg); err != nil {
				return nil, err
			}
			for _, domain := range call.Grants { // the caller's permissions.email list
				if strings.HasSuffix(msg.To, domain) {
					return map[string]string{"sent": msg.To, "by": call.Module}, nil
				}
			}
			return nil, fmt.Errorf("%s may not mail %s", call.Module, msg.To)
		},
	}
	rt, err := modules.Open(ctx, modules.Options{
		AppRoot:       root,
		MemoryStore:   true,
		SkipInstalled: true,
		Funcs:         []modules.HostFunc{send},
	})
	if err != nil {
		panic(err)
	}
	defer rt.Close(ctx)
	for _, dir := range []string{"mailer", "other"} {
		if _, err := rt.Load(ctx, filepath.Join(root, dir)); err != nil {
			panic(err)
		}
	}

	out, err := rt.Call(ctx, "mailer", "notify", "ada@example.com")
	fmt.Println(string(out), err)
	_, err = rt.Call(ctx, "mailer", "notify", "eve@evil.test")
	fmt.Println(err)
	_, err = rt.Call(ctx, "other", "notify", "ada@example.com")
	fmt.Println(err)
	// Output:
	// {"by":"mailer","sent":"ada@example.com"} <nil>
	// Error: email.send: mailer may not mail eve@evil.test
	// PermissionDenied: email "email.send" is not granted (add it to permissions.email in .core/view.yml)
}
