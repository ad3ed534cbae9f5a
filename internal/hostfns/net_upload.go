package hostfns

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/corets/corets-wasm/internal/jsengine"
)

// Streamed request bodies, for fetch with a ReadableStream body:
// "core.fetch.upload" makes a pipe and returns its id; fetch.open sends the
// pipe as the request's body (chunked), and "core.fetch.write" writes the
// stream's chunks into it one at a time, each resolving once the transport
// has taken it (so the guest's stream is read no faster than the network
// sends), then ends or aborts it. A write waits no longer than its call's
// deadline and holds its chunk against the module's buffer budget. A pipe
// is closed when the request ends, when it is not used, and when the
// module closes; at most maxOpenBodies are open at once.

type upload struct {
	pr    *io.PipeReader
	pw    *io.PipeWriter
	taken bool
}

// uploadTable is a module's request bodies being sent.
type uploadTable struct{ handleTable[*upload] }

// take gives a pipe to the request that sends it, once.
func (t *uploadTable) take(id uint32) *upload {
	t.mu.Lock()
	defer t.mu.Unlock()
	u := t.open[id]
	if u == nil || u.taken {
		return nil
	}
	u.taken = true
	return u
}

func (t *uploadTable) free(id uint32, err error) {
	if u := t.remove(id); u != nil {
		u.pr.CloseWithError(err)
		u.pw.CloseWithError(err)
	}
}

func (t *uploadTable) closeAll() {
	for _, u := range t.drain() {
		u.pr.CloseWithError(errRequestEnded)
		u.pw.CloseWithError(errRequestEnded)
	}
}

var errRequestEnded = errors.New("the request ended")

func fetchUpload(_ context.Context, m *Module, _ *jsengine.Caller, _ []byte) ([]byte, error) {
	if m.life.Err() != nil {
		return nil, errors.New("fetch: the module is unloading")
	}
	pr, pw := io.Pipe()
	id, ok := m.uploads.add(&upload{pr: pr, pw: pw})
	if !ok {
		return nil, &jsError{name: "QuotaExceeded", err: ErrQuota, msg: fmt.Sprintf("net: more than %d request bodies being sent at once", maxOpenBodies)}
	}
	return binary.LittleEndian.AppendUint32(nil, id), nil
}

// fetchWrite's argument is a flag (0 a chunk, 1 the end, 2 an abort), the
// pipe's id and the chunk.
func fetchWrite(ctx context.Context, m *Module, _ *jsengine.Caller, arg []byte) ([]byte, error) {
	if len(arg) < 5 {
		return nil, errors.New("malformed fetch write")
	}
	id := binary.LittleEndian.Uint32(arg[1:5])
	u := m.uploads.get(id)
	if u == nil {
		return nil, &jsError{name: "TypeError", msg: "fetch: the request body's request ended"}
	}
	switch arg[0] {
	case 1:
		u.pw.Close()
		return nil, nil
	case 2:
		m.uploads.free(id, errors.New("the request body's stream failed"))
		return nil, nil
	}
	data := arg[5:] // the async call's own copy
	if n := int64(len(data)); n > 0 {
		if !m.hold(n) {
			m.uploads.free(id, errRequestEnded)
			return nil, quotaError("net", fmt.Sprintf("a request body chunk (%d bytes) would pass the %d bytes the host buffers for this module's fetches at once", n, m.fetchBuffer()), "limits.memory")
		}
		defer m.unhold(n)
	}
	stop := context.AfterFunc(ctx, func() { m.uploads.free(id, context.DeadlineExceeded) })
	defer stop()
	if _, err := u.pw.Write(data); err != nil {
		if ctx.Err() != nil {
			return nil, &jsError{name: "TimeoutError", err: ctx.Err(), msg: "fetch: sending the request body: the call's deadline passed"}
		}
		return nil, &jsError{name: "TypeError", err: err, msg: "fetch: the request body's request ended"}
	}
	return nil, nil
}

// takeUpload attaches the pipe r names to req as its body; the pipe is
// closed when reqCtx ends.
func (m *Module) takeUpload(reqCtx context.Context, id uint32, req *http.Request) error {
	u := m.uploads.take(id)
	if u == nil {
		return typeError("fetch: no request body %d to send", id)
	}
	if req.Method == http.MethodGet || req.Method == http.MethodHead {
		m.uploads.free(id, errRequestEnded)
		return typeError("fetch %q: a %s request cannot have a body", req.URL.String(), req.Method)
	}
	req.Body, req.ContentLength, req.GetBody = u.pr, -1, nil
	context.AfterFunc(reqCtx, func() { m.uploads.free(id, errRequestEnded) })
	return nil
}
