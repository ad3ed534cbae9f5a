package jsengine

import (
	"context"
	"encoding/json"
	"testing"
	"time"
)

// TextEncoder.encode and TextDecoder.decode of about 1 MiB of UTF-8, ASCII
// and mixed (2-, 3- and 4-byte characters): the issue's "strings across the
// boundary" figure, in ms per MiB.
//
//	go test ./internal/jsengine -run '^$' -bench 'Text(En|De)code'
const benchStrings = `var s, u8;
var __corets_exports = {
	setup(mixed) {
		const unit = mixed ? "h\u00e9llo w\u00f6rld \u20ac \u{1F600} \u4e2d\u6587 " : "hello, world 0123456789 abcdef. ";
		const n = Math.ceil((1 << 20) / new TextEncoder().encode(unit).length);
		s = unit.repeat(n);
		u8 = new TextEncoder().encode(s);
		return u8.length;
	},
	encode() { return new TextEncoder().encode(s).length },
	decode() { return new TextDecoder().decode(u8).length },
}`

func benchText(b *testing.B, op string, mixed bool) {
	in, _ := newInstance(b, InstanceConfig{Timeout: time.Minute}, benchStrings)
	ctx := context.Background()
	res, err := in.Call(ctx, "setup", json.RawMessage(map[bool]string{false: "[false]", true: "[true]"}[mixed]))
	if err != nil {
		b.Fatal(err)
	}
	var size int64
	if err := json.Unmarshal(res.Value, &size); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(size)
	for b.Loop() {
		if _, err := in.Call(ctx, op, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/1e6/float64(b.N)/(float64(size)/(1<<20)), "ms/MiB")
}

func BenchmarkTextEncode(b *testing.B) {
	b.Run("ascii", func(b *testing.B) { benchText(b, "encode", false) })
	b.Run("mixed", func(b *testing.B) { benchText(b, "encode", true) })
}

func BenchmarkTextDecode(b *testing.B) {
	b.Run("ascii", func(b *testing.B) { benchText(b, "decode", false) })
	b.Run("mixed", func(b *testing.B) { benchText(b, "decode", true) })
}
