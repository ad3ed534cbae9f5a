package wasmhost

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

// dataModule is growModule with a data section: an active segment "hello"
// at offset, and a passive segment "xyz".
func dataModule(offset uint32) []byte {
	var sec []byte
	sec = append(sec, 2)                                // two segments
	sec = append(sec, 0, 0x41)                          // active, i32.const
	sec = appendSleb32(sec, int32(offset))              // offset
	sec = append(sec, 0x0b, 5, 'h', 'e', 'l', 'l', 'o') // end, 5 bytes
	sec = append(sec, 1, 3, 'x', 'y', 'z')              // passive, 3 bytes
	m := growModule()
	m = append(m, sectionData, byte(len(sec)))
	return append(m, sec...)
}

func appendSleb32(b []byte, v int32) []byte {
	for {
		c := byte(v & 0x7f)
		v >>= 7
		if (v == 0 && c&0x40 == 0) || (v == -1 && c&0x40 != 0) {
			return append(b, c)
		}
		b = append(b, c|0x80)
	}
}

func TestSplitData(t *testing.T) {
	t.Parallel()
	wasm := dataModule(70000)
	out, segs, ok := splitData(wasm)
	if !ok || len(segs) != 1 || segs[0].offset != 70000 || string(segs[0].data) != "hello" {
		t.Fatalf("split: ok %v, segments %+v", ok, segs)
	}
	if !bytes.HasSuffix(out, []byte{sectionData, 6, 1, 1, 3, 'x', 'y', 'z'}) {
		t.Errorf("the module keeps %d of %d bytes, or lost its passive segment", len(out), len(wasm))
	}
	for _, bad := range [][]byte{growModule(), nil, wasm[:len(wasm)-2], []byte("\x00asm\x01\x00\x00\x00\x0b\x05\x01\x00\x23\x00\x0b")} {
		if got, _, ok := splitData(bad); ok || !bytes.Equal(got, bad) {
			t.Errorf("splitData(%x) = ok %v: want the module unchanged", bad, ok)
		}
	}
}

// A module whose data segments Compile took out still gets them, unless an
// image replaces its memory.
func TestRuntimeWritesData(t *testing.T) {
	t.Parallel()
	r := newTestRuntime(t)
	ctx := context.Background()
	c, err := r.Compile(ctx, dataModule(65534))
	if err != nil {
		t.Fatal(err)
	}
	if len(r.data[c]) != 1 {
		t.Fatalf("the compiled module's segments: %v", r.data[c])
	}
	// "hello" at 65534 crosses the end of the one page
	if _, err := r.Instantiate(ctx, c, InstanceConfig{}); err == nil || !strings.Contains(err.Error(), "out of bounds") {
		t.Fatalf("a segment out of bounds: %v", err)
	}
	c, err = r.Compile(ctx, dataModule(100))
	if err != nil {
		t.Fatal(err)
	}
	m, err := r.Instantiate(ctx, c, InstanceConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer m.Close(ctx)
	if got, _ := m.Memory().Read(100, 5); string(got) != "hello" {
		t.Fatalf("the data segment reads %q", got)
	}
	m.Memory().Write(100, []byte("HELLO"))
	img, err := NewImage(m)
	if err != nil {
		t.Fatal(err)
	}
	defer img.Close()
	from, err := r.Instantiate(ctx, c, InstanceConfig{Image: img})
	if err != nil {
		t.Fatal(err)
	}
	defer from.Close(ctx)
	if got, _ := from.Memory().Read(100, 5); string(got) != "HELLO" {
		t.Fatalf("an instance from the image reads %q, want the image's bytes", got)
	}
	// only the image's non-zero pages are mapped; the rest reads as zeros
	if img.lo != 0 || img.hi == 0 || img.hi >= img.Size() {
		t.Errorf("mapped [%d, %d) of a %d-byte image with bytes only at 100", img.lo, img.hi, img.Size())
	}
	if got, _ := from.Memory().Read(uint32(img.Size())-8, 8); !bytes.Equal(got, make([]byte, 8)) {
		t.Errorf("the image's zero tail reads %x", got)
	}
}

func FuzzSplitData(f *testing.F) {
	f.Add(dataModule(100))
	f.Add(growModule())
	f.Fuzz(func(t *testing.T, wasm []byte) {
		out, segs, ok := splitData(wasm)
		if !ok {
			if !bytes.Equal(out, wasm) {
				t.Fatal("a module splitData cannot split was changed")
			}
			return
		}
		n := 0
		for _, s := range segs {
			n += len(s.data)
		}
		if len(out) > len(wasm)-n+10 { // the section's size may take more bytes
			t.Fatalf("split output %d bytes from %d with %d bytes of data", len(out), len(wasm), n)
		}
	})
}

// A module whose memory.init names a passive segment that splitting would
// renumber is compiled as it is, and still works.
func TestSplitDataFallsBack(t *testing.T) {
	t.Parallel()
	sec := func(id byte, body ...byte) []byte { return append([]byte{id, byte(len(body))}, body...) }
	var m []byte
	m = append(m, 0, 'a', 's', 'm', 1, 0, 0, 0)
	m = append(m, sec(1, 1, 0x60, 0, 0)...) // type () -> ()
	m = append(m, sec(3, 1, 0)...)          // one function
	m = append(m, sec(5, 1, 0, 1)...)       // memory 1
	m = append(m, sec(7, 2, 4, 'i', 'n', 'i', 't', 0, 0, 6, 'm', 'e', 'm', 'o', 'r', 'y', 2, 0)...)
	m = append(m, sec(12, 2)...)                                               // two data segments
	body := []byte{0, 0x41, 0xc8, 0x01, 0x41, 0, 0x41, 3, 0xfc, 8, 1, 0, 0x0b} // memory.init 1 (200, 0, 3)
	m = append(m, sec(10, append([]byte{1, byte(len(body))}, body...)...)...)
	m = append(m, sec(11, 2, 0, 0x41, 60, 0x0b, 5, 'h', 'e', 'l', 'l', 'o', 1, 3, 'x', 'y', 'z')...)

	if _, segs, ok := splitData(m); !ok || len(segs) != 1 {
		t.Fatalf("split: %v %v", ok, segs)
	}
	r := newTestRuntime(t)
	ctx := context.Background()
	c, err := r.Compile(ctx, m)
	if err != nil {
		t.Fatal(err)
	}
	if _, split := r.data[c]; split {
		t.Error("the module was compiled split though that made it invalid")
	}
	inst, err := r.Instantiate(ctx, c, InstanceConfig{})
	if err != nil {
		t.Fatal(err)
	}
	defer inst.Close(ctx)
	if _, err := inst.ExportedFunction("init").Call(ctx); err != nil {
		t.Fatal(err)
	}
	a, _ := inst.Memory().Read(60, 5)
	b, _ := inst.Memory().Read(200, 3)
	if string(a) != "hello" || string(b) != "xyz" {
		t.Errorf("memory reads %q and %q", a, b)
	}
}

func TestNonZeroPages(t *testing.T) {
	t.Parallel()
	data := make([]byte, 5*4096)
	if lo, hi := nonZeroPages(data, 4096); lo != hi {
		t.Errorf("all zeros: [%d, %d)", lo, hi)
	}
	data[4096+7], data[3*4096] = 1, 2
	if lo, hi := nonZeroPages(data, 4096); lo != 4096 || hi != 4*4096 {
		t.Errorf("bytes in pages 1 and 3: [%d, %d), want [4096, 16384)", lo, hi)
	}
	data[len(data)-1] = 3
	if _, hi := nonZeroPages(data, 4096); hi != uint64(len(data)) {
		t.Errorf("a byte at the end: hi %d", hi)
	}
}
