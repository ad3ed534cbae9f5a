package etcdkv_test

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/corets/corets-wasm/internal/etcdtest"
	"github.com/corets/corets-wasm/kv"
	"github.com/corets/corets-wasm/kv/etcdkv"
	clientv3 "go.etcd.io/etcd/client/v3"
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
// on. A wrong password, no user, or a user whose role does not cover the
// prefix fails Open with kv.ErrDenied (not kv.ErrUnavailable: waiting
// will not help), and the error does not show the password.
func TestAuth(t *testing.T) {
	c := etcdtest.Start(t, 1)
	cli := rawClient(t, c)
	ctx := reqCtx(t)
	for _, step := range []func() error{
		func() error { _, err := cli.UserAdd(ctx, "root", "rootpw"); return err },
		func() error { _, err := cli.UserGrantRole(ctx, "root", "root"); return err },
		// "other" may read and write keys under "elsewhere/" only.
		func() error { _, err := cli.RoleAdd(ctx, "elsewhere"); return err },
		func() error {
			_, err := cli.RoleGrantPermission(ctx, "elsewhere", "elsewhere/", clientv3.GetPrefixRangeEnd("elsewhere/"), clientv3.PermissionType(clientv3.PermReadWrite))
			return err
		},
		func() error { _, err := cli.UserAdd(ctx, "other", "otherpw"); return err },
		func() error { _, err := cli.UserGrantRole(ctx, "other", "elsewhere"); return err },
		func() error { _, err := cli.AuthEnable(ctx); return err },
	} {
		if err := step(); err != nil {
			t.Fatal(err)
		}
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
	other := strings.Replace(base, "/auth", "/elsewhere/", 1)
	db2, err := kv.OpenURL("etcd://other:otherpw@"+other, kv.Options{})
	if err != nil {
		t.Fatalf("a user on a prefix its role covers: %v", err)
	}
	defer db2.Close()
	if _, err := db2.Module("m", kv.Quota{}).Set("g", "k", nil); err != nil {
		t.Fatal(err)
	}
	for _, loc := range []string{"etcd://root:wrong-secret@" + base, "etcd://" + base, "etcd://other:otherpw@" + base} {
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
		if !errors.Is(err, kv.ErrDenied) || errors.Is(err, kv.ErrUnavailable) || strings.Contains(err.Error(), "wrong-secret") || strings.Contains(err.Error(), "otherpw") {
			t.Fatalf("%s: %v", loc, err)
		}
		t.Log(err)
	}
}
