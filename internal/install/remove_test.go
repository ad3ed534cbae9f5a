package install

import (
	"context"
	"errors"
	"testing"

	"github.com/corets/corets-wasm/kv"
)

// TestRemove: a removed module is stopped and its directory, record and
// own store partition are gone; other modules and their data stay.
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

	if err := a.Remove(ctx, "notes"); err != nil {
		t.Fatal(err)
	}
	checkNothingLeft(t, a, "notes", "todo")
	if groups, err := part.Groups(); err != nil || len(groups) != 0 {
		t.Fatalf("the store partition is still there: %v, %v", groups, err)
	}
	if _, err := other.Get("settings", "k"); err != nil {
		t.Fatalf("another module's store went: %v", err)
	}
	checkInstalled(t, a, "todo", "1.0")

	if err := a.Remove(ctx, "notes"); !errors.Is(err, ErrNotInstalled) {
		t.Fatalf("second remove: %v", err)
	}
	for _, code := range []string{"", "../todo", "_modules", "Todo"} {
		if err := a.Remove(ctx, code); err == nil {
			t.Fatalf("Remove(%q) succeeded", code)
		}
	}
	checkInstalled(t, a, "todo", "1.0")
}
