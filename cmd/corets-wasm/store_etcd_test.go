package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/etcdtest"
)

// The command line on a store on etcd: install, call, list, status and
// remove through --store etcd://...; a cluster that is gone exits
// store_busy.
func TestStoreOnEtcd(t *testing.T) {
	t.Parallel()
	c := etcdtest.Start(t, 1)
	store := c.URL("app")
	root := t.TempDir()
	src := writeModule(t, filepath.Join(t.TempDir(), "notes"), "code: notes\n", `export async function save(v: string) { await core.storeSet("notes", "last", v); }
export async function last() { return await core.storeGet("notes", "last"); }
`)
	corets(t, "install", "--root", root, "--store", store, src).ok(t)
	corets(t, "call", "--root", root, "--store", store, "notes", "save", `"hello"`).ok(t)
	if r := corets(t, "call", "--root", root, "--store", store, "notes", "last").ok(t); r.stdout != "\"hello\"\n" {
		t.Errorf("last: %q", r.stdout)
	}
	// the app root's own file store has none of it
	if r := corets(t, "list", "--root", root).ok(t); !strings.HasPrefix(r.stdout, "no modules installed") {
		t.Errorf("list of the file store: %q", r.stdout)
	}
	for _, cmd := range []string{"list", "status"} {
		r := corets(t, cmd, "--json", "--root", root, "--store", store).ok(t)
		var out []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &out); err != nil || len(out) != 1 || out[0]["store"] != store {
			t.Errorf("%s --json: %v\n%s", cmd, err, r.stdout)
		}
	}
	r := corets(t, "remove", "--root", root, "--store", store, "notes").ok(t)
	if !strings.Contains(r.stderr, "kept the stored data of notes (1 key, ") || !strings.Contains(r.stderr, " in "+store+": ") {
		t.Errorf("remove: %q", r.stderr)
	}
	// a prefix is a store of its own
	if r := corets(t, "list", "--root", root, "--store", c.URL("other")).ok(t); !strings.HasPrefix(r.stdout, "no modules installed") {
		t.Errorf("another prefix: %q", r.stdout)
	}
	c.Kill(0)
	corets(t, "list", "--root", root, "--store", store).fails(t, exitStoreBusy, store)
	corets(t, "call", "--root", root, "--store", store, "notes", "last").fails(t, exitStoreBusy)
}

// A URL etcdkv refuses is a usage error.
func TestStoreEtcdURLRefused(t *testing.T) {
	t.Parallel()
	for _, u := range []string{"etcd://h:2379/p?nope=1", "etcd://:pw@h:2379", "etcd://h:2379#frag"} {
		corets(t, "list", "--root", t.TempDir(), "--store", u).fails(t, exitUsage, "--store")
	}
}

// A cluster that serves clients over TLS: the command line reaches it with
// etcds:// and --store-ca, and is refused without the CA (the system's
// roots do not know it) or over plain etcd://.
func TestStoreEtcdTLS(t *testing.T) {
	t.Parallel()
	c := etcdtest.StartTLS(t, 1)
	store := "etcds://" + strings.Join(c.Endpoints(), ",") + "/tls"
	root := t.TempDir()
	src := writeModule(t, filepath.Join(t.TempDir(), "notes"), "code: notes\n", `export async function save(v: string) { await core.storeSet("notes", "last", v); }
export async function last() { return await core.storeGet("notes", "last"); }
`)
	corets(t, "install", "--root", root, "--store", store, "--store-ca", c.CAFile(), src).ok(t)
	corets(t, "call", "--root", root, "--store", store, "--store-ca", c.CAFile(), "notes", "save", `"secret"`).ok(t)
	if r := corets(t, "call", "--root", root, "--store", store, "--store-ca", c.CAFile(), "notes", "last").ok(t); r.stdout != "\"secret\"\n" {
		t.Errorf("last over TLS: %q", r.stdout)
	}
	corets(t, "list", "--root", root, "--store", store).fails(t, exitStoreBusy)
	plain := "etcd://" + strings.Join(c.Endpoints(), ",") + "/tls"
	corets(t, "list", "--root", root, "--store", plain).fails(t, exitStoreBusy)
}

// A cluster with auth on that refuses the credentials exits config, not
// store_busy: trying again will not help. The password is not shown.
func TestStoreEtcdAuthRefused(t *testing.T) {
	t.Parallel()
	c := etcdtest.Start(t, 1)
	c.EnableAuth(t, "root", "rootpw")
	hosts := strings.Join(c.Endpoints(), ",")
	root := t.TempDir()
	corets(t, "list", "--root", root, "--store", "etcd://root:rootpw@"+hosts+"/app").ok(t)
	for _, store := range []string{"etcd://root:wrong-secret@" + hosts + "/app", "etcd://" + hosts + "/app"} {
		// (not fails: a password in the URL adds a note on stderr)
		r := corets(t, "list", "--root", root, "--store", store)
		if r.code != exitConfig || !strings.Contains(r.stderr, "corets-wasm: store etcd://") ||
			!strings.Contains(r.stderr, "store refused access") || strings.Contains(r.stderr, "wrong-secret") {
			t.Errorf("%s: exit %d\n%s", store, r.code, r.stderr)
		}
	}
}
