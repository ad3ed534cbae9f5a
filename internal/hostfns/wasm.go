package hostfns

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
)

// This file is the host functions' side of wasm plugins, without the
// engine: requests and answers are JSON bytes. The Extism adapter
// (modules/wasmplugin) moves them in and out of guest memory; this package
// must not import Extism, so a program without wasm plugins does not link
// it.

// WasmNamespace is the import module under which a wasm (Extism) module
// finds our host functions, e.g. (import "corets" "file_read" ...).
const WasmNamespace = "corets"

// WasmFuncs are the names of the host functions a wasm module can import
// from WasmNamespace. Each takes the offset of an Extism memory block
// holding a JSON request and returns the offset of a block holding the JSON
// answer (see Serve), or 0 when the answer could not be allocated.
var WasmFuncs = []string{
	"file_read", "file_write", "file_list", "file_stat", "file_delete", "file_mkdir",
	"store_get", "store_set", "store_delete", "store_list", "store_cas",
	"fetch", "process_start", "process_wait", "process_stop",
	"log",
}

// MaxWasmRequest bounds one request a wasm module sends; it is copied
// out of guest memory before anything looks at it.
const MaxWasmRequest = 64 << 20

// wasmReq is every field any wasm request uses.
type wasmReq struct {
	// fetch
	URL      string      `json:"url"`
	Method   string      `json:"method"`
	Headers  [][2]string `json:"headers"`
	Body     *string     `json:"body"`
	Redirect string      `json:"redirect"`
	// process_wait, process_stop
	ID json.RawMessage `json:"id"`

	Path  string          `json:"path"`
	Data  *string         `json:"data"`
	Level string          `json:"level"`
	Text  string          `json:"text"`
	Value json.RawMessage `json:"value"`
}

// Serve answers one request from a wasm module bound to m. fn is one of
// WasmFuncs and req its JSON request. The answer is JSON, always:
//
//	{"ok": <result>}
//	{"error": {"name": "PermissionDenied", "message": "read \"./secret\" is not granted (...)"}}
//
// It runs the same handlers as a TypeScript module's `core`, with the
// identity of m (the host's binding, never a value from the guest), so
// grants, refusals and their texts are the same for both kinds of module.
func (m *Module) Serve(ctx context.Context, fn string, req []byte) []byte {
	out, err := m.serve(ctx, fn, req)
	if err != nil {
		return ErrorAnswer(err)
	}
	if len(out) == 0 {
		out = []byte("null")
	}
	return append(append([]byte(`{"ok":`), out...), '}')
}

func (m *Module) serve(ctx context.Context, fn string, req []byte) ([]byte, error) {
	var r wasmReq
	if err := json.Unmarshal(req, &r); err != nil {
		return nil, typeError("%s: malformed request: %v", fn, err)
	}
	// Text results travel as JSON strings, as core.fileRead gives them.
	asString := func(b []byte, err error) ([]byte, error) {
		if err != nil || b == nil {
			return b, err
		}
		return json.Marshal(string(b))
	}
	switch fn {
	case "file_read":
		return asString(fileRead(ctx, m, nil, []byte(r.Path)))
	case "file_write":
		if r.Data == nil {
			return nil, typeError("file_write needs data (a string)")
		}
		arg, err := frame(struct {
			Path string `json:"path"`
		}{r.Path}, []byte(*r.Data))
		if err != nil {
			return nil, err
		}
		return fileWrite(ctx, m, nil, arg)
	case "file_list":
		return fileList(ctx, m, nil, []byte(r.Path))
	case "file_stat":
		return fileStat(ctx, m, nil, []byte(r.Path))
	case "file_delete":
		return fileDelete(ctx, m, nil, []byte(r.Path))
	case "file_mkdir":
		return fileMkdir(ctx, m, nil, []byte(r.Path))
	case "store_get":
		return storeGet(ctx, m, nil, req)
	case "store_set":
		return storeSet(ctx, m, nil, req)
	case "store_delete":
		return storeDelete(ctx, m, nil, req)
	case "store_list":
		return storeList(ctx, m, nil, req)
	case "store_cas":
		return storeCAS(ctx, m, nil, req)
	case "fetch":
		return m.wasmFetch(ctx, r)
	case "process_start":
		return processStart(ctx, m, nil, req)
	case "process_wait":
		return processWait(ctx, m, nil, r.ID)
	case "process_stop":
		return processStop(ctx, m, nil, r.ID)
	case "log":
		switch r.Level {
		case "", "log", "info", "debug", "warn", "error":
		default:
			return nil, typeError("log: unknown level %q (use log, info, debug, warn or error)", r.Level)
		}
		level := r.Level
		if level == "" {
			level = "log"
		}
		m.Output(level, r.Text)
		return nil, nil
	}
	return nil, typeError("%q is not a corets host function", fn)
}

// runKey carries the number of a wasm module's call, which per-call
// budgets (requests per call) count against.
type runKey struct{}

// WithRun marks ctx as belonging to call number run of a wasm module.
func WithRun(ctx context.Context, run uint64) context.Context {
	return context.WithValue(ctx, runKey{}, run)
}

// wasmFetch is fetch for wasm modules: the same checks and limits as the
// JS fetch, with the body as a string both ways.
func (m *Module) wasmFetch(ctx context.Context, r wasmReq) ([]byte, error) {
	run, _ := ctx.Value(runKey{}).(uint64)
	if r.Method == "" {
		r.Method = "GET"
	}
	var body []byte
	if r.Body != nil {
		body = []byte(*r.Body)
	}
	fr := fetchReq{URL: r.URL, Method: r.Method, Headers: r.Headers, Redirect: r.Redirect}
	out, err := m.fetch(ctx, func() error { return m.startRequest(run) }, fr, body)
	m.audit("net", r.URL, err)
	if err != nil {
		return nil, err
	}
	defer m.unhold(int64(cap(out)))
	var head fetchReply
	respBody, err := unframe(out, &head)
	if err != nil {
		return nil, err
	}
	return json.Marshal(struct {
		fetchReply
		Body string `json:"body"`
	}{head, string(respBody)})
}

// ErrorAnswer encodes err as Serve does, with the name a JS module would
// see.
func ErrorAnswer(err error) []byte {
	name := "Error"
	var named interface{ JSName() string }
	if errors.As(err, &named) {
		name = named.JSName()
	}
	b, _ := json.Marshal(struct {
		Error struct {
			Name    string `json:"name"`
			Message string `json:"message"`
		} `json:"error"`
	}{Error: struct {
		Name    string `json:"name"`
		Message string `json:"message"`
	}{name, err.Error()}})
	return b
}

// BadRequest is the TypeError a guest gets for a request it named wrongly
// (an offset that is no block, say).
func BadRequest(format string, args ...any) error { return typeError(format, args...) }

// RequestTooLarge is the QuotaExceeded a guest gets for a request of n
// bytes, more than MaxWasmRequest.
func RequestTooLarge(n uint64) error {
	return quotaError("wasm", fmt.Sprintf("a request of %d bytes is more than %d", n, MaxWasmRequest), "the request")
}
