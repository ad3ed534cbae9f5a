package modules

import (
	"context"
	"errors"
	"testing"

	"github.com/corets/corets-wasm/kv"
)

// A store the embedder passes in is shared by the runtimes given it and
// stays open when they close.
func TestStoreOptionShared(t *testing.T) {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{})
	defer db.Close()
	a, err := Open(ctx, Options{AppRoot: t.TempDir(), Store: db, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, Options{AppRoot: t.TempDir(), Store: db, NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if a.Store() != db || b.Store() != db {
		t.Fatal("runtimes do not use the store given")
	}
	if _, err := a.Store().System().Set("_t", "k", []byte("v")); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if e, err := b.Store().System().Get("_t", "k"); err != nil || string(e.Value) != "v" {
		t.Fatalf("after one runtime closed: %v %q", err, e.Value)
	}
	b.Close(ctx)
	if _, err := db.System().Get("_t", "k"); err != nil {
		t.Fatalf("the embedder's store was closed: %v", err)
	}
}

func TestStoreURLOption(t *testing.T) {
	ctx := context.Background()
	rt, err := Open(ctx, Options{AppRoot: t.TempDir(), StoreURL: "memory:", NoDiskCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if rt.Store().Name() != "memory" {
		t.Fatalf("store %q", rt.Store().Name())
	}
	rt.Close(ctx)
	_, err = Open(ctx, Options{AppRoot: t.TempDir(), StoreURL: "nosuch://h/p", NoDiskCache: true})
	if !errors.Is(err, kv.ErrInvalid) {
		t.Fatalf("unknown scheme: %v", err)
	}
}
