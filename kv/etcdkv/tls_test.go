package etcdkv_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
)

// TestTLS: an etcds:// URL with the cluster's CA reaches a TLS cluster;
// plain etcd://, or TLS without that CA, does not, and says so in time.
func TestTLS(t *testing.T) {
	c := etcdtest.StartTLS(t, 1)
	db, err := kv.OpenURL(c.URL("tls"), kv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !strings.HasPrefix(db.Name(), "etcds://") {
		t.Fatalf("name %q", db.Name())
	}
	p := db.Module("m", kv.Quota{})
	v, err := p.Set("g", "k", []byte("over TLS"))
	if err != nil {
		t.Fatal(err)
	}
	if e, err := p.Get("g", "k"); err != nil || e.Version != v {
		t.Fatalf("%+v %v", e, err)
	}

	plain := etcdkv.Config{Endpoints: c.Endpoints(), Prefix: "tls/", RequestTimeout: time.Second, DialTimeout: time.Second}
	untrusted, err := etcdkv.ParseURL(strings.SplitN(c.URL("tls"), "?", 2)[0])
	if err != nil {
		t.Fatal(err)
	}
	untrusted.RequestTimeout, untrusted.DialTimeout = time.Second, time.Second
	for name, cfg := range map[string]etcdkv.Config{"plain": plain, "system roots": untrusted} {
		db, err := etcdkv.Open(cfg, kv.Options{})
		if err == nil {
			db.Close()
			t.Fatalf("%s: opened a TLS cluster", name)
		}
		if !errors.Is(err, kv.ErrUnavailable) {
			t.Fatalf("%s: %v", name, err)
		}
	}
}
