package hostfns_test

import (
	"compress/gzip"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/jsengine"
)

// streamServer serves /endless (chunks until the client leaves), /slow
// (one chunk, then nothing until release), /small (known length) and
// /stall (headers, then nothing).
type streamServer struct {
	*httptest.Server
	gone    atomic.Int64 // /endless handlers that saw the client leave
	release chan struct{}
}

func newStreamServer(t *testing.T) *streamServer {
	s := &streamServer{release: make(chan struct{})}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f := w.(http.Flusher)
		switch r.URL.Path {
		case "/endless":
			chunk := []byte(strings.Repeat("e", 1000) + "\n")
			for {
				if _, err := w.Write(chunk); err != nil {
					s.gone.Add(1)
					return
				}
				f.Flush()
				select {
				case <-r.Context().Done():
					s.gone.Add(1)
					return
				default:
				}
			}
		case "/slow":
			w.Write([]byte("first"))
			f.Flush()
			select {
			case <-s.release:
				w.Write([]byte(" second"))
			case <-r.Context().Done():
			}
		case "/small":
			w.Header().Set("Content-Length", "5")
			w.Write([]byte("small"))
		case "/gz":
			zw := gzip.NewWriter(w)
			for i := range 2000 {
				fmt.Fprintf(zw, "line %d\n", i)
				if i%500 == 0 {
					zw.Flush()
					f.Flush()
				}
			}
			zw.Close()
		case "/upload":
			n, err := io.Copy(io.Discard, r.Body)
			fmt.Fprintf(w, "%d %v %q", n, err != nil, r.Header.Get("Transfer-Encoding")+strings.Join(r.TransferEncoding, ","))
		case "/stall":
			f.Flush()
			select {
			case <-s.release:
			case <-r.Context().Done():
			}
		}
	}))
	t.Cleanup(func() {
		close(s.release)
		s.Close()
	})
	return s
}

func streamModule(t *testing.T, s *streamServer, limits string) *testModule {
	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	// a generous deadline: 129 connections are slow under -race on a busy machine
	return e.module(fmt.Sprintf("code: streams\npermissions:\n  net: [\"%s\"]\n%s", strings.TrimPrefix(s.URL, "http://"), limits),
		func(c *jsengine.InstanceConfig) { c.Timeout = time.Minute })
}

// A response's body reaches the module as it arrives: the first chunk is
// read while the server still holds back the rest.
func TestFetchStreamsBody(t *testing.T) {
	t.Parallel()
	s := newStreamServer(t)
	m := streamModule(t, s, "")
	got := m.mustRun(fmt.Sprintf(`
		const r = await fetch("%s/slow");
		const reader = r.body.getReader();
		const { value } = await reader.read();
		globalThis.slow = reader;
		return [r.status, new TextDecoder().decode(value), r.bodyUsed]`, s.URL))
	if got != `[200,"first",true]` {
		t.Fatalf("got %s", got)
	}
	if n := m.mod.OpenBodies(); n != 1 {
		t.Fatalf("%d open bodies, want 1", n)
	}
	s.release <- struct{}{}
	got = m.mustRun(`let s = ""; for (;;) { const { value, done } = await slow.read(); if (done) break; s += new TextDecoder().decode(value); } return s`)
	if got != `" second"` {
		t.Fatalf("got %s", got)
	}
	if n := m.mod.OpenBodies(); n != 0 {
		t.Fatalf("%d open bodies after the end", n)
	}
	// a gzip body piped through a DecompressionStream as it arrives
	got = m.mustRun(fmt.Sprintf(`
		const r = await fetch("%s/gz");
		let text = "";
		for await (const s of r.body.pipeThrough(new DecompressionStream("gzip")).pipeThrough(new TextDecoderStream())) text += s;
		const lines = text.split("\n");
		return [lines.length, lines[0], lines[1999]]`, s.URL))
	if got != `[2001,"line 0","line 1999"]` {
		t.Fatalf("gzip body: %s", got)
	}
	// small bodies of known length come whole and hold nothing open
	if got := m.mustRun(fmt.Sprintf(`const r = await fetch("%s/small"); return [await r.text(), r.bodyUsed]`, s.URL)); got != `["small",true]` {
		t.Fatalf("got %s", got)
	}
	if got := m.mustRun(fmt.Sprintf(`const r = await fetch("%s/small"); let n = 0; for await (const c of r.body) n += c.length; return n`, s.URL)); got != `5` {
		t.Fatalf("got %s", got)
	}
}

// An endless response is read incrementally within limits.fetch_bytes;
// cancelling the body closes the connection; reading it whole, or past
// fetch_bytes, is QuotaExceeded.
func TestFetchEndlessBody(t *testing.T) {
	t.Parallel()
	s := newStreamServer(t)
	m := streamModule(t, s, "limits: {fetch_bytes: 100000}\n")
	got := m.mustRun(fmt.Sprintf(`
		const reader = (await fetch("%s/endless")).body.getReader();
		let n = 0, garbage;
		while (n < 50000) {
			n += (await reader.read()).value.length;
			// cycle collections while only the reader holds the body
			garbage = []; for (let i = 0; i < 20000; i++) garbage.push({ i });
		}
		await reader.cancel();
		return n >= 50000 && n < 100000`, s.URL))
	if got != `true` {
		t.Fatalf("got %s", got)
	}
	waitFor(t, "the server to see the client leave", func() bool { return s.gone.Load() == 1 })
	if n := m.mod.OpenBodies(); n != 0 {
		t.Fatalf("%d open bodies after cancel", n)
	}
	for _, read := range []string{
		`await r.text()`,
		`for await (const c of r.body) {}`,
		`await r.clone().arrayBuffer()`,
	} {
		_, err := m.run(fmt.Sprintf(`const r = await fetch("%s/endless"); %s`, s.URL, read))
		if err == nil || !strings.Contains(err.Error(), "QuotaExceeded: net: the response from") || !strings.Contains(err.Error(), "limits.fetch_bytes") {
			t.Fatalf("%s: %v", read, err)
		}
	}
	waitFor(t, "every endless response to end", func() bool { return s.gone.Load() == 4 })
	if n := m.mod.OpenBodies(); n != 0 {
		t.Fatalf("%d open bodies", n)
	}
}

// Bodies left open are bounded, freed when dropped, and all closed when
// the module closes; an abort after the response errors its body.
func TestFetchOpenBodiesBounded(t *testing.T) {
	t.Parallel()
	s := newStreamServer(t)
	m := streamModule(t, s, "limits: {fetch_requests: 1000}\n")
	got := m.mustRun(fmt.Sprintf(`
		globalThis.kept = [];
		try { for (let i = 0; i < 200; i++) kept.push(await fetch("%s/endless")); } catch (e) { return [kept.length, e.name, e.message]; }`, s.URL))
	if !strings.HasPrefix(got, `[128,"QuotaExceeded","net: more than 128 response bodies open at once`) {
		t.Fatalf("got %s", got)
	}
	// dropped responses are collected (at the engine's next cycle
	// collection, which garbage brings on) and their bodies closed
	m.mustRun(`kept = null; let a = []; for (let i = 0; i < 300000; i++) a.push({ i }); a = null; await new Promise((r) => setTimeout(r, 1));`)
	if n := m.mod.OpenBodies(); n != 0 {
		t.Fatalf("%d open bodies after the responses were dropped", n)
	}
	// 128 dropped and the refused 129th
	waitFor(t, "the server to see the dropped responses' clients leave", func() bool { return s.gone.Load() == 129 })

	got = m.mustRun(fmt.Sprintf(`
		const ac = new AbortController();
		const r = await fetch("%s/endless", { signal: ac.signal });
		const reader = r.body.getReader();
		await reader.read();
		ac.abort();
		try { for (;;) if ((await reader.read()).done) return "ended"; } catch (e) { return e.name; }`, s.URL))
	if got != `"AbortError"` {
		t.Fatalf("read after abort: %s", got)
	}
	// cancelled while a read waits on the server
	got = m.mustRun(fmt.Sprintf(`
		const reader = (await fetch("%s/stall")).body.getReader();
		const p = reader.read().then((r) => r.done, (e) => e.name);
		await new Promise((r) => setTimeout(r, 20));
		await reader.cancel();
		return await p`, s.URL))
	if got != `true` {
		t.Fatalf("read pending at cancel: %s", got)
	}
	waitFor(t, "the stalled body to close", func() bool { return m.mod.OpenBodies() == 0 })
	m.mustRun(fmt.Sprintf(`globalThis.left = [await fetch("%s/endless"), await fetch("%s/endless")]`, s.URL, s.URL))
	if n := m.mod.OpenBodies(); n != 2 {
		t.Fatalf("%d open bodies, want 2", n)
	}
	m.in.Close()
	m.mod.Close()
	if n := m.mod.OpenBodies(); n != 0 {
		t.Fatalf("%d open bodies after the module closed", n)
	}
	waitFor(t, "every connection to close", func() bool { return s.gone.Load() == 132 })
}

// A read waits no longer than its call's deadline, and the body is closed.
func TestFetchBodyReadDeadline(t *testing.T) {
	t.Parallel()
	s := newStreamServer(t)
	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	m := e.module(fmt.Sprintf("code: stall\npermissions:\n  net: [\"%s\"]\n", strings.TrimPrefix(s.URL, "http://")),
		func(c *jsengine.InstanceConfig) { c.Timeout = 500 * time.Millisecond })
	m.mustRun(fmt.Sprintf(`globalThis.r = await fetch("%s/stall")`, s.URL))
	ctx := context.Background()
	_, err := m.runCtx(ctx, `await r.text()`)
	if err == nil || !strings.Contains(err.Error(), "deadline") && !strings.Contains(err.Error(), "Timeout") {
		t.Fatalf("got %v", err)
	}
	waitFor(t, "the stalled body to close", func() bool { return m.mod.OpenBodies() == 0 })
}

func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A ReadableStream request body is sent as it is read: 48 MiB made chunk
// by chunk by a module of 16 MiB, which could never hold it whole.
func TestFetchStreamsRequestBody(t *testing.T) {
	t.Parallel()
	s := newStreamServer(t)
	e := newEnv(t, hostfns.Config{Resolver: loopbackResolver{}})
	m := e.module(fmt.Sprintf("code: upload\npermissions:\n  net: [\"%s\"]\nlimits: {memory: 16MiB}\n", strings.TrimPrefix(s.URL, "http://")),
		func(c *jsengine.InstanceConfig) { c.Timeout = time.Minute; c.MemoryLimit = 16 << 20 })
	got := m.mustRun(fmt.Sprintf(`
		let sent = 0;
		const body = new ReadableStream({ pull(c) { if (sent === 768) { c.close(); return; } sent++; c.enqueue(new Uint8Array(65536).fill(sent & 255)); } });
		const r = await fetch("%s/upload", { method: "POST", body, duplex: "half" });
		return [r.status, await r.text()]`, s.URL))
	if got != `[200,"50331648 false \"chunked\""]` {
		t.Fatalf("got %s", got)
	}
	// through a Request too
	got = m.mustRun(fmt.Sprintf(`
		const req = new Request("%s/upload", { method: "PUT", body: ReadableStream.from([new Uint8Array([1, 2]), new Uint8Array([3])]), duplex: "half" });
		const r = await fetch(req);
		return [await r.text(), req.bodyUsed]`, s.URL))
	if got != `["3 false \"chunked\"",true]` {
		t.Fatalf("got %s", got)
	}
	// a stream that fails aborts the request; other chunks are refused
	for _, c := range []struct{ body, want string }{
		{`new ReadableStream({ start(c) { c.enqueue(new Uint8Array(10)); c.error(new Error("broken")); } })`, "TypeError"},
		{`ReadableStream.from(["not bytes"])`, "TypeError"},
	} {
		_, err := m.run(fmt.Sprintf(`await (await fetch("%s/upload", { method: "POST", body: %s, duplex: "half" })).text()`, s.URL, c.body))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: %v", c.body, err)
		}
	}
	if _, err := m.run(fmt.Sprintf(`await fetch("%s/upload", { method: "POST", body: new ReadableStream() })`, s.URL)); err == nil || !strings.Contains(err.Error(), "duplex") {
		t.Errorf("no duplex: %v", err)
	}
	waitFor(t, "every upload pipe to close", func() bool { return m.mod.OpenUploads() == 0 })
	// a body that never ends holds its pipe until the module closes
	m.mustRun(fmt.Sprintf(`globalThis.pending = fetch("%s/upload", { method: "POST", body: new ReadableStream(), duplex: "half" }).catch(() => {})`, s.URL))
	if n := m.mod.OpenUploads(); n != 1 {
		t.Fatalf("%d open uploads, want 1", n)
	}
	m.in.Close()
	m.mod.Close()
	if n := m.mod.OpenUploads(); n != 0 {
		t.Fatalf("%d open uploads after close", n)
	}
}
