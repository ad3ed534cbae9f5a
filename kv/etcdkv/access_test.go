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

// TestAuth: a URL's user and password authenticate to a cluster with auth
// on; a wrong password fails Open, and its error does not show it.
func TestAuth(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cli := rawClient(t, c)
	ctx := reqCtx(t)
	if _, err := cli.UserAdd(ctx, "root", "rootpw"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.UserGrantRole(ctx, "root", "root"); err != nil {
		t.Fatal(err)
	}
	if _, err := cli.AuthEnable(ctx); err != nil {
		t.Fatal(err)
	}
	base := strings.TrimPrefix(c.URL("auth"), "etcd://")
	db, err := kv.OpenURL("etcd://root:rootpw@"+base, kv.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Module("m", kv.Quota{}).Set("g", "k", nil); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"etcd://root:wrong-secret@" + base, "etcd://" + base} {
		cfg, err := etcdkv.ParseURL(loc)
		if err != nil {
			t.Fatal(err)
		}
		cfg.RequestTimeout, cfg.DialTimeout = 2*time.Second, 2*time.Second
		db, err := etcdkv.Open(cfg, kv.Options{})
		if err == nil {
			db.Close()
			t.Fatalf("%s: opened", loc)
		}
		if !errors.Is(err, kv.ErrUnavailable) || strings.Contains(err.Error(), "wrong-secret") {
			t.Fatalf("%s: %v", loc, err)
		}
		t.Log(err)
	}
}
