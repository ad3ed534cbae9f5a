package kv_test

import (
	"path/filepath"
	"testing"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/kvtest"
)

// TestTable runs the behaviour every backend shares (package kvtest)
// against a bbolt file, a Shared bbolt file and memory.
func TestTable(t *testing.T) {
	t.Parallel()
	file := func(shared bool) kvtest.Opener {
		return func(t testing.TB, opt kv.Options) *kv.DB {
			t.Helper()
			opt.Shared = shared
			db, err := kv.Open(filepath.Join(t.TempDir(), "nested", "store.db"), opt)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
	}
	backends := []struct {
		name string
		open kvtest.Opener
	}{
		{"file", file(false)},
		{"shared", file(true)},
		{"memory", func(t testing.TB, opt kv.Options) *kv.DB {
			db := kv.OpenMemory(opt)
			t.Cleanup(func() { db.Close() })
			return db
		}},
	}
	for _, b := range backends {
		t.Run(b.name, func(t *testing.T) {
			t.Parallel()
			kvtest.Run(t, b.open)
		})
	}
}
