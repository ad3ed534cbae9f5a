package hostfns_test

import (
	"fmt"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
)

// Each benchmark runs b.N host calls inside one JS call, so the figure is
// the cost of one core.* call from JS: argument encoding, the capability
// check, the work, and the reply.
func benchJS(b *testing.B, manifestYAML, setup, op string) {
	e := newEnv(&testing.T{}, hostfns.Config{})
	e.t = &testing.T{}
	e.write("data/small.txt", "hello, world")
	m := e.module(manifestYAML)
	if _, err := m.run(setup); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	if _, err := m.run(fmt.Sprintf("for (let i = 0; i < %d; i++) { %s }", b.N, op)); err != nil {
		b.Fatal(err)
	}
}

func BenchmarkStoreGet(b *testing.B) {
	benchJS(b, "code: bench\n", `await core.storeSet("g", "k", {a: 1})`, `await core.storeGet("g", "k")`)
}

func BenchmarkFileRead(b *testing.B) {
	benchJS(b, "code: bench\npermissions: {read: [data]}\n", ``, `await core.fileRead("data/small.txt")`)
}

func BenchmarkFileReadDenied(b *testing.B) {
	benchJS(b, "code: bench\npermissions: {read: [data]}\n", ``, `try { await core.fileRead("secrets/x") } catch (e) {}`)
}

func BenchmarkJSAwaitOnly(b *testing.B) {
	benchJS(b, "code: bench\n", ``, `await 1`)
}

func BenchmarkJSStringifyParse(b *testing.B) {
	benchJS(b, "code: bench\n", ``, `JSON.parse(JSON.stringify({group: "g", key: "k"}))`)
}

func BenchmarkCoreModule(b *testing.B) {
	benchJS(b, "code: bench\n", ``, `core.module`)
}
