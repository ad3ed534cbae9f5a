package modules

import (
	"testing"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
)

// Three runtimes, each with its own app root and its own client of one
// 3-member etcd cluster, as on three machines: what one installs, updates
// or removes, the others follow through etcd's watch.
func TestSharedInstallsEtcd(t *testing.T) {
	if testing.Short() {
		t.Skip("starts a 3-member etcd cluster")
	}
	c := etcdtest.Start(t, 3)
	opened := 0
	testSharedInstalls(t, func(t testing.TB) *kv.DB {
		// each runtime dials a different member first
		eps := c.Endpoints()
		n := opened % len(eps)
		opened++
		db, err := etcdkv.Open(etcdkv.Config{Endpoints: append(eps[n:], eps[:n]...), Prefix: "shared-installs/"}, kv.Options{})
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() }) // after the runtime's own cleanup
		return db
	})
}
