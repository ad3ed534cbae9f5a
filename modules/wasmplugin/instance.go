package wasmplugin

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	extism "github.com/extism/go-sdk"
	"github.com/tetratelabs/wazero/sys"

	"github.com/corets/corets-wasm/internal/errs"
	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/instance"
)

// wasmInstance is a running `runtime: wasm` module: an Extism plugin whose
// only way out is our host functions (hostFunctions). Extism's own
// allowed_paths and allowed_hosts stay empty, so its WASI mounts and its
// http_request refuse everything. It is an instance.Instance.
type wasmInstance struct {
	code    string
	caps    *hostfns.Module // what the shared compiled plugin's host functions serve for this instance
	plugin  *extism.Plugin
	timeout time.Duration

	turn  chan struct{} // one call at a time: a plugin is not safe for concurrent use
	calls uint64        // numbers calls for per-call budgets; guarded by turn

	once sync.Once
	died chan struct{}
	err  error // why it died; errClosed when closed
}

var _ instance.Instance = (*wasmInstance)(nil)

// Wait returns at once: a plugin has no event loop, so nothing runs
// between calls.
func (w *wasmInstance) Wait(context.Context) error { return nil }

// Died is closed when a trap, a timeout or a cancel ended the instance, or
// when it was closed.
func (w *wasmInstance) Died() <-chan struct{} { return w.died }

// Err is why the instance died, nil while it is alive.
func (w *wasmInstance) Err() error {
	select {
	case <-w.died:
		return w.err
	default:
		return nil
	}
}

// Close ends the instance without a death (unload, runtime close).
func (w *wasmInstance) Close() error {
	w.kill(errClosed)
	return nil
}

// call runs an export: the JSON of the call's one argument is its input
// (the whole array when there are several, nothing when there are none),
// and its output, JSON, is the result.
func (w *wasmInstance) Call(ctx context.Context, name string, args json.RawMessage) (json.RawMessage, error) {
	select {
	case w.turn <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-w.died:
		return nil, fmt.Errorf("%w: %w", errs.ErrDead, w.err)
	}
	defer func() { <-w.turn }()
	select {
	case <-w.died:
		return nil, fmt.Errorf("%w: %w", errs.ErrDead, w.err)
	default:
	}
	if !w.plugin.FunctionExists(name) {
		return nil, fmt.Errorf("call %s.%s: the module exports no such function: %w", w.code, name, &errs.NoExportError{Available: w.exports()})
	}
	input, err := wasmInput(args)
	if err != nil {
		return nil, fmt.Errorf("call %s.%s: %w", w.code, name, err)
	}
	w.calls++
	callCtx := context.WithValue(hostfns.WithRun(ctx, w.calls), capsKey{}, w.caps)
	_, out, err := w.plugin.CallWithContext(callCtx, name, input)
	if err != nil {
		// error_set from the guest leaves the instance usable; a trap, a
		// timeout or a cancel does not (the plugin's memory is closed or
		// in an unknown state): that is a death, and the supervisor
		// restarts the module.
		if msg := w.plugin.GetErrorWithContext(context.Background()); msg != "" && msg == err.Error() {
			return nil, guestWasmError(w.code, msg)
		}
		cause := w.limitError(ctx, err)
		w.kill(cause)
		return nil, cause
	}
	if len(out) == 0 {
		return json.RawMessage("null"), nil
	}
	if !json.Valid(out) {
		s, _ := json.Marshal(string(out))
		return s, nil
	}
	return out, nil
}

func wasmInput(args json.RawMessage) ([]byte, error) {
	var list []json.RawMessage
	if err := json.Unmarshal(args, &list); err != nil {
		return nil, fmt.Errorf("arguments are not a JSON array: %w", err)
	}
	switch len(list) {
	case 0:
		return nil, nil
	case 1:
		return list[0], nil
	}
	return args, nil
}

// guestWasmError is what a guest passed to error_set. When it is one of our
// host functions' error answers, passed on as the convention asks, the
// caller sees the same name and text a TypeScript module's call gives.
func guestWasmError(code, msg string) error {
	var answer struct {
		Error *struct{ Name, Message string } `json:"error"`
	}
	if json.Unmarshal([]byte(msg), &answer) == nil && answer.Error != nil && answer.Error.Name != "" {
		return &errs.Exception{Name: answer.Error.Name, Message: answer.Error.Message, Module: code}
	}
	return &errs.Exception{Name: "Error", Message: msg, Module: code}
}

// limitError types a call that ended the instance.
func (w *wasmInstance) limitError(ctx context.Context, err error) error {
	var exit *sys.ExitError
	if errors.As(err, &exit) {
		switch exit.ExitCode() {
		case sys.ExitCodeDeadlineExceeded:
			if ctx.Err() == nil && w.timeout > 0 {
				return &errs.LimitError{Limit: errs.ErrTimeout, Module: w.code, Detail: fmt.Sprintf("the call ran longer than %s (limits.timeout)", w.timeout)}
			}
			return &errs.LimitError{Limit: errs.ErrTimeout, Module: w.code, Detail: "the caller's deadline passed", Cause: context.DeadlineExceeded}
		case sys.ExitCodeContextCanceled:
			return &errs.LimitError{Limit: errs.ErrCanceled, Module: w.code, Cause: context.Canceled}
		}
		return &errs.LimitError{Limit: errs.ErrCrashed, Module: w.code, Detail: fmt.Sprintf("the module exited with code %d", exit.ExitCode())}
	}
	return &errs.LimitError{Limit: errs.ErrCrashed, Module: w.code, Detail: err.Error()}
}

// kill ends the instance with cause and reports the death.
func (w *wasmInstance) kill(cause error) {
	w.once.Do(func() {
		w.err = cause
		w.plugin.Close(context.Background()) // the compiled plugin stays, for the restart
		close(w.died)
	})
}

// errClosed ends a call cut off by Close; it matches modules.ErrClosed.
var errClosed = errs.Sentinel("instance closed", errs.ErrClosed)

// exports are the plugin's exported functions a host may call, sorted:
// without the toolchains' own entry points (_start, _initialize, and the
// names starting with "__").
func (w *wasmInstance) exports() []string {
	names := []string{}
	for name := range w.plugin.Module().ExportedFunctions() {
		if name == "_start" || name == "_initialize" || strings.HasPrefix(name, "__") {
			continue
		}
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}
