package modules_test

import (
	"context"
	"fmt"

	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/modules"
)

// Runtimes that share a store: the embedder opens it, passes it to each
// runtime in Options.Store, and closes it after them. A module's data is
// the same whichever runtime calls it, and compare-and-set keeps
// concurrent writers exact. Here the store is in memory and both runtimes
// are in one process; with a store on etcd (Options.StoreURL, or
// etcdkv.Open) they can be on different machines.
func ExampleOptions_store() {
	ctx := context.Background()
	db := kv.OpenMemory(kv.Options{}) // or kv.OpenURL(location, kv.Options{})
	defer db.Close()                  // after the runtimes: they leave it open

	open := func() *modules.Runtime {
		rt, err := modules.Open(ctx, modules.Options{AppRoot: "../testdata", Store: db, SkipInstalled: true})
		if err != nil {
			panic(err)
		}
		if _, err := rt.Load(ctx, "store"); err != nil { // counts its calls in its own group
			panic(err)
		}
		return rt
	}
	a, b := open(), open()
	defer a.Close(ctx)
	defer b.Close(ctx)

	for _, rt := range []*modules.Runtime{a, b, a} {
		out, err := rt.Call(ctx, "store", "count", nil)
		if err != nil {
			panic(err)
		}
		fmt.Println(string(out))
	}
	// Output:
	// {"calls":1,"theme":"light"}
	// {"calls":2,"theme":"light"}
	// {"calls":3,"theme":"light"}
}

// A store on an etcd cluster, shared by runtimes on several machines. The
// etcd backend is linked by importing its package for its side effect,
// as a database/sql driver is:
//
//	import _ "github.com/corets/corets-wasm/kv/etcdkv"
//
// The URL lists the cluster's members and a key prefix of the
// application's own; etcds:// connects with TLS (ca=, cert= and key= name
// PEM files). A password goes in the URL (etcds://app:PASSWORD@...),
// read from a secret rather than the source, or in etcdkv.Config when the
// program opens the store itself (etcdkv.Open) and passes it in
// Options.Store. Each machine keeps its own app root (module files,
// caches). Not run here: it needs a cluster.
func ExampleOptions_storeURL() {
	ctx := context.Background()
	rt, err := modules.Open(ctx, modules.Options{
		AppRoot:  "/srv/app",
		StoreURL: "etcds://etcd-1:2379,etcd-2:2379,etcd-3:2379/app1?ca=/etc/app/etcd-ca.pem",
	})
	if err != nil {
		panic(err) // a URL etcdkv refuses (kv.ErrInvalid), or a cluster that does not answer
	}
	defer rt.Close(ctx)
}
