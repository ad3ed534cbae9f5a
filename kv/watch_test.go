package kv

import (
	"context"
	"errors"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// next reads one event, failing the test if none comes (a bound on a hang,
// not a timing assertion).
func nextEvent(t *testing.T, ch <-chan Event) Event {
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
	return Event{}
}

func TestWatchLocal(t *testing.T) {
	db := OpenMemory(Options{})
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sys := db.System()
	ch, err := sys.Watch(ctx, "_things")
	if err != nil {
		t.Fatal(err)
	}
	other, err := sys.Watch(ctx, "_other")
	if err != nil {
		t.Fatal(err)
	}
	v1, _ := sys.Set("_things", "a", []byte("1"))
	if _, err := sys.Set("_nothing", "x", []byte("1")); err != nil { // another group: not seen
		t.Fatal(err)
	}
	v2, _ := sys.CompareAndSet("_things", "a", []byte("2"), v1)
	if _, err := sys.Delete("_things", "missing"); err != nil { // nothing deleted: no event
		t.Fatal(err)
	}
	if err := sys.CompareAndDelete("_things", "a", v2); err != nil {
		t.Fatal(err)
	}
	want := []Event{{Key: "a", Version: v1}, {Key: "a", Version: v2}, {Key: "a", Deleted: true}}
	for _, w := range want {
		if got := nextEvent(t, ch); got != w {
			t.Fatalf("event %+v, want %+v", got, w)
		}
	}
	if _, err := sys.Set("_other", "b", []byte("1")); err != nil {
		t.Fatal(err)
	}
	if got := nextEvent(t, other); got.Key != "b" {
		t.Fatalf("other watch got %+v", got)
	}

	// A module's data deleted as a whole is a Resync for its watchers.
	m := db.Module("mod", Quota{})
	mch, err := m.Watch(ctx, "g")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Set("g", "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	nextEvent(t, mch)
	if err := db.DeleteModule("mod"); err != nil {
		t.Fatal(err)
	}
	if got := nextEvent(t, mch); !got.Resync {
		t.Fatalf("after DeleteModule: %+v, want a Resync", got)
	}

	cancel()
	for _, c := range []<-chan Event{ch, other, mch} {
		for range c { // closes once ctx ends
		}
	}
	if n := db.local.n.Load(); n != 0 {
		t.Fatalf("%d watches left after cancel", n)
	}
}

func TestWatchSlowReceiverResyncs(t *testing.T) {
	db := OpenMemory(Options{})
	defer db.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	sys := db.System()
	ch, _ := sys.Watch(ctx, "_g")
	// Nobody reads while many writes happen; writers must not block.
	for i := 0; i < 3*watchQueue; i++ {
		if _, err := sys.Set("_g", "k", []byte{byte(i)}); err != nil {
			t.Fatal(err)
		}
	}
	sawResync := false
	for !sawResync {
		sawResync = nextEvent(t, ch).Resync
	}
}

func TestWatchRefusesBadGroup(t *testing.T) {
	db := OpenMemory(Options{})
	defer db.Close()
	if _, err := db.Module("m", Quota{}).Watch(context.Background(), "_sys"); !errors.Is(err, ErrInvalid) {
		t.Fatalf("module watch of a system group: %v", err)
	}
	db.Close()
	if _, err := db.System().Watch(context.Background(), "_g"); !errors.Is(err, ErrClosed) {
		t.Fatalf("watch on a closed store: %v", err)
	}
}

func TestOpenURL(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "s.db")
	locs := []string{path, "file://" + filepath.ToSlash(path)}
	if runtime.GOOS == "windows" { // file:///C:/x, and the file://C:/x people write
		locs = []string{path, "file:///" + filepath.ToSlash(path), "file://" + filepath.ToSlash(path)}
	}
	for _, loc := range locs {
		db, err := OpenURL(loc, Options{NoSync: true})
		if err != nil {
			t.Fatalf("%s: %v", loc, err)
		}
		if db.Path() != path || db.Name() != path {
			t.Fatalf("%s: path %q name %q", loc, db.Path(), db.Name())
		}
		db.Close()
	}
	db, err := OpenURL("memory:", Options{})
	if err != nil || db.Path() != "" || db.Name() != "memory" {
		t.Fatalf("memory: %v %q", err, db.Name())
	}
	db.Close()
	for _, bad := range []string{"nosuch://h/x", "file://otherhost/x", "etcd://user:s3cret@h:2379\x7f/p"} {
		_, err := OpenURL(bad, Options{})
		if !errors.Is(err, ErrInvalid) {
			t.Fatalf("%q: %v, want ErrInvalid", bad, err)
		}
		if msg := err.Error(); strings.Contains(msg, "s3cret") {
			t.Fatalf("%q: error shows the password: %s", bad, msg)
		}
	}
}
