package etcdkv_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/modules"

	clientv3 "go.etcd.io/etcd/client/v3"
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

// forgerKeys are keys a module could pick to look like the etcd layout's
// separators and other partitions' paths (doc.go, "Layout"): raw NUL, 0x01
// and 0x02 bytes, the path of another module's group, of a "_" group.
var forgerKeys = []string{
	"\x00", "\x00\x01", "\x00\x02", "\x01\x01", "\x00\x00\x00", "a\x00", "\uffff",
	"\x00\x02m/victim\x00\x02g\x00\x01k",
	"\x00\x01m/victim",
	"\x00\x02_\x00\x02_installs\x00\x01victim",
	"\x00\x02s\x00\x02shared\x00\x01k",
}

const forgerTS = `
export async function forge(keys: string[]) {
  for (const k of keys) await core.storeSet("g", k, "forged");
  const refused: string[] = [];
  for (const g of ["g\u0000\u0002x", "\u0000", "_installs", "g\u0000"]) {
    try { await core.storeSet(g, "k", 1); } catch (e) { refused.push((e as Error).name); continue; }
    refused.push("accepted " + JSON.stringify(g));
  }
  const listed: string[] = [];
  let cursor: string | null = null;
  do {
    const page = await core.storeList<string>("g", { cursor });
    for (const e of page.entries) listed.push(e.key);
    cursor = page.cursor;
  } while (cursor !== null);
  return { listed, refused };
}
`

// TestHostileKeysOnEtcd: a module writes keys made of the etcd layout's
// separators and of other partitions' paths. They stay its own keys: it
// lists them back exactly, every key it made in etcd lies in its own
// partition's range, nobody else's data or "_" groups change, its usage is
// exact, and deleting the module removes them all and nothing else.
func TestHostileKeysOnEtcd(t *testing.T) {
	if testing.Short() {
		t.Skip("a runtime on a cluster: not with -short")
	}
	c := etcdtest.Start(t, 1)
	ctx := callCtx(t)
	rt, err := modules.Open(ctx, modules.Options{AppRoot: t.TempDir(), StoreURL: c.URL("hostile"), CacheDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer rt.Close(context.Background())
	db := open(t, faultConfig("hostile/", c.Endpoints()...), kv.Options{})
	if _, err := db.Module("victim", kv.Quota{}).Set("g", "k", []byte("mine")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.System().Set("_installs", "victim", []byte("1.0")); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Shared(kv.Quota{}).Set("shared", "k", []byte("ours")); err != nil {
		t.Fatal(err)
	}
	cli := rawClient(t, c)
	rawKeys := func() map[string]string {
		resp, err := cli.Get(reqCtx(t), "hostile/", clientv3.WithPrefix())
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, kv := range resp.Kvs {
			m[string(kv.Key)] = string(kv.Value)
		}
		return m
	}
	before := rawKeys()

	dir := t.TempDir()
	forger := filepath.Join(dir, "forger.ts")
	if err := os.WriteFile(forger, []byte(forgerTS), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := rt.Load(ctx, forger); err != nil {
		t.Fatal(err)
	}
	out, err := rt.Call(ctx, "forger", "forge", forgerKeys)
	if err != nil {
		t.Fatal(err)
	}
	var r struct{ Listed, Refused []string }
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatal(err)
	}
	want := slices.Clone(forgerKeys)
	slices.Sort(want)
	if !slices.Equal(r.Listed, want) {
		t.Fatalf("the module lists %q, it wrote %q", r.Listed, want)
	}
	for _, name := range r.Refused {
		if name != "TypeError" && name != "PermissionDenied" {
			t.Fatalf("a group name made of separators or \"_\": %q", r.Refused)
		}
	}

	// What changed in etcd is in the forger's partition: its record and
	// keys below its bucket, nothing else.
	own := "hostile/\x00\x02m/forger\x00"
	record := "hostile/\x00\x01m/forger"
	after := rawKeys()
	for k, v := range after {
		if old, ok := before[k]; ok {
			if old != v && k != record {
				t.Fatalf("the module's writes changed %q", k)
			}
			continue
		}
		if k != record && !strings.HasPrefix(k, own) {
			t.Fatalf("the module's writes made %q, outside its partition", k)
		}
	}
	for k := range before {
		if _, ok := after[k]; !ok {
			t.Fatalf("the module's writes removed %q", k)
		}
	}
	if u := checkUsage(t, db.Module("forger", kv.Quota{})); u.Keys != int64(len(forgerKeys)) {
		t.Fatalf("usage %+v for %d keys", u, len(forgerKeys))
	}

	if err := db.DeleteModule("forger"); err != nil {
		t.Fatal(err)
	}
	// What stays is the partition and its usage record (its version
	// counter outlives the module: kv's doc), nothing else.
	got := rawKeys()
	delete(got, record)
	delete(got, own+"\x01\x00meta")
	if !maps.Equal(got, before) {
		t.Fatalf("after DeleteModule the store holds %d keys beside the partition's records, it held %d before the module wrote", len(got), len(before))
	}
	if u := checkUsage(t, db.Module("forger", kv.Quota{})); u != (kv.Usage{}) {
		t.Fatalf("usage after DeleteModule: %+v", u)
	}
	if e, err := db.Module("victim", kv.Quota{}).Get("g", "k"); err != nil || string(e.Value) != "mine" {
		t.Fatalf("the victim's key: %+v %v", e, err)
	}
}
