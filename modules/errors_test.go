package modules

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"testing"

	"github.com/corets/corets-wasm/internal/caps"
	"github.com/corets/corets-wasm/internal/hostfns"
	"github.com/corets/corets-wasm/internal/jsengine"
	"github.com/corets/corets-wasm/kv"
)

// Each concept has one public value, and errors.Is matches it whichever
// layer produced the error.
func TestOneErrorVocabulary(t *testing.T) {
	cases := []struct {
		name string
		err  error
		want error
	}{
		{"a closed instance", jsengine.ErrClosed, ErrClosed},
		{"a closed store", kv.ErrClosed, ErrClosed},
		{"a store quota", &kv.QuotaError{Partition: `module "a"`, What: "bytes"}, ErrQuota},
		{"the store's quota sentinel", kv.ErrQuota, ErrQuota},
		{"a host-side quota", hostfns.ErrQuota, ErrQuota},
		{"a refused capability", &caps.DeniedError{Capability: "read", Value: "x"}, ErrPermission},
		{"fuel", &jsengine.LimitError{Limit: jsengine.ErrFuel}, ErrFuel},
		{"a dead instance", jsengine.ErrDead, ErrDead},
	}
	for _, c := range cases {
		if !errors.Is(c.err, c.want) {
			t.Errorf("%s: errors.Is(%v, %v) = false", c.name, c.err, c.want)
		}
	}
	// and the layers keep their own words
	if kv.ErrClosed.Error() != "store closed" || jsengine.ErrClosed.Error() != "instance closed" {
		t.Errorf("texts: %q, %q", kv.ErrClosed, jsengine.ErrClosed)
	}
	// a look-alike is not the concept
	if errors.Is(errors.New("runtime is closed"), ErrClosed) {
		t.Error("a fresh error matched ErrClosed")
	}
}

// A call that the runtime's Close cuts off fails with an error matching
// ErrClosed, whichever layer noticed first.
func TestCallCutOffByCloseIsErrClosed(t *testing.T) {
	entered := make(chan struct{})
	r, _ := openTest(t, Options{Funcs: []HostFunc{{
		Name: "test.block", Capability: "block", Async: true,
		Fn: func(ctx context.Context, _ HostCall, _ json.RawMessage) (any, error) {
			close(entered)
			<-ctx.Done()
			return nil, ctx.Err()
		},
	}}})
	dir := writeModule(t, filepath.Join(r.AppRoot(), "blocker"), map[string]string{
		".core/view.yml": "code: blocker\npermissions:\n  block: [\"yes\"]\n",
		"main.ts":        `export async function wait() { return await core.call("test.block") }`,
	})
	ctx := context.Background()
	if _, err := r.Load(ctx, dir); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() {
		_, err := r.Call(ctx, "blocker", "wait")
		done <- err
	}()
	<-entered
	if err := r.Close(ctx); err != nil {
		t.Fatal(err)
	}
	err := <-done
	if !errors.Is(err, ErrClosed) {
		t.Fatalf("call cut off by Close: %v, want ErrClosed", err)
	}
	if _, err := r.Call(ctx, "blocker", "wait"); !errors.Is(err, ErrClosed) {
		t.Fatalf("call after Close: %v, want ErrClosed", err)
	}
}
