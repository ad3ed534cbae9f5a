package install

import (
	"context"
	"errors"
	"testing"

	"github.com/corets/corets-wasm/kv"
)

// TestRemove: a removed module is stopped and its directory and record
// are gone; with purge its own store partition too; other modules and
// their data stay.
func TestRemove(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	for _, code := range []string{"notes", "todo"} {
		if _, err := a.Install(ctx, writeTree(t, t.TempDir(), moduleFiles(code, "1.0", "")), Options{}); err != nil {
			t.Fatal(err)
		}
	}
	part := a.Store.Module("notes", kv.Quota{})
	if _, err := part.Set("settings", "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	other := a.Store.Module("todo", kv.Quota{})
	other.Set("settings", "k", []byte("v"))

	res, err := a.Remove(ctx, "notes", true)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Uninstalled || !res.Purged || res.Data.Keys != 1 {
		t.Fatalf("removal %+v", res)
	}
	checkNothingLeft(t, a, "notes", "todo")
	if groups, err := part.Groups(); err != nil || len(groups) != 0 {
		t.Fatalf("the store partition is still there: %v, %v", groups, err)
	}
	if _, err := other.Get("settings", "k"); err != nil {
		t.Fatalf("another module's store went: %v", err)
	}
	checkInstalled(t, a, "todo", "1.0")

	for _, purge := range []bool{false, true} {
		if _, err := a.Remove(ctx, "notes", purge); !errors.Is(err, ErrNotInstalled) {
			t.Fatalf("second remove (purge %v): %v", purge, err)
		}
	}
	for _, code := range []string{"", "../todo", "_modules", "Todo"} {
		if _, err := a.Remove(ctx, code, true); err == nil {
			t.Fatalf("Remove(%q) succeeded", code)
		}
	}
	checkInstalled(t, a, "todo", "1.0")
}

// TestRemoveKeepsData: without purge the module's stored data stays, a
// reinstall finds it, and a later purge of the removed code deletes it.
func TestRemoveKeepsData(t *testing.T) {
	t.Parallel()
	a := newApp(t)
	ctx := context.Background()
	src := writeTree(t, t.TempDir(), moduleFiles("notes", "1.0", ""))
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	part := a.Store.Module("notes", kv.Quota{})
	part.Set("settings", "theme", []byte(`"dark"`))
	part.Set("settings", "size", []byte(`12`))

	res, err := a.Remove(ctx, "notes", false)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Uninstalled || res.Purged || res.Data.Keys != 2 || res.Data.Bytes == 0 {
		t.Fatalf("removal %+v", res)
	}
	checkNothingLeft(t, a, "notes")
	if _, err := a.Install(ctx, src, Options{}); err != nil {
		t.Fatal(err)
	}
	if e, err := part.Get("settings", "theme"); err != nil || string(e.Value) != `"dark"` {
		t.Fatalf("after reinstalling: %+v %v", e, err)
	}

	if _, err := a.Remove(ctx, "notes", false); err != nil {
		t.Fatal(err)
	}
	res, err = a.Remove(ctx, "notes", true) // no longer installed: only its data
	if err != nil || res.Uninstalled || !res.Purged || res.Data.Keys != 2 {
		t.Fatalf("purge of a removed module: %+v %v", res, err)
	}
	if u, err := part.Usage(); err != nil || u.Keys != 0 {
		t.Fatalf("after the purge: %+v %v", u, err)
	}
	if _, err := a.Remove(ctx, "notes", true); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("purge of nothing: %v", err)
	}
}
