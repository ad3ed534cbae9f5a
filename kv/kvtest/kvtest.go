// Package kvtest is the behavioural test table every kv backend passes:
// memory, a bbolt file (alone and Shared) and etcd (kv/etcdkv) run the same
// tests through kv's public API, so the store behaves the same whatever
// it is kept in. Tests that look inside one backend stay with it.
//
// It is for _test.go files only: production code must never import it.
package kvtest

import (
	"context"
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/corets/corets-wasm/kv"
)

// Opener opens a fresh, empty store with opt, closed when the test ends
// (the test may close it earlier).
type Opener func(t testing.TB, opt kv.Options) *kv.DB

// Tests is the table: a name and a test for each behaviour.
var Tests = []struct {
	Name string
	Test func(t *testing.T, open Opener)
}{
	{"GetSetDelete", testGetSetDelete},
	{"SetCopiesValue", testSetCopiesValue},
	{"List", testList},
	{"ListByteBudget", testListByteBudget},
	{"Partitions", testPartitions},
	{"Names", testNames},
	{"SizeLimits", testSizeLimits},
	{"Quota", testQuota},
	{"UsageExact", testUsageExact},
	{"DeleteModule", testDeleteModule},
	{"Closed", testClosed},
	{"CompareAndSet", testCompareAndSet},
	{"CASCounter", testCASCounter},
	{"VersionsNeverRepeat", testVersionsNeverRepeat},
	{"ConcurrentMixed", testConcurrentMixed},
	{"BinaryKeys", testBinaryKeys},
	{"Watch", testWatch},
}

// Run runs every test of the table against the stores open makes, each in
// a parallel subtest.
func Run(t *testing.T, open Opener) {
	for _, tc := range Tests {
		t.Run(tc.Name, func(t *testing.T) {
			t.Parallel()
			tc.Test(t, open)
		})
	}
}

// must(f())(t) is f's result, or the end of the test if f failed.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

// testBinaryKeys: keys are bytes, listed in byte order whatever they hold.
func testBinaryKeys(t *testing.T, open Opener) {
	p := open(t, kv.Options{}).Module("bin", kv.Quota{})
	keys := []string{"\x00", "\x00\x00", "\x00\x01", "\x01", "\x01\x00", "\x01\x02", "a\x00", "a\x00b", "a\x01", "\x7f", "é\x00", "\U0010FFFF"}
	for i, k := range slices.Backward(keys) {
		must(p.Set("g", k, []byte{byte(i), 0x00, 0xff}))(t)
	}
	got, next, err := p.List("g", "", "", 0)
	if err != nil || next != "" {
		t.Fatal(next, err)
	}
	if !slices.Equal(keysOf(got), keys) {
		t.Fatalf("listed %q, want %q", keysOf(got), keys)
	}
	for i, k := range slices.Backward(keys) {
		e := must(p.Get("g", k))(t)
		if string(e.Value) != string([]byte{byte(i), 0x00, 0xff}) {
			t.Fatalf("key %q: value %q", k, e.Value)
		}
	}
	if got, _, _ := p.List("g", "a\x00", "", 0); !slices.Equal(keysOf(got), []string{"a\x00", "a\x00b"}) {
		t.Fatalf("prefix a\\x00 lists %q", keysOf(got))
	}
	if got, _, _ := p.List("g", "\x00", "\x00\x00", 0); !slices.Equal(keysOf(got), []string{"\x00\x01"}) {
		t.Fatalf("prefix \\x00 after \\x00\\x00 lists %q", keysOf(got))
	}
	// Group names that escape differently stay apart.
	for _, g := range []string{"x", "x\u0001", "x\u0001\u0001", "x\u0002"} {
		if _, err := p.Set(g, "k", []byte(g)); err != nil && !errors.Is(err, kv.ErrInvalid) {
			t.Fatal(err)
		}
	}
	for _, g := range must(p.Groups())(t) {
		if g == "g" {
			continue
		}
		if e := must(p.Get(g, "k"))(t); string(e.Value) != g {
			t.Fatalf("group %q holds %q", g, e.Value)
		}
	}
	checkUsage(t, p)
}

// testWatch: a watch sees the store's writes to its group, in order, and
// closes when its context ends.
func testWatch(t *testing.T, open Opener) {
	db := open(t, kv.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sys := db.System()
	ch := must(sys.Watch(ctx, "_things"))(t)
	v1 := must(sys.Set("_things", "a", []byte("1")))(t)
	must(sys.Set("_nothing", "x", []byte("1")))(t) // another group: not seen
	v2 := must(sys.CompareAndSet("_things", "a", []byte("2"), v1))(t)
	must(sys.Delete("_things", "missing"))(t) // nothing deleted: no event
	if err := sys.CompareAndDelete("_things", "a", v2); err != nil {
		t.Fatal(err)
	}
	want := []kv.Event{{Key: "a", Version: v1}, {Key: "a", Version: v2}, {Key: "a", Deleted: true}}
	for _, w := range want {
		if got := nextEvent(t, ch); got != w {
			t.Fatalf("event %+v, want %+v", got, w)
		}
	}
	// A module's data deleted as a whole: its watchers re-read (a Resync)
	// or see each key go.
	m := db.Module("mod", kv.Quota{})
	mch := must(m.Watch(ctx, "g"))(t)
	must(m.Set("g", "k", []byte("v")))(t)
	nextEvent(t, mch)
	if err := db.DeleteModule("mod"); err != nil {
		t.Fatal(err)
	}
	if got := nextEvent(t, mch); !got.Resync && got != (kv.Event{Key: "k", Deleted: true}) {
		t.Fatalf("after DeleteModule: %+v", got)
	}
	if _, err := m.Watch(ctx, "_sys"); !errors.Is(err, kv.ErrInvalid) {
		t.Fatalf("a module watching a system group: %v", err)
	}
	cancel()
	for _, c := range []<-chan kv.Event{ch, mch} {
		for range c { // closes once ctx ends
		}
	}
}

// nextEvent reads one event, failing the test if none comes (a bound on a
// hang, not a timing assertion).
func nextEvent(t *testing.T, ch <-chan kv.Event) kv.Event {
	t.Helper()
	select {
	case ev, ok := <-ch:
		if !ok {
			t.Fatal("watch closed")
		}
		return ev
	case <-time.After(30 * time.Second):
		t.Fatal("no event")
	}
	return kv.Event{}
}
