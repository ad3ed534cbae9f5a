package etcdkv_test

import (
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
	"github.com/corets/corets-wasm/kv/kvtest"
)

// prefixes makes every store a test opens on a cluster its own.
var prefixes atomic.Int64

// opener opens stores under fresh prefixes of cluster c.
func opener(c *etcdtest.Cluster) kvtest.Opener {
	return func(t testing.TB, opt kv.Options) *kv.DB {
		t.Helper()
		db, err := etcdkv.Open(etcdkv.Config{Endpoints: c.Endpoints(), Prefix: fmt.Sprintf("t%d/", prefixes.Add(1))}, opt)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		return db
	}
}

// TestTable runs the behaviour every backend shares (package kvtest) on a
// 1-member cluster, and on 3 members unless -short.
func TestTable(t *testing.T) {
	t.Run("1member", func(t *testing.T) {
		kvtest.Run(t, opener(etcdtest.Start(t, 1)))
	})
	t.Run("3members", func(t *testing.T) {
		if testing.Short() {
			t.Skip("3 members: not with -short")
		}
		kvtest.Run(t, opener(etcdtest.Start(t, 3)))
	})
}
