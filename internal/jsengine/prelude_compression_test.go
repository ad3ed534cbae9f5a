package jsengine

import (
	"bytes"
	"compress/flate"
	"compress/gzip"
	"compress/zlib"
	"context"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strings"
	"testing"
	"time"
)

// prelude/72-compression.js and zstream.go: CompressionStream and
// DecompressionStream (testdata/node/compression.js compares them with node).
func TestPreludeCompression(t *testing.T) {
	const collect = `const collect = async (rs) => { const out = []; for await (const c of rs) out.push(...c); return out; };`
	runPreludeCases(t, []preludeCase{
		{name: "round trip", code: collect + `(async () => {
			const packed = ReadableStream.from(["hello ", "world"]).pipeThrough(new CompressionStream("gzip"));
			return new TextDecoder().decode(new Uint8Array(await collect(packed.pipeThrough(new DecompressionStream("gzip")))));
		})()`, want: `"hello world"`},
		{name: "bad format", code: `try { new CompressionStream("zip") } catch (e) { [e.name, e.code] }`, want: `["TypeError","ERR_INVALID_ARG_VALUE"]`},
		{name: "corrupt", code: collect + `(async () => {
			try { await collect(ReadableStream.from([new Uint8Array([1, 2, 3])]).pipeThrough(new DecompressionStream("deflate"))); } catch (e) { return [e.name, e.code, e.errno, e.message]; }
		})()`, want: `["Error","Z_DATA_ERROR",-3,"incorrect header check"]`},
	})
}

// zeroBomb is raw deflate that inflates to n MiB of zeros, as a script
// that builds it in the guest. Deflate's best ratio is about 1032:1, so
// 1 GiB takes about 1 MiB (a 1 KiB input cannot pass about 1 MiB of output).
// One MiB is compressed once; the compressor's sync-flushed segments of the
// steady state are byte-aligned and all alike, so the rest is that segment
// repeated.
func zeroBomb(t testing.TB, n int) (script string, size int) {
	t.Helper()
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.BestCompression)
	zeros := make([]byte, 1<<20)
	var segs [][]byte
	for range 3 {
		w.Write(zeros)
		w.Flush()
		segs = append(segs, bytes.Clone(buf.Bytes()))
		buf.Reset()
	}
	if !bytes.Equal(segs[1], segs[2]) {
		t.Fatal("the compressor's segments differ; cannot build the bomb")
	}
	w.Close()
	b64 := base64.StdEncoding.EncodeToString
	size = len(segs[0]) + (n-1)*len(segs[1]) + buf.Len()
	return fmt.Sprintf(`const bomb = (() => {
		const b = (s) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
		const first = b(%q), seg = b(%q), tail = b(%q);
		const out = new Uint8Array(%d);
		out.set(first);
		let o = first.length;
		for (let i = 1; i < %d; i++) { out.set(seg, o); o += seg.length; }
		out.set(tail, o);
		return out;
	})();`, b64(segs[0]), b64(segs[1]), b64(buf.Bytes()), size, n), size
}

func TestDecompressionBomb(t *testing.T) {
	src, size := zeroBomb(t, 1024) // 1 GiB of output
	if size > 2<<20 {
		t.Fatalf("bomb is %d bytes", size)
	}
	t.Run("streamed", func(t *testing.T) {
		in, _ := newInstance(t, InstanceConfig{}, "")
		got := eval(t, in, src+`(async () => {
			let n = 0;
			try {
				for await (const c of ReadableStream.from([bomb]).pipeThrough(new DecompressionStream("deflate-raw"))) n += c.length;
			} catch (e) { return [e.name, e.code, n <= 64 * 1024 * 1024, n > 60 * 1024 * 1024, e.message]; }
			return n;
		})()`)
		if !strings.HasPrefix(got, `["RangeError","ERR_BUFFER_TOO_LARGE",true,true,"DecompressionStream: the output passed 67108864 bytes`) {
			t.Fatalf("got %s", got)
		}
		if n := in.zs.count(); n != 0 {
			t.Fatalf("%d streams left", n)
		}
	})
	t.Run("buffered", func(t *testing.T) {
		// a guest that keeps every chunk runs out of its own memory first,
		// or meets the cap: either way a clear error, and the host is fine
		in, _ := newInstance(t, InstanceConfig{}, "")
		_, err := in.Eval(context.Background(), src+`(async () => {
			const all = [];
			try {
				for await (const c of ReadableStream.from([bomb]).pipeThrough(new DecompressionStream("deflate-raw"))) all.push(c);
			} catch (e) { return e.code; }
			return all.length;
		})()`)
		var le *LimitError
		if err != nil && !errors.As(err, &le) {
			t.Fatalf("got %v", err)
		}
	})
}

// Host state goes when a stream ends, errors, is cancelled or aborted, and
// all of it (with the decompressors' goroutines) when the instance closes.
func TestCompressionStreamsFreed(t *testing.T) {
	before := runtime.NumGoroutine()
	in, _ := newInstance(t, InstanceConfig{}, "")
	count := func(want int) {
		t.Helper()
		if n := in.zs.count(); n != want {
			t.Fatalf("%d live streams, want %d", n, want)
		}
	}
	eval(t, in, `globalThis.gz = new Uint8Array([31, 139, 8, 0, 0, 0, 0, 0, 0, 3, 203, 72, 205, 201, 201, 7, 0, 134, 166, 16, 54, 5, 0, 0, 0]);
		globalThis.drain = async (s, chunks) => { const w = s.writable.getWriter(); for (const c of chunks) w.write(c).catch(() => {}); w.close().catch(() => {}); const out = []; try { for await (const c of s.readable) out.push(...c); } catch (e) { return e.code; } return out.length; };`)
	count(0)
	eval(t, in, `new CompressionStream("gzip"); new DecompressionStream("gzip"); 1`) // unused: nothing host-side
	count(0)
	if got := eval(t, in, `drain(new DecompressionStream("gzip"), [gz])`); got != "5" {
		t.Fatalf("got %s", got)
	}
	count(0)
	if got := eval(t, in, `drain(new DecompressionStream("gzip"), [gz.subarray(0, 12)])`); got != `"Z_BUF_ERROR"` {
		t.Fatalf("got %s", got)
	}
	count(0)
	eval(t, in, `(async () => { const d = new DecompressionStream("gzip"); await d.writable.getWriter().write(gz.subarray(0, 12)); globalThis.held = d; })()`)
	count(1)
	eval(t, in, `held.readable.cancel("no")`)
	count(0)
	eval(t, in, `(async () => { const d = new CompressionStream("deflate"); const w = d.writable.getWriter(); await w.write("abc"); globalThis.held = w; })()`)
	count(1)
	eval(t, in, `held.abort("no")`)
	count(0)
	// dropped unfinished: the engine's next cycle collection gives it back
	eval(t, in, `(async () => { for (let i = 0; i < 4; i++) await new CompressionStream("gzip").writable.getWriter().write("x"); })()`)
	count(4)
	eval(t, in, `(async () => { let a = []; for (let i = 0; i < 300000; i++) a.push({ i }); a = null; await new Promise((r) => setTimeout(r, 1)); })()`)
	count(0)
	// left open, then the instance closes
	eval(t, in, `(async () => { globalThis.open = []; for (let i = 0; i < 8; i++) { const d = new DecompressionStream("gzip"); await d.writable.getWriter().write(gz.subarray(0, 12)); open.push(d); } })()`)
	count(8)
	in.Close()
	count(0)
	deadline := time.Now().Add(5 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Fatalf("%d goroutines after close, %d before", n, before)
	}
}

func TestCompressionStreamLimit(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	got := eval(t, in, `(async () => {
		const open = [];
		try {
			for (let i = 0; i < 40; i++) { const c = new CompressionStream("gzip"); await c.writable.getWriter().write("x"); open.push(c); }
		} catch (e) { return [open.length, e.name, e.message]; }
	})()`)
	if !strings.HasPrefix(got, `[32,"RangeError","too many open compression streams (limit 32)`) {
		t.Fatalf("got %s", got)
	}
	// closing one makes room
	got = eval(t, in, `(async () => { const c = new CompressionStream("gzip"); try { await c.writable.getWriter().write("x"); } catch (e) { return e.name; } })()`)
	if got != `"RangeError"` {
		t.Fatalf("got %s", got)
	}
}

// Forged and out-of-order host calls fail cleanly: no panic, no wait.
func TestZStreamHostile(t *testing.T) {
	in, _ := newInstance(t, InstanceConfig{}, "")
	call := func(ctx context.Context, op byte, id uint32, payload ...byte) ([]byte, error) {
		arg := binary.LittleEndian.AppendUint32([]byte{op}, id)
		return zstreamFunc(ctx, &in.caller, append(arg, payload...))
	}
	ctx := context.Background()
	for _, arg := range [][]byte{nil, {'n'}, {'n', 0, 0, 0, 0}, {'n', 0, 0, 0, 0, 'x', 'g'}, {'n', 0, 0, 0, 0, 'd', 'q'}, {'n', 0, 0, 0, 0, 'c', 'g', 1}} {
		if _, err := zstreamFunc(ctx, &in.caller, arg); err == nil {
			t.Errorf("%q: no error", arg)
		}
	}
	for _, op := range []byte{'w', 'm', 'e', 'q'} {
		if _, err := call(ctx, op, 99); err == nil {
			t.Errorf("%c on no stream: no error", op)
		}
	}
	newID := func(mode, format byte) uint32 {
		r, err := call(ctx, 'n', 0, mode, format)
		if err != nil {
			t.Fatal(err)
		}
		return binary.LittleEndian.Uint32(r)
	}
	d := newID('d', 'g')
	if _, err := call(ctx, 'm', d); err == nil { // nothing pending
		t.Error("more before any output: no error")
	}
	d = newID('d', 'r')
	if _, err := call(ctx, 'e', d); err == nil || !strings.Contains(err.Error(), "unexpected end") {
		t.Errorf("end of empty input: %v", err)
	}
	if _, err := call(ctx, 'w', d, 1); err == nil { // freed by its error
		t.Error("write after error: no error")
	}
	c := newID('c', 'z')
	if _, err := call(ctx, 'e', c); err != nil {
		t.Fatal(err)
	}
	if _, err := call(ctx, 'w', c, 1); err == nil {
		t.Error("write after end: no error")
	}
	// a passed deadline ends the work and frees the stream
	done, cancel := context.WithCancel(ctx)
	cancel()
	c = newID('c', 'g')
	if _, err := call(done, 'w', c, make([]byte, 1<<20)...); err == nil {
		t.Error("compress after the deadline: no error")
	}
	d = newID('d', 'g')
	if _, err := call(done, 'w', d, 31); err == nil {
		t.Error("decompress after the deadline: no error")
	}
	call(ctx, 'f', 1)
	call(ctx, 'f', 1) // twice, or of a stream an error freed, is fine
	if n := in.zs.count(); n != 0 {
		t.Fatalf("%d live streams", n)
	}
}

// FuzzDecompressor feeds arbitrary input, cut into arbitrary chunks, to a
// decompressor as the guest would: it must end (no deadlock), never pass
// its output cap, and agree with Go's one-shot decoding of the same bytes.
func FuzzDecompressor(f *testing.F) {
	var gz, zl, raw bytes.Buffer
	for _, w := range []interface {
		Write([]byte) (int, error)
		Close() error
	}{gzip.NewWriter(&gz), zlib.NewWriter(&zl)} {
		w.Write([]byte(strings.Repeat("hello fuzz ", 50)))
		w.Close()
	}
	fw, _ := flate.NewWriter(&raw, flate.BestSpeed)
	fw.Write([]byte(strings.Repeat("abc", 3000)))
	fw.Close()
	f.Add(byte('g'), gz.Bytes(), uint16(7))
	f.Add(byte('z'), zl.Bytes(), uint16(1))
	f.Add(byte('r'), raw.Bytes(), uint16(100))
	f.Add(byte('g'), append(bytes.Clone(gz.Bytes()), gz.Bytes()...), uint16(3))
	f.Add(byte('r'), []byte{}, uint16(0))
	f.Fuzz(func(t *testing.T, format byte, in []byte, cut uint16) {
		format = "gzr"[int(format)%3]
		const limit = 1 << 20
		z := newDecompressor(format, limit)
		defer z.close()
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		step := int(cut)%64 + 1
		var out []byte
		var err error
		take := func(st byte, o []byte, e error) byte {
			out = append(out, o...)
			err = e
			for e == nil && st == zstrMore {
				st, o, e = z.more(ctx)
				out = append(out, o...)
				err = e
			}
			return st
		}
		st := zstrNeed
		for i := 0; i < len(in) && err == nil && st == zstrNeed; i += step {
			st = take(z.write(ctx, in[i:min(i+step, len(in))]))
		}
		if err == nil && st == zstrNeed {
			take(z.end(ctx))
		}
		if errors.Is(err, errZStreamDeadline) {
			t.Fatalf("no end: %v", err)
		}
		if len(out) > limit {
			t.Fatalf("%d bytes out, cap %d", len(out), limit)
		}
		if format != 'r' || err != nil {
			return
		}
		want, werr := io.ReadAll(io.LimitReader(flate.NewReader(bytes.NewReader(in)), limit+1))
		if werr == nil && len(want) <= limit && !bytes.Equal(out, want) {
			t.Fatalf("streamed %d bytes, one-shot %d", len(out), len(want))
		}
	})
}
