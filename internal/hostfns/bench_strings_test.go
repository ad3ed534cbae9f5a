package hostfns_test

import (
	"fmt"
	"testing"

	"github.com/corets/corets-wasm/internal/hostfns"
)

// core.fileWrite and core.fileRead of a 1 MiB string (ASCII and mixed 2-,
// 3- and 4-byte characters), JS to the host's file and back: the issue's
// "strings to the host" figure, in ms per MiB.
//
//	go test ./internal/hostfns -run '^$' -bench 'File(Write|Read)String'
func benchFileString(b *testing.B, op string, mixed bool) {
	unit := "hello, world 0123456789 abcdef. "
	if mixed {
		unit = "h\u00e9llo w\u00f6rld \u20ac \U0001F600 \u4e2d\u6587 "
	}
	e := newEnv(&testing.T{}, hostfns.Config{})
	e.write("data/.keep", "")
	m := e.module("code: bench\npermissions: {read: [data], write: [data]}\n")
	setup := fmt.Sprintf(`globalThis.s = %q.repeat(Math.ceil((1 << 20) / %d)); globalThis.u8 = new TextEncoder().encode(s); await core.fileWrite("data/big.txt", s); return s.length`,
		unit, len(unit))
	if _, err := m.run(setup); err != nil {
		b.Fatal(err)
	}
	size := int64(len(e.read("data/big.txt")))
	b.SetBytes(size)
	b.ResetTimer()
	var code string
	switch op {
	case "write":
		code = `await core.fileWrite("data/big.txt", s)`
	case "writeBytes":
		code = `await core.fileWriteBytes("data/big.txt", u8)`
	case "read":
		code = `if ((await core.fileRead("data/big.txt")).length !== s.length) throw new Error("short read")`
	case "readBytes":
		code = `if ((await core.fileReadBytes("data/big.txt")).length !== u8.length) throw new Error("short read")`
	}
	if _, err := m.run(fmt.Sprintf("for (let i = 0; i < %d; i++) { %s }", b.N, code)); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N)/(float64(size)/(1<<20)), "ms/MiB")
}

// The bytes variants move the same bytes with no text conversion: the host's
// own share (the file system, the capability checks), which strings add to.
func BenchmarkFileWriteString(b *testing.B) {
	b.Run("ascii", func(b *testing.B) { benchFileString(b, "write", false) })
	b.Run("mixed", func(b *testing.B) { benchFileString(b, "write", true) })
	b.Run("bytes", func(b *testing.B) { benchFileString(b, "writeBytes", true) })
}

func BenchmarkFileReadString(b *testing.B) {
	b.Run("ascii", func(b *testing.B) { benchFileString(b, "read", false) })
	b.Run("mixed", func(b *testing.B) { benchFileString(b, "read", true) })
	b.Run("bytes", func(b *testing.B) { benchFileString(b, "readBytes", true) })
}
