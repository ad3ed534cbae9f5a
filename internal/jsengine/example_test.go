package jsengine_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// An engine with one host function, an instance running a bundle that uses
// it, timers and a promise, and a call with JSON in and out.
func Example() {
	ctx := context.Background()
	e, err := jsengine.New(ctx, jsengine.Config{
		HostFuncs: []jsengine.HostFunc{{Name: "upper", Fn: func(_ context.Context, c *jsengine.Caller, arg []byte) ([]byte, error) {
			return []byte(strings.ToUpper(string(arg)) + " from " + c.Module()), nil
		}}},
		Extensions: []jsengine.Extension{{Name: "glue.js", Source: `(host) => {
			const id = host.lookup("upper");
			globalThis.upper = (s) => host.call(id, s);
		}`}},
	})
	if err != nil {
		panic(err)
	}
	defer e.Close(ctx)

	in, err := e.NewInstance(ctx, jsengine.InstanceConfig{
		Name:   "hello",
		Fuel:   50_000_000,
		Output: func(level, text string) { fmt.Println(level+":", text) },
	})
	if err != nil {
		panic(err)
	}
	defer in.Close()

	err = in.Load(ctx, jsengine.Bundle{Name: "main.js", Code: `var __corets_exports = {
		async greet(input) {
			await new Promise((resolve) => setTimeout(resolve, 10));
			console.log("greeting", input);
			return { greeting: upper("hi " + input.name) };
		},
	}`})
	if err != nil {
		panic(err)
	}
	res, err := in.Call(ctx, "greet", json.RawMessage(`[{"name": "ada"}]`))
	if err != nil {
		panic(err)
	}
	fmt.Println(string(res.Value), res.Fuel > 0)
	// Output:
	// log: greeting { name: 'ada' }
	// {"greeting":"HI ADA from hello"} true
}
