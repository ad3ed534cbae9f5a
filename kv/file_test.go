package kv

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"github.com/corets/corets-wasm/internal/testutil"
)

func TestOpenCreates(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "a", "b", "store.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Path() != path {
		t.Fatalf("Path() = %q", db.Path())
	}
	if OpenMemory(Options{}).Path() != "" {
		t.Fatal("memory store has a path")
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if mode := fi.Mode().Perm(); mode&0o077 != 0 && os.PathSeparator == '/' {
		t.Fatalf("file mode %v, want 0600", mode)
	}
	if _, err := Open("", Options{}); !errors.Is(err, ErrInvalid) {
		t.Fatalf("empty path: %v", err)
	}
}

func TestOpenRefusesOtherFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.db")
	if err := os.WriteFile(junk, []byte(strings.Repeat("not a database ", 1000)), 0o600); err != nil {
		t.Fatal(err)
	}
	if db, err := Open(junk, Options{}); err == nil {
		db.Close()
		t.Fatal("opened a file that is not a store")
	}
}

func TestOpenRefusesForeignBolt(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "other.db")
	bdb, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := bdb.Update(func(tx *bolt.Tx) error {
		_, err := tx.CreateBucket([]byte("someone else's"))
		return err
	}); err != nil {
		t.Fatal(err)
	}
	bdb.Close()
	if db, err := Open(path, Options{}); !errors.Is(err, ErrCorrupt) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("opened another program's bbolt file: %v", err)
	}
}

// TestLowerKeyLimit reopens a store with a smaller key limit: longer keys
// already there can still be listed, read and deleted, not written.
func TestLowerKeyLimit(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "store.db")
	db, err := Open(path, Options{MaxKeyBytes: 100})
	if err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("k", 50)
	must(db.Shared(Quota{}).Set("g", long, []byte("v")))(t)
	must(db.Shared(Quota{}).Set("g", long+"2", []byte("v")))(t)
	db.Close()

	db, err = Open(path, Options{MaxKeyBytes: 10})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := db.Shared(Quota{})
	page, next, err := p.List("g", "", "", 1)
	if err != nil || len(page) != 1 || next != long {
		t.Fatalf("List: %v %q %v", keysOf(page), next, err)
	}
	if _, _, err := p.List("g", "", next, 1); err != nil {
		t.Fatalf("List after a long cursor: %v", err)
	}
	must(p.Get("g", long))(t)
	if _, err := p.Set("g", long, nil); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("Set: %v", err)
	}
	if !must(p.Delete("g", long))(t) {
		t.Fatal("Delete found nothing")
	}
	e := must(p.Get("g", long+"2"))(t)
	if err := p.CompareAndDelete("g", long+"2", e.Version); err != nil {
		t.Fatal(err)
	}
	checkUsage(t, p)
}

// TestReopen closes a store and finds everything in it again.
func TestReopen(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "store.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	parts := func(db *DB) []*Partition {
		return []*Partition{db.Module("a", Quota{}), db.Module("b", Quota{}), db.Shared(Quota{}), db.System()}
	}
	want := map[int]map[string][]Entry{}
	var last []uint64
	for i, p := range parts(db) {
		g := "g"
		if p.kind == kindSystem {
			g = "_g"
		}
		for k := range 20 {
			must(p.Set(g, fmt.Sprint(k), []byte(fmt.Sprint("value ", i, k))))(t)
		}
		must(p.Delete(g, "3"))(t)
		last = append(last, must(p.Set(g+"2", "k", nil))(t))
		want[i] = content(t, p)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}

	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for i, p := range parts(db) {
		if got := content(t, p); fmt.Sprint(got) != fmt.Sprint(want[i]) {
			t.Fatalf("partition %d after reopen:\n%v\nwant\n%v", i, got, want[i])
		}
		checkUsage(t, p)
		g := "g"
		if p.kind == kindSystem {
			g = "_g"
		}
		if v := must(p.Set(g, "new", nil))(t); v != last[i]+1 {
			t.Fatalf("partition %d: version %d after reopen, last was %d", i, v, last[i])
		}
	}
}

// TestCrashKeepsAcknowledgedWrites kills a process that wrote to a store
// without closing it; every write it acknowledged must be there.
func TestCrashKeepsAcknowledgedWrites(t *testing.T) {
	t.Parallel()
	if path := os.Getenv("KV_CRASH_STORE"); path != "" {
		crashChild(path)
		return
	}
	if testing.Short() {
		t.Skip("starts a process")
	}
	dir := t.TempDir()
	path, done := filepath.Join(dir, "store.db"), filepath.Join(dir, "done")
	cmd := exec.Command(os.Args[0], "-test.run=^TestCrashKeepsAcknowledgedWrites$")
	cmd.Env = append(os.Environ(), "KV_CRASH_STORE="+path)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	testutil.WaitFor(t, "the writer to finish", func() bool {
		_, err := os.Stat(done)
		return err == nil
	})
	// Held by the other process.
	if db, err := Open(path, Options{LockTimeout: 100 * time.Millisecond}); !errors.Is(err, ErrLocked) {
		if err == nil {
			db.Close()
		}
		t.Fatalf("Open while another process holds the store: %v", err)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	cmd.Wait()

	db, err := Open(path, Options{LockTimeout: 5 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	p := db.Module("crash", Quota{})
	for i := range crashWrites {
		e, err := p.Get("g", fmt.Sprint(i))
		if err != nil || string(e.Value) != fmt.Sprint("value ", i) {
			t.Fatalf("acknowledged write %d: %+v %v", i, e, err)
		}
	}
	if u := must(p.Usage())(t); u.Keys != crashWrites {
		t.Fatalf("usage %+v", u)
	}
}

const crashWrites = 50

// crashChild writes, says so through a file, and waits to be killed.
func crashChild(path string) {
	db, err := Open(path, Options{})
	if err != nil {
		return
	}
	p := db.Module("crash", Quota{})
	for i := range crashWrites {
		if _, err := p.Set("g", fmt.Sprint(i), []byte(fmt.Sprint("value ", i))); err != nil {
			return
		}
	}
	if os.WriteFile(filepath.Join(filepath.Dir(path), "done"), nil, 0o600) != nil {
		return
	}
	time.Sleep(time.Hour) // not synchronisation: the parent kills it meanwhile
}

func TestLocked(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "store.db")
	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	second, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if err == nil {
		second.Close()
		t.Fatal("a second Open got the file")
	}
	if !errors.Is(err, ErrLocked) || err.Error() != fmt.Sprintf("store %s is in use by another process", path) {
		t.Fatalf("error %v", err)
	}
	db.Close()
	// Released on Close.
	db, err = Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
}
