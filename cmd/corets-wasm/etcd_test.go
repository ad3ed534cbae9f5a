package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/corets/corets-wasm/internal/etcdtest"
)

// Two app roots (two machines, as far as the command line can tell) on one
// etcd store: what one installs, the other runs, with the same data; what
// one removes, the other no longer has; a store that is gone exits
// store_busy.
func TestStoreOnEtcdTwoRoots(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an etcd member")
	}
	c := etcdtest.Start(t, 1)
	url := c.URL("cli-test")
	rootA, rootB := t.TempDir(), t.TempDir()
	src, err := filepath.Abs(filepath.Join("..", "..", "testdata", "store"))
	if err != nil {
		t.Fatal(err)
	}

	corets(t, "install", "--root", rootA, "--store", url, src).ok(t)
	if r := corets(t, "call", "--root", rootB, "--store", url, "store", "count").ok(t); calls(t, r.stdout) != 1 {
		t.Fatalf("first call on B: %s", r.stdout)
	}
	if r := corets(t, "call", "--root", rootA, "--store", url, "store", "count").ok(t); calls(t, r.stdout) != 2 {
		t.Fatalf("second call, on A: %s", r.stdout)
	}
	if r := corets(t, "list", "--root", rootB, "--store", url).ok(t); !strings.Contains(r.stdout, "store") {
		t.Fatalf("B's list does not show the module installed on A:\n%s", r.stdout)
	}

	corets(t, "remove", "--root", rootA, "--store", url, "store").ok(t)
	corets(t, "call", "--root", rootB, "--store", url, "store", "count").fails(t, exitNotFound, "store")

	c.Close()
	corets(t, "list", "--root", rootB, "--store", url).fails(t, exitStoreBusy)
}

// calls reads the count store's count returns.
func calls(t *testing.T, out string) int {
	t.Helper()
	var v struct{ Calls int }
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("count's result %q: %v", out, err)
	}
	return v.Calls
}
