package etcdkv_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/modules"
)

// openRuntimes opens n runtimes, each with its own app root, on the store
// at url (one cache directory, so the engine is compiled once), and loads
// testdata/tally into each.
func openRuntimes(t *testing.T, n int, url string) []*modules.Runtime {
	t.Helper()
	ctx := context.Background()
	tally, err := filepath.Abs("testdata/tally")
	if err != nil {
		t.Fatal(err)
	}
	cache := t.TempDir()
	var rts []*modules.Runtime
	for range n {
		rt, err := modules.Open(ctx, modules.Options{AppRoot: t.TempDir(), StoreURL: url, CacheDir: cache})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { rt.Close(context.Background()) })
		if _, err := rt.Load(ctx, tally); err != nil {
			t.Fatal(err)
		}
		rts = append(rts, rt)
	}
	return rts
}

func callCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // fails a hang
	t.Cleanup(cancel)
	return ctx
}

// TestRuntimesCompareAndSet: three runtimes on one 3-member cluster run
// the same module, whose export increments one shared key with
// compare-and-set and retries on conflict; several calls at once on each.
// No increment is lost: the counter ends at the number made, for every
// runtime and for the store itself.
func TestRuntimesCompareAndSet(t *testing.T) {
	if testing.Short() {
		t.Skip("three runtimes on a 3-member cluster: not with -short")
	}
	c := etcdtest.Start(t, 3)
	rts := openRuntimes(t, 3, c.URL("cas"))
	ctx := callCtx(t)
	const callsPer, each = 4, 10
	var wg sync.WaitGroup
	var mu sync.Mutex
	conflicts := 0
	errs := make(chan error, len(rts)*callsPer)
	for i, rt := range rts {
		for range callsPer {
			wg.Go(func() {
				out, err := rt.Call(ctx, "tally", "increment", each)
				if err != nil {
					errs <- fmt.Errorf("runtime %d: %w", i, err)
					return
				}
				var r struct{ Conflicts int }
				if err := json.Unmarshal(out, &r); err != nil {
					errs <- fmt.Errorf("runtime %d: %s: %w", i, out, err)
					return
				}
				mu.Lock()
				conflicts += r.Conflicts
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	want := len(rts) * callsPer * each
	t.Logf("%d increments from %d runtimes, %d compare-and-set conflicts retried", want, len(rts), conflicts)
	for i, rt := range rts {
		out, err := rt.Call(ctx, "tally", "read")
		if err != nil || string(out) != strconv.Itoa(want) {
			t.Fatalf("runtime %d reads the counter as %s (%v), want %d", i, out, err, want)
		}
	}
	db := open(t, faultConfig("cas/", c.Endpoints()...), kv.Options{})
	e, err := db.Shared(kv.Quota{}).Get("tally", "count")
	if err != nil || string(e.Value) != strconv.Itoa(want) || e.Version != uint64(want) {
		t.Fatalf("the store holds %q at version %d (%v), want %d at version %d", e.Value, e.Version, err, want, want)
	}
}

// TestRuntimesQuota: three runtimes on one cluster fill the same module's
// partition at once, well past its quota (store_keys: 20 in
// testdata/tally): its usage is never above the quota, while they write or
// after; writes past it fail with QuotaExceeded in the module; the keys
// acknowledged are exactly the keys kept; usage is exact. A module beside
// it reads none of it and no "_" group.
func TestRuntimesQuota(t *testing.T) {
	if testing.Short() {
		t.Skip("three runtimes on a 3-member cluster: not with -short")
	}
	const quota = 20
	c := etcdtest.Start(t, 3)
	rts := openRuntimes(t, 3, c.URL("quota"))
	ctx := callCtx(t)
	db := open(t, faultConfig("quota/", c.Endpoints()...), kv.Options{})
	part := db.Module("tally", kv.Quota{})

	// A watcher of the usage while the runtimes write.
	done := make(chan struct{})
	watched := make(chan error, 1)
	go func() {
		defer close(watched)
		for {
			select {
			case <-done:
				return
			default:
			}
			u, err := part.Usage()
			if err != nil {
				watched <- err
				return
			}
			if u.Keys > quota {
				watched <- fmt.Errorf("usage %+v over the quota of %d keys", u, quota)
				return
			}
			time.Sleep(5 * time.Millisecond)
		}
	}()

	const callsPer, each = 4, 12
	var wg sync.WaitGroup
	var mu sync.Mutex
	stored := map[string]bool{}
	refused := 0
	errs := make(chan error, len(rts)*callsPer)
	for i, rt := range rts {
		for j := range callsPer {
			wg.Go(func() {
				out, err := rt.Call(ctx, "tally", "fill", map[string]any{"prefix": fmt.Sprintf("r%dc%d-", i, j), "n": each})
				if err != nil {
					errs <- fmt.Errorf("runtime %d: %w", i, err)
					return
				}
				var r struct {
					Stored  []string
					Refused int
				}
				if err := json.Unmarshal(out, &r); err != nil {
					errs <- fmt.Errorf("runtime %d: %s: %w", i, out, err)
					return
				}
				mu.Lock()
				for _, k := range r.Stored {
					stored[k] = true
				}
				refused += r.Refused
				mu.Unlock()
			})
		}
	}
	wg.Wait()
	close(done)
	if err := <-watched; err != nil {
		t.Fatal(err)
	}
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if len(stored) != quota || refused != len(rts)*callsPer*each-quota {
		t.Fatalf("%d writes acknowledged and %d refused; the quota is %d keys of %d written", len(stored), refused, quota, len(rts)*callsPer*each)
	}
	u := checkUsage(t, part)
	if u.Keys != quota {
		t.Fatalf("usage %+v, want %d keys", u, quota)
	}
	page, _, err := part.List("mine", "", "", 0)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range page {
		if !stored[e.Key] {
			t.Fatalf("key %q kept, never acknowledged", e.Key)
		}
		if v, _ := json.Marshal(e.Key); string(e.Value) != string(v) {
			t.Fatalf("key %q holds %s", e.Key, e.Value)
		}
	}

	// Another module, on another runtime of the same cluster, writing to a
	// group of the same name: its own partition, and no way into "_".
	spy := filepath.Join(t.TempDir(), "spy.ts")
	src := `export async function peek(key: string) { return (await core.storeGet("mine", key)) ?? null; }
export async function system() {
  try { await core.storeGet("_installs", "tally"); return "reached"; } catch (e) { return (e as Error).name; }
}
export async function usage() { await core.storeSet("mine", "own", 1); return "ok"; }`
	if err := os.WriteFile(spy, []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := rts[1].Load(ctx, spy); err != nil {
		t.Fatal(err)
	}
	for k := range stored {
		out, err := rts[1].Call(ctx, "spy", "peek", k)
		if err != nil || string(out) != "null" {
			t.Fatalf("another module reads tally's %q: %s %v", k, out, err)
		}
		break
	}
	if out, err := rts[1].Call(ctx, "spy", "system"); err != nil || string(out) != `"PermissionDenied"` {
		t.Fatalf("another module reading a \"_\" group: %s %v", out, err)
	}
	if _, err := rts[1].Call(ctx, "spy", "usage"); err != nil {
		t.Fatal(err)
	}
	if u2 := checkUsage(t, part); u2 != u {
		t.Fatalf("another module's write changed tally's usage: %+v, was %+v", u2, u)
	}
	if _, err := part.Get("mine", "own"); !errors.Is(err, kv.ErrNotFound) {
		t.Fatalf("another module's key landed in tally's partition: %v", err)
	}
}
