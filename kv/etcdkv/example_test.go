package etcdkv_test

import (
	"fmt"
	"log"

	"github.com/corets/corets-wasm/kv"
	_ "github.com/corets/corets-wasm/kv/etcdkv" // lets kv.OpenURL open etcd:// and etcds://
)

// Runtimes on several machines point at one cluster and share one store:
// each module's partition, the shared groups and the runtime's own.
func Example() {
	db, err := kv.OpenURL("etcd://etcd-1:2379,etcd-2:2379,etcd-3:2379/corets", kv.Options{})
	if err != nil {
		log.Fatal(err) // errors.Is(err, kv.ErrUnavailable) if no member answered
	}
	defer db.Close()
	notes := db.Module("notes", kv.Quota{Keys: 1000})
	v, err := notes.CompareAndSet("drafts", "today", []byte("buy milk"), 0)
	fmt.Println(v, err)
}
