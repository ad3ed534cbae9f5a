package hostfns

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// Streamed fetch bodies, for core.js's fetch: "core.fetch.open" makes the
// request and returns the head and, unless the body is small and of known
// length (then it follows the head, as core.fetch's does), the id of the
// body, left open with the host; "core.fetch.read" reads its next chunk,
// only when the guest asks (its ReadableStream pulls), so a large or endless
// response is read incrementally; "core.fetch.cancel" closes it and its
// connection.
//
// Every guarantee of core.fetch holds: the same checks (newRequest), the
// call's deadline over the request until its head arrives and over each
// read, limits.fetch_bytes over each response's whole body, the module's
// buffer budget over every chunk until the guest takes it. Besides, at most
// maxOpenBodies bodies are open per module; a body ends (and frees its
// slot) at its end, on an error, when cancelled, and when the module
// closes. A ReadableStream request body streams too (net_upload.go).

const (
	maxOpenBodies = 128
	// bodyChunk is the most one read returns; the first reply carries a
	// body of known length up to this size whole.
	bodyChunk = 64 << 10
)

type openBody struct {
	mu     sync.Mutex // one read at a time
	resp   *http.Response
	cancel context.CancelFunc
	url    string
	read   int64
}

func (b *openBody) close() {
	b.cancel()
	b.resp.Body.Close()
}

// bodyTable is a module's open bodies.
type bodyTable struct{ handleTable[*openBody] }

func (t *bodyTable) free(id uint32) {
	if b := t.remove(id); b != nil {
		b.close()
	}
}

func (t *bodyTable) closeAll() {
	for _, b := range t.drain() {
		b.close()
	}
}

func fetchOpen(ctx context.Context, m *Module, c *jsengine.Caller, arg []byte) ([]byte, error) {
	var r fetchReq
	body, err := unframe(arg, &r)
	if err != nil {
		return nil, err
	}
	out, err := m.fetchOpen(ctx, m.requestCounter(c), r, body)
	m.audit("net", r.URL, err)
	return out, err
}

// ctxErr prefers the call's own end (its deadline) to the error it caused.
func ctxErr(ctx context.Context, err error) error {
	if e := ctx.Err(); e != nil {
		return e
	}
	return err
}

// fetchOpen makes the request. Its context is the module's life, not the
// call's: the body outlives the call. The call's deadline cancels it until
// the head is in, and each read's deadline after that.
func (m *Module) fetchOpen(ctx context.Context, count func() error, r fetchReq, body []byte) ([]byte, error) {
	reqCtx, cancel := context.WithCancel(m.life)
	stop := context.AfterFunc(ctx, cancel)
	req, client, redirected, unhold, err := m.newRequest(reqCtx, count, r, body)
	if err == nil && r.Upload != 0 {
		err = m.takeUpload(reqCtx, r.Upload, req)
	}
	if err != nil {
		if r.Upload != 0 {
			m.uploads.free(r.Upload, errRequestEnded)
		}
		stop()
		cancel()
		return nil, err
	}
	resp, err := client.Do(req)
	unhold()
	if !stop() { // the call ended while the request ran
		if err == nil {
			resp.Body.Close()
		}
		cancel()
		return nil, fetchError(r.URL, ctxErr(ctx, err))
	}
	if err != nil {
		cancel()
		return nil, fetchError(r.URL, err)
	}
	if resp.ContentLength > m.limits.FetchBytes {
		resp.Body.Close()
		cancel()
		return nil, quotaError("net", fmt.Sprintf("the response from %q is larger than %d bytes", r.URL, m.limits.FetchBytes), "limits.fetch_bytes")
	}
	if resp.ContentLength >= 0 && resp.ContentLength <= bodyChunk || req.Method == http.MethodHead {
		// small and whole: read now, under the call's deadline, and
		// leave nothing open
		defer cancel()
		defer context.AfterFunc(ctx, cancel)()
		defer resp.Body.Close()
		head, err := replyHead(resp, *redirected, 0)
		if err != nil {
			return nil, err
		}
		out, err := m.readReply(r.URL, head, resp.Body, resp.ContentLength)
		if err != nil && ctx.Err() != nil {
			err = fetchError(r.URL, ctx.Err())
		}
		return out, err
	}
	b := &openBody{resp: resp, cancel: cancel, url: r.URL}
	id, ok := m.bodies.add(b)
	if !ok {
		b.close()
		return nil, &jsError{name: "QuotaExceeded", err: ErrQuota, msg: fmt.Sprintf("net: more than %d response bodies open at once (read them to the end, or cancel them with response.body.cancel())", maxOpenBodies)}
	}
	head, err := replyHead(resp, *redirected, id)
	if err == nil {
		var out []byte
		if out, err = m.readReply(r.URL, head, http.NoBody, 0); err == nil {
			return out, nil
		}
	}
	m.bodies.free(id)
	return nil, err
}

// errBodyClosed is a read of a body that ended, failed or was cancelled.
var errBodyClosed = &jsError{name: "TypeError", msg: "fetch: the response body is closed"}

// fetchRead returns a status byte (0: more may follow, 1: the end) and the
// next bytes of an open body, at most bodyChunk of them.
func fetchRead(ctx context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	if len(arg) != 4 {
		return nil, errors.New("malformed fetch read")
	}
	id := binary.LittleEndian.Uint32(arg)
	b := m.bodies.get(id)
	if b == nil {
		return nil, errBodyClosed
	}
	if !b.mu.TryLock() {
		return nil, &jsError{name: "TypeError", msg: "fetch: the response body is being read"}
	}
	defer b.mu.Unlock()
	stop := context.AfterFunc(ctx, b.cancel)
	defer stop()
	size := int64(bodyChunk)
	if !m.hold(1 + size) {
		m.bodies.free(id)
		return nil, m.overBudget(b.url)
	}
	out := make([]byte, 1, 1+size)
	n, err := b.resp.Body.Read(out[1 : 1+size])
	out = out[:1+n]
	b.read += int64(n)
	if b.read > m.limits.FetchBytes {
		m.unhold(1 + size)
		m.bodies.free(id)
		return nil, quotaError("net", fmt.Sprintf("the response from %q is larger than %d bytes", b.url, m.limits.FetchBytes), "limits.fetch_bytes")
	}
	switch {
	case err == io.EOF:
		out[0] = 1
		m.bodies.free(id)
	case err != nil:
		m.unhold(1 + size)
		m.bodies.free(id)
		return nil, fetchError(b.url, ctxErr(ctx, err))
	}
	return out, nil
}

// fetchReadAll reads the rest of an open body into one reply (an empty
// head, then the bytes), as core.fetch reads a whole body: for text(),
// json(), arrayBuffer() and the like on a body nobody read yet. The body
// is closed after.
func fetchReadAll(ctx context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	if len(arg) != 4 {
		return nil, errors.New("malformed fetch read")
	}
	id := binary.LittleEndian.Uint32(arg)
	b := m.bodies.get(id)
	if b == nil {
		return nil, errBodyClosed
	}
	if !b.mu.TryLock() {
		return nil, &jsError{name: "TypeError", msg: "fetch: the response body is being read"}
	}
	defer b.mu.Unlock()
	defer m.bodies.free(id)
	stop := context.AfterFunc(ctx, b.cancel)
	defer stop()
	out, err := m.readReplyUpTo(b.url, []byte("{}"), b.resp.Body, -1, m.limits.FetchBytes-b.read)
	if err != nil && ctx.Err() != nil {
		err = fetchError(b.url, ctx.Err())
	}
	return out, err
}

// fetchCancel closes an open body and its connection.
func fetchCancel(_ context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	if len(arg) != 4 {
		return nil, errors.New("malformed fetch cancel")
	}
	m.bodies.free(binary.LittleEndian.Uint32(arg))
	return nil, nil
}
