package jsengine

import (
	"context"
	"encoding/binary"
	"encoding/json"
	"errors"
	"strconv"
	"testing"
)

// argsCases are arrays of arguments, packed or not; each must reach the
// guest exactly as JSON.parse makes it.
var argsCases = []string{
	`[]`, ` [ ] `, `[1,2]`, `[ 1 , -2 ]`, "[\n0\t,\r1]", `[2147483647,-2147483648]`,
	`[2147483648]`, `[-2147483649]`, `[-0]`, `[0.5]`, `[1e3]`, `[1E3]`, `[12345678901]`,
	`[true,false,null]`, `["", "a b", "héllo ☃ 😀"]`, `["a\"b"]`, `["\ud800"]`, `["\u0041"]`,
	`[[1],{"a":1}]`, `[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16]`, `[1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17]`,
	`[truex]`, `[01]`, `[-]`, `[1,]`, `[,1]`, `[1 2]`, `["a]`, "[\"a\tb\"]", `[1]x`, `{}`, `"a"`, `[nul]`, `[1]]`,
}

// TestPackedArgsMeanWhatJSONMeans: a call's arguments reach the guest the
// same through the packed form as through JSON.parse, and malformed ones
// fail the same way.
func TestPackedArgsMeanWhatJSONMeans(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, `var __corets_exports = {
		types: (...a) => a.map(x => [typeof x, Object.is(x, -0) ? "-0" : x]),
	}`)
	ctx := context.Background()
	for _, args := range argsCases {
		if args[0] != '[' && args[0] != ' ' {
			continue // not an array: the call refuses it before any JSON.parse
		}
		got, err := in.Call(ctx, "types", json.RawMessage(args))
		want, werr := in.Eval(ctx, "__corets_exports.types(...JSON.parse("+strconv.Quote(args)+"))")
		if (err == nil) != (werr == nil) {
			t.Errorf("%s: the call's error %v, JSON.parse's %v", args, err, werr)
			continue
		}
		if err != nil {
			// a SyntaxError both ways (arrays only: the call refuses others itself)
			var a, b *Exception
			if errors.As(err, &a) && errors.As(werr, &b) && a.Name != b.Name {
				t.Errorf("%s: the call failed with %v, JSON.parse with %v", args, err, werr)
			}
			continue
		}
		if string(got.Value) != string(want.Value) {
			t.Errorf("%s: the guest got %s, JSON.parse makes %s", args, got.Value, want.Value)
		}
	}
}

// FuzzPackArgs: whatever packArgs accepts is valid JSON whose values the
// packed form holds exactly.
func FuzzPackArgs(f *testing.F) {
	for _, c := range argsCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, args []byte) {
		p, ok := packArgs(nil, args)
		if !ok {
			return
		}
		var want []any
		if err := json.Unmarshal(args, &want); err != nil {
			t.Fatalf("packed %q, which is not a JSON array: %v", args, err)
		}
		got := unpackForTest(t, p)
		if len(got) != len(want) {
			t.Fatalf("%q: packed %d values, JSON has %d", args, len(got), len(want))
		}
		for i := range got {
			if f, isNum := want[i].(float64); isNum {
				want[i] = int32(f)
				if float64(int32(f)) != f {
					t.Fatalf("%q: packed %v, JSON has %v", args, got[i], f)
				}
			}
			if got[i] != want[i] {
				t.Fatalf("%q: value %d packed as %#v, JSON has %#v", args, i, got[i], want[i])
			}
		}
	})
}

func unpackForTest(t *testing.T, p []byte) []any {
	var out []any
	n, p := int(p[0]), p[1:]
	for range n {
		tag := p[0]
		p = p[1:]
		switch tag {
		case pkInt:
			out = append(out, int32(binary.LittleEndian.Uint32(p)))
			p = p[4:]
		case pkString:
			l := binary.LittleEndian.Uint32(p)
			out = append(out, string(p[4:4+l]))
			p = p[4+l:]
		case pkTrue:
			out = append(out, true)
		case pkFalse:
			out = append(out, false)
		case pkNull:
			out = append(out, nil)
		default:
			t.Fatalf("unknown tag %d", tag)
		}
	}
	if len(p) != 0 {
		t.Fatalf("%d bytes after the packed values", len(p))
	}
	return out
}
