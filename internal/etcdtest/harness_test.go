package etcdtest

import (
	"errors"
	"strings"
	"testing"
)

// TestStartCluster: a cluster started outside a test serves, fsyncs, and
// turns what would fail a test into an error or a panic.
func TestStartCluster(t *testing.T) {
	if _, err := StartCluster(t.TempDir(), 0, t.Logf); err == nil {
		t.Fatal("0 members started")
	}
	var logged strings.Builder
	c, err := StartCluster(t.TempDir(), 1, func(f string, args ...any) { logged.WriteString(f) })
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if !c.fsync || c.members[0].etcd.Config().UnsafeNoFsync {
		t.Fatal("a harness cluster's member does not fsync")
	}
	if c.Leader() != 0 {
		t.Fatal("no leader")
	}
	if _, err := client(t, c.Endpoints()[0]).Put(ctx(t), "k", "v"); err != nil {
		t.Fatal(err)
	}
	func() {
		defer func() {
			var f harnessFatal
			if r := recover(); r == nil || !errors.As(r.(error), &f) || !strings.Contains(f.msg, "no member 7") {
				t.Fatalf("Kill(7) outside a test: %v", r)
			}
		}()
		c.Kill(7)
	}()
	c.Close()
	c.Close()
}
